/**
 * What GPX, TCX and FIT share: great-circle distance, sport names, strict ISO timestamps, and an
 * accumulator that turns a stream of track points into one `activities` record.
 */

/** Mean Earth radius in metres (IUGG), the usual choice for haversine distances. */
export const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres between two points given in degrees (haversine formula). */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLon = (lon2 - lon1) * rad
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

export { normalizeSport } from './sports.ts'

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/

/** Parses an ISO 8601 date-time (XML Schema dateTime); no zone means UTC. Undefined when invalid. */
export function parseIsoTime(text: string): number | undefined {
  const s = text.trim()
  const m = ISO_TIME.exec(s)
  if (m === null) return undefined
  const month = Number(m[2])
  const day = Number(m[3])
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    Number(m[4]) > 23 ||
    Number(m[5]) > 59 ||
    Number(m[6]) > 60
  ) {
    return undefined
  }
  const t = Date.parse(m[8] === undefined ? `${s}Z` : s)
  return Number.isFinite(t) ? t : undefined
}

/** One sample of a track. */
export interface TrackSample {
  readonly time?: number
  readonly lat?: number
  readonly lon?: number
  readonly heartRate?: number
}

/** Summary of a track, before it becomes an activities record. */
export interface TrackSummary {
  readonly startedAt: number
  readonly durationSec: number
  readonly distanceM: number
  readonly avgHeartRate?: number
  readonly points: number
  readonly firstLat?: number
  readonly firstLon?: number
}

/** Accumulates samples: elapsed time first→last timestamp, haversine distance within segments, mean HR. */
export class TrackAccumulator {
  #first: number | undefined
  #last: number | undefined
  #distance = 0
  #hrSum = 0
  #hrCount = 0
  #points = 0
  #prevLat: number | undefined
  #prevLon: number | undefined
  #firstLat: number | undefined
  #firstLon: number | undefined

  /** A new segment: no distance is counted across the gap between segments. */
  breakSegment(): void {
    this.#prevLat = undefined
    this.#prevLon = undefined
  }

  /** Adds one sample. */
  add(sample: TrackSample): void {
    this.#points++
    if (sample.time !== undefined) {
      this.#first = this.#first === undefined ? sample.time : Math.min(this.#first, sample.time)
      this.#last = this.#last === undefined ? sample.time : Math.max(this.#last, sample.time)
    }
    if (sample.lat !== undefined && sample.lon !== undefined) {
      if (this.#prevLat !== undefined && this.#prevLon !== undefined) {
        this.#distance += haversineM(this.#prevLat, this.#prevLon, sample.lat, sample.lon)
      }
      this.#firstLat ??= sample.lat
      this.#firstLon ??= sample.lon
      this.#prevLat = sample.lat
      this.#prevLon = sample.lon
    }
    if (sample.heartRate !== undefined && sample.heartRate > 0) {
      this.#hrSum += sample.heartRate
      this.#hrCount++
    }
  }

  /** The summary, or undefined when no sample had a timestamp (an activity needs a start). */
  summary(): TrackSummary | undefined {
    if (this.#first === undefined || this.#last === undefined) return undefined
    const summary: TrackSummary = {
      startedAt: this.#first,
      durationSec: (this.#last - this.#first) / 1000,
      distanceM: round(this.#distance, 1),
      points: this.#points,
      ...(this.#hrCount > 0 ? { avgHeartRate: round(this.#hrSum / this.#hrCount, 1) } : {}),
      ...(this.#firstLat !== undefined && this.#firstLon !== undefined
        ? { firstLat: this.#firstLat, firstLon: this.#firstLon }
        : {}),
    }
    return summary
  }
}

/** Rounds to `digits` decimals. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Parses a coordinate in degrees within ±limit, or undefined. */
export function parseDegrees(text: string | undefined, limit: 90 | 180): number | undefined {
  if (text === undefined) return undefined
  const s = text.trim()
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return undefined
  const v = Number(s)
  return Math.abs(v) <= limit ? v : undefined
}

/** Parses a finite decimal number, or undefined. */
export function parseDecimal(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const s = text.trim()
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return undefined
  return Number(s)
}
