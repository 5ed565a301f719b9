/**
 * Cutting folded text into words without making a string per word: positions and a hash per word
 * go into reused typed arrays, and a word becomes a string only when a kernel reports it. Word
 * characters are the guest library's: letters and digits of any script (`\p{L}\p{N}`), or ASCII
 * letters, digits and a few joining characters.
 */

import { KernelArgumentError } from './kernels.ts'

/** The words of one text, as positions into it; reused from row to row. */
export class Tokens {
  text = ''
  count = 0
  start = new Int32Array(64)
  end = new Int32Array(64)
  hash = new Int32Array(64)

  push(start: number, end: number, hash: number): void {
    if (this.count === this.start.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2)
        b.set(a)
        return b
      }
      this.start = grow(this.start)
      this.end = grow(this.end)
      this.hash = grow(this.hash)
    }
    this.start[this.count] = start
    this.end[this.count] = end
    this.hash[this.count++] = hash
  }

  /** Whether word `k` is exactly `word`. */
  is(k: number, word: string): boolean {
    const s = this.start[k]!
    return this.end[k]! - s === word.length && this.text.startsWith(word, s)
  }

  word(k: number): string {
    return this.text.slice(this.start[k], this.end[k])
  }
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** The hash `cut` gives a word (FNV-1a over UTF-16 units). */
export function hashWord(word: string): number {
  let h = FNV_OFFSET
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME)
  return h | 0
}

export interface Tokenizer {
  /** Word characters among ASCII codes (1 = part of a word), for screening ASCII rows. */
  readonly asciiWordCodes: Uint8Array
  /** Puts the words of an already folded text into `out`. */
  cut(text: string, out: Tokens): void
  /** The words of an already folded text, as strings. */
  words(text: string): string[]
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u

/** `letters`: 'unicode' (`\p{L}\p{N}`) or 'ascii' (a–z, 0–9 and the `join` characters). */
export function tokenizer(letters: 'unicode' | 'ascii', join: string): Tokenizer {
  const ascii = new Uint8Array(128)
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c)
    ascii[c] =
      letters === 'unicode' ? (LETTER_OR_DIGIT.test(ch) ? 1 : 0) : /[a-z0-9]/.test(ch) ? 1 : 0
  }
  for (const ch of join) {
    const c = ch.charCodeAt(0)
    if (ch.length !== 1 || c >= 128) throw new KernelArgumentError('join: ASCII characters only')
    ascii[c] = 1
  }
  // Beyond ASCII (unicode only): 0 not yet known, 1 a word character, 2 not.
  const bmp = letters === 'unicode' ? new Uint8Array(0x10000) : undefined
  const astral = new Map<number, boolean>()
  const isWordCp = (cp: number): boolean => {
    if (!bmp) return false
    if (cp < 0x10000) {
      let k = bmp[cp]!
      if (k === 0) bmp[cp] = k = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 1 : 2
      return k === 1
    }
    let k = astral.get(cp)
    if (k === undefined) astral.set(cp, (k = LETTER_OR_DIGIT.test(String.fromCodePoint(cp))))
    return k
  }
  const cut = (s: string, out: Tokens): void => {
    out.text = s
    out.count = 0
    let start = -1
    let h = FNV_OFFSET
    const n = s.length
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i)
      let width = 1
      let word: boolean
      if (c < 128) word = ascii[c] === 1
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
        const d = s.charCodeAt(i + 1)
        if (d >= 0xdc00 && d < 0xe000) {
          width = 2
          word = isWordCp(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000)
        } else word = isWordCp(c)
      } else word = isWordCp(c)
      if (word) {
        if (start < 0) {
          start = i
          h = FNV_OFFSET
        }
        h = Math.imul(h ^ c, FNV_PRIME)
        if (width === 2) h = Math.imul(h ^ s.charCodeAt(i + 1), FNV_PRIME)
      } else if (start >= 0) {
        out.push(start, i, h | 0)
        start = -1
      }
      i += width - 1
    }
    if (start >= 0) out.push(start, n, h | 0)
  }
  return {
    asciiWordCodes: ascii,
    cut,
    words(s) {
      const t = new Tokens()
      cut(s, t)
      return Array.from({ length: t.count }, (_, k) => t.word(k))
    },
  }
}
