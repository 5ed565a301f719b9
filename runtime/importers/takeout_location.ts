/**
 * Google location history → `locations`. Reads the four shapes Google has exported:
 * Takeout `Records.json` (ISO `timestamp`), the legacy `Location History.json` (`timestampMs`),
 * Semantic Location History monthly files (`timelineObjects` of placeVisit / activitySegment), and
 * the on-device Timeline export (`semanticSegments`, `rawSignals`). E7 integers become degrees.
 */
import { StableIds } from './_id.ts'
import {
  FieldReader,
  clip,
  compact,
  isObject,
  maxBytesOption,
  type Draft,
  readJsonDocument,
  sniffText,
  type JsonObject,
} from './_json_export.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'takeout-location'

/** Default cap: Records.json of a decade of history runs to hundreds of MB. */
export const TAKEOUT_LOCATION_MAX_BYTES = 256 * 1024 * 1024

/** What a location record stands for. */
export type LocationKind = 'point' | 'visit' | 'activity-start' | 'activity-end' | 'path'

/** One `locations` record as this importer writes it (optional fields omitted when unknown). */
export type LocationRecord = {
  id: string
  at: number
  lat: number
  lon: number
  kind: LocationKind
  source: string
  endAt?: number
  accuracyM?: number
  placeName?: string
  address?: string
  placeId?: string
  placeType?: string
  activityType?: string
  distanceM?: number
}

/** Google location history (Records.json, Location History.json, Semantic, on-device Timeline). */
export const takeoutLocationImporter: Importer = {
  format: FORMAT,
  description:
    'Google location history: Takeout Records.json / Location History.json, Semantic Location History, on-device Timeline',
  sniff(head, name) {
    const text = sniffText(head).slice(0, 4096)
    if (!text.startsWith('{')) return 0
    if (/"timelineObjects"\s*:/.test(text)) return 90
    if (/"semanticSegments"\s*:|"rawSignals"\s*:/.test(text)) return 90
    if (/"locations"\s*:/.test(text) && /"latitudeE7"\s*:/.test(text)) return 90
    if (/"locations"\s*:/.test(text) && /(Records|Location History)\.json$/i.test(name)) return 60
    return 0
  },
  read(source, options) {
    return readTakeoutLocation(source, options)
  },
}

async function* readTakeoutLocation(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const maxBytes =
    options?.['maxBytes'] === undefined ? TAKEOUT_LOCATION_MAX_BYTES : maxBytesOption(options)
  const doc = await readJsonDocument(source, FORMAT, maxBytes)
  const ids = new StableIds(FORMAT)
  let records: Iterable<LocationRecord>
  if (isObject(doc) && Array.isArray(doc['locations'])) records = fromRecords(doc['locations'], ids)
  else if (isObject(doc) && Array.isArray(doc['timelineObjects'])) {
    records = fromSemantic(doc['timelineObjects'], ids)
  } else if (
    isObject(doc) &&
    (Array.isArray(doc['semanticSegments']) || Array.isArray(doc['rawSignals']))
  ) {
    records = fromDeviceTimeline(doc, ids)
  } else {
    throw new ImportFormatError(
      FORMAT,
      'expected a "locations", "timelineObjects" or "semanticSegments" list at the top level',
    )
  }
  for (const record of records) yield { collection: 'locations', record }
}

/** E7 fixed point → degrees. Old exports overflowed int32 for some points; undo the wrap. */
function e7(value: number, limit: number): number {
  let v = value
  if (v > limit * 1e7) v -= 2 ** 32
  else if (v < -limit * 1e7) v += 2 ** 32
  return v / 1e7
}

function coordinates(r: FieldReader, obj: JsonObject, latKey: string, lonKey: string) {
  const lat = e7(r.number(obj, latKey), 90)
  const lon = e7(r.number(obj, lonKey), 180)
  return checkedLatLon(r, lat, lon)
}

function checkedLatLon(r: FieldReader, lat: number, lon: number): { lat: number; lon: number } {
  if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
    throw r.fail(`coordinates out of range: ${lat}, ${lon}`)
  }
  return { lat, lon }
}

type LocationDraft = Draft<Omit<LocationRecord, 'id'>, 'at' | 'lat' | 'lon' | 'kind' | 'source'>

function make(ids: StableIds, base: LocationDraft): LocationRecord {
  const id = ids.next([base.kind, base.at, base.lat, base.lon, base.endAt])
  return compact<LocationRecord>({
    id,
    ...base,
    activityType: normalType(base.activityType),
    placeType: normalType(base.placeType),
    placeName: clip(base.placeName, 500),
    address: clip(base.address, 1000),
  })
}

/** Google's 'IN_PASSENGER_VEHICLE', 'INFERRED_WORK', 'TYPE_SEARCHED_ADDRESS' → 'in_passenger_vehicle', 'work', 'searched_address'. */
export function normalType(type: string | undefined): string | undefined {
  if (type === undefined) return undefined
  return clip(type.toLowerCase().replace(/^(inferred_|type_)/, ''), 60)
}

/** Records.json and legacy Location History.json: one raw fix per entry. */
function* fromRecords(list: readonly unknown[], ids: StableIds): Generator<LocationRecord> {
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]
    const r = new FieldReader(FORMAT, i + 1, `locations[${i}]`)
    if (!isObject(entry)) throw r.fail('must be an object')
    const at = r.optIsoTime(entry, 'timestamp') ?? r.optEpochMs(entry, 'timestampMs')
    if (at === undefined) throw r.fail('has neither timestamp nor timestampMs')
    const { lat, lon } = coordinates(r, entry, 'latitudeE7', 'longitudeE7')
    yield make(ids, {
      at,
      lat,
      lon,
      kind: 'point',
      source: 'takeout-location:records',
      accuracyM: r.optNumber(entry, 'accuracy'),
      activityType: likeliestActivity(r, entry),
    })
  }
}

/** The most confident type in the first activity reading of a raw fix, if any. */
function likeliestActivity(r: FieldReader, entry: JsonObject): string | undefined {
  const readings = r.array(entry, 'activity')
  const first = readings[0]
  if (!isObject(first)) return undefined
  let best: string | undefined
  let bestConfidence = -1
  for (const guess of r.array(first, 'activity')) {
    if (!isObject(guess)) continue
    const type = r.optString(guess, 'type')
    const confidence = r.optNumber(guess, 'confidence') ?? 0
    if (type !== undefined && confidence > bestConfidence) {
      best = type
      bestConfidence = confidence
    }
  }
  return best
}

/** Semantic Location History: a visit per placeVisit, start and end points per activitySegment. */
function* fromSemantic(list: readonly unknown[], ids: StableIds): Generator<LocationRecord> {
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]
    const r = new FieldReader(FORMAT, i + 1, `timelineObjects[${i}]`)
    if (!isObject(entry)) throw r.fail('must be an object')
    const visit = r.optObject(entry, 'placeVisit')
    const segment = r.optObject(entry, 'activitySegment')
    if (visit !== undefined) yield placeVisit(r, visit, ids)
    else if (segment !== undefined) yield* activitySegment(r, segment, ids)
    else throw r.fail('is neither a placeVisit nor an activitySegment')
  }
}

function semanticDuration(r: FieldReader, obj: JsonObject): { start: number; end: number } {
  const d = r.optObject(obj, 'duration')
  if (d === undefined) throw r.fail('duration is missing')
  const start = r.optIsoTime(d, 'startTimestamp') ?? r.optEpochMs(d, 'startTimestampMs')
  const end = r.optIsoTime(d, 'endTimestamp') ?? r.optEpochMs(d, 'endTimestampMs')
  if (start === undefined || end === undefined) throw r.fail('duration needs a start and an end')
  return { start, end }
}

function placeVisit(r: FieldReader, visit: JsonObject, ids: StableIds): LocationRecord {
  const { start, end } = semanticDuration(r, visit)
  const place = r.optObject(visit, 'location') ?? {}
  const { lat, lon } =
    place['latitudeE7'] !== undefined
      ? coordinates(r, place, 'latitudeE7', 'longitudeE7')
      : coordinates(r, visit, 'centerLatE7', 'centerLngE7')
  return make(ids, {
    at: start,
    endAt: end,
    lat,
    lon,
    kind: 'visit',
    source: 'takeout-location:semantic',
    placeName: r.optString(place, 'name'),
    address: r.optString(place, 'address'),
    placeId: r.optString(place, 'placeId'),
    placeType: r.optString(place, 'semanticType'),
  })
}

function* activitySegment(
  r: FieldReader,
  segment: JsonObject,
  ids: StableIds,
): Generator<LocationRecord> {
  const { start, end } = semanticDuration(r, segment)
  const activityType = r.optString(segment, 'activityType')
  const distanceM = r.optNumber(segment, 'distance')
  for (const [key, kind, at] of [
    ['startLocation', 'activity-start', start],
    ['endLocation', 'activity-end', end],
  ] as const) {
    const where = r.optObject(segment, key)
    if (where === undefined) continue
    const { lat, lon } = coordinates(r, where, 'latitudeE7', 'longitudeE7')
    yield make(ids, {
      at,
      lat,
      lon,
      kind,
      source: 'takeout-location:semantic',
      activityType,
      distanceM,
      ...(kind === 'activity-start' ? { endAt: end } : {}),
    })
  }
}

/** "40.712776°, -74.005974°" or "geo:40.712776,-74.005974" → degrees. */
export function parseLatLngText(text: string): { lat: number; lon: number } | undefined {
  const m = /^\s*(?:geo:)?\s*(-?\d+(?:\.\d+)?)\s*°?\s*,\s*(-?\d+(?:\.\d+)?)\s*°?\s*$/.exec(text)
  if (m === null) return undefined
  return { lat: Number(m[1]), lon: Number(m[2]) }
}

function latLngField(r: FieldReader, obj: JsonObject, key: string) {
  const text = r.optString(obj, key)
  if (text === undefined) return undefined
  const point = parseLatLngText(text)
  if (point === undefined)
    throw r.fail(`${key} is not a "lat°, lng°" point: ${JSON.stringify(text)}`)
  return checkedLatLon(r, point.lat, point.lon)
}

/** On-device Timeline (2024+): visits, activities and path points, then raw position fixes. */
function* fromDeviceTimeline(doc: JsonObject, ids: StableIds): Generator<LocationRecord> {
  const top = new FieldReader(FORMAT, 0, 'timeline')
  const segments = top.array(doc, 'semanticSegments')
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    const r = new FieldReader(FORMAT, i + 1, `semanticSegments[${i}]`)
    if (!isObject(segment)) throw r.fail('must be an object')
    const start = r.optIsoTime(segment, 'startTime')
    const end = r.optIsoTime(segment, 'endTime')
    const visit = r.optObject(segment, 'visit')
    if (visit !== undefined) {
      const candidate = r.optObject(visit, 'topCandidate') ?? {}
      const placeLocation = r.optObject(candidate, 'placeLocation')
      const point =
        placeLocation === undefined ? undefined : latLngField(r, placeLocation, 'latLng')
      if (start === undefined || point === undefined)
        throw r.fail('visit needs startTime and a place')
      yield make(ids, {
        at: start,
        endAt: end,
        ...point,
        kind: 'visit',
        source: 'takeout-location:timeline',
        placeId: r.optString(candidate, 'placeId'),
        placeType: r.optString(candidate, 'semanticType'),
      })
    }
    const activity = r.optObject(segment, 'activity')
    if (activity !== undefined) {
      const candidate = r.optObject(activity, 'topCandidate') ?? {}
      const activityType = r.optString(candidate, 'type')
      const distanceM = r.optNumber(activity, 'distanceMeters')
      for (const [key, kind, at] of [
        ['start', 'activity-start', start],
        ['end', 'activity-end', end],
      ] as const) {
        const holder = r.optObject(activity, key)
        const point = holder === undefined ? undefined : latLngField(r, holder, 'latLng')
        if (point === undefined) continue
        if (at === undefined) throw r.fail('activity needs startTime and endTime')
        yield make(ids, {
          at,
          ...point,
          kind,
          source: 'takeout-location:timeline',
          activityType,
          distanceM,
          ...(kind === 'activity-start' ? { endAt: end } : {}),
        })
      }
    }
    const path = r.array(segment, 'timelinePath')
    for (let j = 0; j < path.length; j++) {
      const p = path[j]
      if (!isObject(p)) throw r.fail(`timelinePath[${j}] must be an object`)
      const point = latLngField(r, p, 'point')
      const at = r.optIsoTime(p, 'time')
      if (point === undefined || at === undefined)
        throw r.fail(`timelinePath[${j}] needs point and time`)
      yield make(ids, { at, ...point, kind: 'path', source: 'takeout-location:timeline' })
    }
  }
  const signals = top.array(doc, 'rawSignals')
  for (let i = 0; i < signals.length; i++) {
    const signal = signals[i]
    const r = new FieldReader(FORMAT, segments.length + i + 1, `rawSignals[${i}]`)
    if (!isObject(signal)) throw r.fail('must be an object')
    const position = r.optObject(signal, 'position')
    if (position === undefined) continue // activity-only and wifi-scan signals have no place
    const point = latLngField(r, position, 'LatLng') ?? latLngField(r, position, 'latLng')
    const at = r.optIsoTime(position, 'timestamp')
    if (point === undefined || at === undefined) throw r.fail('position needs LatLng and timestamp')
    yield make(ids, {
      at,
      ...point,
      kind: 'point',
      source: 'takeout-location:timeline',
      accuracyM: r.optNumber(position, 'accuracyMeters'),
    })
  }
}
