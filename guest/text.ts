/**
 * Text normalisation for matching words across languages and keyboards.
 *
 * ```js
 * import { fold, words } from 'sealpost/guest'
 * fold('Café ?') // 'cafe ?'
 * words('L’enculé!') // ['l', 'encule']
 * ```
 */

export interface FoldOptions {
  /** Lower-case letters to keep as they are (`'ñ'`: in Spanish 'año' is not 'ano'). */
  readonly keep?: string
}

const PRIVATE_USE = 0xe000

/**
 * Lower case, accents removed, ß/œ/æ spelt out, typographic apostrophes made plain:
 * `fold('Scheiße’s ÉTÉ')` is `"scheisse's ete"`.
 */
export function fold(text: string, options: FoldOptions = {}): string {
  let s = text.normalize('NFC').toLowerCase()
  const keep = [...(options.keep ?? '')]
  keep.forEach((c, i) => (s = s.split(c).join(String.fromCharCode(PRIVATE_USE + i))))
  s = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[\u2018\u2019`\u00b4]/g, "'")
  keep.forEach((c, i) => (s = s.split(String.fromCharCode(PRIVATE_USE + i)).join(c)))
  return s
}

/** The words of a text, folded: runs of letters and digits (`words("l'été")` is `['l', 'ete']`). */
export function words(text: string, options: FoldOptions = {}): string[] {
  return fold(text, options).match(/[\p{L}\p{N}]+/gu) ?? []
}

/** The clauses of a text: split at . , ; : ! ? ¡ ¿ and line breaks, empty ones dropped. */
export function clauses(text: string): string[] {
  return text.split(/[.,;:!?\u00a1\u00bf\n]+/).filter((c) => c.trim() !== '')
}
