/**
 * Modules that write everything a run can reach and report what they find of an earlier run, for
 * the pristine-state tests in Node (`quickjs-snapshot.test.ts`, `wasm-pristine.test.ts`) and in
 * Chromium (`tests/web/pristine.test.ts`).
 */
import { name, section, sleb, uleb, vec } from '../hostile/_wasm.ts'

/**
 * Writes everything a run can reach and reports what it found of an earlier run. The module's
 * own top-level state (`calls`) is part of the snapshot, so it reads 0 at the start of every run.
 */
export const MARKER = `
let calls = 0
const cache = new Map()
function deep(n) { return n === 0 ? 0 : 1 + deep(n - 1) }
export function analyze(input) {
  const found = {
    global: typeof globalThis.leak,
    builtin: typeof Array.prototype.leak,
    json: JSON.stringify.leaked === true,
    calls,
    cache: cache.size,
    params: input.params.shops.length,
    frozen: Object.isFrozen(input),
  }
  calls++
  cache.set('x', 'y'.repeat(1000))
  globalThis.leak = 'run data'
  Array.prototype.leak = function () {}
  JSON.stringify.leaked = true
  input.params.shops.push(3)
  // The heap: 4 MiB of strings and typed arrays; the stack: deep recursion.
  const keep = []
  for (let i = 0; i < 64; i++) keep.push(new Float64Array(8192).fill(i), 'run data '.repeat(500) + i)
  found.depth = deep(400)
  found.rows = input.collections.activities.length
  found.sport = input.collections.activities.get('sport', 0)
  return found
}
`

export const PRISTINE = {
  global: 'undefined',
  builtin: 'undefined',
  json: false,
  calls: 0,
  cache: 0,
  params: 2,
  frozen: true,
  depth: 400,
}

const enc = new TextEncoder()
const TEMPLATE = '{"m":0,"g":0,"h":0}'
const at = (key: string) => 16 + TEMPLATE.indexOf(`"${key}":`) + key.length + 3

const i32 = (v: number) => [0x41, ...sleb(v)]
const load8 = [0x2d, 0x00, 0x00]
const store8 = [0x3a, 0x00, 0x00]
const ADD = 0x6a
const SUB = 0x6b
const SHL = 0x74
/** Address of the last byte of the memory as it is now. */
const lastByte = [0x3f, 0x00, ...i32(16), SHL, ...i32(1), SUB]

/**
 * Imports `env.memory`, has one mutable global. `analyze` reports (as digits) the byte at 1000, the
 * global, and the memory's last byte, then sets all three to 1, grows the memory by a page and
 * writes that page's last byte; with `trap` it then traps instead of returning.
 */
export function markerModule(trap: boolean): Uint8Array {
  const report = (key: string, value: number[]) => [
    ...i32(at(key)),
    ...value,
    ...i32(48),
    ADD,
    ...store8,
  ]
  const analyze = [
    ...report('m', [...i32(1000), ...load8]),
    ...report('g', [0x23, 0]),
    ...report('h', [...lastByte, ...load8]),
    ...[...i32(1000), ...i32(1), ...store8],
    ...[...i32(1), 0x24, 0],
    ...[...lastByte, ...i32(1), ...store8],
    ...[...i32(1), 0x40, 0x00, 0x1a],
    ...[...lastByte, ...i32(1), ...store8],
    // A division by zero traps (a bare `unreachable` would read as an allocation failure).
    ...(trap ? [...i32(1), ...i32(0), 0x6d, 0x1a] : []),
    ...i32(16),
  ]
  const body = (code: number[]) => {
    const fn = [0x00, ...code, 0x0b]
    return [...uleb(fn.length), ...fn]
  }
  const output = enc.encode(TEMPLATE)
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, 0x00, 0x01, 0x7f]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec([[0], [0]])),
    ...section(6, vec([[0x7f, 0x01, ...i32(0), 0x0b]])),
    ...section(
      7,
      vec([
        [...name('analyze'), 0x00, 0],
        [...name('output_len'), 0x00, 1],
      ]),
    ),
    ...section(10, vec([body(analyze), body(i32(output.length))])),
    ...section(11, vec([[0x00, ...i32(16), 0x0b, ...uleb(output.length), ...output]])),
  ])
}

/** What the wasm marker module answers in a pristine memory. */
export const WASM_PRISTINE = { m: 0, g: 0, h: 0 }
