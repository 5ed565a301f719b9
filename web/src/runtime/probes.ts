/**
 * The safety check: hostile modules run straight through the sandbox (no vault, no consent, no
 * data), to show a person that partner code which never ends or eats memory is stopped, with its
 * error code, while the page stays usable.
 */

import type { GuestJob, Sandbox } from '../../../sandbox/index.ts'
import { DEFAULT_LIMITS, type SandboxLimits } from '../../../sandbox/limits.ts'
import { fromHex } from '../../../runtime/crypto/bytes.ts'
import type { ProbeKind, ProbeView } from './host_api.ts'

/** Limits of a probe: short, so the check takes seconds, not the default 2 s + 250 ms each. */
export const PROBE_LIMITS: SandboxLimits = Object.freeze({
  ...DEFAULT_LIMITS,
  memoryBytes: 32 * 1024 * 1024,
  deadlineMs: 1_000,
  graceMs: 250,
})

// (module (import "env" "memory" (memory 1))
//   (func (export "analyze") (result i32) (loop (br 0)) unreachable)
//   (func (export "output_len") (result i32) (i32.const 0)))
// Wasm has no interrupt: only terminating the Worker ends it.
const WASM_ENDLESS_LOOP = fromHex(
  [
    '0061736d01000000', // magic, version 1
    '010501600001 7f', // type 0: () -> i32
    '020f01 03656e76 066d656d6f7279 0200 01', // import env.memory, at least 1 page
    '0303020000', // two functions of type 0
    '071802 07616e616c797a65 0000 0a6f75747075745f6c656e 0001', // export analyze, output_len
    '0a0f02 08 00 0340 0c00 0b 00 0b 04 00 4100 0b', // loop { br 0 } unreachable; i32.const 0
  ]
    .join('')
    .replaceAll(' ', ''),
)

type ProbeJob = Pick<GuestJob, 'engine' | 'code'> & { readonly limits?: SandboxLimits }

const PROBES: Readonly<Record<ProbeKind, () => ProbeJob>> = {
  'endless-loop': () => ({
    engine: 'quickjs',
    // Catching the interrupt does not help: it is uncatchable inside the guest.
    code: 'export function analyze() { for (;;) { try { for (;;) {} } catch (e) {} } }',
  }),
  'native-stall': () => ({
    engine: 'quickjs',
    // One JSON.stringify of a shared tree: a native call the interrupt handler cannot stop.
    code: `export function analyze() {
      let o = { a: 'xxxxxxxxxxxxxxxx' }
      for (let i = 0; i < 19; i++) o = [o, o]
      return JSON.stringify(o).length
    }`,
    // About a second of native work (~14 MB): the hard deadline at 100 + 50 ms ends it mid-call,
    // with enough margin that the soft deadline cannot fire before the call starts.
    limits: { ...DEFAULT_LIMITS, deadlineMs: 100, graceMs: 50 },
  }),
  'wasm-endless-loop': () => ({ engine: 'wasm', code: WASM_ENDLESS_LOOP.slice() }),
  'memory-bomb': () => ({
    engine: 'quickjs',
    code: 'export function analyze() { const a = []; for (;;) a.push(new Float64Array(1 << 20)) }',
  }),
}

/** Whether `kind` names a probe. */
export function isProbeKind(kind: unknown): kind is ProbeKind {
  return typeof kind === 'string' && Object.hasOwn(PROBES, kind)
}

/** Runs one hostile module in `sandbox`; a module that somehow succeeds is reported as such. */
export async function runProbe(sandbox: Sandbox, kind: ProbeKind): Promise<ProbeView> {
  const { limits = PROBE_LIMITS, ...probe } = PROBES[kind]()
  const job: GuestJob = { ...probe, frames: [], now: 0, params: null, limits }
  const result = await sandbox.run(job)
  if (result.ok) {
    return {
      kind,
      code: 'COMPLETED',
      message: 'the module ended on its own',
      hard: false,
      workersStarted: sandbox.workersStarted,
    }
  }
  const error = result.error as { code: string; message: string; hard?: unknown }
  return {
    kind,
    code: error.code,
    message: error.message,
    hard: error.hard === true,
    workersStarted: sandbox.workersStarted,
  }
}
