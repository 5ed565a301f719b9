/**
 * iCalendar (.ics) → `flights`. Lines are read as a stream, unfolded and unescaped (RFC 5545); every
 * VEVENT whose SUMMARY (or, failing that, DESCRIPTION) carries a flight designator and a route —
 * `US403 PHX to SFO`, TripIt's `[Flight] … (US) #403 dep PHX … arr SFO` — becomes one flights
 * record. Other events are ignored. Times: `Z` is UTC, TZID names an IANA zone, floating times are
 * read in option `timeZone` (default 'UTC').
 */
import { parseContentLine, parseICalDate, unescapeText, unfold } from './_ical.ts'
import type { ContentLine } from './_ical.ts'
import { StableIds } from './_id.ts'
import { decodeText, headText, splitLines } from './_source.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'ics'

/** iCalendar importer (flights only). Options: `timeZone` for floating times (default 'UTC'). */
export const icsImporter: Importer = {
  format: FORMAT,
  description: 'iCalendar (.ics) travel calendar, e.g. a TripIt feed: flights',
  sniff(head, name) {
    const text = headText(head.subarray(0, 1024))
      .replace(/^\uFEFF/, '')
      .trimStart()
    if (/^BEGIN:VCALENDAR/i.test(text)) return 90
    return /\.ics$/i.test(name) ? 5 : 0
  },
  read(source, options) {
    const timeZone = options?.['timeZone'] ?? 'UTC'
    if (typeof timeZone !== 'string')
      throw new TypeError('options.timeZone must be an IANA zone name')
    try {
      new Intl.DateTimeFormat('en-US', { timeZone })
    } catch {
      throw new RangeError(`options.timeZone: unknown time zone ${JSON.stringify(timeZone)}`)
    }
    return readIcs(source, timeZone)
  },
}

/** A flight designator and route found in an event's text. */
export interface FlightMatch {
  readonly carrier: string
  readonly number: string
  readonly origin: string
  readonly destination: string
}

// Carrier: 2-character IATA code (letters and digits, not two digits) or 3-letter ICAO code.
const CARRIER = '((?:[A-Z]{2}|[A-Z][0-9]|[0-9][A-Z])|[A-Z]{3})'
const SUMMARY_FLIGHT = new RegExp(
  `^(?:Flight:?\\s+)?${CARRIER}\\s?(\\d{1,4})[A-Z]?\\b[^A-Za-z]*?(?:from\\s+)?\\(?([A-Z]{3})\\)?\\s*(?:to|-|–|→|>)\\s*\\(?([A-Z]{3})\\)?\\b`,
)
const TRIPIT_FLIGHT = new RegExp(
  `\\(${CARRIER}\\)\\s*#(\\d{1,4})\\s+dep\\s+([A-Z]{3})\\b[^\\n]*?\\barr\\s+([A-Z]{3})\\b`,
)

/** Finds a flight in a SUMMARY ('US403 PHX to SFO') or a TripIt DESCRIPTION; undefined if none. */
export function matchFlight(summary: string, description = ''): FlightMatch | undefined {
  const m = SUMMARY_FLIGHT.exec(summary.trim()) ?? TRIPIT_FLIGHT.exec(description)
  if (m === null) return undefined
  const [, carrier = '', number = '', origin = '', destination = ''] = m
  if (origin === destination) return undefined
  return { carrier, number: String(Number(number)), origin, destination }
}

async function* readIcs(source: ImportSource, timeZone: string): AsyncGenerator<ImportedRecord> {
  const ids = new StableIds(FORMAT)
  const stack: string[] = []
  let event: ContentLine[] | undefined
  let eventLine = 0
  let sawCalendar = false
  for await (const physical of unfold(splitLines(decodeText(source, FORMAT), FORMAT))) {
    if (physical.text.trim() === '') continue
    const line = parseContentLine(physical.text, physical.line)
    if (line === undefined) {
      throw new ImportFormatError(
        FORMAT,
        `not an iCalendar content line: ${JSON.stringify(physical.text.slice(0, 60))}`,
        { line: physical.line },
      )
    }
    if (line.name === 'BEGIN') {
      const component = line.value.trim().toUpperCase()
      if (stack.length === 0 && component !== 'VCALENDAR') {
        throw new ImportFormatError(
          FORMAT,
          `file starts with BEGIN:${component}, not BEGIN:VCALENDAR`,
          { line: line.line },
        )
      }
      sawCalendar = true
      stack.push(component)
      if (component === 'VEVENT') {
        event = []
        eventLine = line.line
      }
      continue
    }
    if (line.name === 'END') {
      const component = line.value.trim().toUpperCase()
      const open = stack.pop()
      if (open !== component) {
        throw new ImportFormatError(
          FORMAT,
          `END:${component} does not close ${open === undefined ? 'anything' : `BEGIN:${open}`}`,
          { line: line.line },
        )
      }
      if (component === 'VEVENT' && event !== undefined) {
        const record = eventToFlight(event, eventLine, timeZone, ids)
        event = undefined
        if (record !== undefined) yield { collection: 'flights', record }
      }
      continue
    }
    if (stack.length === 0) {
      throw new ImportFormatError(FORMAT, `${line.name} outside BEGIN:VCALENDAR`, {
        line: line.line,
      })
    }
    if (event !== undefined && stack[stack.length - 1] === 'VEVENT') event.push(line)
  }
  if (!sawCalendar) throw new ImportFormatError(FORMAT, 'no BEGIN:VCALENDAR', { line: 1 })
  if (stack.length > 0) {
    throw new ImportFormatError(
      FORMAT,
      `file ends inside BEGIN:${stack[stack.length - 1] ?? ''}: it is truncated`,
      {},
    )
  }
}

function eventToFlight(
  lines: readonly ContentLine[],
  eventLine: number,
  timeZone: string,
  ids: StableIds,
): Record<string, unknown> | undefined {
  const get = (name: string): ContentLine | undefined => lines.find((l) => l.name === name)
  const text = (name: string): string => unescapeText(get(name)?.value ?? '')
  const summary = text('SUMMARY')
  const description = text('DESCRIPTION')
  const flight = matchFlight(summary, description)
  if (flight === undefined) return undefined
  const time = (name: string): number | undefined => {
    const line = get(name)
    if (line === undefined) return undefined
    const at = parseICalDate(line.value, line.params['TZID'], timeZone)
    if (at === undefined) {
      const zone =
        line.params['TZID'] === undefined ? '' : ` in zone ${JSON.stringify(line.params['TZID'])}`
      throw new ImportFormatError(
        FORMAT,
        `${name} ${JSON.stringify(line.value)}${zone} is not a date-time this importer can read`,
        { line: line.line },
      )
    }
    return at
  }
  const departsAt = time('DTSTART')
  if (departsAt === undefined)
    throw new ImportFormatError(FORMAT, 'flight event has no DTSTART', { line: eventLine })
  const arrivesAt = time('DTEND')
  const uid = text('UID')
  const record: Record<string, unknown> = {
    id: ids.next(
      uid === '' ? [flight.carrier, flight.number, departsAt] : [uid, get('RECURRENCE-ID')?.value],
    ),
    departsAt,
    carrier: flight.carrier,
    flightNumber: flight.number,
    origin: flight.origin,
    destination: flight.destination,
    source: FORMAT,
  }
  if (arrivesAt !== undefined && arrivesAt >= departsAt) record['arrivesAt'] = arrivesAt
  const seat = /seat\(?s?\)?\s*:?\s*(\d{1,3}[A-K])\b/i.exec(description)?.[1]
  if (seat !== undefined) record['seat'] = seat
  const bookingRef = /\bconf(?:irmation)?\s*#?\s*:?\s*([A-Z0-9]{5,8})\b/i.exec(description)?.[1]
  if (bookingRef !== undefined) record['bookingRef'] = bookingRef.toUpperCase()
  return record
}
