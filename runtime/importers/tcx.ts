/**
 * Garmin Training Center (TCX v2) → `activities` and `locations`, streamed through saxes.
 *
 * Each `<Activity>` becomes one activities record: startedAt from `<Id>` (else the first trackpoint),
 * sport from the `Sport` attribute. Duration and distance are the device's own lap totals
 * (`TotalTimeSeconds`, `DistanceMeters`, summed over laps) when the file has them, because a
 * trackpoint list is often trimmed or paused; without them they come from the trackpoints (elapsed
 * time, haversine distance). avgHeartRate is the mean of trackpoint `HeartRateBpm`, else the
 * time-weighted mean of lap `AverageHeartRateBpm`. Option `points` (default true): each timestamped
 * trackpoint with a position also becomes a locations record (kind 'point', linked by activityId).
 */
import {
  TrackAccumulator,
  normalizeSport,
  parseDecimal,
  parseDegrees,
  parseIsoTime,
  round,
} from './_activity.ts'
import { StableIds } from './_id.ts'
import { decodeText, headText } from './_source.ts'
import { streamXml } from './_xml_stream.ts'
import type { XmlHandler, XmlPosition } from './_xml_stream.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'tcx'

/** TCX importer. Options: `points` (boolean, default true). */
export const tcxImporter: Importer = {
  format: FORMAT,
  description: 'Garmin Training Center TCX activity: activities and locations',
  sniff(head, name) {
    const text = headText(head.subarray(0, 4096))
    if (/<TrainingCenterDatabase[\s>]/.test(text)) return 95
    return /\.tcx$/i.test(name) ? 5 : 0
  },
  read(source, options) {
    const points = options?.['points'] ?? true
    if (typeof points !== 'boolean') throw new TypeError('options.points must be a boolean')
    return readTcx(source, points)
  },
}

function readTcx(source: ImportSource, points: boolean): AsyncGenerator<ImportedRecord> {
  return streamXml(decodeText(source, FORMAT), FORMAT, (out, where) =>
    tcxHandler(out, where, points),
  )
}

interface Trackpoint {
  time?: number
  lat?: number
  lon?: number
  ele?: number
  hr?: number
}

interface ActivityDraft {
  readonly sport: string
  readonly acc: TrackAccumulator
  readonly pending: Trackpoint[]
  id?: number
  lapSeconds: number
  lapMeters: number
  lapHrWeighted: number
  lapHrSeconds: number
  hasLapTime: boolean
  hasLapDistance: boolean
  lap?: { seconds?: number; meters?: number; hr?: number } | undefined
}

function tcxHandler(out: ImportedRecord[], where: () => XmlPosition, points: boolean): XmlHandler {
  const ids = new StableIds(FORMAT)
  let rootChecked = false
  let activity: ActivityDraft | undefined
  let point: Trackpoint | undefined
  const fail = (message: string): never => {
    throw new ImportFormatError(FORMAT, message, where())
  }
  const number = (label: string, text: string): number =>
    parseDecimal(text) ?? fail(`<${label}> ${JSON.stringify(text.trim())} is not a number`)
  return {
    open(name, attributes) {
      if (!rootChecked) {
        rootChecked = true
        if (name !== 'TrainingCenterDatabase')
          fail(`root element is <${name}>, not <TrainingCenterDatabase>`)
      }
      if (name === 'Activity') {
        activity = {
          sport: normalizeSport(attributes['Sport']),
          acc: new TrackAccumulator(),
          pending: [],
          lapSeconds: 0,
          lapMeters: 0,
          lapHrWeighted: 0,
          lapHrSeconds: 0,
          hasLapTime: false,
          hasLapDistance: false,
        }
      } else if (activity !== undefined && name === 'Lap') {
        activity.lap = {}
      } else if (activity !== undefined && name === 'Track') {
        activity.acc.breakSegment()
      } else if (activity !== undefined && name === 'Trackpoint') {
        point = {}
      }
    },
    close(name, text, path) {
      if (activity === undefined) return
      const parent = path[path.length - 2]
      const grandparent = path[path.length - 3]
      if (point !== undefined && name !== 'Trackpoint') {
        if (name === 'Time' && parent === 'Trackpoint') {
          point.time =
            parseIsoTime(text) ??
            fail(`<Time> ${JSON.stringify(text.trim())} is not an ISO 8601 time`)
        } else if (name === 'LatitudeDegrees') {
          point.lat =
            parseDegrees(text, 90) ??
            fail(`latitude ${JSON.stringify(text.trim())} is out of range`)
        } else if (name === 'LongitudeDegrees') {
          point.lon =
            parseDegrees(text, 180) ??
            fail(`longitude ${JSON.stringify(text.trim())} is out of range`)
        } else if (name === 'AltitudeMeters') {
          point.ele = number(name, text)
        } else if (name === 'Value' && parent === 'HeartRateBpm') {
          point.hr = number('HeartRateBpm', text)
        }
        return
      }
      if (name === 'Trackpoint' && point !== undefined) {
        const p = point
        point = undefined
        activity.acc.add({
          ...(p.time === undefined ? {} : { time: p.time }),
          ...(p.lat === undefined || p.lon === undefined ? {} : { lat: p.lat, lon: p.lon }),
          ...(p.hr === undefined ? {} : { heartRate: p.hr }),
        })
        if (points) activity.pending.push(p)
      } else if (name === 'Id' && parent === 'Activity') {
        activity.id =
          parseIsoTime(text) ??
          fail(`activity <Id> ${JSON.stringify(text.trim())} is not an ISO 8601 time`)
      } else if (activity.lap !== undefined && parent === 'Lap' && name === 'TotalTimeSeconds') {
        activity.lap.seconds = number(name, text)
      } else if (activity.lap !== undefined && parent === 'Lap' && name === 'DistanceMeters') {
        activity.lap.meters = number(name, text)
      } else if (
        activity.lap !== undefined &&
        name === 'Value' &&
        parent === 'AverageHeartRateBpm' &&
        grandparent === 'Lap'
      ) {
        activity.lap.hr = number('AverageHeartRateBpm', text)
      } else if (name === 'Lap' && activity.lap !== undefined) {
        const lap = activity.lap
        activity.lap = undefined
        if (lap.seconds !== undefined) {
          activity.lapSeconds += lap.seconds
          activity.hasLapTime = true
          if (lap.hr !== undefined) {
            activity.lapHrWeighted += lap.hr * lap.seconds
            activity.lapHrSeconds += lap.seconds
          }
        }
        if (lap.meters !== undefined) {
          activity.lapMeters += lap.meters
          activity.hasLapDistance = true
        }
      } else if (name === 'Activity') {
        emitActivity(activity)
        activity = undefined
      }
    },
  }

  function emitActivity(a: ActivityDraft): void {
    const track = a.acc.summary()
    const startedAt = a.id ?? track?.startedAt
    if (startedAt === undefined) return
    const durationSec = a.hasLapTime ? a.lapSeconds : (track?.durationSec ?? 0)
    const distanceM = a.hasLapDistance ? round(a.lapMeters, 2) : track?.distanceM
    const avgHeartRate =
      track?.avgHeartRate ??
      (a.lapHrSeconds > 0 ? round(a.lapHrWeighted / a.lapHrSeconds, 1) : undefined)
    const activityId = ids.next(['Activity', startedAt, a.sport])
    const record: Record<string, unknown> = {
      id: activityId,
      startedAt,
      sport: a.sport,
      durationSec,
      source: FORMAT,
    }
    if (distanceM !== undefined) record['distanceM'] = distanceM
    if (avgHeartRate !== undefined) record['avgHeartRate'] = avgHeartRate
    out.push({ collection: 'activities', record })
    for (const p of a.pending) {
      if (p.time === undefined || p.lat === undefined || p.lon === undefined) continue
      const location: Record<string, unknown> = {
        id: ids.next(['point', p.time, p.lat, p.lon]),
        at: p.time,
        lat: p.lat,
        lon: p.lon,
        kind: 'point',
        source: FORMAT,
        activityId,
      }
      if (p.ele !== undefined) location['elevationM'] = p.ele
      out.push({ collection: 'locations', record: location })
    }
  }
}
