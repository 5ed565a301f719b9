import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ofxImporter as importer, parseOfxDate } from '../../runtime/importers/ofx.ts'
import { ImportFormatError } from '../../runtime/importers/errors.ts'
import type { ImportReport } from '../../runtime/importers/types.ts'
import {
  bytesSource,
  hasSchema,
  readAllRecords,
  recordsOf,
  schemaErrors,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'

const FILES = [
  'ofxparse_bank_medium.ofx',
  'ofxparse_checking.ofx',
  'ofxparse_suncorp.ofx',
  'actual_utf-8.qfx',
]

async function load(rel: string, chunkSize?: number) {
  return recordsOf(
    await readAllRecords(importer, bytesSource(rel, sharedFixture(`bank/${rel}`), chunkSize)),
    'transactions',
  )
}

function sgml(trns: readonly string[], currency = 'USD'): string {
  return `OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nENCODING:USASCII\nCHARSET:1252\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>${currency}<BANKACCTFROM><ACCTID>42</BANKACCTFROM><BANKTRANLIST>${trns.join('')}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`
}

describe('OFX importer', () => {
  it('recognises OFX 1 and OFX 2 files', () => {
    for (const f of FILES) expect(importer.sniff(sharedFixture(`bank/${f}`), f)).toBe(95)
    expect(importer.sniff(new TextEncoder().encode('date,amount'), 'a.csv')).toBe(0)
  })

  it('reads OFX dates with fractional seconds and zone suffixes (OFX 2.1.1 §3.2.8)', () => {
    expect(parseOfxDate('20110411120000.000[-5:EST]')).toBe(Date.parse('2011-04-11T17:00:00Z'))
    expect(parseOfxDate('20090401')).toBe(Date.parse('2009-04-01T00:00:00Z'))
    expect(parseOfxDate('20130525225731.258')).toBe(Date.parse('2013-05-25T22:57:31.258Z'))
    expect(parseOfxDate('20200101000000[+5.30:IST]')).toBe(Date.parse('2019-12-31T18:30:00Z'))
    expect(parseOfxDate('20200101000000[0:GMT]')).toBe(Date.parse('2020-01-01T00:00:00Z'))
    expect(parseOfxDate('20200230')).toBeUndefined()
    expect(parseOfxDate('2020-01-01')).toBeUndefined()
  })

  it('reads the unindented single-line SGML statement with zoned dates (CAD)', async () => {
    const rows = await load('ofxparse_bank_medium.ofx')
    expect(rows.map((r) => [r['bookedAt'], r['amount'], r['type'], r['description']])).toEqual([
      [Date.parse('2009-04-01T17:20:17Z'), -6.6, 'pos', "MCDONALD'S #112"],
      [Date.parse('2009-04-02T17:20:17Z'), -316.67, 'check', "Joe's Bald Hairstyles"],
      [Date.parse('2009-04-03T17:20:17Z'), -22, 'pos', "CONNIE'S HAIR D"],
    ])
    expect(rows[0]).toMatchObject({
      currency: 'CAD',
      accountId: '12300 000012345678',
      memo: "POS MERCHANDISE;MCDONALD'S #112",
    })
  })

  it('reads the indented Quicken-style checking statement (USD)', async () => {
    const rows = await load('ofxparse_checking.ofx')
    expect(rows.map((r) => [r['amount'], r['type'], r['reference'], r['checkNumber']])).toEqual([
      [0.01, 'credit', '0000486', undefined],
      [-34.51, 'debit', '0000487', undefined],
      [-25, 'check', '0000488', '319'],
    ])
    expect(rows[0]).toMatchObject({
      bookedAt: Date.parse('2011-03-31T12:00:00Z'),
      currency: 'USD',
      accountId: '1452687~7',
    })
  })

  it('reads OFX 2 XML with CDATA (Suncorp, AUD)', async () => {
    const rows = await load('ofxparse_suncorp.ofx')
    expect(rows).toEqual([
      expect.objectContaining({
        bookedAt: Date.parse('2013-12-15T00:00:00Z'),
        amount: -16.85,
        currency: 'AUD',
        accountId: '123456789',
        description: 'EFTPOS WDL HANDYWAY ALDI STORE',
        memo: 'EFTPOS WDL HANDYWAY ALDI STORE   GEELONG WEST VICAU',
      }),
    ])
  })

  it('decodes a QFX declared ENCODING:UTF-8 (accents and €)', async () => {
    const rows = await load('actual_utf-8.qfx')
    expect(rows).toEqual([
      expect.objectContaining({
        amount: -20,
        currency: 'CAD',
        description: 'Café Métro €uro',
        memo: 'Paiement 5€ — débit',
      }),
    ])
  })

  it('decodes CHARSET:1252 bodies as Windows-1252', async () => {
    const body = sgml([
      '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20200102<TRNAMT>-1.00<FITID>1<NAME>Caf\u00e9 \u20ac</STMTTRN>',
    ])
    const bytes = new Uint8Array([...body].map((c) => (c === '\u20ac' ? 0x80 : c.charCodeAt(0))))
    const rows = recordsOf(
      await readAllRecords(importer, bytesSource('a.ofx', bytes)),
      'transactions',
    )
    expect(rows[0]?.['description']).toBe('Café €')
  })

  it('derives ids from account and FITID: stable across re-imports and chunkings', async () => {
    for (const f of FILES) {
      const a = await load(f)
      expect(await load(f, 13)).toEqual(a)
    }
    const one = sgml([
      '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20200102<TRNAMT>-1.00<FITID>A1<NAME>x</STMTTRN>',
    ])
    const changedName = sgml([
      '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20200102<TRNAMT>-1.00<FITID>A1<NAME>renamed</STMTTRN>',
    ])
    const [r1] = recordsOf(await readAllRecords(importer, textSource('a.ofx', one)), 'transactions')
    const [r2] = recordsOf(
      await readAllRecords(importer, textSource('a.ofx', changedName)),
      'transactions',
    )
    expect(r1?.['id']).toBe(r2?.['id'])
  })

  it('refuses truncated statements, stray closing tags and bad values, with a line', async () => {
    const full = sgml(['<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20200102<TRNAMT>-1.00<FITID>1</STMTTRN>'])
    const truncated = await thrown(() =>
      readAllRecords(importer, textSource('a.ofx', full.slice(0, full.indexOf('</BANKTRANLIST>')))),
    )
    expect(truncated).toBeInstanceOf(ImportFormatError)
    expect((truncated as Error).message).toMatch(/truncated/)
    const stray = await thrown(() =>
      readAllRecords(importer, textSource('a.ofx', full.replace('</STMTTRN>', '</STMTTRN></FOO>'))),
    )
    expect(stray).toMatchObject({ code: 'SEALPOST_IMPORT_MALFORMED', position: { line: 7 } })
    const badAmount = await thrown(() =>
      readAllRecords(importer, textSource('a.ofx', full.replace('-1.00', 'ten'))),
    )
    expect((badAmount as Error).message).toMatch(/TRNAMT "ten"/)
    const badDate = await thrown(() =>
      readAllRecords(importer, textSource('a.ofx', full.replace('20200102', '2020-01-02'))),
    )
    expect(badDate).toBeInstanceOf(ImportFormatError)
  })

  async function reportOf(name: string, bytes: Uint8Array): Promise<ImportReport[]> {
    const reports: ImportReport[] = []
    await readAllRecords(importer, bytesSource(name, bytes), {
      onReport: (r: ImportReport) => void reports.push(r),
    })
    return reports
  }

  it('reports the OFX version, the statements, the accounts and the bank that sent them', async () => {
    const suncorp = await reportOf(
      'ofxparse_suncorp.ofx',
      sharedFixture('bank/ofxparse_suncorp.ofx'),
    )
    expect(suncorp).toEqual([
      {
        file: 'ofxparse_suncorp.ofx',
        format: 'ofx',
        layout: 'ofx-2',
        readAs: '1 OFX 2.0 bank statement of 1 account from SUNCORP',
        records: 1,
        skipped: [],
      },
    ])
    const medium = await reportOf(
      'ofxparse_bank_medium.ofx',
      sharedFixture('bank/ofxparse_bank_medium.ofx'),
    )
    expect(medium.map((r) => [r.layout, r.readAs, r.records])).toEqual([
      ['ofx-1', '1 OFX 1.02 bank statement of 1 account', 3],
    ])
  })

  it('reports bank and card statements of two accounts, and skips investment rows by name', async () => {
    const trn = (id: string, amount: string): string =>
      `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240105<TRNAMT>${amount}<FITID>${id}<NAME>Shop ${id}</STMTTRN>`
    const text =
      'OFXHEADER:100\nDATA:OFXSGML\nVERSION:103\nENCODING:USASCII\nCHARSET:1252\n\n' +
      '<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240131' +
      '<LANGUAGE>ENG<FI><ORG>Example Credit Union<FID>1234</FI></SONRS></SIGNONMSGSRSV1>' +
      '<BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>111<ACCTTYPE>CHECKING</BANKACCTFROM>' +
      `<BANKTRANLIST>${trn('a', '-1.00')}${trn('b', '-2.00')}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>` +
      '<CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>USD<CCACCTFROM><ACCTID>999</CCACCTFROM>' +
      `<BANKTRANLIST>${trn('c', '-3.00')}</BANKTRANLIST></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1>` +
      '<INVSTMTMSGSRSV1><INVSTMTTRNRS><INVSTMTRS><DTASOF>20240131<CURDEF>USD<INVACCTFROM><BROKERID>b<ACCTID>7</INVACCTFROM>' +
      '<INVTRANLIST><DTSTART>20240101<DTEND>20240131' +
      '<BUYSTOCK><INVBUY><INVTRAN><FITID>x<DTTRADE>20240110</INVTRAN><SECID><UNIQUEID>1<UNIQUEIDTYPE>CUSIP</SECID><UNITS>1<UNITPRICE>1<TOTAL>-1<SUBACCTSEC>CASH<SUBACCTFUND>CASH</INVBUY><BUYTYPE>BUY</BUYSTOCK>' +
      '<INVBANKTRAN><STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240111<TRNAMT>5<FITID>y<NAME>Div</STMTTRN><SUBACCTFUND>CASH</INVBANKTRAN>' +
      '</INVTRANLIST></INVSTMTRS></INVSTMTTRNRS></INVSTMTMSGSRSV1></OFX>\n'
    const reports = await reportOf('mixed.ofx', new TextEncoder().encode(text))
    expect(reports).toEqual([
      {
        file: 'mixed.ofx',
        format: 'ofx',
        layout: 'ofx-1',
        readAs:
          '1 OFX 1.03 bank statement and 1 OFX 1.03 credit-card statement of 2 accounts from Example Credit Union',
        records: 3,
        skipped: [{ reason: 'investment statement (not read)', rows: 2 }],
      },
    ])
  })

  it('property: generated SGML and XML statements round-trip', async () => {
    const trn = fc.record({
      day: fc.integer({ min: 0, max: 20_000 }),
      cents: fc.integer({ min: -1_000_000, max: 1_000_000 }),
      name: fc.stringMatching(/^[A-Za-z0-9 .,'#-]{1,20}$/).filter((s) => s.trim() !== ''),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(trn, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (trns, xml) => {
          const tag = (n: string, v: string) => (xml ? `<${n}>${v}</${n}>` : `<${n}>${v}\n`)
          const body = trns.map((t, i) => {
            const d = new Date(Date.UTC(1990, 0, 1) + t.day * 86_400_000)
              .toISOString()
              .slice(0, 10)
              .replace(/-/g, '')
            return `<STMTTRN>${tag('TRNTYPE', 'OTHER')}${tag('DTPOSTED', d)}${tag('TRNAMT', (t.cents / 100).toFixed(2))}${tag('FITID', String(i))}${tag('NAME', xml ? `<![CDATA[${t.name}]]>` : t.name.replace(/&/g, '&amp;'))}</STMTTRN>`
          })
          const text = xml
            ? `<?xml version="1.0"?><?OFX OFXHEADER="200" VERSION="200"?><OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF><BANKTRANLIST>${body.join('')}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`
            : sgml(body, 'EUR')
          const out = recordsOf(
            await readAllRecords(importer, textSource('g.ofx', text)),
            'transactions',
          )
          expect(out.map((r) => [r['bookedAt'], r['amount'], r['description']])).toEqual(
            trns.map((t) => [
              Date.UTC(1990, 0, 1) + t.day * 86_400_000,
              t.cents / 100,
              t.name.trim(),
            ]),
          )
        },
      ),
      { numRuns: 80 },
    )
  })

  it('property: random input never throws anything but ImportFormatError', async () => {
    const pieces = fc.constantFrom(
      '<OFX>',
      '</OFX>',
      '<STMTRS>',
      '</STMTRS>',
      '<STMTTRN>',
      '</STMTTRN>',
      '<TRNAMT>1',
      '<DTPOSTED>20200101',
      '<CURDEF>USD',
      '<![CDATA[x',
      ']]>',
      '<',
      '>',
      'x',
      '\n',
      '&amp;',
      '&#99999999;',
    )
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')),
          fc.string(),
        ),
        async (text) => {
          const error = await thrown(() => readAllRecords(importer, textSource('r.ofx', text)))
          if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
        },
      ),
      { numRuns: 300 },
    )
  })

  it.skipIf(!hasSchema('transactions'))(
    'yields records valid against the transactions schema',
    async () => {
      for (const f of FILES)
        expect(
          schemaErrors(await readAllRecords(importer, bytesSource(f, sharedFixture(`bank/${f}`)))),
        ).toEqual([])
    },
  )
})
