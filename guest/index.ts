/**
 * `sealpost/guest`: the standard library a partner's JavaScript module may import. `bundle build`
 * inlines what the module uses, so the signed bundle stays one self-contained file; everything
 * here is a pure function of its arguments (no clock, no randomness, no I/O), as guest code must be.
 *
 * ```js
 * import { band, completeMonths, fold } from 'sealpost/guest'
 * ```
 */

export {
  civilFromMs,
  completeMonths,
  completeWeeks,
  DAY_MS,
  daysFromCivil,
  HOUR_MS,
  isoDate,
  isoWeek,
  monthKey,
  monthsBefore,
  monthStart,
  WEEK_MS,
  weekStart,
} from './calendar.ts'
export type { CivilDate, Period } from './calendar.ts'
export { clauses, fold, words } from './text.ts'
export type { FoldOptions } from './text.ts'
export { negatedAt, phraseMatcher } from './phrases.ts'
export type { PhraseLists, PhraseMatch } from './phrases.ts'
export { EARTH_RADIUS_M, haversineMeters, nearestPoint } from './geo.ts'
export type { LatLon } from './geo.ts'
export { band, median, stepBand } from './bands.ts'
export type { Decay, FieldKind, Frame, Input, Where } from './types.ts'
