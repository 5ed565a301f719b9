/**
 * Garmin FIT activity files → `activities` and `locations`, decoded by the small decoder in
 * `_fit_decoder.ts` (CRC checked). Each `session` message becomes one activities record (sport,
 * start_time, total_elapsed_time, total_distance, avg_heart_rate); with option `points` (default
 * true) each `record` message with a position becomes a locations record (semicircles → degrees),
 * linked to the session it falls in. A file without a session is summarised from its records.
 * FIT is binary and read whole, under a size cap.
 */
import { TrackAccumulator, round } from './_activity.ts'
import { decodeFit, FIT_EPOCH_S } from './_fit_decoder.ts'
import type { FitMessage, FitValue } from './_fit_decoder.ts'
import { normalizeSport } from './sports.ts'
import { StableIds } from './_id.ts'
import { readAll } from './_source.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

export { decodeFit, fitCrc } from './_fit_decoder.ts'
export type { FitFile, FitMessage, FitValue } from './_fit_decoder.ts'

const FORMAT = 'fit'

/** FIT files are small (a long ride is a few MB); refuse anything past this by default. */
export const FIT_MAX_BYTES = 32 * 1024 * 1024

// Global message numbers and field numbers from the FIT profile (Profile.xlsx, "Messages").
const MESG = { fileId: 0, session: 18, record: 20 } as const
const SESSION = {
  startTime: 2,
  sport: 5,
  totalElapsedTime: 7,
  totalTimerTime: 8,
  totalDistance: 9,
  avgHeartRate: 16,
  sportProfileName: 110,
} as const
const RECORD = { lat: 0, lon: 1, altitude: 2, heartRate: 3, enhancedAltitude: 78 } as const
const FILE_ID = { serialNumber: 3, timeCreated: 4 } as const

// FIT profile `sport` enum (values 0–48; later values fall back to 'sport_<n>').
const SPORTS = [
  'generic',
  'running',
  'cycling',
  'transition',
  'fitness_equipment',
  'swimming',
  'basketball',
  'soccer',
  'tennis',
  'american_football',
  'training',
  'walking',
  'cross_country_skiing',
  'alpine_skiing',
  'snowboarding',
  'rowing',
  'mountaineering',
  'hiking',
  'multisport',
  'paddling',
  'flying',
  'e_biking',
  'motorcycling',
  'boating',
  'driving',
  'golf',
  'hang_gliding',
  'horseback_riding',
  'hunting',
  'fishing',
  'inline_skating',
  'rock_climbing',
  'sailing',
  'ice_skating',
  'sky_diving',
  'snowshoeing',
  'snowmobiling',
  'stand_up_paddleboarding',
  'surfing',
  'wakeboarding',
  'water_skiing',
  'kayaking',
  'rafting',
  'windsurfing',
  'kitesurfing',
  'tactical',
  'jumpmaster',
  'boxing',
  'floor_climbing',
] as const

/** Degrees per semicircle: FIT stores positions as sint32 fractions of 2^31 = 180°. */
const DEGREES_PER_SEMICIRCLE = 180 / 2 ** 31

/** FIT importer. Options: `points` (boolean, default true), `maxBytes`. */
export const fitImporter: Importer = {
  format: FORMAT,
  description: 'Garmin FIT activity file: activities and locations',
  sniff(head, name) {
    const headerSize = head[0]
    const magic = String.fromCharCode(...head.subarray(8, 12))
    if ((headerSize === 12 || headerSize === 14) && magic === '.FIT') return 95
    return /\.fit$/i.test(name) ? 5 : 0
  },
  read(source, options) {
    const points = options?.['points'] ?? true
    if (typeof points !== 'boolean') throw new TypeError('options.points must be a boolean')
    const maxBytes = options?.['maxBytes'] ?? FIT_MAX_BYTES
    if (typeof maxBytes !== 'number' || !(maxBytes > 0))
      throw new RangeError('options.maxBytes must be a positive number')
    return readFit(source, points, maxBytes)
  },
}

async function* readFit(
  source: ImportSource,
  points: boolean,
  maxBytes: number,
): AsyncGenerator<ImportedRecord> {
  const file = decodeFit(await readAll(source, FORMAT, maxBytes))
  const ids = new StableIds(FORMAT)
  const fileId = file.messages.find((m) => m.global === MESG.fileId)
  const fileKey = [num(fileId, FILE_ID.serialNumber), num(fileId, FILE_ID.timeCreated)]
  const records = file.messages.filter((m) => m.global === MESG.record)
  const sessions = file.messages.filter((m) => m.global === MESG.session)
  const activities: { id: string; startedAt: number }[] = []
  for (const session of sessions) {
    const start = num(session, SESSION.startTime) ?? session.timestamp
    if (start === undefined) continue
    const startedAt = fitTimeToMs(start)
    const sportCode = num(session, SESSION.sport)
    const sport =
      sportCode === undefined
        ? 'unknown'
        : normalizeSport(SPORTS[sportCode] ?? `sport_${sportCode}`)
    const elapsed = num(session, SESSION.totalElapsedTime) ?? num(session, SESSION.totalTimerTime)
    const id = ids.next(['session', ...fileKey, startedAt, sport])
    const record: Record<string, unknown> = {
      id,
      startedAt,
      sport,
      durationSec: elapsed === undefined ? 0 : elapsed / 1000,
      source: FORMAT,
    }
    const distance = num(session, SESSION.totalDistance)
    if (distance !== undefined) record['distanceM'] = distance / 100
    const hr = num(session, SESSION.avgHeartRate)
    if (hr !== undefined) record['avgHeartRate'] = hr
    const name = session.fields.get(SESSION.sportProfileName)
    if (typeof name === 'string') record['name'] = name.slice(0, 1000)
    activities.push({ id, startedAt })
    yield { collection: 'activities', record }
  }
  if (sessions.length === 0 && records.length > 0) {
    const summary = summarise(records)
    if (summary !== undefined) {
      const id = ids.next(['records', ...fileKey, summary.startedAt])
      activities.push({ id, startedAt: summary.startedAt })
      yield {
        collection: 'activities',
        record: { id, ...summary, sport: 'unknown', source: FORMAT },
      }
    }
  }
  if (!points) return
  for (const message of records) {
    const location = recordToLocation(message, activities, ids)
    if (location !== undefined) yield { collection: 'locations', record: location }
  }
}

function recordToLocation(
  message: FitMessage,
  activities: readonly { id: string; startedAt: number }[],
  ids: StableIds,
): Record<string, unknown> | undefined {
  const lat = num(message, RECORD.lat)
  const lon = num(message, RECORD.lon)
  if (lat === undefined || lon === undefined || message.timestamp === undefined) return undefined
  const at = fitTimeToMs(message.timestamp)
  const latDeg = lat * DEGREES_PER_SEMICIRCLE
  const lonDeg = lon * DEGREES_PER_SEMICIRCLE
  if (Math.abs(latDeg) > 90 || Math.abs(lonDeg) > 180) return undefined
  const record: Record<string, unknown> = {
    id: ids.next(['record', at, lat, lon]),
    at,
    lat: latDeg,
    lon: lonDeg,
    kind: 'point',
    source: FORMAT,
  }
  // altitude: uint16 (enhanced: uint32), scale 5, offset 500 m (FIT profile).
  const altitude = num(message, RECORD.enhancedAltitude) ?? num(message, RECORD.altitude)
  if (altitude !== undefined) record['elevationM'] = round(altitude / 5 - 500, 2)
  let owner: string | undefined
  for (const a of activities) if (a.startedAt <= at) owner = a.id
  owner ??= activities[0]?.id
  if (owner !== undefined) record['activityId'] = owner
  return record
}

function summarise(
  records: readonly FitMessage[],
):
  { startedAt: number; durationSec: number; distanceM: number; avgHeartRate?: number } | undefined {
  const acc = new TrackAccumulator()
  for (const m of records) {
    const lat = num(m, RECORD.lat)
    const lon = num(m, RECORD.lon)
    const hr = num(m, RECORD.heartRate)
    acc.add({
      ...(m.timestamp === undefined ? {} : { time: fitTimeToMs(m.timestamp) }),
      ...(lat === undefined || lon === undefined
        ? {}
        : { lat: lat * DEGREES_PER_SEMICIRCLE, lon: lon * DEGREES_PER_SEMICIRCLE }),
      ...(hr === undefined ? {} : { heartRate: hr }),
    })
  }
  const s = acc.summary()
  if (s === undefined) return undefined
  return {
    startedAt: s.startedAt,
    durationSec: s.durationSec,
    distanceM: s.distanceM,
    ...(s.avgHeartRate === undefined ? {} : { avgHeartRate: s.avgHeartRate }),
  }
}

/** FIT seconds since 1989-12-31T00:00:00Z → ms since the Unix epoch. */
export function fitTimeToMs(fitSeconds: number): number {
  return (fitSeconds + FIT_EPOCH_S) * 1000
}

function num(message: FitMessage | undefined, field: number): number | undefined {
  const value: FitValue | undefined = message?.fields.get(field)
  return typeof value === 'number' ? value : undefined
}
