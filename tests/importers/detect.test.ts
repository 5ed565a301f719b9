import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { fileURLToPath } from 'node:url'
import {
  detectFormat,
  importFile,
  importers,
  sourceFromBytes,
  sourceFromFile,
  stableId,
  UnknownFormatError,
} from '../../runtime/importers/index.ts'
import type { ImportedRecord, ImportSource } from '../../runtime/importers/index.ts'
import { StableIds } from '../../runtime/importers/_id.ts'
import { decodeText, splitLines } from '../../runtime/importers/_source.ts'
import { parseAmount, parseDateWithPattern } from '../../runtime/importers/_values.ts'
import { sharedFixture, textSource } from './_exports.ts'

const MINE: readonly [string, string][] = [
  ['bank/csv2ofx_schwab-checking.csv', 'bank-csv'],
  ['bank/csv2ofx_ingesp.csv', 'bank-csv'],
  ['bank/csv2ofx_ubs-ch-fr_trimmed.csv', 'bank-csv'],
  ['bank/ofxparse_bank_medium.ofx', 'ofx'],
  ['bank/ofxparse_checking.ofx', 'ofx'],
  ['bank/ofxparse_suncorp.ofx', 'ofx'],
  ['bank/actual_utf-8.qfx', 'ofx'],
  ['wearables/run.gpx', 'gpx'],
  ['wearables/apple_watch_route.gpx', 'gpx'],
  ['wearables/cerknicko-jezero.gpx', 'gpx'],
  ['wearables/tour_hr.tcx', 'tcx'],
  ['wearables/garmin-fenix-5-run.fit', 'fit'],
  ['calendar/node-ical_tripit-location-escaping.ics', 'ics'],
]

async function collect(iterable: AsyncIterable<ImportedRecord>): Promise<ImportedRecord[]> {
  const out: ImportedRecord[] = []
  for await (const r of iterable) out.push(r)
  return out
}

/** A stream that can be read only once, like a network upload. */
function oneShot(name: string, bytes: Uint8Array, chunk: number): ImportSource {
  let read = false
  return {
    name,
    async *chunks() {
      if (read) throw new Error('read twice')
      read = true
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk)
    },
  }
}

describe('format detection', () => {
  it('picks the right importer for every fixture from content alone (neutral file name)', () => {
    for (const [rel, format] of MINE)
      expect(detectFormat(sharedFixture(rel), 'upload.bin').format).toBe(format)
  })

  it('has unique format names', () => {
    const names = importers.map((i) => i.format)
    expect(new Set(names).size).toBe(names.length)
  })

  it('throws UnknownFormatError when nobody claims the file', () => {
    expect(() => detectFormat(new TextEncoder().encode('just some notes'), 'notes.txt')).toThrow(
      UnknownFormatError,
    )
    try {
      detectFormat(new Uint8Array(0), 'empty')
    } catch (error) {
      expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_UNKNOWN_FORMAT', fileName: 'empty' })
    }
  })
})

describe('importFile', () => {
  it('detects and reads a one-shot stream without reading it twice', async () => {
    const bytes = sharedFixture('wearables/run.gpx')
    const records = await collect(importFile(oneShot('run.gpx', bytes, 1000)))
    expect(records).toHaveLength(207)
    expect(records.filter((r) => r.collection === 'activities')).toHaveLength(1)
  })

  it('reads from disk in chunks with sourceFromFile', async () => {
    const path = fileURLToPath(
      new URL('../fixtures/calendar/node-ical_tripit-location-escaping.ics', import.meta.url),
    )
    const source = sourceFromFile(path)
    expect(source.name).toBe('node-ical_tripit-location-escaping.ics')
    expect(await collect(importFile(source))).toHaveLength(14)
  })

  it('honours an explicit format and passes options through', async () => {
    const source = sourceFromBytes('x.dat', sharedFixture('wearables/run.gpx'))
    const records = await collect(importFile(source, { format: 'gpx', points: false }))
    expect(records.map((r) => r.collection)).toEqual(['activities'])
    await expect(collect(importFile(source, { format: 'nope' }))).rejects.toThrow(
      UnknownFormatError,
    )
  })

  it('is idempotent: importing the same file twice yields the same ids', async () => {
    for (const [rel] of MINE) {
      const a = await collect(importFile(sourceFromBytes(rel, sharedFixture(rel))))
      const b = await collect(importFile(sourceFromBytes(rel, sharedFixture(rel))))
      expect(a.length).toBeGreaterThan(0)
      expect(b.map((r) => r.record['id'])).toEqual(a.map((r) => r.record['id']))
    }
  })

  it('refuses bad arguments with TypeError', () => {
    expect(() => sourceFromBytes('a', 'text' as unknown as Uint8Array)).toThrow(TypeError)
    expect(() => sourceFromFile('')).toThrow(TypeError)
  })
})

describe('shared parsing helpers', () => {
  it('stable ids are the first 20 hex chars of SHA-256 over the unit-separated fields', () => {
    // sha256("ofx\u001fA\u001f1") computed with coreutils: printf 'ofx\x1fA\x1f1' | sha256sum
    expect(stableId('ofx', ['A', 1])).toBe('b7894658a22f61931648')
    const ids = new StableIds('x')
    expect(ids.next(['a'])).toBe(stableId('x', ['a']))
    expect(ids.next(['a'])).toBe(stableId('x', ['a', '#1']))
  })

  it('parses amounts the way banks print them', () => {
    expect(parseAmount('$1,036.47')).toBe(1036.47)
    expect(parseAmount("11'373.94")).toBe(11373.94)
    expect(parseAmount('-1.234,56', ',')).toBe(-1234.56)
    expect(parseAmount('(12.00)')).toBe(-12)
    expect(parseAmount('12.00-')).toBe(-12)
    expect(parseAmount('CHF 1 200.50')).toBe(1200.5)
    expect(parseAmount('1,2')).toBeUndefined()
    expect(parseAmount('1.5', ',')).toBeUndefined()
    expect(parseAmount('ten')).toBeUndefined()
    expect(parseAmount('')).toBeUndefined()
  })

  it('parses dates by pattern and refuses impossible ones', () => {
    expect(parseDateWithPattern('31.03.2019', 'DD.MM.YYYY')).toBe(Date.UTC(2019, 2, 31))
    expect(parseDateWithPattern('3/4/22', 'M/D/YY')).toBe(Date.UTC(2022, 2, 4))
    expect(parseDateWithPattern('2024-02-29 13:05', 'YYYY-MM-DD HH:mm')).toBe(
      Date.UTC(2024, 1, 29, 13, 5),
    )
    expect(parseDateWithPattern('2023-02-29', 'YYYY-MM-DD')).toBeUndefined()
    expect(parseDateWithPattern('31.04.2019', 'DD.MM.YYYY')).toBeUndefined()
  })

  it('property: amounts formatted with thousands separators parse back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e11, max: 1e11 }),
        fc.constantFrom('.', ','),
        (cents, decimal) => {
          const whole = Math.trunc(Math.abs(cents) / 100)
            .toLocaleString('en-US')
            .replace(/,/g, decimal === '.' ? ',' : '.')
          const text = `${cents < 0 ? '-' : ''}${whole}${decimal}${String(Math.abs(cents) % 100).padStart(2, '0')}`
          expect(parseAmount(text, decimal as '.' | ',')).toBe(cents / 100)
        },
      ),
    )
  })

  it('property: line splitting is independent of chunking and line-ending style', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', ' ') }), { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 1, max: 9 }),
        async (lines, eol, chunk) => {
          const text = lines.join(eol)
          const out: string[] = []
          for await (const l of splitLines(decodeText(textSource('t', text, chunk), 'test')))
            out.push(l.text)
          // A final terminator ends the last line; it does not start an empty one.
          const expected = lines.at(-1) === '' ? lines.slice(0, -1) : lines
          expect(out).toEqual(expected)
        },
      ),
    )
  })
})
