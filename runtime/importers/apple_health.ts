/**
 * Apple Health `export.xml` (inside the `export.zip` the Health app writes) → `activities` from the
 * `Workout` elements (sport from `HKWorkoutActivityType…`, duration, distance and energy with their
 * units, or from the `WorkoutStatistics` children newer exports use), and → `profile` from the `Me`
 * element (birth year, biological sex) as the person's own data. Streamed through saxes: an export
 * of several GiB is read chunk by chunk; the millions of `Record` samples are passed over.
 */
import { StableIds } from './_id.ts'
import { decodeText, headText } from './_source.ts'
import { streamXml } from './_xml_stream.ts'
import type { XmlHandler, XmlPosition } from './_xml_stream.ts'
import { ImportFormatError } from './errors.ts'
import { normalizeSport } from './sports.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'apple-health'

/** Apple Health export.xml importer. */
export const appleHealthImporter: Importer = {
  format: FORMAT,
  description: 'Apple Health export.xml (workouts → activities, Me → profile)',
  sniff(head, name) {
    const text = headText(head.subarray(0, 16384))
    if (/<HealthData\b/.test(text)) return 95
    return /(?:^|\/)export\.xml$/i.test(name) && /<!DOCTYPE HealthData/.test(text) ? 90 : 0
  },
  read(source) {
    return readAppleHealth(source)
  },
}

function readAppleHealth(source: ImportSource): AsyncIterable<ImportedRecord> {
  return streamXml(decodeText(source, FORMAT), FORMAT, (out, where) => handler(out, where))
}

// Apple writes "2020-01-02 07:30:00 +0100".
function appleTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(text.trim())
  if (m === null) return undefined
  const t = Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`)
  return Number.isFinite(t) ? t : undefined
}

const TO_SECONDS: Readonly<Record<string, number>> = { s: 1, sec: 1, min: 60, hr: 3600, h: 3600 }
const TO_METRES: Readonly<Record<string, number>> = {
  m: 1,
  km: 1000,
  mi: 1609.344,
  yd: 0.9144,
  ft: 0.3048,
}
const TO_KCAL: Readonly<Record<string, number>> = { kcal: 1, Cal: 1, kJ: 1 / 4.184, cal: 0.001 }

interface Draft {
  startedAt: number
  endedAt: number | undefined
  sport: string
  durationSec: number | undefined
  distanceM: number | undefined
  calories: number | undefined
  sourceName: string | undefined
}

function handler(out: ImportedRecord[], where: () => XmlPosition): XmlHandler {
  const ids = new StableIds(FORMAT)
  let rootChecked = false
  let workout: Draft | undefined
  let exportedAt: number | undefined
  const fail = (message: string): never => {
    throw new ImportFormatError(FORMAT, message, where())
  }
  const scaled = (
    value: string | undefined,
    unit: string | undefined,
    table: Readonly<Record<string, number>>,
  ): number | undefined => {
    if (value === undefined || value.trim() === '') return undefined
    const n = Number(value)
    const factor = table[unit ?? ''] ?? undefined
    return Number.isFinite(n) && factor !== undefined ? n * factor : undefined
  }
  return {
    open(name, a) {
      if (!rootChecked) {
        rootChecked = true
        if (name !== 'HealthData') fail(`root element is <${name}>, not <HealthData>`)
        return
      }
      if (name === 'ExportDate') exportedAt = appleTime(a['value'])
      else if (name === 'Me') {
        const updatedAt = exportedAt ?? 0
        const birth = /^(\d{4})-\d{2}-\d{2}$/.exec(
          a['HKCharacteristicTypeIdentifierDateOfBirth'] ?? '',
        )
        const sex = /^HKBiologicalSex(Female|Male|Other)$/.exec(
          a['HKCharacteristicTypeIdentifierBiologicalSex'] ?? '',
        )
        const facts: [string, string][] = []
        if (birth !== null) facts.push(['birthYear', birth[1] ?? ''])
        if (sex !== null) facts.push(['sex', (sex[1] ?? '').toLowerCase()])
        for (const [key, value] of facts) {
          out.push({
            collection: 'profile',
            record: { id: ids.next(['profile', key]), updatedAt, key, value, source: FORMAT },
          })
        }
      } else if (name === 'Workout') {
        const startedAt =
          appleTime(a['startDate']) ??
          fail(`Workout startDate ${JSON.stringify(a['startDate'])} is not a time`)
        workout = {
          startedAt,
          endedAt: appleTime(a['endDate']),
          sport: normalizeSport(a['workoutActivityType']),
          durationSec: scaled(a['duration'], a['durationUnit'], TO_SECONDS),
          distanceM: scaled(a['totalDistance'], a['totalDistanceUnit'], TO_METRES),
          calories: scaled(a['totalEnergyBurned'], a['totalEnergyBurnedUnit'], TO_KCAL),
          sourceName: a['sourceName'],
        }
      } else if (workout !== undefined && name === 'WorkoutStatistics') {
        const type = a['type'] ?? ''
        if (/Distance/.test(type) && workout.distanceM === undefined)
          workout.distanceM = scaled(a['sum'], a['unit'], TO_METRES)
        if (type === 'HKQuantityTypeIdentifierActiveEnergyBurned' && workout.calories === undefined)
          workout.calories = scaled(a['sum'], a['unit'], TO_KCAL)
      }
    },
    close(name) {
      if (name !== 'Workout' || workout === undefined) return
      const w = workout
      workout = undefined
      const durationSec =
        w.durationSec ??
        (w.endedAt !== undefined ? Math.max(0, (w.endedAt - w.startedAt) / 1000) : 0)
      const record: Record<string, unknown> = {
        id: ids.next(['workout', w.startedAt, w.sport, w.sourceName]),
        startedAt: w.startedAt,
        sport: w.sport,
        durationSec: Math.round(durationSec * 10) / 10,
        source: FORMAT,
      }
      if (w.distanceM !== undefined) record['distanceM'] = Math.round(w.distanceM * 10) / 10
      if (w.calories !== undefined) record['calories'] = Math.round(w.calories)
      out.push({ collection: 'activities', record })
    },
  }
}
