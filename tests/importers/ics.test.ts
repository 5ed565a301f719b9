import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { icsImporter as importer, matchFlight } from '../../runtime/importers/ics.ts'
import { parseICalDate, unescapeText } from '../../runtime/importers/_ical.ts'
import { ImportFormatError } from '../../runtime/importers/errors.ts'
import {
  bytesSource,
  hasSchema,
  ownFixture,
  readAllRecords,
  recordsOf,
  schemaErrors,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'

const TRIPIT = 'calendar/node-ical_tripit-location-escaping.ics'

async function flights(bytes: Uint8Array, chunkSize?: number, options?: Record<string, unknown>) {
  return recordsOf(
    await readAllRecords(importer, bytesSource('cal.ics', bytes, chunkSize), options),
    'flights',
  )
}

describe('iCalendar building blocks', () => {
  it('unescapes TEXT values (RFC 5545 §3.3.11)', () => {
    expect(unescapeText('South San Francisco\\, CA\\; x\\nline\\\\end')).toBe(
      'South San Francisco, CA; x\nline\\end',
    )
  })

  it('reads UTC, zoned and floating DATE-TIME values, across DST', () => {
    expect(parseICalDate('20111011T144500Z', undefined, 'UTC')).toBe(
      Date.parse('2011-10-11T14:45:00Z'),
    )
    expect(parseICalDate('20240705T071000', 'Europe/Zurich', 'UTC')).toBe(
      Date.parse('2024-07-05T05:10:00Z'),
    )
    expect(parseICalDate('20240105T071000', 'Europe/Zurich', 'UTC')).toBe(
      Date.parse('2024-01-05T06:10:00Z'),
    )
    expect(parseICalDate('20240310T030000', 'America/New_York', 'UTC')).toBe(
      Date.parse('2024-03-10T07:00:00Z'),
    )
    expect(parseICalDate('20240112T064500', undefined, 'Asia/Tokyo')).toBe(
      Date.parse('2024-01-11T21:45:00Z'),
    )
    expect(parseICalDate('20240112', undefined, 'UTC')).toBe(Date.parse('2024-01-12T00:00:00Z'))
    expect(parseICalDate('20240112T064500', 'Mars/Olympus', 'UTC')).toBeUndefined()
    expect(parseICalDate('20240231T000000Z', undefined, 'UTC')).toBeUndefined()
  })

  it('finds flight designators and routes, and nothing in other events', () => {
    expect(matchFlight('US403 PHX to SFO')).toEqual({
      carrier: 'US',
      number: '403',
      origin: 'PHX',
      destination: 'SFO',
    })
    expect(matchFlight('Flight LX318 ZRH to LHR')).toMatchObject({ carrier: 'LX', number: '318' })
    expect(matchFlight('U2 1234 GVA - BCN')).toMatchObject({
      carrier: 'U2',
      number: '1234',
      origin: 'GVA',
      destination: 'BCN',
    })
    expect(
      matchFlight(
        'Trip',
        '[Flight] 10/11/2011 US Airways(US) #403 dep PHX 7:45am MST arr SFO 9:55am PDT',
      ),
    ).toMatchObject({ carrier: 'US', number: '403' })
    expect(matchFlight('Directions from SFO to Embassy Suites')).toBeUndefined()
    expect(matchFlight('Pick-up Rental Car: Dollar Rent A Car')).toBeUndefined()
    expect(matchFlight('San Jose, CA, December 2011')).toBeUndefined()
  })
})

describe('ICS flights importer', () => {
  it('recognises a calendar by BEGIN:VCALENDAR', () => {
    expect(importer.sniff(sharedFixture(TRIPIT), 'feed')).toBe(90)
    expect(importer.sniff(new TextEncoder().encode('hello'), 'notes.txt')).toBe(0)
  })

  it('finds the 14 flights among the 47 TripIt events', async () => {
    const rows = await flights(sharedFixture(TRIPIT))
    expect(
      rows.map((r) => `${r['carrier']}${r['flightNumber']} ${r['origin']}-${r['destination']}`),
    ).toEqual([
      'US403 PHX-SFO',
      'CO6256 SFO-PHX',
      'US2719 PHX-SBA',
      'UA5304 SBA-SFO',
      'CO6256 SFO-PHX',
      'US403 PHX-SFO',
      'CO496 SFO-PHX',
      'US282 PHX-SJC',
      'US273 SJC-PHX',
      'US288 SJC-PHX',
      'US282 PHX-SJC',
      'US288 SJC-PHX',
      'US403 PHX-SFO',
      'CO496 SFO-PHX',
    ])
    // "dep PHX 7:45am MST arr SFO 9:55am PDT": 14:45Z → 16:55Z.
    expect(rows[0]).toMatchObject({
      departsAt: Date.parse('2011-10-11T14:45:00Z'),
      arrivesAt: Date.parse('2011-10-11T16:55:00Z'),
      seat: '8B',
      bookingRef: 'DXH9KZ',
      source: 'ics',
    })
    // The confirmation code is folded across two lines in the file ("DXH9K" / " Z").
    expect(rows[3]).toMatchObject({
      carrier: 'UA',
      seat: '11B',
      departsAt: Date.parse('2011-10-25T15:09:00Z'),
    })
  })

  it('handles TZID, quoted parameters, floating times and CRLF (hand-written fixture)', async () => {
    const rows = await flights(ownFixture('flights_tzid.ics'), 5, { timeZone: 'Europe/Zurich' })
    expect(rows).toEqual([
      expect.objectContaining({
        carrier: 'LX',
        flightNumber: '318',
        departsAt: Date.parse('2024-07-05T05:10:00Z'),
        arrivesAt: Date.parse('2024-07-05T07:05:00Z'),
        seat: '14A',
        bookingRef: 'ABC123',
      }),
      expect.objectContaining({
        carrier: 'U2',
        departsAt: Date.parse('2024-01-12T05:45:00Z'),
        arrivesAt: Date.parse('2024-01-12T07:10:00Z'),
      }),
    ])
  })

  it('derives ids from UID: stable across re-imports and chunkings', async () => {
    const a = await flights(sharedFixture(TRIPIT))
    expect(await flights(sharedFixture(TRIPIT), 3)).toEqual(a)
    expect(new Set(a.map((r) => r['id'])).size).toBe(14)
  })

  it('refuses truncated calendars, mismatched END and non-content lines, with a line', async () => {
    const text = new TextDecoder().decode(sharedFixture(TRIPIT))
    const truncated = await thrown(() =>
      readAllRecords(importer, textSource('a.ics', text.slice(0, 2000))),
    )
    expect((truncated as Error).message).toMatch(/truncated/)
    const mismatched = await thrown(() =>
      readAllRecords(importer, textSource('a.ics', 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\n')),
    )
    expect(mismatched).toMatchObject({ code: 'SEALPOST_IMPORT_MALFORMED', position: { line: 3 } })
    const junk = await thrown(() =>
      readAllRecords(
        importer,
        textSource('a.ics', 'BEGIN:VCALENDAR\nthis is not ical\nEND:VCALENDAR\n'),
      ),
    )
    expect(junk).toMatchObject({ position: { line: 2 } })
    const badZone = await thrown(() =>
      readAllRecords(
        importer,
        textSource(
          'a.ics',
          'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:US1 PHX to SFO\nDTSTART;TZID=Nowhere/Land:20200101T000000\nEND:VEVENT\nEND:VCALENDAR\n',
        ),
      ),
    )
    expect((badZone as Error).message).toMatch(/Nowhere\/Land/)
    await expect(
      readAllRecords(importer, textSource('a.ics', ''), { timeZone: 'Not/AZone' }),
    ).rejects.toThrow(RangeError)
  })

  it('property: generated flight events round-trip through folding at any width', async () => {
    const flight = fc
      .record({
        carrier: fc.constantFrom('US', 'LX', 'U2', 'AF', '9W'),
        number: fc.integer({ min: 1, max: 9999 }),
        origin: fc.stringMatching(/^[A-Z]{3}$/),
        destination: fc.stringMatching(/^[A-Z]{3}$/),
        minutes: fc.integer({ min: 0, max: 10_000_000 }),
        note: fc.string({ maxLength: 40 }),
      })
      .filter((f) => f.origin !== f.destination)
    await fc.assert(
      fc.asyncProperty(
        fc.array(flight, { maxLength: 6 }),
        fc.integer({ min: 10, max: 75 }),
        fc.integer({ min: 1, max: 50 }),
        async (list, width, chunk) => {
          const stamp = (m: number) =>
            new Date(Date.UTC(2000, 0, 1) + m * 60_000)
              .toISOString()
              .replace(/[-:]/g, '')
              .slice(0, 15) + 'Z'
          const escape = (s: string) =>
            s
              .replace(/\\/g, '\\\\')
              .replace(/;/g, '\\;')
              .replace(/,/g, '\\,')
              .replace(/\r?\n|\r/g, '\\n')
          const fold = (line: string) => {
            const parts: string[] = []
            for (let i = 0; i < line.length; i += width)
              parts.push((i === 0 ? '' : ' ') + line.slice(i, i + width))
            return parts.join('\r\n')
          }
          const events = list.flatMap((f, i) => [
            'BEGIN:VEVENT',
            `UID:${i}@test`,
            `DTSTART:${stamp(f.minutes)}`,
            `SUMMARY:${f.carrier}${f.number} ${f.origin} to ${f.destination}`,
            `DESCRIPTION:${escape(f.note)}`,
            'END:VEVENT',
            'BEGIN:VEVENT',
            `UID:other-${i}@test`,
            `DTSTART:${stamp(f.minutes)}`,
            `SUMMARY:Note: ${escape(f.note)}`,
            'END:VEVENT',
          ])
          const text =
            ['BEGIN:VCALENDAR', ...events, 'END:VCALENDAR'].map(fold).join('\r\n') + '\r\n'
          const rows = recordsOf(
            await readAllRecords(importer, textSource('g.ics', text, chunk)),
            'flights',
          )
          expect(
            rows.map((r) => [
              r['carrier'],
              r['flightNumber'],
              r['origin'],
              r['destination'],
              r['departsAt'],
            ]),
          ).toEqual(
            list.map((f) => [
              f.carrier,
              String(f.number),
              f.origin,
              f.destination,
              Date.UTC(2000, 0, 1) + f.minutes * 60_000,
            ]),
          )
        },
      ),
      { numRuns: 60 },
    )
  })

  it('property: random input never throws anything but ImportFormatError', async () => {
    const pieces = fc.constantFrom(
      'BEGIN:VCALENDAR\n',
      'END:VCALENDAR\n',
      'BEGIN:VEVENT\n',
      'END:VEVENT\n',
      'SUMMARY:US1 PHX to SFO\n',
      'DTSTART:2020\n',
      'DTSTART;TZID=X:20200101T000000\n',
      ' folded\n',
      ':\n',
      ';a="b:c":d\n',
      'x',
    )
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')),
          fc.string(),
        ),
        async (text) => {
          const error = await thrown(() => readAllRecords(importer, textSource('r.ics', text)))
          if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
        },
      ),
      { numRuns: 300 },
    )
  })

  it.skipIf(!hasSchema('flights'))('yields records valid against the flights schema', async () => {
    expect(
      schemaErrors(await readAllRecords(importer, bytesSource('t.ics', sharedFixture(TRIPIT)))),
    ).toEqual([])
    expect(
      schemaErrors(
        await readAllRecords(importer, bytesSource('t.ics', ownFixture('flights_tzid.ics'))),
      ),
    ).toEqual([])
  })
})
