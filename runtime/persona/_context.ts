/**
 * What every collection generator shares: validated options, the time span, the persona's profile
 * and trips, and the day-by-day clock in the persona's local time.
 */

import type { PersonaProfile } from './profile.ts'
import { makeProfile } from './profile.ts'
import { hashString, personaRecordId } from './_prng.ts'
import { planTrips, type Trip } from './_trips.ts'

/** The collections a persona has, in a fixed order. */
export const PERSONA_COLLECTIONS = [
  'transactions',
  'purchases',
  'posts',
  'follows',
  'messages',
  'activities',
  'locations',
  'flights',
  'health',
  'browsing',
  'profile',
] as const

/** A vault collection name. */
export type CollectionName = (typeof PERSONA_COLLECTIONS)[number]

/** One generated record: flat scalar fields that validate against the collection's schema. */
export type PersonaRecord = Record<string, string | number | boolean>

/** Options of the generator. */
export interface PersonaOptions {
  /** Any integer; the same seed always gives the same persona. */
  readonly seed: number
  /** 1 ≈ a realistic three-year life; counts scale linearly (0.05 for tests, 10 for benchmarks). */
  readonly scale?: number
  /** End of the generated span, ms since epoch (default 2026-01-01T00:00:00Z, so tests are stable). */
  readonly now?: number
  /** Length of the generated span in years, ending at `now` (default 3). */
  readonly years?: number
}

/** Default `now`: a fixed date, so generated vaults do not change with the wall clock. */
export const DEFAULT_NOW = Date.UTC(2026, 0, 1)
/** Default span in years. */
export const DEFAULT_YEARS = 3
/** Largest accepted scale (≈ 300 million records in total). */
export const MAX_SCALE = 10_000

/** Milliseconds in a minute, an hour and a day. */
export const MINUTE_MS = 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

/** Everything a collection generator needs. */
export interface PersonaContext {
  readonly seed: number
  readonly scale: number
  readonly now: number
  /** First ms of the span (inclusive); records fall in [start, now). */
  readonly start: number
  readonly profile: PersonaProfile
  readonly trips: readonly Trip[]
  /** UTC ms of local midnight of each day of the span, first day first. */
  readonly dayStarts: readonly number[]
}

/** Checks options and builds the shared context (cheap: the profile and a trip plan). */
export function personaContext(options: PersonaOptions): PersonaContext {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('options must be an object with a seed')
  }
  const { seed, scale = 1, now = DEFAULT_NOW, years = DEFAULT_YEARS } = options
  if (!Number.isSafeInteger(seed)) throw new TypeError('options.seed must be an integer')
  if (typeof scale !== 'number' || !(scale > 0 && scale <= MAX_SCALE)) {
    throw new RangeError(`options.scale must be a number in (0, ${MAX_SCALE}]`)
  }
  if (!Number.isSafeInteger(now)) throw new TypeError('options.now must be an integer ms time')
  if (typeof years !== 'number' || !(years > 0 && years <= 100)) {
    throw new RangeError('options.years must be a number in (0, 100]')
  }
  const seed32 = seed >>> 0
  const start = now - Math.round(years * 365.25) * DAY_MS
  const profile = makeProfile(seed32, now)
  const offset = profile.city.utcOffsetHours * HOUR_MS
  // Local midnights (standard time) from the one on or before `start` up to `now`.
  const dayStarts: number[] = []
  let day = Math.floor((start + offset) / DAY_MS) * DAY_MS - offset
  while (day < now) {
    dayStarts.push(day)
    day += DAY_MS
  }
  const base = { seed: seed32, scale, now, start, profile, dayStarts }
  return { ...base, trips: planTrips(base) }
}

/** Local day of week of a local midnight: 0 = Monday … 6 = Sunday. */
export function weekday(ctx: PersonaContext, dayStart: number): number {
  const local = dayStart + ctx.profile.city.utcOffsetHours * HOUR_MS
  return (new Date(local).getUTCDay() + 6) % 7
}

/** Local calendar date of a local midnight (year, month 1-12, day 1-31). */
export function localDate(
  ctx: PersonaContext,
  dayStart: number,
): { year: number; month: number; day: number } {
  const d = new Date(dayStart + ctx.profile.city.utcOffsetHours * HOUR_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** True when `at` lies inside the span. */
export function inSpan(ctx: PersonaContext, at: number): boolean {
  return at >= ctx.start && at < ctx.now
}

/** The trip the persona is away on at `at`, if any (from departure to return); binary search. */
export function tripAt(ctx: PersonaContext, at: number): Trip | undefined {
  const trips = ctx.trips
  let lo = 0
  let hi = trips.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const trip = trips[mid] as Trip
    if (at < trip.outbound.departsAt) hi = mid - 1
    else if (at >= trip.inbound.arrivesAt) lo = mid + 1
    else return trip
  }
  return undefined
}

/** A record before its id: the time, and fields (undefined ones are dropped). */
export interface Draft {
  readonly at: number
  readonly fields: Readonly<Record<string, string | number | boolean | undefined>>
}

/** Turns each day's drafts into records in time order, with sequential stable ids. */
export class RecordEmitter {
  readonly #ctx: PersonaContext
  readonly #collectionHash: number
  readonly #timeField: string
  #index = 0

  constructor(ctx: PersonaContext, collection: CollectionName, timeField: string) {
    this.#ctx = ctx
    this.#collectionHash = hashString(collection)
    this.#timeField = timeField
  }

  /** Sorts the drafts by time, drops those outside the span, and yields finished records. */
  *flush(drafts: Draft[]): Generator<PersonaRecord> {
    drafts.sort((a, b) => a.at - b.at)
    for (const draft of drafts) {
      if (!inSpan(this.#ctx, draft.at)) continue
      const record: PersonaRecord = {
        id: personaRecordId(this.#ctx.seed, this.#collectionHash, this.#index++),
        [this.#timeField]: Math.round(draft.at),
      }
      for (const [key, value] of Object.entries(draft.fields)) {
        if (value !== undefined) record[key] = value
      }
      yield record
    }
    drafts.length = 0
  }
}
