/**
 * Guest `fold` (guest/text.ts) at host speed. Whole-string folding (NFC, lower case, NFD, marks
 * removed) costs microseconds a row; but for most characters it is a function of the character
 * alone, so each is folded once and remembered. A character whose folding depends on its neighbours
 * — a combining mark, a Hangul jamo, anything NFC changes, capital sigma (final ς) — sends the
 * whole text through `fold` itself, so the result is always `fold(text, { keep })`.
 */

import { fold } from '../guest/text.ts'

/** Distinct characters remembered per folder; past it, new characters are folded each time. */
const CACHE_LIMIT = 1 << 16

const MARK = /\p{M}/u

function dependsOnNeighbours(cp: number, ch: string): boolean {
  return (
    cp === 0x3a3 || // Σ: σ or final ς
    (cp >= 0x1100 && cp <= 0x11ff) || // Hangul jamo compose under NFC
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xd7b0 && cp <= 0xd7ff) ||
    MARK.test(ch) ||
    ch.normalize('NFC') !== ch
  )
}

/** A function equal to `(text) => fold(text, { keep })`, faster on text of common characters. */
export function fastFolder(keep: string): (text: string) => string {
  const options = { keep }
  const cache = new Map<number, string | null>()
  const charFold = (cp: number): string | null => {
    let f = cache.get(cp)
    if (f !== undefined) return f
    const ch = String.fromCodePoint(cp)
    f = dependsOnNeighbours(cp, ch) ? null : fold(ch, options)
    if (cache.size < CACHE_LIMIT) cache.set(cp, f)
    return f
  }
  return (text) => {
    let out = ''
    let run = 0 // start of the pending run of ASCII characters
    const n = text.length
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      if (c < 0x80) {
        if (c === 0x60) {
          out += text.slice(run, i).toLowerCase() + "'" // fold makes ` an apostrophe
          run = i + 1
        }
        continue
      }
      let cp = c
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
        const d = text.charCodeAt(i + 1)
        if (d >= 0xdc00 && d < 0xe000) cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000
      }
      const f = charFold(cp)
      if (f === null) return fold(text, options)
      out += text.slice(run, i).toLowerCase() + f
      if (cp > 0xffff) i++
      run = i + 1
    }
    return run === 0 ? text.toLowerCase() : out + text.slice(run).toLowerCase()
  }
}
