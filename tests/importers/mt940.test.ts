/**
 * SWIFT MT940 / MT942 statements. Counts, amounts, dates, counterparties and balances are worked out
 * by hand from three real public test files (tests/fixtures/bank, see PROVENANCE-importers.md):
 * a Volksbank (Germany) export in the DK `?NN` format with CRLF lines, an ING (Netherlands) statement
 * in its SWIFT envelope with `/CNTP/` tags, and an ABN AMRO statement whose balances do not add up.
 * Hand-written statements cover what those files lack (MT942, reversals, year ends, bad input).
 */
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  detectFormat,
  importFile,
  ImportLimitError,
  sourceFromBytes,
  StatementError,
} from '../../runtime/importers/index.ts'
import type { ImportReport } from '../../runtime/importers/index.ts'
import { mt940Importer } from '../../runtime/importers/mt940.ts'
import {
  bytesSource,
  importAllChecked,
  readAllRecords,
  recordsOf,
  schemaErrors,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'
import { emptyVault, refusedIntoVault, vaultState } from './_vault.ts'

const VOLKSBANK = 'jejik-mt940_volksbank-de.txt'
const ING = 'zilverline-mt940_ing-iban-nl.txt'
const ABN = 'mt940-rs_abnamro-nl.sta'

const fixture = (name: string): Uint8Array => sharedFixture(`bank/${name}`)
const text = (name: string): string => new TextDecoder().decode(fixture(name))
const day = (ms: unknown): string => new Date(ms as number).toISOString().slice(0, 10)
const sum = (rows: readonly Record<string, unknown>[]): number =>
  Math.round(rows.reduce((n, r) => n + (r['amount'] as number), 0) * 100) / 100

async function load(
  name: string,
  bytes: Uint8Array,
  options: Record<string, unknown> = {},
  chunkSize?: number,
) {
  const all = await readAllRecords(mt940Importer, bytesSource(name, bytes, chunkSize), options)
  expect(schemaErrors(all)).toEqual([])
  return recordsOf(all, 'transactions')
}

const loadText = (body: string, options: Record<string, unknown> = {}) =>
  load('s.sta', new TextEncoder().encode(body), options)

/** A one-statement MT940 around `lines` (field 61/86 pairs), opening at `opening`. */
function statement(lines: readonly string[], opening: string, closing: string): string {
  return [
    ':20:TEST',
    ':25:NL00TEST0123456789',
    ':28C:1',
    `:60F:${opening}`,
    ...lines,
    `:62F:${closing}`,
    '-',
    '',
  ].join('\r\n')
}

describe('a Volksbank export (German DK format, CRLF, 8 statements)', () => {
  it('gives 12 credits of 745,00 EUR in all, each statement balanced', async () => {
    const rows = await load(VOLKSBANK, fixture(VOLKSBANK))
    expect(rows).toHaveLength(12)
    expect(rows.every((r) => (r['amount'] as number) > 0 && r['currency'] === 'EUR')).toBe(true)
    // Opening of the first statement 3085,00, closing of the last 3830,00.
    expect(sum(rows)).toBe(745)
    expect(rows.map((r) => r['balance'])).toEqual([
      3150, 3230, 3310, 3365, 3430, 3510, 3565, 3620, 3685, 3735, 3775, 3830,
    ])
    expect(rows.map((r) => day(r['bookedAt']))).toEqual([
      '2020-02-19',
      '2020-02-19',
      '2020-02-21',
      '2020-02-24',
      '2020-02-24',
      '2020-02-25',
      '2020-02-25',
      '2020-02-25',
      '2020-02-26',
      '2020-02-28',
      '2020-03-02',
      '2020-03-10',
    ])
  })

  it('reads counterparty, remittance, GVC and the raw :86: of each line', async () => {
    const rows = await load(VOLKSBANK, fixture(VOLKSBANK))
    expect(rows[0]).toMatchObject({
      amount: 65,
      description: 'einfach so fuer euch',
      counterparty: 'Olivia Dorn',
      type: '166',
      accountId: '66642399/93387',
      source: 'mt940',
    })
    expect(rows[0]?.['memo']).toBe(
      '166?00UEBERWEISUNG?10931?20SVWZ+einfach so fuer euch ?21 IBAN: DE40500105174675974588 BIC: HEISDE66?30HEISDE66?31DE40500105174675974588?32Olivia Dorn',
    )
    expect(rows[1]).toMatchObject({
      amount: 80,
      description: 'Beitrag Musical fuer FRIDA inklusive 1 CD',
      counterparty: 'friedbert und ronja engel',
    })
    // The standing order (GVC 152, PURP+RINP) of 2020-02-28.
    expect(rows[9]).toMatchObject({
      amount: 50,
      type: '152',
      description: 'Spende',
      counterparty: 'Edeltraud Meyer',
    })
    expect(rows[5]?.['counterparty']).toBe('Hellwig, Annegret, Hellwig, Dieter')
    expect(rows.filter((r) => r['type'] === '166')).toHaveLength(11)
  })

  it('reads the same with LF lines and in chunks of any size', async () => {
    const crlf = await load(VOLKSBANK, fixture(VOLKSBANK))
    const lf = await loadText(text(VOLKSBANK).replace(/\r\n/g, '\n'))
    expect(lf).toEqual(crlf)
    for (const size of [1, 7, 64]) {
      expect(await load(VOLKSBANK, fixture(VOLKSBANK), {}, size)).toEqual(crlf)
    }
  })
})

describe('an ING statement (SWIFT envelope, Dutch slash tags)', () => {
  it('gives 18 debits of 14830,45 and 3 credits of 14640,00, as its /SUM/ line says', async () => {
    const rows = await load(ING, fixture(ING))
    expect(rows).toHaveLength(21)
    const debits = rows.filter((r) => (r['amount'] as number) < 0)
    const credits = rows.filter((r) => (r['amount'] as number) > 0)
    expect([debits.length, sum(debits)]).toEqual([18, -14830.45])
    expect([credits.length, sum(credits)]).toEqual([3, 14640])
    // Opening 436,90, closing 246,45.
    expect(rows[0]?.['balance']).toBe(244.54)
    expect(rows[20]?.['balance']).toBe(246.45)
    expect(new Set(rows.map((r) => r['accountId']))).toEqual(new Set(['NL68INGB0000012345EUR']))
  })

  it('reads CNTP, REMI, the references and the SWIFT type', async () => {
    const rows = await load(ING, fixture(ING))
    expect(rows[0]).toMatchObject({
      amount: -192.36,
      description: '22-08-2014 Omschrijving',
      counterparty: 'B Bert',
      type: 'ntrf',
      reference: '14237654096217',
    })
    expect(day(rows[0]?.['bookedAt'])).toBe('2014-08-25')
    expect(rows[8]).toMatchObject({
      amount: -73.62,
      counterparty: 'KPN - MOBIEL',
      description: 'Factuurnr: 123456789.00. Kijk voor meer informatie op KPN.com of Hi.nl',
      type: 'nddt',
      reference: '12345678909876',
    })
    // No REMI: the description is empty, the counterparty still known.
    expect(rows[11]).toMatchObject({
      amount: -5241,
      description: '',
      counterparty: 'BELASTINGDIENST',
      reference: '14232632703135',
    })
    expect(rows[11]?.['category']).toBe('taxes')
    expect(rows[18]).toMatchObject({ amount: 14520, counterparty: 'ABSCDFGDFG SDGDSFG' })
    expect(rows[18]?.['category']).toBe('income')
    expect(rows[17]?.['amount']).toBe(-62.99)
    expect(day(rows[17]?.['bookedAt'])).toBe('2014-08-19')
  })

  it('gives the same ids on every import, all distinct', async () => {
    const a = await load(ING, fixture(ING))
    const b = await load(ING, fixture(ING), {}, 5)
    expect(b.map((r) => r['id'])).toEqual(a.map((r) => r['id']))
    expect(new Set(a.map((r) => r['id'])).size).toBe(21)
  })
})

describe('balances that do not add up (an ABN AMRO test file)', () => {
  it('is refused with SEALPOST_IMPORT_UNBALANCED and leaves the vault as it was', async () => {
    using vault = await emptyVault()
    await vault.ingestAll(importFile(sourceFromBytes(VOLKSBANK, fixture(VOLKSBANK))))
    const before = await vaultState(vault)
    const error = await refusedIntoVault(vault, sourceFromBytes(ABN, fixture(ABN)))
    expect(error).toBeInstanceOf(StatementError)
    expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_UNBALANCED', problem: 'unbalanced' })
    // 1111,10 − 5,34 − 2,95 − 6,45 = 1096,36, but the file says 2222,20.
    expect((error as Error).message).toContain('1096,36')
    expect((error as Error).message).toContain('C190826EUR2222,20')
    expect(await vaultState(vault)).toEqual(before)
  })

  it('is imported as it is with { reconcile: false }, without running balances', async () => {
    const rows = await load(ABN, fixture(ABN), { reconcile: false })
    expect(rows.map((r) => r['amount'])).toEqual([-5.34, -2.95, -6.45, -8.25])
    expect(rows.map((r) => day(r['bookedAt']))).toEqual([
      '2019-08-24',
      '2019-08-24',
      '2019-08-24',
      '2019-08-29',
    ])
    expect(rows[0]).toMatchObject({
      description: 'BEA NR:YV7XDL 24.08.19/15.33 RESTAURANT IL SENSO MIDD,PAS263',
      type: 'n426',
      accountId: '123456789',
    })
    expect(rows.some((r) => 'balance' in r)).toBe(false)
  })
})

describe('statement lines (field 61)', () => {
  it('reads entry dates across a year end, reversals and the funds code', async () => {
    const rows = await loadText(
      statement(
        [
          ':61:2301021231D10,00NTRFNONREF//B1',
          ':86:across the year end',
          ':61:2212310102C5,5NTRFREF1',
          ':86:booked next year',
          ':61:2301030103RCR2,25NRTINONREF',
          ':61:2301030103RDR1,NRTINONREF',
        ],
        'C230101EUR100,00',
        'C230103EUR94,25',
      ),
    )
    expect(rows.map((r) => [day(r['bookedAt']), day(r['valueAt']), r['amount']])).toEqual([
      ['2022-12-31', '2023-01-02', -10],
      ['2023-01-02', '2022-12-31', 5.5],
      ['2023-01-03', '2023-01-03', -2.25],
      ['2023-01-03', '2023-01-03', 1],
    ])
    expect(rows[1]?.['reference']).toBe('REF1')
    expect(rows[0]?.['reference']).toBe('B1')
    expect(rows[2]?.['type']).toBe('nrti')
  })

  it('refuses a malformed :61: with SEALPOST_IMPORT_BAD_ENTRY, naming its line', async () => {
    for (const bad of [
      ':61:230102D10.00NTRFNONREF', // decimal point
      ':61:231302D10,00NTRFNONREF', // month 13
      ':61:230102X10,00NTRFNONREF', // no D/C mark
      ':61:230102D10,00', // no type
      ':61:2301021340D10,00NTRF', // entry date 13/40
    ]) {
      const error = await thrown(() =>
        loadText(statement([bad], 'C230101EUR100,00', 'C230103EUR90,00')),
      )
      expect(error, bad).toBeInstanceOf(StatementError)
      expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_BAD_ENTRY', position: { line: 5 } })
    }
  })

  it('refuses a garbled balance', async () => {
    const error = await thrown(() => loadText(statement([], 'C2301EUR100,00', 'C230103EUR100,00')))
    expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_BAD_ENTRY' })
  })
})

describe('a statement over two pages (:62M: / :60M:)', () => {
  it('balances each page on its own intermediate balances', async () => {
    const page = (n: number, opening: string, lines: string[], closing: string): string[] => [
      ':20:MULTI',
      ':25:50880050/0194781300888',
      `:28C:00004/0000${n}`,
      opening,
      ...lines,
      closing,
      '-',
    ]
    const body = [
      ...page(
        1,
        ':60F:D070903EUR40432,2',
        [':61:0709040904CR19990,05NTRFNONREF//A1'],
        ':62M:D070904EUR20442,15',
      ),
      ...page(
        2,
        ':60M:D070904EUR20442,15',
        [':61:0709040904DR57,34NTRFKREF+//A2'],
        ':62F:D070904EUR20499,49',
      ),
      '',
    ].join('\n')
    const rows = await loadText(body)
    expect(rows.map((r) => [r['amount'], r['balance'], day(r['bookedAt'])])).toEqual([
      [19990.05, -20442.15, '2007-09-04'],
      [-57.34, -20499.49, '2007-09-04'],
    ])
    const wrong = await thrown(() =>
      loadText(body.replace(':62F:D070904EUR20499,49', ':62F:D070904EUR20499,48')),
    )
    expect(wrong).toMatchObject({ code: 'SEALPOST_IMPORT_UNBALANCED' })
  })
})

describe('truncated files', () => {
  it('refuses a statement cut before its closing balance, importing nothing', async () => {
    const whole = text(VOLKSBANK)
    const cut = whole.slice(0, whole.lastIndexOf(':62F:'))
    using vault = await emptyVault()
    const error = await refusedIntoVault(
      vault,
      sourceFromBytes('cut.sta', new TextEncoder().encode(cut)),
    )
    expect(error).toBeInstanceOf(StatementError)
    expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_TRUNCATED', problem: 'truncated' })
    expect((await vaultState(vault)).rows['transactions'] ?? 0).toBe(0)
  })

  it('refuses a statement followed by the next one before its closing balance', async () => {
    const body = text(VOLKSBANK).replace(':62F:C200219EUR3230,00\r\n-\r\n', '')
    const error = await thrown(() => loadText(body))
    expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_TRUNCATED' })
  })
})

describe('MT942 interim reports', () => {
  const report = (debits: string, credits: string): string =>
    [
      '{1:F01ABCDDEFFAXXX0000000000}{2:O9421200230105ABCDDEFFAXXX00000000002301051200N}{4:',
      ':20:INTRADAY1',
      ':25:DE12345678901234567890',
      ':28C:5/1',
      ':34F:EURD0,',
      ':13D:2301051200+0100',
      ':61:230105C250,00NTRFNONREF',
      ':86:166?00GUTSCHRIFT?20SVWZ+Rechnung 42?32Firma Beispiel GmbH',
      ':61:230105D19,99NDDTNONREF',
      ':86:105?00FOLGELASTSCHRIFT?20EREF+X1?21MREF+M-9?22CRED+DE98ZZZ09999999999?23SVWZ+Abo Jan?32Streaming AG',
      `:90D:${debits}`,
      `:90C:${credits}`,
      '-}',
      '',
    ].join('\n')

  it('reads the entries, the currency from :34F: and checks the :90D:/:90C: totals', async () => {
    const rows = await loadText(report('1EUR19,99', '1EUR250,00'))
    expect(rows.map((r) => [r['amount'], r['currency'], r['counterparty'], r['type']])).toEqual([
      [250, 'EUR', 'Firma Beispiel GmbH', '166'],
      [-19.99, 'EUR', 'Streaming AG', '105'],
    ])
    expect(rows[1]?.['description']).toBe('Abo Jan')
    expect(rows.some((r) => 'balance' in r)).toBe(false)
    const error = await thrown(() => loadText(report('2EUR39,98', '1EUR250,00')))
    expect(error).toMatchObject({ code: 'SEALPOST_IMPORT_UNBALANCED' })
  })
})

describe('the import report', () => {
  const reported = async (name: string, bytes: Uint8Array, options = {}) => {
    const reports: ImportReport[] = []
    const onReport = (r: ImportReport): void => void reports.push(r)
    await readAllRecords(mt940Importer, bytesSource(name, bytes), { ...options, onReport })
    return reports
  }

  it('says how many statements of how many accounts were read and whether balances were checked', async () => {
    // Volksbank: 8 statements of one account, 2 + 1 + 2 + 3 + 1 + 1 + 1 + 1 entries.
    expect(await reported(VOLKSBANK, fixture(VOLKSBANK))).toEqual([
      {
        file: VOLKSBANK,
        format: 'mt940',
        layout: 'mt940',
        readAs: '8 MT940 statements of 1 account, balances and totals checked',
        records: 12,
        skipped: [],
      },
    ])
    const [abn] = await reported(ABN, fixture(ABN), { reconcile: false })
    expect(abn?.readAs).toBe(
      '2 MT940 statements of 1 account, balances not checked (reconcile: false)',
    )
    expect(abn?.records).toBe(4)
  })

  it('names MT942 reports and statements with balances only', async () => {
    const interim = [
      ':20:INTRADAY1',
      ':25:DE12345678901234567890',
      ':28C:5/1',
      ':34F:EURD0,',
      ':61:230105D19,99NDDTNONREF',
      ':86:Abo Jan',
      '-',
    ]
    const empty = statement([], 'C240101EUR10,00', 'C240131EUR10,00')
    const [report] = await reported(
      's.sta',
      new TextEncoder().encode(`${interim.join('\n')}\n${empty}`),
    )
    expect(report).toMatchObject({
      layout: 'mt940',
      readAs:
        '1 MT940 statement and 1 MT942 report (1 with balances only) of 2 accounts, balances and totals checked',
      records: 1,
    })
    const [only] = await reported('i.sta', new TextEncoder().encode(interim.join('\n')))
    expect(only).toMatchObject({
      layout: 'mt942',
      readAs: '1 MT942 report of 1 account, balances and totals checked',
    })
  })
})

describe('encodings, bounds, detection, archives', () => {
  it('reads Windows-1252 text by its content', async () => {
    const body = statement(
      [':61:230102D10,00NTRFNONREF', ':86:166?00ÜBERWEISUNG?20SVWZ+Grüße?32Jürgen Müller'],
      'C230101EUR100,00',
      'C230102EUR90,00',
    )
    const latin1 = Uint8Array.from(body, (c) => c.charCodeAt(0))
    const [row] = await load('s.sta', latin1)
    expect(row).toMatchObject({ description: 'Grüße', counterparty: 'Jürgen Müller' })
  })

  it('caps one field and one statement with ImportLimitError', async () => {
    const long = statement(
      [':61:230102D10,00NTRFNONREF', ':86:' + 'x'.repeat(60), ...Array(40).fill('y'.repeat(60))],
      'C230101EUR100,00',
      'C230102EUR90,00',
    )
    const error = await thrown(() => loadText(long, { maxFieldChars: 1000 }))
    expect(error).toBeInstanceOf(ImportLimitError)
    expect(error).toMatchObject({
      code: 'SEALPOST_IMPORT_RECORD_TOO_LARGE',
      limit: 'statement-field-size',
    })
    const many = await thrown(() => load(ING, fixture(ING), { maxStatementEntries: 20 }))
    expect(many).toMatchObject({
      code: 'SEALPOST_IMPORT_TOO_MANY_RECORDS',
      limit: 'statement-entries',
    })
    const big = await thrown(() =>
      importAllChecked(ING, fixture(ING), { limits: { maxSourceBytes: 1000 } }),
    )
    expect(big).toMatchObject({ code: 'SEALPOST_IMPORT_TOO_LARGE' })
    expect(await thrown(() => loadText(long, { reconcile: 'no' }))).toBeInstanceOf(TypeError)
  })

  it('is detected by its tags, whatever the file is called', async () => {
    for (const [name, bytes] of [
      [VOLKSBANK, fixture(VOLKSBANK)],
      [ING, fixture(ING)],
      [ABN, fixture(ABN)],
      ['export.csv', fixture(VOLKSBANK)],
    ] as const) {
      expect(detectFormat(bytes, name).format, name).toBe('mt940')
    }
    const csv = new TextEncoder().encode('Date;Text;Amount\n01.02.2023;:20: not a tag;1,00\n')
    expect(detectFormat(csv, 'a.csv').format).not.toBe('mt940')
    expect(mt940Importer.sniff(new Uint8Array(0), 'statement.sta')).toBe(5)
    expect(mt940Importer.sniff(new TextEncoder().encode('hello'), 'notes.txt')).toBe(0)
    // Through importFile, with no format named.
    const rows = await importAllChecked(VOLKSBANK, fixture(VOLKSBANK))
    expect(rows).toHaveLength(12)
  })

  it('is imported from inside a zip', async () => {
    const zip = zipSync({
      'statements/2020-02.sta': fixture(VOLKSBANK),
      'readme.txt': new TextEncoder().encode('hello'),
    })
    const rows = await importAllChecked('bank.zip', zip)
    expect(rows.filter((r) => r.collection === 'transactions')).toHaveLength(12)
    const direct = await importAllChecked(VOLKSBANK, fixture(VOLKSBANK))
    expect(rows.map((r) => r.record['amount'])).toEqual(direct.map((r) => r.record['amount']))
  })

  it('takes text given as a string source', async () => {
    const rows = await readAllRecords(mt940Importer, textSource('s.sta', text(ING)))
    expect(rows).toHaveLength(21)
  })
})
