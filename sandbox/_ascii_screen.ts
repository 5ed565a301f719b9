/**
 * A screen that lets most rows of a text column skip decoding and folding: for a row of ASCII
 * bytes, folding is lower case (and ` becomes '), so its words and their hashes can be read from the
 * bytes directly. A row none of whose words is the first word of an entry, or starts with a stem,
 * cannot match anything and is skipped; every other row (and every row with a non-ASCII byte) takes
 * the exact path. The screen only ever says "maybe" where the exact path could find a match.
 */

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

export interface ScreenSpec {
  /** Word characters among ASCII codes, after folding (1 = part of a word). */
  readonly wordCodes: Uint8Array
  /** Hashes of the entries' first words. */
  readonly firstWords: ReadonlySet<number>
  /** Stems by their first UTF-16 unit. */
  readonly stems: ReadonlyMap<number, readonly { readonly stem: string }[]>
}

/** Folded ASCII code of a byte: A–Z lower-cased, ` made ', others as they are. */
function folded(x: number): number {
  return x >= 0x41 && x <= 0x5a ? x | 0x20 : x === 0x60 ? 0x27 : x
}

/**
 * For bytes [start, end): `undefined` when they are not all ASCII (the screen cannot tell), else
 * whether some word could start an entry or a stem.
 */
export function screenAscii(
  bytes: Uint8Array,
  start: number,
  end: number,
  spec: ScreenSpec,
): boolean | undefined {
  const { wordCodes, firstWords, stems } = spec
  let wordStart = -1
  let h = FNV_OFFSET
  let maybe = false
  for (let b = start; b <= end; b++) {
    const x = b < end ? bytes[b]! : 0x20
    if (x >= 0x80) return undefined
    const c = folded(x)
    if (wordCodes[c] === 1) {
      if (wordStart < 0) {
        wordStart = b
        h = FNV_OFFSET
      }
      h = Math.imul(h ^ c, FNV_PRIME)
      continue
    }
    if (wordStart < 0 || maybe) {
      wordStart = -1
      continue
    }
    if (firstWords.has(h | 0)) maybe = true
    else {
      const list = stems.get(folded(bytes[wordStart]!))
      if (list) {
        for (const { stem } of list) {
          if (b - wordStart < stem.length) continue
          let k = 0
          while (k < stem.length && folded(bytes[wordStart + k]!) === stem.charCodeAt(k)) k++
          if (k === stem.length) {
            maybe = true
            break
          }
        }
      }
    }
    wordStart = -1
  }
  return maybe
}
