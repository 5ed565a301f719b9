/**
 * Strava bulk export `activities.csv` (Settings → My Account → Download or delete your account) →
 * `activities`: one record per row, sport from "Activity Type" through the sport vocabulary, elapsed
 * time, distance (the metre column when the export has both), heart rate, ascent and calories.
 * The per-activity files beside it (`activities/*.gpx|.fit.gz`) hold the same activities: inside an
 * archive they are skipped for this file.
 */
import { csvRows } from './_csv_rows.ts'
import { StableIds } from './_id.ts'
import { decodeText, headText } from './_source.ts'
import { splitCsvLine } from './_bank_csv_layout.ts'
import { ImportFormatError } from './errors.ts'
import { normalizeSport } from './sports.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'strava-csv'
const REQUIRED = ['activity id', 'activity date', 'activity type', 'elapsed time']

/** Strava activities.csv importer. */
export const stravaCsvImporter: Importer = {
  format: FORMAT,
  description: 'Strava bulk export activities.csv',
  sniff(head) {
    const line =
      headText(head)
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/, 1)[0] ?? ''
    const cells = new Set(splitCsvLine(line, ',').map((c) => c.toLowerCase()))
    return REQUIRED.every((r) => cells.has(r)) ? 93 : 0
  },
  read(source) {
    return readStrava(source)
  },
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
} // prettier-ignore

/** Strava writes "Jan 2, 2021, 9:15:32 AM" (UTC) in English exports, ISO in some others. */
export function parseStravaDate(text: string): number | undefined {
  const s = text.trim()
  const m =
    /^([A-Za-z]{3})[a-z]* (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})(?: ?([AP]M))?$/i.exec(s)
  if (m !== null) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()]
    if (month === undefined) return undefined
    let hour = Number(m[4]) % (m[7] === undefined ? 24 : 12)
    if ((m[7] ?? '').toUpperCase() === 'PM') hour += 12
    return Date.UTC(Number(m[3]), month - 1, Number(m[2]), hour, Number(m[5]), Number(m[6]))
  }
  const iso = Date.parse(/Z|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(' ', 'T')}Z`)
  return Number.isFinite(iso) ? iso : undefined
}

async function* readStrava(source: ImportSource): AsyncGenerator<ImportedRecord> {
  const ids = new StableIds(FORMAT)
  let header: string[] | undefined
  for await (const row of csvRows(decodeText(source, FORMAT), FORMAT, ',')) {
    if (header === undefined) {
      header = row.fields.map((f) => f.trim().toLowerCase())
      if (!REQUIRED.every((r) => header?.includes(r)))
        throw new ImportFormatError(FORMAT, 'not a Strava activities.csv header', {
          line: row.line,
        })
      continue
    }
    const h = header
    // Column names repeat ("Elapsed Time", "Distance"): the last one is the precise, SI one.
    const cell = (name: string, which: 'first' | 'last' = 'first'): string | undefined => {
      const i = which === 'first' ? h.indexOf(name) : h.lastIndexOf(name)
      const v = i < 0 ? undefined : row.fields[i]?.trim()
      return v === undefined || v === '' ? undefined : v
    }
    const num = (name: string, which: 'first' | 'last' = 'first'): number | undefined => {
      const v = cell(name, which)
      const n = v === undefined ? Number.NaN : Number(v.replace(/,/g, ''))
      return Number.isFinite(n) ? n : undefined
    }
    const dateText = cell('activity date') ?? ''
    const startedAt = parseStravaDate(dateText)
    if (startedAt === undefined)
      throw new ImportFormatError(
        FORMAT,
        `activity date ${JSON.stringify(dateText)} is not a date`,
        { line: row.line },
      )
    const id = cell('activity id')
    const distanceColumns = h.filter((c) => c === 'distance').length
    const distanceM =
      distanceColumns > 1
        ? num('distance', 'last')
        : (num('distance') ?? Number.NaN) * 1000 || undefined
    const record: Record<string, unknown> = {
      id: ids.next([id, startedAt]),
      startedAt,
      sport: normalizeSport(cell('activity type')),
      durationSec: num('elapsed time') ?? 0,
      source: FORMAT,
    }
    const name = cell('activity name')
    if (name !== undefined) record['name'] = name.slice(0, 1000)
    if (distanceM !== undefined && distanceM >= 0)
      record['distanceM'] = Math.round(distanceM * 10) / 10
    const hr = num('average heart rate')
    if (hr !== undefined && hr > 0 && hr <= 300) record['avgHeartRate'] = hr
    const gain = num('elevation gain')
    if (gain !== undefined && gain >= 0) record['elevationGainM'] = gain
    const calories = num('calories')
    if (calories !== undefined && calories >= 0) record['calories'] = calories
    yield { collection: 'activities', record }
  }
}
