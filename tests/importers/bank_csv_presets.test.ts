/**
 * The named bank presets: each bank's header row as the bank exports it (documented by the banks and
 * by open-source importers) with hand-written rows, checked for dates, signed amounts, currency,
 * counterparty, the bank's category, and which rows are skipped and why; then the real public
 * samples in tests/fixtures/bank read by their preset, and the per-file import report.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BANK_CSV_PRESETS, bankCsvImporter } from '../../runtime/importers/bank_csv.ts'
import { BANK_CSV_PRESETS as FROM_INDEX, importFile } from '../../runtime/importers/index.ts'
import type { ImportReport } from '../../runtime/importers/types.ts'
import { bytesSource, readAllRecords, recordsOf, schemaErrors, textSource } from './_exports.ts'

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)
const fixture = (rel: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${rel}`, import.meta.url)))

/** The records and the report of one file. */
async function read(name: string, bytes: Uint8Array, options: Record<string, unknown> = {}) {
  const reports: ImportReport[] = []
  const all = await readAllRecords(bankCsvImporter, bytesSource(name, bytes), {
    ...options,
    onReport: (r: ImportReport) => reports.push(r),
  })
  expect(schemaErrors(all)).toEqual([])
  expect(reports).toHaveLength(1)
  return { rows: recordsOf(all, 'transactions'), report: reports[0]! }
}
const readText = (text: string) => read('export.csv', new TextEncoder().encode(text))
const lines = (...l: string[]): string => `${l.join('\n')}\n`
const pick = (rows: Record<string, unknown>[], ...keys: string[]) =>
  rows.map((r) => keys.map((k) => r[k]))

describe('bank presets', () => {
  it('keeps BANK_CSV_PRESETS exported from bank_csv.ts and the index, names unique', () => {
    expect(FROM_INDEX).toBe(BANK_CSV_PRESETS)
    const names = BANK_CSV_PRESETS.map((p) => p.name)
    expect(new Set(names).size).toBe(names.length)
    for (const name of ['revolut', 'n26', 'monzo', 'wise', 'paypal', 'chase-checking'])
      expect(names).toContain(name)
  })

  it('Revolut: Completed Date, amount minus fee, only COMPLETED rows', async () => {
    const { rows, report } = await readText(
      lines(
        'Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance',
        'CARD_PAYMENT,Current,2024-03-01 09:12:44,2024-03-02 10:00:01,Starbucks,-4.20,0.00,EUR,COMPLETED,120.50',
        'TOPUP,Current,2024-03-03 08:00:00,2024-03-03 08:00:05,Top-Up by *1234,100.00,0.00,EUR,COMPLETED,220.50',
        'EXCHANGE,Current,2024-03-04 11:00:00,2024-03-04 11:00:00,Exchanged to GBP,-50.00,0.25,EUR,COMPLETED,170.25',
        'CARD_PAYMENT,Current,2024-03-05 12:00:00,,Amazon,-20.00,0.00,EUR,PENDING,',
        'CARD_PAYMENT,Current,2024-03-05 13:00:00,,Uber,-9.00,0.00,EUR,DECLINED,',
        'CARD_PAYMENT,Current,2024-03-06 12:00:00,,Amazon,-21.00,0.00,EUR,PENDING,',
      ),
    )
    expect(pick(rows, 'bookedAt', 'amount', 'currency', 'balance', 'type')).toEqual([
      [day('2024-03-02'), -4.2, 'EUR', 120.5, 'card_payment'],
      [day('2024-03-03'), 100, 'EUR', 220.5, 'topup'],
      [day('2024-03-04'), -50.25, 'EUR', 170.25, 'exchange'],
    ])
    expect(rows[0]).toMatchObject({
      description: 'Starbucks',
      category: 'cafe',
      accountId: 'Current',
      source: 'bank-csv:revolut',
    })
    expect(report).toEqual({
      file: 'export.csv',
      format: 'bank-csv',
      layout: 'revolut',
      readAs: 'Revolut',
      records: 3,
      skipped: [
        { reason: 'not completed (PENDING)', rows: 2 },
        { reason: 'not completed (DECLINED)', rows: 1 },
      ],
    })
  })

  it('N26: the English export with and without a category, and the 2023 export', async () => {
    const en = await readText(
      lines(
        '"Date","Payee","Account number","Transaction type","Payment reference","Amount (EUR)","Amount (Foreign Currency)","Type Foreign Currency","Exchange Rate"',
        '"2024-01-05","REWE Markt GmbH","","MasterCard Payment","","-23.45","-23.45","EUR","1.0"',
        '"2024-01-31","Acme GmbH","DE89370400440532013000","Income","Gehalt Januar","2500.00","","",""',
      ),
    )
    expect(en.report.layout).toBe('n26-en')
    expect(pick(en.rows, 'bookedAt', 'amount', 'currency', 'type')).toEqual([
      [day('2024-01-05'), -23.45, 'EUR', 'mastercard payment'],
      [day('2024-01-31'), 2500, 'EUR', 'income'],
    ])
    expect(en.rows[0]).toMatchObject({ counterparty: 'REWE Markt GmbH', category: 'groceries' })
    expect(en.rows[1]).toMatchObject({ description: 'Gehalt Januar', category: 'salary' })

    const withCategory = await readText(
      lines(
        '"Date","Payee","Account number","Transaction type","Payment reference","Category","Amount (EUR)","Amount (Foreign Currency)","Type Foreign Currency","Exchange Rate"',
        '"2024-01-06","Muster GmbH","","MasterCard Payment","","Transport & Car","-39.90","","",""',
      ),
    )
    expect(withCategory.rows[0]).toMatchObject({
      amount: -39.9,
      bankCategory: 'Transport & Car',
      category: 'transport',
      source: 'bank-csv:n26-en',
    })

    const current = await readText(
      lines(
        '"Booking Date","Value Date","Partner Name","Partner Iban",Type,"Payment Reference","Account Name","Amount (EUR)","Original Amount","Original Currency","Exchange Rate"',
        '"2024-02-01","2024-01-31","Lidl","",Presentment,"","Main Account","-12.30","","",""',
      ),
    )
    expect(current.report.readAs).toBe('N26')
    expect(current.rows[0]).toMatchObject({
      bookedAt: day('2024-02-01'),
      valueAt: day('2024-01-31'),
      amount: -12.3,
      currency: 'EUR',
      counterparty: 'Lidl',
      accountId: 'Main Account',
      source: 'bank-csv:n26',
    })
  })

  it('Monzo: the current export matched by its first columns, day-first dates', async () => {
    const { rows, report } = await readText(
      lines(
        'Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In',
        'tx_0000A1,05/03/2024,08:15:00,Card payment,Tesco,🛒,Groceries,-23.95,GBP,-23.95,GBP,,1 Main St,,TESCO STORES 3297 LONDON GBR,,-23.95,',
        'tx_0000A2,28/03/2024,09:00:00,Faster payment,ACME LTD,,Income,2100.00,GBP,2100.00,GBP,March salary,,,ACME LTD SALARY,,,2100.00',
      ),
    )
    expect(report.layout).toBe('monzo')
    expect(pick(rows, 'bookedAt', 'amount', 'currency', 'bankCategory', 'reference')).toEqual([
      [day('2024-03-05'), -23.95, 'GBP', 'Groceries', 'tx_0000A1'],
      [day('2024-03-28'), 2100, 'GBP', 'Income', 'tx_0000A2'],
    ])
    expect(rows[0]).toMatchObject({
      description: 'TESCO STORES 3297 LONDON GBR',
      counterparty: 'Tesco',
      category: 'groceries',
    })
    expect(rows[1]).toMatchObject({ memo: 'March salary', type: 'faster payment' })
  })

  it('Wise: dd-mm-yyyy, counterparty from Merchant, Payee or Payer, fees included in Amount', async () => {
    const { rows } = await readText(
      lines(
        '"TransferWise ID",Date,Amount,Currency,Description,"Payment Reference","Running Balance","Exchange From","Exchange To","Exchange Rate","Payer Name","Payee Name","Payee Account Number",Merchant,"Card Last Four Digits","Card Holder Full Name",Attachment,Note,"Total fees"',
        'CARD-123,15-03-2024,-23.10,GBP,"Card transaction of 23.10 GBP issued by Tesco Stores",,476.90,,,,,,,"Tesco Stores",1234,"A B",,,0.00',
        'TRANSFER-456,16-03-2024,-200.50,GBP,"Sent money to Jane Doe","rent march",276.40,,,,,"Jane Doe",GB00000000000000,,,,,,0.50',
        'TRANSFER-789,17-03-2024,1000.00,GBP,"Received money from ACME LTD with reference SALARY",SALARY,1276.40,,,,"ACME LTD",,,,,,,,0.00',
      ),
    )
    expect(pick(rows, 'bookedAt', 'amount', 'currency', 'balance', 'reference')).toEqual([
      [day('2024-03-15'), -23.1, 'GBP', 476.9, 'CARD-123'],
      [day('2024-03-16'), -200.5, 'GBP', 276.4, 'TRANSFER-456'],
      [day('2024-03-17'), 1000, 'GBP', 1276.4, 'TRANSFER-789'],
    ])
    expect(rows[0]).toMatchObject({ category: 'groceries', source: 'bank-csv:wise' })
    expect(rows[1]).toMatchObject({ memo: 'rent march' })
    expect(rows.map((r) => r['counterparty'])).toEqual(['Tesco Stores', 'Jane Doe', 'ACME LTD'])
  })

  it('PayPal: Net, completed rows only, no conversions, holds or memo rows; US dates from the zone', async () => {
    const { rows, report } = await readText(
      lines(
        '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address","To Email Address","Transaction ID","Item Title","Balance","Balance Impact"',
        '"03/04/2024","10:11:12","PST","Spotify AB","Subscription Payment","Completed","USD","-10.99","0.00","-10.99","me@example.org","pay@spotify.com","1AB23","Premium","89.01","Debit"',
        '"03/05/2024","09:00:00","PST","Jane Doe","Payment Received","Completed","USD","50.00","-1.75","48.25","jane@example.org","me@example.org","2CD34","","137.26","Credit"',
        '"03/06/2024","09:00:00","PST","Some Shop","General Authorization","Pending","USD","-20.00","0.00","-20.00","","","3EF45","","137.26","Memo"',
        '"03/07/2024","09:00:00","PST","","General Currency Conversion","Completed","USD","20.00","0.00","20.00","","","4GH56","","157.26","Credit"',
        '"03/08/2024","09:00:00","PST","eBay","Express Checkout Payment","Pending","USD","-5.00","0.00","-5.00","","","5IJ67","","157.26","Memo"',
        '"03/09/2024","09:00:00","PST","Shop","Express Checkout Payment","Completed","USD","-7.00","0.00","-7.00","","","6KL78","","157.26","Memo"',
      ),
    )
    expect(pick(rows, 'bookedAt', 'amount', 'currency', 'counterparty', 'reference')).toEqual([
      [day('2024-03-04'), -10.99, 'USD', 'Spotify AB', '1AB23'],
      [day('2024-03-05'), 48.25, 'USD', 'Jane Doe', '2CD34'],
    ])
    expect(rows[0]).toMatchObject({ description: 'Spotify AB | Premium', balance: 89.01 })
    expect(report.records).toBe(2)
    expect(report.skipped).toEqual([
      { reason: 'not completed (Pending)', rows: 2 },
      { reason: 'conversion, authorisation or hold (General Currency Conversion)', rows: 1 },
      { reason: 'no balance impact (Memo)', rows: 1 },
    ])
  })

  it('PayPal in a European account: day first and decimal commas, from the data', async () => {
    const { rows } = await readText(
      lines(
        '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address","To Email Address","Transaction ID"',
        '"03/04/2024","10:11:12","CET","Spotify AB","Subscription Payment","Completed","EUR","-1.010,99","0,00","-1.010,99","me@example.org","pay@spotify.com","1AB23"',
      ),
    )
    expect(rows[0]).toMatchObject({ bookedAt: day('2024-04-03'), amount: -1010.99 })
  })

  it('PayPal (German download): Netto, abgeschlossene rows only, no conversions or holds', async () => {
    const { rows, report } = await readText(
      lines(
        '"Datum","Uhrzeit","Zeitzone","Name","Typ","Status","Währung","Brutto","Gebühr","Netto","Absender E-Mail-Adresse","Empfänger E-Mail-Adresse","Transaktionscode","Artikelbezeichnung","Guthaben","Auswirkung auf Guthaben"',
        '"04.03.2024","10:11:12","Europe/Berlin","Spotify AB","Zahlung im Einzugsverfahren mit Zahlungsrechnung","Abgeschlossen","EUR","-10,99","0,00","-10,99","ich@example.org","pay@spotify.com","1AB23","Premium","89,01","Soll"',
        '"05.03.2024","09:00:00","Europe/Berlin","Erika Mustermann","Zahlung erhalten","Abgeschlossen","EUR","1.050,00","-1,75","1.048,25","erika@example.org","ich@example.org","2CD34","","1.137,26","Haben"',
        '"06.03.2024","09:00:00","Europe/Berlin","Ein Shop","Allgemeine Autorisierung","Ausstehend","EUR","-20,00","0,00","-20,00","","","3EF45","","1.137,26","Memo"',
        '"07.03.2024","09:00:00","Europe/Berlin","","Allgemeine Währungsumrechnung","Abgeschlossen","EUR","20,00","0,00","20,00","","","4GH56","","1.157,26","Haben"',
      ),
    )
    expect(report).toMatchObject({ layout: 'paypal-de', readAs: 'PayPal (German download)' })
    expect(pick(rows, 'bookedAt', 'amount', 'currency', 'counterparty', 'reference')).toEqual([
      [day('2024-03-04'), -10.99, 'EUR', 'Spotify AB', '1AB23'],
      [day('2024-03-05'), 1048.25, 'EUR', 'Erika Mustermann', '2CD34'],
    ])
    expect(rows[1]).toMatchObject({ balance: 1137.26 })
    expect(report.skipped).toEqual([
      { reason: 'not completed (Ausstehend)', rows: 1 },
      { reason: 'conversion, authorisation or hold (Allgemeine Währungsumrechnung)', rows: 1 },
    ])
  })

  it('Chase checking and card: MM/DD/YYYY, USD, signed amounts, Chase categories', async () => {
    const checking = await readText(
      lines(
        'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #',
        'DEBIT,03/28/2024,"STARBUCKS STORE 12345 SEATTLE WA",-5.45,DEBIT_CARD,1234.55,,',
        'CREDIT,03/29/2024,"ACME CORP PAYROLL PPD ID: 123",2000.00,ACH_CREDIT,3234.55,,',
        'CHECK,04/01/2024,"CHECK 1001",-150.00,CHECK_PAID,3084.55,1001,',
      ),
    )
    expect(pick(checking.rows, 'bookedAt', 'amount', 'currency', 'balance', 'checkNumber')).toEqual(
      [
        [day('2024-03-28'), -5.45, 'USD', 1234.55, undefined],
        [day('2024-03-29'), 2000, 'USD', 3234.55, undefined],
        [day('2024-04-01'), -150, 'USD', 3084.55, '1001'],
      ],
    )
    expect(checking.rows[0]).toMatchObject({ category: 'cafe', type: 'debit_card' })
    expect(checking.report.readAs).toBe('Chase (checking)')

    const card = await readText(
      lines(
        'Transaction Date,Post Date,Description,Category,Type,Amount,Memo',
        '03/28/2024,03/29/2024,UBER   *TRIP,Travel,Sale,-18.43,',
        '04/02/2024,04/02/2024,Payment Thank You-Mobile,,Payment,500.00,',
      ),
    )
    expect(pick(card.rows, 'bookedAt', 'valueAt', 'amount', 'currency', 'bankCategory')).toEqual([
      [day('2024-03-28'), day('2024-03-29'), -18.43, 'USD', 'Travel'],
      [day('2024-04-02'), day('2024-04-02'), 500, 'USD', undefined],
    ])
    expect(card.rows[0]).toMatchObject({ category: 'transport', source: 'bank-csv:chase-card' })
  })

  it('Crédit Mutuel and Boursorama (France): decimal commas, spaced thousands, categories', async () => {
    const cm = await readText(
      lines(
        'Date;Date de valeur;Débit;Crédit;Libellé;Solde',
        '02/04/2024;03/04/2024;-23,50;;PAIEMENT CB 0104 LECLERC;1 234,56',
        '05/04/2024;05/04/2024;;1 800,00;VIR SALAIRE ACME;3 034,56',
      ),
    )
    expect(cm.report.layout).toBe('credit-mutuel')
    expect(pick(cm.rows, 'bookedAt', 'valueAt', 'amount', 'balance', 'currency')).toEqual([
      [day('2024-04-02'), day('2024-04-03'), -23.5, 1234.56, 'EUR'],
      [day('2024-04-05'), day('2024-04-05'), 1800, 3034.56, 'EUR'],
    ])
    expect(cm.rows[0]).toMatchObject({ category: 'groceries' })

    const bourso = await readText(
      lines(
        'dateOp;dateVal;label;category;categoryParent;supplierFound;amount;comment;accountNum;accountLabel;accountbalance',
        '2024-04-03;2024-04-03;"CARTE 02/04/24 MONOPRIX CB*1234";"Alimentation";"Vie quotidienne";"monoprix";-18,20;;00040123456;"BOURSORAMA BANQUE";1520,30',
        '2024-04-04;2024-04-04;"VIR SEPA ACME";"Salaires";"Revenus";"";"2 100,00";"avril";00040123456;"BOURSORAMA BANQUE";1520,30',
      ),
    )
    expect(pick(bourso.rows, 'bookedAt', 'amount', 'currency', 'bankCategory')).toEqual([
      [day('2024-04-03'), -18.2, 'EUR', 'Vie quotidienne / Alimentation'],
      [day('2024-04-04'), 2100, 'EUR', 'Revenus / Salaires'],
    ])
    // accountbalance is today's balance on every row, not the balance after the row: not kept.
    expect(bourso.rows[0]).toMatchObject({ accountId: '00040123456', category: 'groceries' })
    expect(bourso.rows[0]).not.toHaveProperty('balance')
    expect(bourso.rows[1]).toMatchObject({ memo: 'avril', category: 'salary' })
  })

  it('Sparkasse CSV-CAMT: pending rows ("Umsatz vorgemerkt") skipped', async () => {
    const { rows, report } = await readText(
      lines(
        '"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"',
        '"DE00123";"04.03.24";"02.03.24";"KARTENZAHLUNG";"REWE SAGT DANKE";"";"";"E2E-1";"";"";"";"REWE Markt GmbH";"DE000";"COBADEFFXXX";"-64,37";"EUR";"Umsatz gebucht"',
        '"DE00123";"05.03.24";"05.03.24";"KARTENZAHLUNG";"ARAL TANKSTELLE";"";"";"";"";"";"";"ARAL AG";"DE000";"";"-50,00";"EUR";"Umsatz vorgemerkt"',
      ),
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      bookedAt: day('2024-03-04'),
      valueAt: day('2024-03-02'),
      amount: -64.37,
      currency: 'EUR',
      counterparty: 'REWE Markt GmbH',
      reference: 'E2E-1',
      accountId: 'DE00123',
      category: 'groceries',
    })
    expect(report.skipped).toEqual([{ reason: 'pending (Umsatz vorgemerkt)', rows: 1 }])
  })

  it('ING (Netherlands): Af/Bij gives the sign, with ";" or ","', async () => {
    const { rows, report } = await readText(
      lines(
        '"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen";"Saldo na mutatie";"Tag"',
        '"20240405";"Albert Heijn 1234";"NL01INGB0000000001";"";"BA";"Af";"12,34";"Betaalautomaat";"Pasvolgnr: 001";"987,66";""',
        '"20240406";"ACME BV";"NL01INGB0000000001";"NL02ABNA0123456789";"OV";"Bij";"1.500,00";"Overschrijving";"Naam: ACME BV Omschrijving: Salaris april";"2487,66";"werk"',
      ),
    )
    expect(report.readAs).toBe('ING (Netherlands)')
    expect(pick(rows, 'bookedAt', 'amount', 'balance', 'currency', 'memo')).toEqual([
      [day('2024-04-05'), -12.34, 987.66, 'EUR', undefined],
      [day('2024-04-06'), 1500, 2487.66, 'EUR', 'werk'],
    ])
    expect(rows[0]).toMatchObject({ category: 'groceries', accountId: 'NL01INGB0000000001' })
    const comma = await readText(
      lines(
        '"Datum","Naam / Omschrijving","Rekening","Tegenrekening","Code","Af Bij","Bedrag (EUR)","MutatieSoort","Mededelingen"',
        '"20190105","Jumbo Utrecht","NL01INGB0000000001","","BA","Af","9,99","Betaalautomaat",""',
      ),
    )
    expect(comma.rows[0]).toMatchObject({
      bookedAt: day('2019-01-05'),
      amount: -9.99,
      source: 'bank-csv:ing-nl',
    })
  })

  it('Fineco (Italy): Entrate/Uscite, Moneymap category, unbooked rows skipped', async () => {
    const { rows, report } = await readText(
      lines(
        'Data_Operazione;Data_Valuta;Entrate;Uscite;Descrizione;Descrizione_Completa;Stato;Moneymap',
        '06/04/2024;06/04/2024;;-45,00;Pagamento Visa Debit;ESSELUNGA MILANO;Contabilizzato;Spesa',
        '07/04/2024;08/04/2024;1500,00;;Bonifico;Bonifico SEPA da ACME SRL stipendio;Contabilizzato;Stipendio',
        '08/04/2024;08/04/2024;;-12,00;Pagamento Visa Debit;BAR CENTRALE;Autorizzato;Bar',
      ),
    )
    expect(pick(rows, 'bookedAt', 'valueAt', 'amount', 'currency', 'bankCategory')).toEqual([
      [day('2024-04-06'), day('2024-04-06'), -45, 'EUR', 'Spesa'],
      [day('2024-04-07'), day('2024-04-08'), 1500, 'EUR', 'Stipendio'],
    ])
    expect(rows[0]).toMatchObject({
      description: 'Pagamento Visa Debit | ESSELUNGA MILANO',
      category: 'groceries',
    })
    expect(report).toMatchObject({
      layout: 'fineco',
      skipped: [{ reason: 'not booked (Autorizzato)', rows: 1 }],
    })
  })

  it("refuses a file read with options.preset that lacks the preset's columns, naming one", async () => {
    const text = lines(
      'Type,Product,Started,Completed,Desc,Amount,Fee,Currency,State,Balance',
      'CARD_PAYMENT,Current,2024-03-01,2024-03-02,Starbucks,-4.20,0.10,EUR,COMPLETED,120.50',
    )
    const all = await readAllRecords(bankCsvImporter, textSource('x.csv', text), {
      preset: 'revolut',
      columns: undefined,
    }).catch((e: unknown) => e)
    // The preset names its columns: a file without them is refused, naming the column.
    expect(String(all)).toContain('Completed Date')
  })
})

describe('real samples read by their preset', () => {
  const cases: [string, string, number, Record<string, unknown>][] = [
    [
      'bank2ynab_n26-de.csv',
      'n26-de',
      1,
      {
        bookedAt: day('2017-10-01'),
        amount: -59.99,
        currency: 'EUR',
        bankCategory: 'Medien & Elektronik',
        category: 'leisure',
        counterparty: 'NINTENDO OF EUROPE',
        type: 'mastercard zahlung',
      },
    ],
    [
      'bank2ynab_monzo-gb.csv',
      'monzo-2018',
      1,
      {
        bookedAt: day('2018-02-25'),
        amount: -10,
        currency: 'GBP',
        bankCategory: 'general',
        category: 'groceries',
        reference: 'tx_00009TziTeST1NG1ZWIPGS',
      },
    ],
    [
      'bank2ynab_sparkasse-de.csv',
      'sparkasse',
      1,
      {
        bookedAt: day('2018-02-22'),
        valueAt: day('2018-02-22'),
        amount: -36.99,
        currency: 'EUR',
        type: 'folgelastschrift',
        counterparty: 'Vodafone Kabel DeutschlandGmbH',
        category: 'internet',
        accountId: '1000594757',
      },
    ],
    [
      'bank2ynab_rabobank-nl.csv',
      'rabobank',
      3,
      {
        bookedAt: day('2018-03-01'),
        amount: -337.49,
        balance: 5257.28,
        currency: 'EUR',
        description: 'RENTE LENING',
        accountId: 'NL77RABO0311467415',
        reference: '000000000000009565',
        category: 'loan',
      },
    ],
    [
      'bank2ynab_bunq-en.csv',
      'bunq',
      7,
      {
        bookedAt: day('2018-12-06'),
        amount: -8.78,
        currency: 'EUR',
        counterparty: 'CLOUDFLARE',
        accountId: 'NL26BUNQ2025126409',
        category: 'subscriptions',
      },
    ],
    [
      'bank2ynab_bunq-nl.csv',
      'bunq-nl',
      3,
      {
        bookedAt: day('2018-03-01'),
        amount: -2.56,
        currency: 'EUR',
        counterparty: 'bunq',
        description: 'invoice 410408',
        accountId: 'NL47BUNQ2025181418',
      },
    ],
  ]
  for (const [file, preset, count, first] of cases) {
    it(`${file} as ${preset}`, async () => {
      const bytes = fixture(`bank/${file}`)
      expect(bankCsvImporter.sniff(bytes, file)).toBe(90)
      const { rows, report } = await read(file, bytes)
      expect(rows).toHaveLength(count)
      expect(rows[0]).toMatchObject({ ...first, source: `bank-csv:${preset}` })
      expect(report).toMatchObject({ layout: preset, records: count, skipped: [] })
    })
  }

  it('Rabobank: every row signed, with its balance and counterparty', async () => {
    const { rows } = await read('rabo.csv', fixture('bank/bank2ynab_rabobank-nl.csv'))
    expect(pick(rows, 'amount', 'balance', 'counterparty', 'category')).toEqual([
      // No Naam tegenpartij: the categoriser takes the counterparty from the description.
      [-337.49, 5257.28, 'RENTE LENING', 'loan'],
      [50, 13084.53, 'Nederlandse Loterij Organisatie B.V.', 'income'],
      [-750, 12334.53, 'W. Koelewijn', 'transfer'],
    ])
  })
})

describe('the import report', () => {
  it('names an inferred layout and counts the lines without a date', async () => {
    const { rows, report } = await readText(
      lines('Buchungstag;Verwendungszweck;Betrag', '01.02.2024;REWE;-3,00', ';Summe;-3,00'),
    )
    expect(rows).toHaveLength(1)
    expect(report).toEqual({
      file: 'export.csv',
      format: 'bank-csv',
      layout: 'inferred-de',
      readAs: 'a layout inferred from its German header',
      records: 1,
      skipped: [{ reason: 'no date (a total or balance line)', rows: 1 }],
    })
  })

  it('comes through importFile, with the format detected', async () => {
    const reports: ImportReport[] = []
    const text = lines(
      'Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance',
      'CARD_PAYMENT,Current,2024-03-01 09:12:44,,Amazon,-20.00,0.00,EUR,REVERTED,',
    )
    const records = []
    for await (const r of importFile(textSource('revolut.csv', text), {
      onReport: (r: ImportReport) => reports.push(r),
    }))
      records.push(r)
    expect(records).toHaveLength(0)
    expect(reports).toEqual([
      {
        file: 'revolut.csv',
        format: 'bank-csv',
        layout: 'revolut',
        readAs: 'Revolut',
        records: 0,
        skipped: [{ reason: 'not completed (REVERTED)', rows: 1 }],
      },
    ])
  })
})
