/**
 * The wasm ABI as a module sees it through the AssemblyScript glue: the same frames as the QuickJS
 * engine (every column kind, missing values, dictionaries, text), the run's time, params, trigger
 * and kernels; and the compiler refusing what the engine would refuse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createSandbox,
  DEFAULT_LIMITS,
  frameFromRecords,
  type Sandbox,
} from '../../sandbox/index.ts'
import type { GuestJob } from '../../sandbox/index.ts'
import { groupSum } from '../../sandbox/kernels.ts'
import { compileAssemblyScript } from '../../sandbox/wasm/compile.ts'
import { WasmCompileError } from '../../sandbox/wasm/errors.ts'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const cacheDir = join(tmpdir(), 'sealpost-wasm-cache')
const GLUE = '../../../sandbox/wasm/as/sealpost'

function compile(name: string, source: string): Promise<Uint8Array> {
  return compileAssemblyScript(join(repoRoot, 'tests/sandbox/wasm', `${name}.ts`), {
    source,
    optimizeLevel: 1,
    cacheDir,
  })
}

const PROBE = `
import { Frame, now, params, triggerRow, triggerCollection, jsonString, output, KIND_NONE } from '${GLUE}'
export { output_len } from '${GLUE}'

function strings(list: string[]): string {
  let out = '['
  for (let i = 0; i < list.length; i++) out += (i > 0 ? ',' : '') + jsonString(list[i])
  return out + ']'
}

export function analyze(): usize {
  const a = Frame.open('activities')!
  const d = a.num('durationSec')!
  let total: f64 = 0
  let missingNumbers = 0
  for (let i = 0; i < d.length; i++) {
    if (isNaN(d[i])) missingNumbers++
    else total += d[i]
  }
  const codes = a.codes('sport')!
  let missingCodes = 0
  for (let i = 0; i < codes.length; i++) if (codes[i] < 0) missingCodes++
  const bools = a.bools('indoor')!
  let trues = 0
  let missingBools = 0
  for (let i = 0; i < bools.length; i++) {
    if (bools[i] == 1) trues++
    else if (bools[i] == 255) missingBools++
  }
  const kinds = [a.kind('startedAt'), a.kind('sport'), a.kind('durationSec'), a.kind('name'), a.kind('indoor'), a.kind('heartRate')]
  let kindsJson = '['
  for (let i = 0; i < kinds.length; i++) kindsJson += (i > 0 ? ',' : '') + kinds[i].toString()
  kindsJson += ']'
  const again = a.num('durationSec')! // served from the glue's cache: no second copy
  const trigger = triggerCollection()
  return output(
    '{"now":' + now().toString() +
    ',"params":' + params() +
    ',"length":' + a.length.toString() +
    ',"kinds":' + kindsJson +
    ',"total":' + total.toString() +
    ',"missingNumbers":' + missingNumbers.toString() +
    ',"firstCode":' + codes[0].toString() +
    ',"missingCodes":' + missingCodes.toString() +
    ',"dict":' + strings(a.dict('sport')!) +
    ',"trues":' + trues.toString() +
    ',"missingBools":' + missingBools.toString() +
    ',"texts":' + strings([a.text('name', 0)!, a.text('name', a.length - 1)!, a.text('name', 3)!]) +
    ',"undeclared":[' + (Frame.open('messages') == null ? 'true' : 'false') + ',' +
      (a.num('sport') == null ? 'true' : 'false') + ',' + (a.text('sport', 0) == null ? 'true' : 'false') + ',' +
      (a.has('heartRate') ? 'false' : 'true') + ',' + (a.kind('heartRate') == KIND_NONE ? 'true' : 'false') + ']' +
    ',"same":' + (again == d ? 'true' : 'false') +
    ',"groupSum":' + a.call('groupSum', '["sport","durationSec"]') +
    ',"trigger":[' + triggerRow().toString() + ',' + (trigger == null ? 'null' : jsonString(trigger!)) + ']' +
    '}'
  )
}
`

const layout = {
  name: 'activities',
  timeField: 'startedAt',
  kinds: {
    startedAt: 'time',
    sport: 'category',
    durationSec: 'number',
    name: 'text',
    indoor: 'bool',
    heartRate: 'number',
  },
} as const

const records = Array.from({ length: 120 }, (_, i) => ({
  startedAt: 1_700_000_000_000 + i * 3_600_000,
  sport: i % 7 === 3 ? undefined : ['running', 'Vélo ✓', 'swimming'][i % 3],
  durationSec: i % 10 === 5 ? undefined : 600 + i,
  name: i === 3 ? '' : `Séance ${i} 🏃 "quoted" \\ back`,
  indoor: i % 11 === 0 ? undefined : i % 2 === 0,
  heartRate: 150,
}))
const fields = ['startedAt', 'sport', 'durationSec', 'name', 'indoor']

let probe: Uint8Array
let sandbox: Sandbox
beforeAll(async () => {
  probe = await compile('probe', PROBE)
  sandbox = createSandbox()
  await sandbox.warmUp()
}, 600_000)
afterAll(async () => {
  await sandbox?.dispose()
})

function job(extra: Partial<GuestJob> = {}): GuestJob {
  return {
    engine: 'wasm',
    code: probe,
    frames: [frameFromRecords(layout, records, fields, 0, Infinity)],
    now: 1_800_000_000_000,
    params: { shops: [1, 2], name: 'Zürich' },
    limits: DEFAULT_LIMITS,
    ...extra,
  }
}

describe('the wasm ABI through the AssemblyScript glue', () => {
  it('gives a module the same frame, time and params as a QuickJS module gets', async () => {
    const r = await sandbox.run(job())
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const out = JSON.parse(r.output)
    const durations = records.map((x) => x.durationSec).filter((x) => x !== undefined)
    const frame = frameFromRecords(layout, records, fields, 0, Infinity)
    const sport = frame.columns.sport!
    expect(out).toEqual({
      now: 1_800_000_000_000,
      params: { shops: [1, 2], name: 'Zürich' },
      length: 120,
      kinds: [1, 3, 2, 4, 5, 0],
      total: durations.reduce((s, x) => s + x, 0),
      missingNumbers: records.length - durations.length,
      firstCode: 0,
      missingCodes: records.filter((x) => x.sport === undefined).length,
      dict: sport.kind === 'category' ? sport.dictionary : [],
      trues: records.filter((x) => x.indoor === true).length,
      missingBools: records.filter((x) => x.indoor === undefined).length,
      texts: [records[0]!.name, records[119]!.name, ''],
      undeclared: [true, true, true, true, true],
      same: true,
      groupSum: groupSum(frame, 'sport', 'durationSec'),
      trigger: [-1, null],
    })
    // durationSec, sport codes, indoor and name (offsets + bytes), each copied once.
    expect(r.stats.columnsCopied).toBe(4)
    expect(r.stats.kernelCalls).toBe(1)
    expect(r.stats.reused).toBe(false)
  })

  it('tells a trigger run which collection fired and from which row', async () => {
    const r = await sandbox.run(job({ trigger: { collection: 'activities', firstRow: 117 } }))
    expect(r.ok && JSON.parse(r.output).trigger).toEqual([117, 'activities'])
  })

  it('sees only the rows of the window it was given', async () => {
    const from = records[100]!.startedAt
    const r = await sandbox.run(
      job({ frames: [frameFromRecords(layout, records, fields, from, Infinity)] }),
    )
    expect(r.ok && JSON.parse(r.output).length).toBe(20)
  })
})

describe('the README’s AssemblyScript example', () => {
  it('compiles and runs as documented', async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('### WebAssembly modules (AssemblyScript)'))
    const source = /```ts\n([\s\S]*?)```/.exec(section)![1]!
    const code = await compile('readme', source)
    const now = 1_800_000_000_000
    const activities = (n: number) =>
      frameFromRecords(
        layout,
        Array.from({ length: 8 }, (_, i) => ({
          startedAt: now - (i < n ? i : 40 + i) * 86_400_000,
        })),
        ['startedAt'],
        0,
        Infinity,
      )
    const outputs = []
    for (const recent of [5, 4]) {
      const r = await sandbox.run({ ...job(), code, now, frames: [activities(recent)] })
      outputs.push(r.ok ? JSON.parse(r.output) : r.error.message)
    }
    expect(outputs).toEqual([{ active: true }, { active: false }])
  })
})

describe('compiling AssemblyScript for the wasm engine', () => {
  it('reports a compile error with the compiler’s diagnostics', async () => {
    const failure = compileAssemblyScript(join(repoRoot, 'tests/sandbox/wasm/broken.ts'), {
      source: `export function analyze(): usize { return notDefined }`,
      optimizeLevel: 0,
    })
    await expect(failure).rejects.toBeInstanceOf(WasmCompileError)
    await expect(failure).rejects.toMatchObject({
      code: 'SEALPOST_WASM_COMPILE',
      diagnostics: expect.stringMatching(/notDefined/),
    })
  })

  it('refuses at build time a module the engine would refuse: Math.random imports env.seed', async () => {
    const failure = compileAssemblyScript(join(repoRoot, 'tests/sandbox/wasm/random.ts'), {
      source: `export { output_len } from '${GLUE}'
        export function analyze(): usize { return <usize>(Math.random() * 10) }`,
      optimizeLevel: 0,
    })
    await expect(failure).rejects.toMatchObject({
      code: 'SEALPOST_WASM_COMPILE',
      message: expect.stringMatching(/env\.seed.*Math\.random/),
    })
  })

  it('refuses a missing entry file', async () => {
    await expect(
      compileAssemblyScript(join(repoRoot, 'tests/sandbox/wasm/nowhere.ts'), { optimizeLevel: 0 }),
    ).rejects.toMatchObject({ code: 'SEALPOST_WASM_COMPILE' })
  })

  it('reuses a cached binary only while every source file is unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sealpost-asc-'))
    try {
      const entry = join(dir, 'index.ts')
      writeFileSync(
        entry,
        `import { value } from './helper'
        export function analyze(): usize { return <usize>value() }
        export function output_len(): i32 { return 0 }`,
      )
      const helper = (v: number) =>
        writeFileSync(join(dir, 'helper.ts'), `export function value(): i32 { return ${v} }`)
      const opts = { optimizeLevel: 0, cacheDir: join(dir, 'cache') } as const
      const answer = async (wasm: Uint8Array<ArrayBuffer>) => {
        const memory = new WebAssembly.Memory({ initial: 1 })
        const { instance } = await WebAssembly.instantiate(wasm, {
          env: { memory, abort: () => undefined },
        })
        return (instance.exports.analyze as () => number)()
      }
      helper(41)
      const first = await compileAssemblyScript(entry, opts)
      expect(await compileAssemblyScript(entry, opts)).toEqual(first)
      helper(42) // an imported file changed: the cached binary no longer applies
      const second = await compileAssemblyScript(entry, opts)
      expect([await answer(first), await answer(second)]).toEqual([41, 42])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('compiles two modules asked for at once, one after the other', async () => {
    const source = (n: number) => `export { output_len } from '${GLUE}'
      export function analyze(): usize { return ${n} }`
    const [a, b] = await Promise.all([
      compileAssemblyScript(join(repoRoot, 'tests/sandbox/wasm/a.ts'), {
        source: source(1),
        optimizeLevel: 0,
      }),
      compileAssemblyScript(join(repoRoot, 'tests/sandbox/wasm/b.ts'), {
        source: source(2),
        optimizeLevel: 0,
      }),
    ])
    expect(a).not.toEqual(b)
    expect(WebAssembly.validate(a!) && WebAssembly.validate(b!)).toBe(true)
  })

  it('refuses bad arguments with errors naming them', async () => {
    await expect(compileAssemblyScript('')).rejects.toThrow(TypeError)
    await expect(
      compileAssemblyScript('x.ts', { optimizeLevel: 7 as unknown as 0 }),
    ).rejects.toThrow(/optimizeLevel/)
  })
})
