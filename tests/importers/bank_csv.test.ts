import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { bankCsvImporter as importer } from '../../runtime/importers/bank_csv.ts'
import { ImportFormatError } from '../../runtime/importers/errors.ts'
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

async function load(rel: string, chunkSize?: number, options?: Record<string, unknown>) {
  const bytes = sharedFixture(`bank/${rel}`)
  return recordsOf(
    await readAllRecords(importer, bytesSource(rel, bytes, chunkSize), options),
    'transactions',
  )
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`)

describe('bank CSV importer', () => {
  it('recognises the Schwab, ING and UBS layouts from their header row', () => {
    for (const f of [
      'csv2ofx_schwab-checking.csv',
      'csv2ofx_ingesp.csv',
      'csv2ofx_ubs-ch-fr_trimmed.csv',
    ]) {
      expect(importer.sniff(sharedFixture(`bank/${f}`), 'export.csv')).toBe(90)
    }
    expect(importer.sniff(new TextEncoder().encode('Datum;Betrag\n'), 'x.csv')).toBe(5)
    expect(importer.sniff(new TextEncoder().encode('<OFX>'), 'x.ofx')).toBe(0)
  })

  it('reads the Schwab checking export: withdrawals negative, deposits positive, USD', async () => {
    const rows = await load('csv2ofx_schwab-checking.csv')
    expect(rows.map((r) => [r['bookedAt'], r['amount'], r['balance'], r['type']])).toEqual([
      [day('2022-08-17'), 20, 878.47, 'deposit'],
      [day('2022-08-14'), -103, 858.47, 'atm'],
      [day('2022-08-09'), -75, 961.47, 'check'],
      [day('2022-08-04'), -57.27, 1036.47, 'ach'],
    ])
    expect(rows[2]).toMatchObject({
      description: 'Check Paid #558',
      checkNumber: '558',
      currency: 'USD',
    })
    expect(rows[3]?.['description']).toBe('PAYPAL INST XFER 220803~ Tran: ACHDW')
  })

  it('reads the ING España export: dd/mm/yyyy, EUR, Spanish categories', async () => {
    const rows = await load('csv2ofx_ingesp.csv')
    expect(rows).toHaveLength(10)
    expect(rows[0]).toMatchObject({
      bookedAt: day('2022-03-24'),
      amount: 2.83,
      balance: 1719.9,
      currency: 'EUR',
      category: 'income',
      bankCategory: 'Ventajas ING / Otras Ventajas ING',
      description: 'Abono por campaña Abono Shopping NARANJA:GALP',
    })
    expect(rows[3]).toMatchObject({ bookedAt: day('2022-12-23'), amount: 1394.11 })
    expect(rows[6]).toMatchObject({ bookedAt: day('2022-07-29'), amount: -1000, balance: 5049.35 })
    expect(rows[9]).toMatchObject({ amount: 500, balance: -126.19 })
    const total = rows.reduce((s, r) => s + (r['amount'] as number), 0)
    expect(Math.round(total * 100) / 100).toBe(350.21)
  })

  it("reads the UBS French export: ';', apostrophe thousands, dd.mm.yyyy, CHF, debit/credit", async () => {
    const rows = await load('csv2ofx_ubs-ch-fr_trimmed.csv')
    expect(rows.map((r) => [r['bookedAt'], r['amount'], r['balance'], r['currency']])).toEqual([
      [day('2019-03-31'), -10, 11373.94, 'CHF'],
      [day('2019-02-28'), 240, 11613.94, 'CHF'],
      [day('2019-04-27'), -200, 11413.94, 'CHF'],
    ])
    expect(rows[1]).toMatchObject({
      accountId: '0123 45678901.23A',
      reference: '3456789ZT1234567',
      description: 'Virement postal | ASSOCIATION FOO-BAR | BVD DE QUELQUE-PART 1, 1201 GENEVE, CH',
    })
  })

  it('gives the same records whatever the chunk size, and the same ids on re-import', async () => {
    for (const f of [
      'csv2ofx_schwab-checking.csv',
      'csv2ofx_ingesp.csv',
      'csv2ofx_ubs-ch-fr_trimmed.csv',
    ]) {
      const whole = await load(f)
      expect(await load(f, 7)).toEqual(whole)
      expect(await load(f, 1)).toEqual(whole)
      expect(new Set(whole.map((r) => r['id'])).size).toBe(whole.length)
    }
  })

  it('gives identical rows distinct, stable ids', async () => {
    const text = 'Date,Amount,Text\n2024-01-02,-3.50,Coffee\n2024-01-02,-3.50,Coffee\n'
    const options = {
      columns: { date: 'Date', amount: 'Amount', description: 'Text' },
      dateFormat: 'YYYY-MM-DD',
      currency: 'EUR',
    }
    const a = recordsOf(
      await readAllRecords(importer, textSource('a.csv', text), options),
      'transactions',
    )
    const b = recordsOf(
      await readAllRecords(importer, textSource('a.csv', text), options),
      'transactions',
    )
    expect(a[0]?.['id']).not.toBe(a[1]?.['id'])
    expect(b.map((r) => r['id'])).toEqual(a.map((r) => r['id']))
  })

  it('reads any layout with a column mapping (comma decimals, debit/credit, Windows-1252)', async () => {
    const latin = new Uint8Array([
      ...new TextEncoder().encode('Buchung;Soll;Haben;Text\n03.02.2024;1.234,50;;Caf'),
      0xe9,
      0x0a,
    ])
    const rows = recordsOf(
      await readAllRecords(importer, bytesSource('de.csv', latin), {
        columns: { date: 'Buchung', debit: 'Soll', credit: 'Haben', description: 'Text' },
        dateFormat: 'DD.MM.YYYY',
        decimal: ',',
        delimiter: ';',
        currency: 'EUR',
      }),
      'transactions',
    )
    expect(rows).toEqual([
      expect.objectContaining({
        bookedAt: day('2024-02-03'),
        amount: -1234.5,
        description: 'Café',
        currency: 'EUR',
      }),
    ])
  })

  it("refuses a person's own mapping that names a column the file lacks, even an optional one", async () => {
    const text = 'Buchung;Betrag;Text\n03.02.2024;-4,50;Bäckerei\n'
    const mapping = {
      columns: { date: 'Buchung', amount: 'Betrag', description: 'Text', memo: 'Notiz' },
      dateFormat: 'DD.MM.YYYY',
      decimal: ',',
      delimiter: ';',
      currency: 'EUR',
    }
    const typo = await thrown(() => readAllRecords(importer, textSource('de.csv', text), mapping))
    expect(typo).toBeInstanceOf(ImportFormatError)
    expect((typo as Error).message).toContain('no column named "Notiz"')
    const { memo: _memo, ...columns } = mapping.columns
    const rows = recordsOf(
      await readAllRecords(importer, textSource('de.csv', text), { ...mapping, columns }),
      'transactions',
    )
    expect(rows.map((r) => [r['amount'], r['description']])).toEqual([[-4.5, 'Bäckerei']])
  })

  it('refuses an unknown header without a mapping, bad dates and bad amounts, naming the line', async () => {
    const unknown = await thrown(() => readAllRecords(importer, textSource('x.csv', 'A,B\n1,2\n')))
    expect(unknown).toBeInstanceOf(ImportFormatError)
    const header =
      '"Date","Status","Type","CheckNumber","Description","Withdrawal","Deposit","RunningBalance"\n'
    const badDate = await thrown(() =>
      readAllRecords(
        importer,
        textSource('s.csv', `${header}"13/45/2022","Posted","ATM","","X","$1.00","","$2.00"\n`),
      ),
    )
    expect(badDate).toMatchObject({
      code: 'SEALPOST_IMPORT_MALFORMED',
      position: { line: 2, column: 1 },
    })
    const badAmount = await thrown(() =>
      readAllRecords(
        importer,
        textSource('s.csv', `${header}"08/17/2022","Posted","ATM","","X","$1.0.0","","$2.00"\n`),
      ),
    )
    expect(badAmount).toMatchObject({ position: { line: 2, column: 6 } })
    const unclosed = await thrown(() =>
      readAllRecords(importer, textSource('s.csv', `${header}"08/17/2022,"Posted\n`)),
    )
    expect(unclosed).toBeInstanceOf(ImportFormatError)
  })

  it('refuses bad mapping options with TypeError/RangeError naming the option', async () => {
    await expect(
      readAllRecords(importer, textSource('a.csv', 'a\n'), { preset: 'nope' }),
    ).rejects.toThrow(RangeError)
    await expect(
      readAllRecords(importer, textSource('a.csv', 'a\n'), {
        columns: { date: 0, description: 1 },
        dateFormat: 'YYYY',
      }),
    ).rejects.toThrow(/options.columns needs amount/)
  })

  it('property: generated statements round-trip through a generic mapping', async () => {
    const row = fc.record({
      date: fc.date({
        min: new Date('1990-01-01'),
        max: new Date('2090-12-31'),
        noInvalidDate: true,
      }),
      cents: fc.integer({ min: -10_000_000, max: 10_000_000 }),
      text: fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ').trim()),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 64 }),
        async (rows, chunk) => {
          const lines = rows.map((r) => {
            const d = r.date
            const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`
            const amount = (r.cents / 100).toFixed(2).replace('.', ',')
            return `${date};"${amount}";"${r.text.replace(/"/g, '""')}"`
          })
          const text = `Fecha;Importe;Concepto\n${lines.join('\n')}\n`
          const out = recordsOf(
            await readAllRecords(importer, textSource('g.csv', text, chunk), {
              columns: { date: 'Fecha', amount: 'Importe', description: 'Concepto' },
              dateFormat: 'DD/MM/YYYY',
              decimal: ',',
              delimiter: ';',
              currency: 'EUR',
            }),
            'transactions',
          )
          expect(out.map((r) => [r['bookedAt'], r['amount'], r['description']])).toEqual(
            rows.map((r) => [
              Date.UTC(r.date.getUTCFullYear(), r.date.getUTCMonth(), r.date.getUTCDate()),
              r.cents / 100,
              r.text,
            ]),
          )
        },
      ),
      { numRuns: 60 },
    )
  })

  it('property: random input never throws anything but ImportFormatError', async () => {
    const header =
      '"Date","Status","Type","CheckNumber","Description","Withdrawal","Deposit","RunningBalance"\n'
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.uint8Array({ maxLength: 200 }).map((b) => new TextDecoder().decode(b)),
        ),
        async (tail) => {
          const error = await thrown(() =>
            readAllRecords(importer, textSource('s.csv', header + tail)),
          )
          if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
        },
      ),
      { numRuns: 150 },
    )
  })

  it.skipIf(!hasSchema('transactions'))(
    'yields records valid against the transactions schema',
    async () => {
      for (const f of [
        'csv2ofx_schwab-checking.csv',
        'csv2ofx_ingesp.csv',
        'csv2ofx_ubs-ch-fr_trimmed.csv',
      ]) {
        const all = await readAllRecords(importer, bytesSource(f, sharedFixture(`bank/${f}`)))
        expect(schemaErrors(all)).toEqual([])
      }
    },
  )
})
