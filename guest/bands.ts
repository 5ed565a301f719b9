/**
 * Bands: the way a module turns a number into one of a few labels, so that what leaves is an enum
 * an auditor can bound (log2 of the number of labels) rather than the number itself.
 *
 * ```js
 * import { band, stepBand } from 'sealpost/guest'
 * band(1800, [[2500, '2500+'], [1500, '1500-2500'], [0, 'under-1500']]) // '1500-2500'
 * stepBand(650, 200, ['0-200', '200-400', '400-600', '600-800', '800+']) // '600-800'
 * ```
 */

/**
 * The label of `value` in a `[lowerBound, label]` table ordered highest first; values below every
 * bound (and NaN) get the last label.
 */
export function band<L>(value: number, table: readonly (readonly [number, L])[]): L {
  if (table.length === 0) throw new RangeError('band: the table is empty')
  for (const [lower, label] of table) if (value >= lower) return label
  return table[table.length - 1]![1]
}

/**
 * The label of equal-width bands of `width` starting at 0: `labels[floor(value / width)]`, clamped
 * to the first and last labels.
 */
export function stepBand<L>(value: number, width: number, labels: readonly L[]): L {
  if (labels.length === 0) throw new RangeError('stepBand: no labels')
  if (!(width > 0)) throw new RangeError('stepBand: width must be positive')
  const i = Math.floor(value / width)
  return labels[Math.max(0, Math.min(labels.length - 1, Number.isFinite(i) ? i : 0))]!
}

/** The median of a non-empty list (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
