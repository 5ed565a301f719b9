/**
 * Hostile class: a wasm module that asks V8 for huge tables, many globals or element segments,
 * or grows a table by hundreds of millions of entries. Before admission bounded them, such a module
 * aborted the whole host process (SIGABRT) when V8 failed the allocation. Each is now refused
 * before instantiation with SEALPOST_MODULE_REJECTED, or its growth fails inside the guest, and
 * the sandbox's next run works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSandbox, DEFAULT_LIMITS, type GuestJob, type Sandbox } from '../../sandbox/index.ts'
import { WASM_ADMISSION_LIMITS } from '../../sandbox/wasm/abi.ts'
import { growTable, hostileModule, type HostileSpec } from './_wasm.ts'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = createSandbox()
  await sandbox.warmUp()
}, 60_000)
afterAll(async () => {
  await sandbox?.dispose()
})

const job = (code: Uint8Array): GuestJob => ({
  engine: 'wasm',
  code,
  frames: [],
  now: 0,
  params: null,
  limits: DEFAULT_LIMITS,
})

async function refused(spec: HostileSpec): Promise<string> {
  const r = await sandbox.run(job(hostileModule(spec)))
  expect(r.ok).toBe(false)
  const line = r.ok ? '' : `${r.error.code} ${r.error.message}`
  // The host is alive and the sandbox serves the next module.
  const next = await sandbox.run(job(hostileModule({})))
  expect(next.ok && next.output).toBe('{"ok":true}')
  return line
}

describe('admitting a wasm module’s tables, globals and element segments', () => {
  it('runs a module with a small bounded table', async () => {
    const r = await sandbox.run(job(hostileModule({ tables: [[1, 16]], elementSegments: 1 })))
    expect(r.ok && r.output).toBe('{"ok":true}')
  })

  it('refuses a table without a declared maximum', async () => {
    expect(await refused({ tables: [[1]] })).toMatch(
      /^SEALPOST_MODULE_REJECTED table 0 declares no maximum size/,
    )
  })

  it('refuses a table of ten million entries before V8 allocates it', async () => {
    expect(await refused({ tables: [[10_000_000, 10_000_000]] })).toMatch(
      /^SEALPOST_MODULE_REJECTED table 0 declares up to 10000000 entries, over the limit of 100000/,
    )
  })

  it('refuses a table whose declared maximum is past the limit, even if it starts small', async () => {
    expect(await refused({ tables: [[1, 0xffffffff]] })).toMatch(
      /^SEALPOST_MODULE_REJECTED table 0 declares up to 4294967295 entries/,
    )
  })

  it('refuses more tables than the limit', async () => {
    const tables = Array.from({ length: WASM_ADMISSION_LIMITS.tables + 1 }, () => [1, 1] as const)
    expect(await refused({ tables })).toMatch(
      /^SEALPOST_MODULE_REJECTED the module declares 5 tables/,
    )
  })

  it('refuses more globals than the limit', async () => {
    expect(await refused({ globals: WASM_ADMISSION_LIMITS.globals + 1 })).toMatch(
      /^SEALPOST_MODULE_REJECTED the module declares 10001 globals, over the limit of 10000/,
    )
  })

  it('refuses more element segments than the limit', async () => {
    const n = WASM_ADMISSION_LIMITS.elementSegments + 1
    expect(await refused({ tables: [[1, 1]], elementSegments: n })).toMatch(
      /^SEALPOST_MODULE_REJECTED the module declares 10001 element segments/,
    )
  })

  it('lets table.grow by 300 million entries fail inside the guest, the host untouched', async () => {
    const r = await sandbox.run(
      job(hostileModule({ tables: [[1, 1000]], analyzePrefix: growTable(300_000_000) })),
    )
    // table.grow past the declared maximum returns -1 to the guest, which carries on.
    expect(r.ok && r.output).toBe('{"ok":true}')
    const within = await sandbox.run(
      job(hostileModule({ tables: [[1, 1000]], analyzePrefix: growTable(999) })),
    )
    expect(within.ok && within.output).toBe('{"ok":true}')
  })
})
