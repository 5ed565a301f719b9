/**
 * GPX 1.0 / 1.1 → `activities` and `locations`, streamed through saxes.
 *
 * - Each `<trk>` with at least one timestamped point becomes one activities record: start = first
 *   point time, durationSec = last − first, distanceM = haversine sum inside each `<trkseg>`,
 *   avgHeartRate = mean of Garmin TrackPointExtension `hr`, sport from `<type>` or 'unknown'.
 * - Option `points` (default true): every timestamped track point also becomes a locations record
 *   (kind 'point', linked by activityId), and every timestamped `<wpt>` one of kind 'waypoint'.
 *   Points without a time are skipped there (a location needs a time). Routes (`<rte>`) are plans,
 *   not activities, and are ignored.
 */
import {
  TrackAccumulator,
  normalizeSport,
  parseDecimal,
  parseDegrees,
  parseIsoTime,
} from './_activity.ts'
import { StableIds } from './_id.ts'
import { decodeText, headText } from './_source.ts'
import { streamXml } from './_xml_stream.ts'
import type { XmlHandler, XmlPosition } from './_xml_stream.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'gpx'

/** GPX importer. Options: `points` (boolean, default true). */
export const gpxImporter: Importer = {
  format: FORMAT,
  description: 'GPX track log (GPX 1.0/1.1, Garmin heart-rate extension): activities and locations',
  sniff(head, name) {
    const text = headText(head.subarray(0, 4096))
    if (/<gpx[\s>]/.test(text)) return 95
    return /\.gpx$/i.test(name) ? 5 : 0
  },
  read(source, options) {
    return readGpx(source, pointsOption(options))
  },
}

function pointsOption(options: Readonly<Record<string, unknown>> | undefined): boolean {
  const points = options?.['points']
  if (points === undefined) return true
  if (typeof points !== 'boolean') throw new TypeError('options.points must be a boolean')
  return points
}

interface PointDraft {
  lat: number
  lon: number
  time?: number
  ele?: number
  hr?: number
  accuracy?: number
  name?: string
}

function readGpx(source: ImportSource, points: boolean): AsyncGenerator<ImportedRecord> {
  return streamXml(decodeText(source, FORMAT), FORMAT, (out, where) =>
    gpxHandler(out, where, points),
  )
}

function gpxHandler(out: ImportedRecord[], where: () => XmlPosition, points: boolean): XmlHandler {
  const ids = new StableIds(FORMAT)
  let rootChecked = false
  let track:
    { acc: TrackAccumulator; name?: string; type?: string; pending: PointDraft[] } | undefined
  let point: PointDraft | undefined
  const fail = (message: string): never => {
    throw new ImportFormatError(FORMAT, message, where())
  }
  const location = (p: PointDraft, kind: 'point' | 'waypoint', activityId?: string): void => {
    if (p.time === undefined) return
    const record: Record<string, unknown> = {
      id: ids.next([kind, p.time, p.lat, p.lon, p.name]),
      at: p.time,
      lat: p.lat,
      lon: p.lon,
      kind,
      source: FORMAT,
    }
    if (p.ele !== undefined) record['elevationM'] = p.ele
    if (p.accuracy !== undefined) record['accuracyM'] = p.accuracy
    if (p.name !== undefined) record['placeName'] = p.name
    if (activityId !== undefined) record['activityId'] = activityId
    out.push({ collection: 'locations', record })
  }
  return {
    open(name, attributes, path) {
      if (!rootChecked) {
        rootChecked = true
        if (name !== 'gpx') fail(`root element is <${name}>, not <gpx>`)
      }
      if (name === 'trk' && path.length === 2) {
        track = { acc: new TrackAccumulator(), pending: [] }
      } else if (name === 'trkseg') {
        track?.acc.breakSegment()
      } else if (
        (name === 'trkpt' && track !== undefined) ||
        (name === 'wpt' && path.length === 2)
      ) {
        const lat = parseDegrees(attributes['lat'], 90)
        const lon = parseDegrees(attributes['lon'], 180)
        if (lat === undefined || lon === undefined) {
          fail(
            `<${name}> needs numeric lat/lon in range (lat=${JSON.stringify(attributes['lat'] ?? null)}, lon=${JSON.stringify(attributes['lon'] ?? null)})`,
          )
        } else {
          point = { lat, lon }
        }
      }
    },
    close(name, text, path) {
      const parent = path[path.length - 2]
      if (
        point !== undefined &&
        (parent === 'trkpt' || parent === 'wpt' || path.includes('extensions'))
      ) {
        if (name === 'time' && parent !== undefined) {
          point.time =
            parseIsoTime(text) ??
            fail(`<time> ${JSON.stringify(text.trim())} is not an ISO 8601 time`)
        } else if (name === 'ele' && (parent === 'trkpt' || parent === 'wpt')) {
          point.ele =
            parseDecimal(text) ?? fail(`<ele> ${JSON.stringify(text.trim())} is not a number`)
        } else if (name === 'name' && parent === 'wpt') {
          point.name = text.trim()
        } else if (name === 'hr') {
          point.hr =
            parseDecimal(text) ?? fail(`heart rate ${JSON.stringify(text.trim())} is not a number`)
        } else if (name === 'hAcc') {
          const accuracy = parseDecimal(text)
          if (accuracy !== undefined && accuracy >= 0) point.accuracy = accuracy
        }
      }
      if (name === 'trkpt' && point !== undefined && track !== undefined) {
        const p = point
        point = undefined
        track.acc.add({
          lat: p.lat,
          lon: p.lon,
          ...(p.time === undefined ? {} : { time: p.time }),
          ...(p.hr === undefined ? {} : { heartRate: p.hr }),
        })
        // Points are held until </trk> so that they can carry the activity's id.
        if (points) track.pending.push(p)
      } else if (name === 'wpt' && point !== undefined) {
        if (points) location(point, 'waypoint')
        point = undefined
      } else if (track !== undefined && parent === 'trk' && (name === 'name' || name === 'type')) {
        track[name] = text.trim()
      } else if (name === 'trk' && track !== undefined) {
        const summary = track.acc.summary()
        let activityId: string | undefined
        if (summary !== undefined) {
          activityId = ids.next(['trk', summary.startedAt, summary.firstLat, summary.firstLon])
          const record: Record<string, unknown> = {
            id: activityId,
            startedAt: summary.startedAt,
            sport: normalizeSport(track.type),
            durationSec: summary.durationSec,
            distanceM: summary.distanceM,
            source: FORMAT,
          }
          if (summary.avgHeartRate !== undefined) record['avgHeartRate'] = summary.avgHeartRate
          if (track.name !== undefined && track.name !== '')
            record['name'] = track.name.slice(0, 1000)
          out.push({ collection: 'activities', record })
        }
        for (const p of track.pending) location(p, 'point', activityId)
        track = undefined
      }
    },
  }
}
