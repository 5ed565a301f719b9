/**
 * Rows of a text column as strings, decoded a block at a time: one `TextDecoder` call per ~64 KiB
 * of UTF-8 instead of one per row, and each row then a slice of the block. The UTF-16 offsets of the
 * rows inside a block come from their UTF-8 bytes; a block whose bytes are not well-formed UTF-8
 * (the count then disagrees with the decoded length, or a row starts inside a character) is decoded
 * row by row, so every row reads exactly as `decode(row bytes)` would.
 */

const BLOCK_BYTES = 64 * 1024
const BLOCK_ROWS = 1024

export class TextRows {
  readonly #offsets: Uint32Array
  readonly #bytes: Uint8Array
  readonly #length: number
  readonly #backwards: boolean
  readonly #decoder = new TextDecoder()
  readonly #units = new Uint32Array(BLOCK_ROWS + 1)
  #text = ''
  #lo = 0
  #hi = 0
  #rowByRow = false

  /** `backwards`: rows will be read from the last to the first, so blocks end at the row asked. */
  constructor(
    column: { offsets: Uint32Array; bytes: Uint8Array },
    length: number,
    backwards: boolean,
  ) {
    this.#offsets = column.offsets
    this.#bytes = column.bytes
    this.#length = length
    this.#backwards = backwards
  }

  /** Row `i` as a string. */
  at(i: number): string {
    if (i < this.#lo || i >= this.#hi) this.#load(i)
    if (this.#rowByRow) {
      return this.#decoder.decode(this.#bytes.subarray(this.#offsets[i]!, this.#offsets[i + 1]!))
    }
    const k = i - this.#lo
    return this.#text.slice(this.#units[k]!, this.#units[k + 1]!)
  }

  #load(i: number): void {
    const off = this.#offsets
    let lo = i
    let hi = i + 1
    if (this.#backwards) {
      while (lo > 0 && hi - lo < BLOCK_ROWS && off[hi]! - off[lo - 1]! <= BLOCK_BYTES) lo--
    } else {
      while (hi < this.#length && hi - lo < BLOCK_ROWS && off[hi + 1]! - off[lo]! <= BLOCK_BYTES) {
        hi++
      }
    }
    this.#lo = lo
    this.#hi = hi
    const bytes = this.#bytes
    this.#text = this.#decoder.decode(bytes.subarray(off[lo]!, off[hi]!))
    // UTF-16 units per row: one per lead byte, two for a 4-byte sequence; continuation bytes none.
    let units = 0
    let pending = 0 // continuation bytes still expected
    let ok = true
    this.#units[0] = 0
    for (let r = lo; r < hi; r++) {
      const end = off[r + 1]!
      for (let b = off[r]!; b < end; b++) {
        const x = bytes[b]!
        if (x < 0x80) {
          if (pending !== 0) ok = false
          units++
        } else if ((x & 0xc0) === 0x80) {
          if (pending === 0) ok = false
          else pending--
        } else {
          if (pending !== 0) ok = false
          pending = x >= 0xf0 ? 3 : x >= 0xe0 ? 2 : 1
          units += x >= 0xf0 ? 2 : 1
        }
      }
      if (pending !== 0) ok = false
      this.#units[r - lo + 1] = units
    }
    this.#rowByRow = !ok || units !== this.#text.length
  }
}
