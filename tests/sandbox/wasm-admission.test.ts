/**
 * What the wasm engine checks before any of a module runs: imports on the allow-list, exactly one
 * bounded memory, the exports it calls. Modules here are written byte by byte (WebAssembly Core
 * Specification §5.5), so each breaks exactly one rule; the engine runs in-process.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_LIMITS, type GuestJob } from '../../sandbox/index.ts'
import { WasmEngine } from '../../sandbox/wasm/engine.ts'
import { MalformedWasmError, readWasmLayout } from '../../sandbox/wasm/_binary.ts'
import { name, section, sleb, uleb, vec } from '../hostile/_wasm.ts'

const enc = new TextEncoder()

const limits = (min: number, max?: number, shared = false): number[] =>
  max === undefined ? [0, ...uleb(min)] : [shared ? 3 : 1, ...uleb(min), ...uleb(max)]

interface Spec {
  /** Extra function imports, all of type () -> i32. */
  readonly funcImports?: readonly (readonly [string, string])[]
  /** Imported memory limits (as env.memory), or undefined. */
  readonly memoryImport?: number[]
  /** Own memory limits, or undefined. */
  readonly memory?: number[]
  readonly exportMemory?: boolean
  readonly exports?: readonly ('analyze' | 'output_len')[]
  /** Output bytes at address 16 (analyze returns 16, output_len their length). */
  readonly output?: string
}

/** A module whose analyze() returns 16 and output_len() the output's length. */
function wasmModule(spec: Spec): Uint8Array {
  const output = enc.encode(spec.output ?? '{"ok":true}')
  const imports = (spec.funcImports ?? []).map(([m, n]) => [...name(m), ...name(n), 0x00, 0])
  if (spec.memoryImport)
    imports.push([...name('env'), ...name('memory'), 0x02, ...spec.memoryImport])
  const nImported = (spec.funcImports ?? []).length
  const body = (value: number): number[] => {
    const code = [0x00, 0x41, ...sleb(value), 0x0b]
    return [...uleb(code.length), ...code]
  }
  const exports: number[][] = (spec.exports ?? ['analyze', 'output_len']).map((e) => [
    ...name(e),
    0x00,
    nImported + (e === 'analyze' ? 0 : 1),
  ])
  if (spec.memory && spec.exportMemory !== false) exports.push([...name('memory'), 0x02, 0])
  const hasMemory = spec.memory !== undefined || spec.memoryImport !== undefined
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([[0x60, 0x00, 0x01, 0x7f]])),
    ...(imports.length ? section(2, vec(imports)) : []),
    ...section(3, vec([[0], [0]])),
    ...(spec.memory ? section(5, vec([spec.memory])) : []),
    ...section(7, vec(exports)),
    ...section(10, vec([body(16), body(output.length)])),
    ...(hasMemory
      ? section(11, vec([[0x00, 0x41, 16, 0x0b, ...uleb(output.length), ...output]]))
      : []),
  ])
}

const engine = new WasmEngine()
const PAGES = DEFAULT_LIMITS.memoryBytes / 65_536

function run(code: Uint8Array, extra: Partial<GuestJob> = {}) {
  return engine.run({
    engine: 'wasm',
    code,
    frames: [],
    now: 0,
    params: null,
    limits: DEFAULT_LIMITS,
    ...extra,
  })
}

async function refusal(code: Uint8Array) {
  const r = await run(code)
  expect(r.ok).toBe(false)
  return r.ok ? { code: '', message: '' } : r.error
}

describe('wasm admission', () => {
  it('runs a module that imports a memory without a maximum: the host sets the bound', async () => {
    const r = await run(wasmModule({ memoryImport: limits(1) }))
    expect(r.ok && r.output).toBe('{"ok":true}')
  })

  it('runs a module with its own memory declared within the bound, exported', async () => {
    const r = await run(wasmModule({ memory: limits(1, PAGES), output: '"é"' }))
    expect(r.ok && r.output).toBe('"é"')
  })

  it('refuses an own memory without a maximum', async () => {
    const e = await refusal(wasmModule({ memory: limits(1) }))
    expect(e.code).toBe('SEALPOST_MODULE_REJECTED')
    expect(e.message).toMatch(/unbounded memory/)
  })

  it('refuses an own memory whose maximum is over the bound', async () => {
    const e = await refusal(wasmModule({ memory: limits(1, PAGES + 1) }))
    expect(e).toEqual({
      code: 'SEALPOST_MODULE_REJECTED',
      message: 'the module declares a memory of up to 64.06 MiB, over the bound of 64 MiB',
    })
    // A tighter bound from the manifest counts, not the default.
    const small = await run(wasmModule({ memory: limits(1, 400) }), {
      limits: { ...DEFAULT_LIMITS, memoryBytes: 16 << 20 },
    })
    expect(small.ok === false && small.error.message).toMatch(/over the bound of 16 MiB/)
  })

  it('refuses a memory it does not export, since the host could not read the output', async () => {
    const e = await refusal(wasmModule({ memory: limits(1, 2), exportMemory: false }))
    expect(e.message).toMatch(/must export its memory as 'memory'/)
  })

  it('refuses an imported memory that needs more than the bound at start', async () => {
    const e = await refusal(wasmModule({ memoryImport: limits(PAGES + 1) }))
    expect(e.code).toBe('SEALPOST_MODULE_REJECTED')
    expect(e.message).toMatch(/needs 64.06 MiB of memory at start, over the bound of 64 MiB/)
  })

  it('refuses a shared memory', async () => {
    const e = await refusal(wasmModule({ memoryImport: limits(1, 2, true) }))
    expect(e.message).toMatch(/shared or 64-bit memory/)
  })

  it('refuses a module with no memory', async () => {
    const e = await refusal(wasmModule({}))
    expect(e.message).toMatch(/exactly one linear memory, it has 0/)
  })

  it('refuses every import outside the allow-list, naming it', async () => {
    for (const [m, n] of [
      ['env', 'fetch'],
      ['env', 'seed'],
      ['wasi_snapshot_preview1', 'fd_write'],
      ['sealpost', 'constructor'],
      ['sealpost', '__proto__'],
    ] as const) {
      const e = await refusal(wasmModule({ memoryImport: limits(1), funcImports: [[m, n]] }))
      expect(e.code).toBe('SEALPOST_MODULE_REJECTED')
      expect(e.message).toContain(`'${m}.${n}' (function)`)
    }
  })

  it('admits the allow-listed host functions', async () => {
    const r = await run(
      wasmModule({
        memoryImport: limits(1),
        funcImports: [
          ['env', 'abort'],
          ['sealpost', 'rows'],
          ['sealpost', 'kernel'],
        ],
      }),
    )
    expect(r.ok).toBe(true)
  })

  it('refuses a module without analyze or output_len', async () => {
    for (const exports of [['output_len'], ['analyze']] as const) {
      const e = await refusal(wasmModule({ memoryImport: limits(1), exports }))
      expect(e.code).toBe('SEALPOST_GUEST_ERROR')
      expect(e.message).toMatch(/does not export a function/)
    }
  })

  it('refuses output over the cap before reading it', async () => {
    const r = await run(wasmModule({ memoryImport: limits(1), output: 'x'.repeat(101) }), {
      limits: { ...DEFAULT_LIMITS, outputBytes: 100 },
    })
    expect(r.ok === false && r.error).toEqual({
      code: 'SEALPOST_OUTPUT_TOO_LARGE',
      message: 'output is 101 bytes, over the cap of 100 bytes',
    })
  })

  it('refuses any byte string that is not an admissible module, and never throws', async () => {
    const valid = wasmModule({ memoryImport: limits(1) })
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          // A valid module with one byte changed.
          fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
            const m = valid.slice()
            m[i] = b
            return m
          }),
        ),
        async (bytes) => {
          const r = await run(bytes)
          if (!r.ok) {
            expect(r.error.code).toMatch(
              /^SEALPOST_(MODULE_REJECTED|GUEST_ERROR|GUEST_OUT_OF_MEMORY|OUTPUT_TOO_LARGE)$/,
            )
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('reading a wasm binary’s imports and memories', () => {
  it('reads import names, kinds and memory limits', () => {
    const layout = readWasmLayout(
      wasmModule({ memoryImport: limits(3, 9), funcImports: [['sealpost', 'now']] }),
    )
    expect(layout).toEqual({
      imports: [
        { module: 'sealpost', name: 'now', kind: 'function' },
        {
          module: 'env',
          name: 'memory',
          kind: 'memory',
          limits: { min: 3, max: 9, shared: false, memory64: false },
        },
      ],
      memories: [],
      tables: [],
      globals: 0,
      elementSegments: 0,
      elementBytes: 0,
    })
  })

  it('refuses an import name that is not UTF-8 as malformed (found by the property below)', () => {
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 2, 3, 1, 1, 128])
    expect(() => readWasmLayout(bytes)).toThrow(MalformedWasmError)
    expect(() => readWasmLayout(bytes)).toThrow('not valid UTF-8')
  })

  it('throws only MalformedWasmError on arbitrary bytes', () => {
    const prefix = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.boolean(), (tail, withHeader) => {
        const bytes = withHeader ? new Uint8Array([...prefix, ...tail]) : tail
        try {
          readWasmLayout(bytes)
        } catch (e) {
          expect(e).toBeInstanceOf(MalformedWasmError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
