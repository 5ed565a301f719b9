/**
 * Hostile WebAssembly modules written byte by byte (WebAssembly Core Specification 2.0, §5.5):
 * each one declares exactly the thing under test beside a valid `analyze`/`output_len` pair and
 * its own bounded memory.
 */

const enc = new TextEncoder()

export const uleb = (n: number): number[] => {
  const out: number[] = []
  do {
    let b = n & 0x7f
    n = Math.floor(n / 128)
    if (n) b |= 0x80
    out.push(b)
  } while (n)
  return out
}

/** Signed LEB128 of a 32-bit integer. */
export const sleb = (v: number): number[] => {
  const out: number[] = []
  for (;;) {
    const b = v & 0x7f
    v >>= 7
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b)
      return out
    }
    out.push(b | 0x80)
  }
}

/** A name: its UTF-8 length, then its bytes. */
export const name = (s: string): number[] => [...uleb(enc.encode(s).length), ...enc.encode(s)]
/** A vector: its length, then its items. */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()]
/** A section: its id, its size, then its body. */
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body]

export interface HostileSpec {
  /** Tables as [min, max?] in entries (funcref). */
  readonly tables?: readonly (readonly [number, number?])[]
  /** Number of i32 globals to define. */
  readonly globals?: number
  /** Number of empty active element segments on table 0. */
  readonly elementSegments?: number
  /** Instructions run by analyze() before it returns 16 (must leave the stack empty). */
  readonly analyzePrefix?: readonly number[]
  /** Output bytes at address 16. */
  readonly output?: string
}

/** A module with its own memory (1..16 pages), exported, and `analyze`/`output_len`. */
export function hostileModule(spec: HostileSpec): Uint8Array {
  const output = enc.encode(spec.output ?? '{"ok":true}')
  const body = (code: number[]): number[] => {
    const fn = [0x00, ...code, 0x0b]
    return [...uleb(fn.length), ...fn]
  }
  const tables = (spec.tables ?? []).map(([min, max]) =>
    max === undefined ? [0x70, 0x00, ...uleb(min)] : [0x70, 0x01, ...uleb(min), ...uleb(max)],
  )
  const globals = Array.from({ length: spec.globals ?? 0 }, () => [0x7f, 0x00, 0x41, 0x00, 0x0b])
  // flags 0: active on table 0, offset expression, vector of function indices (empty here).
  const elements = Array.from({ length: spec.elementSegments ?? 0 }, () => [
    0x00, 0x41, 0x00, 0x0b, 0x00,
  ])
  const exports = [
    [...name('analyze'), 0x00, 0],
    [...name('output_len'), 0x00, 1],
    [...name('memory'), 0x02, 0],
  ]
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, 0x00, 0x01, 0x7f]])),
    ...section(3, vec([[0], [0]])),
    ...(tables.length ? section(4, vec(tables)) : []),
    ...section(5, vec([[0x01, 1, 16]])),
    ...(globals.length ? section(6, vec(globals)) : []),
    ...section(7, vec(exports)),
    ...(elements.length ? section(9, vec(elements)) : []),
    ...section(
      10,
      vec([
        body([...(spec.analyzePrefix ?? []), 0x41, ...sleb(16)]),
        body([0x41, ...sleb(output.length)]),
      ]),
    ),
    ...section(11, vec([[0x00, 0x41, 16, 0x0b, ...uleb(output.length), ...output]])),
  ])
}

/** `table.grow 0` by `n` entries of ref.null, result dropped (reference types, §5.4.5). */
export const growTable = (n: number): number[] => [
  0xd0,
  0x70,
  0x41,
  ...sleb(n),
  0xfc,
  0x0f,
  0x00,
  0x1a,
]
