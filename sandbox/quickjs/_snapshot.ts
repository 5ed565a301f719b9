/**
 * Pristine snapshots of a QuickJS instance's linear memory, and their restore.
 *
 * The engine build is an emscripten image laid out by wasm-ld as
 *
 *     [ static data + bss | stack (grows down from stackTop) | heap: stackTop … brk ]
 *
 * with `brk` (the allocator's break, emscripten's `sbrk` variable) only ever growing: emscripten's
 * dlmalloc never gives memory back. So between two calls into the engine, the bytes a run can
 * have written lie in three places: the static region, the top of the stack (QuickJS bounds its
 * own C stack with `setMaxStackSize`), and the heap up to the current break. A restore writes
 * exactly those back: the snapshot's bytes where it had any, zeros elsewhere, and zeros over
 * whatever the heap grew to during the run. It never needs to know which pages a run touched.
 *
 * Two checks keep that argument honest: every restore reads a guard band below the restored
 * stack (a run that went deeper would have left bytes there), and `verify()` compares the whole
 * memory with the snapshot byte for byte (the tests call it after every kind of hostile run; the
 * engine calls it every so often in production).
 */

/** Pages of this size are the unit of the snapshot's zero/non-zero runs. */
const PAGE = 4096
/** Bytes below the restored stack that must still be zero after a run (the guard band). */
const STACK_GUARD_BYTES = 64 * 1024
/** Room for bss after the last initialised data segment. */
const BSS_ALLOWANCE = 64 * 1024

/** Where the engine build keeps its state; derived once per build (see `probeEngineLayout`). */
export interface EngineLayout {
  /** End of the static data and bss (page-rounded, with room to spare). */
  readonly staticEnd: number
  /** The initial stack pointer: the stack grows down from here, the heap starts here. */
  readonly stackTop: number
  /** Address of the allocator's break (a u32 in linear memory). */
  readonly brkAddress: number
}

/** What a build's binary says about its layout: the stack pointer's start and the data's end. */
export interface EngineImage {
  readonly stackTop: number
  readonly dataEnd: number
}

/**
 * Reads the stack pointer's initial value (global 0, `i32.const`) and the end of the active data
 * segments from the engine's own binary. Throws on anything it does not expect: this reads the
 * engine build we ship, never partner code.
 */
export function readEngineImage(bytes: Uint8Array): EngineImage {
  let at = 8
  const byte = (): number => {
    if (at >= bytes.length) throw new Error('engine image: unexpected end')
    return bytes[at++]!
  }
  const uleb = (): number => {
    let result = 0
    let scale = 1
    for (let i = 0; i < 5; i++) {
      const b = byte()
      result += (b & 0x7f) * scale
      if ((b & 0x80) === 0) return result
      scale *= 128
    }
    throw new Error('engine image: LEB128 too long')
  }
  const sleb32 = (): number => {
    let result = 0
    let shift = 0
    let b: number
    do {
      b = byte()
      result |= (b & 0x7f) << shift
      shift += 7
    } while (b & 0x80 && shift < 35)
    if (shift < 32 && b & 0x40) result |= -1 << shift
    return result
  }
  const i32Const = (): number => {
    if (byte() !== 0x41) throw new Error('engine image: expected i32.const')
    const v = sleb32()
    if (byte() !== 0x0b) throw new Error('engine image: expected end')
    return v
  }
  let stackTop: number | undefined
  let dataEnd = 0
  while (at < bytes.length) {
    const id = byte()
    const size = uleb()
    const end = at + size
    if (id === 6) {
      uleb() // count
      byte() // value type
      byte() // mutability
      stackTop = i32Const()
    } else if (id === 11) {
      const count = uleb()
      for (let i = 0; i < count; i++) {
        if (uleb() !== 0) throw new Error('engine image: expected active data segments')
        const offset = i32Const()
        const length = uleb()
        at += length
        dataEnd = Math.max(dataEnd, offset + length)
      }
    }
    at = end
  }
  if (stackTop === undefined || stackTop <= 0) throw new Error('engine image: no stack pointer')
  return { stackTop, dataEnd }
}

/**
 * Finds the allocator's break in a fresh instance: the one word of the static region that points
 * into the heap, moves up by at least the size of a large allocation, and stays put when that
 * allocation is freed. The instance is left with a larger heap; use a throwaway one.
 */
export function probeEngineLayout(
  memory: WebAssembly.Memory,
  image: EngineImage,
  malloc: (bytes: number) => number,
  free: (pointer: number) => void,
): EngineLayout {
  const staticEnd = roundUp(image.dataEnd + BSS_ALLOWANCE)
  if (staticEnd >= image.stackTop) throw new Error('engine layout: no room for the stack')
  const words = (): Uint32Array => new Uint32Array(memory.buffer.slice(0, staticEnd))
  const before = words()
  const size = 4 << 20
  const p = malloc(size)
  if (p === 0) throw new Error('engine layout: probe allocation failed')
  const grown = words()
  free(p)
  const freed = words()
  const candidates: number[] = []
  for (let i = 0; i < before.length; i++) {
    const a = before[i]!
    const b = grown[i]!
    // The break moves by the allocation less whatever the top chunk already held.
    if (a >= image.stackTop && b - a >= size / 2 && freed[i] === b) candidates.push(i * 4)
  }
  if (candidates.length !== 1) {
    throw new Error(`engine layout: ${candidates.length} candidates for the allocator's break`)
  }
  return { staticEnd, stackTop: image.stackTop, brkAddress: candidates[0]! }
}

/** A run of pages: copied from `bytes`, or zero-filled when `bytes` is undefined. */
interface Run {
  readonly start: number
  readonly end: number
  readonly bytes: Uint8Array | undefined
}

/** A copy of the bytes a run may change, taken between two calls into the engine. */
export class MemorySnapshot {
  readonly #layout: EngineLayout
  readonly #runs: readonly Run[]
  readonly #brk: number
  readonly #stackLow: number
  /** Bytes of linear memory when the snapshot was taken. */
  readonly byteLength: number

  private constructor(layout: EngineLayout, runs: Run[], brk: number, stackLow: number, n: number) {
    this.#layout = layout
    this.#runs = runs
    this.#brk = brk
    this.#stackLow = stackLow
    this.byteLength = n
  }

  /**
   * Copies the static region, the top `stackBytes` of the stack and the heap up to the break.
   * Only non-zero pages are stored.
   */
  static capture(
    memory: WebAssembly.Memory,
    layout: EngineLayout,
    stackBytes: number,
  ): MemorySnapshot {
    const u8 = new Uint8Array(memory.buffer)
    const brk = readBrk(u8, layout)
    const stackLow = Math.max(layout.staticEnd, roundDown(layout.stackTop - stackBytes))
    if (brk < layout.stackTop || brk > u8.length) {
      throw new Error('snapshot: the allocator break is out of range')
    }
    const runs: Run[] = []
    pageRuns(u8, 0, layout.staticEnd, runs)
    pageRuns(u8, stackLow, brk, runs)
    return new MemorySnapshot(layout, runs, brk, stackLow, u8.length)
  }

  /** Bytes stored (the non-zero pages). */
  get storedBytes(): number {
    let n = 0
    for (const r of this.#runs) if (r.bytes) n += r.bytes.length
    return n
  }

  /** Bytes the next restore writes at least (the snapshot's regions). */
  get restoredBytes(): number {
    let n = 0
    for (const r of this.#runs) n += r.end - r.start
    return n
  }

  /** Where the heap ended when the snapshot was taken. */
  get brk(): number {
    return this.#brk
  }

  /** The allocator's current break in `memory` (how far the heap reaches now). */
  currentBrk(memory: WebAssembly.Memory): number {
    return readBrk(new Uint8Array(memory.buffer), this.#layout)
  }

  /**
   * Puts `memory` back to the snapshot's bytes. Returns false (and leaves the memory as it is)
   * when the run left it in a state a restore cannot vouch for: a break outside the memory or
   * below the snapshot's, or bytes in the guard band under the restored stack. The caller then
   * drops the instance.
   */
  restore(memory: WebAssembly.Memory): boolean {
    const u8 = new Uint8Array(memory.buffer)
    const brk = readBrk(u8, this.#layout)
    if (brk < this.#brk || brk > u8.length || u8.length < this.byteLength) return false
    if (
      !isZero(
        u8,
        Math.max(this.#layout.staticEnd, this.#stackLow - STACK_GUARD_BYTES),
        this.#stackLow,
      )
    ) {
      return false
    }
    for (const r of this.#runs) {
      if (r.bytes) u8.set(r.bytes, r.start)
      else u8.fill(0, r.start, r.end)
    }
    if (brk > this.#brk) u8.fill(0, this.#brk, brk)
    return true
  }

  /**
   * Compares all of `memory` with the snapshot: the snapshot's bytes in its regions, zeros
   * everywhere else (up to the memory's current size). Returns the first differing offset, or
   * -1 when the memory is byte-identical to the pristine state. Reads the whole memory: for
   * tests and occasional audits, not for every run.
   */
  firstDifference(memory: WebAssembly.Memory): number {
    const u8 = new Uint8Array(memory.buffer)
    let at = 0
    for (const r of this.#runs) {
      if (!isZero(u8, at, r.start)) return firstNonZero(u8, at, r.start)
      if (r.bytes) {
        for (let i = 0; i < r.bytes.length; i++)
          if (u8[r.start + i] !== r.bytes[i]) return r.start + i
      } else if (!isZero(u8, r.start, r.end)) return firstNonZero(u8, r.start, r.end)
      at = r.end
    }
    if (!isZero(u8, at, u8.length)) return firstNonZero(u8, at, u8.length)
    return -1
  }
}

function readBrk(u8: Uint8Array, layout: EngineLayout): number {
  return new DataView(u8.buffer).getUint32(layout.brkAddress, true)
}

function roundUp(n: number): number {
  return Math.ceil(n / PAGE) * PAGE
}

function roundDown(n: number): number {
  return Math.floor(n / PAGE) * PAGE
}

/** Appends [start, end) as runs of non-zero pages (copied) and zero pages (to fill). */
function pageRuns(u8: Uint8Array, start: number, end: number, out: Run[]): void {
  let runStart = start
  let runZero: boolean | undefined
  for (let p = start; p < end; p += PAGE) {
    const zero = isZero(u8, p, Math.min(end, p + PAGE))
    if (runZero === undefined) runZero = zero
    if (zero !== runZero) {
      out.push({ start: runStart, end: p, bytes: runZero ? undefined : u8.slice(runStart, p) })
      runStart = p
      runZero = zero
    }
  }
  if (runStart < end) {
    out.push({ start: runStart, end, bytes: runZero ? undefined : u8.slice(runStart, end) })
  }
}

/**
 * Whether u8[start, end) is all zero: bytes up to a 32-byte boundary, then eight 32-bit words at a
 * time (BigUint64Array reads allocate and run about 6× slower here).
 */
function isZero(u8: Uint8Array, start: number, end: number): boolean {
  let i = start
  while (i < end && i % 32 !== 0) if (u8[i++] !== 0) return false
  const blocksEnd = end - ((end - i) % 32)
  if (blocksEnd > i) {
    const w = new Int32Array(u8.buffer, i, (blocksEnd - i) / 4)
    for (let k = 0; k < w.length; k += 8) {
      if (
        (w[k]! |
          w[k + 1]! |
          w[k + 2]! |
          w[k + 3]! |
          w[k + 4]! |
          w[k + 5]! |
          w[k + 6]! |
          w[k + 7]!) !==
        0
      ) {
        return false
      }
    }
    i = blocksEnd
  }
  while (i < end) if (u8[i++] !== 0) return false
  return true
}

function firstNonZero(u8: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) if (u8[i] !== 0) return i
  return -1
}
