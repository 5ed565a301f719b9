/** Search predicates: field filters (`where`) and accent- and case-insensitive full-text terms. */

import type { ResolvedCollection } from './_collections.ts'
import type { PlainRecord } from './_columns.ts'

/** A range filter; bounds are inclusive (`gte`/`lte`) or exclusive (`gt`/`lt`). */
export interface RangeFilter {
  readonly gte?: number | string
  readonly lte?: number | string
  readonly gt?: number | string
  readonly lt?: number | string
}

export type FieldFilter = string | number | boolean | RangeFilter

/** Folds text for matching: NFKD, combining marks dropped, lower case ("Café" → "cafe"). */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

function isRange(f: FieldFilter): f is RangeFilter {
  return typeof f === 'object' && f !== null
}

function matchesRange(v: unknown, r: RangeFilter): boolean {
  if (typeof v !== 'number' && typeof v !== 'string') return false
  if (r.gte !== undefined && !(v >= r.gte)) return false
  if (r.lte !== undefined && !(v <= r.lte)) return false
  if (r.gt !== undefined && !(v > r.gt)) return false
  if (r.lt !== undefined && !(v < r.lt)) return false
  return true
}

/**
 * A predicate for `where` (every field must match: equal value, or inside the range) and `text`
 * (every whitespace-separated term must occur in some text or category field).
 */
export function recordMatcher(
  collection: ResolvedCollection,
  where: Readonly<Record<string, FieldFilter>> | undefined,
  text: string | undefined,
): (r: PlainRecord) => boolean {
  const { kinds, name } = collection.layout
  const filters = Object.entries(where ?? {})
  for (const [field, filter] of filters) {
    if (!Object.hasOwn(kinds, field))
      throw new RangeError(`where.${field}: ${name} has no field '${field}'`)
    const ok =
      ['string', 'number', 'boolean'].includes(typeof filter) ||
      (isRange(filter) && !Array.isArray(filter))
    if (!ok) throw new TypeError(`where.${field} must be a value or {gte, lte, gt, lt}`)
  }
  const terms =
    text === undefined
      ? []
      : foldText(text)
          .split(/\s+/)
          .filter((t) => t !== '')
  const textFields = Object.keys(kinds).filter(
    (f) => kinds[f] === 'text' || kinds[f] === 'category',
  )
  return (r) => {
    for (const [field, filter] of filters) {
      const v = r[field]
      if (isRange(filter) ? !matchesRange(v, filter) : v !== filter) return false
    }
    if (terms.length === 0) return true
    const haystack = textFields
      .map((f) => r[f])
      .filter((v): v is string => typeof v === 'string')
      .map(foldText)
    return terms.every((t) => haystack.some((h) => h.includes(t)))
  }
}
