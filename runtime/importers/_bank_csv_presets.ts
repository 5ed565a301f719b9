/**
 * The named bank CSV layouts: each bank's export recognised from its header row (all of it, or its
 * fixed first columns where the bank appends columns over time), with the rows it holds that are not
 * movements (pending, declined, authorisations) skipped and counted. See docs/importers.md, "Bank
 * presets".
 */
import type { TextEncodingName } from './_source.ts'
import type { DecimalMark } from './_values.ts'

/** A column by header name (case-insensitive, `_` read as a space) or by 0-based index. */
export type ColumnRef = string | number

/** Rows to leave out: those whose cell is not one of `keep`, or matches `drop`. */
export interface BankCsvSkipRule {
  readonly column: ColumnRef
  /** Read the row only when the cell is one of these (case-insensitive). */
  readonly keep?: readonly string[]
  /** Skip the row when the cell matches. */
  readonly drop?: RegExp
  /** Why, in the import report; the cell's text is added in brackets: 'not completed (PENDING)'. */
  readonly reason: string
}

/** How to read one bank's CSV layout. Either `amount`, or `debit` and/or `credit`, must be given. */
export interface BankCsvMapping {
  readonly columns: {
    readonly date: ColumnRef
    readonly description: ColumnRef | readonly ColumnRef[]
    /** Signed amount: negative is money out. */
    readonly amount?: ColumnRef
    /** Money out as a positive number. */
    readonly debit?: ColumnRef
    /** Money in as a positive number. */
    readonly credit?: ColumnRef
    /** A fee charged on top of `amount`, as a positive number: the movement is amount − fee. */
    readonly fee?: ColumnRef
    readonly currency?: ColumnRef
    readonly balance?: ColumnRef
    /** One column, or several joined with ' / ' (top level first). */
    readonly category?: ColumnRef | readonly ColumnRef[]
    readonly type?: ColumnRef
    readonly accountId?: ColumnRef
    readonly checkNumber?: ColumnRef
    readonly reference?: ColumnRef
    readonly memo?: ColumnRef
    /** Who was paid or who paid (payee, merchant, Empfänger …); of several, the first non-empty. */
    readonly counterparty?: ColumnRef | readonly ColumnRef[]
    /** ISO 18245 merchant category code. */
    readonly mcc?: ColumnRef
    readonly valueDate?: ColumnRef
    /** Which way the money went, for unsigned amounts ('Af'/'Bij', 'D'/'C', 'S'/'H'). */
    readonly direction?: ColumnRef
  }
  /**
   * Date pattern from YYYY, YY, MM, M, DD, D (and HH:mm[:ss]), e.g. 'DD.MM.YYYY'; alternatives
   * separated by '|' ('DD.MM.YY|DD.MM.YYYY'); 'auto' (presets only) takes it from the first rows.
   */
  readonly dateFormat: string
  /** 'auto' (presets only): taken from the first rows' amounts. */
  readonly decimal?: DecimalMark | 'auto'
  readonly delimiter?: string
  /** Currency when there is no currency column (ISO 4217). */
  readonly currency?: string
  /** Whether the first row is a header (default true). */
  readonly header?: boolean
  readonly encoding?: TextEncodingName
  /** Data rows start after the header row that equals these cells (files with a preamble). */
  readonly headerCells?: readonly string[]
  /** Rows that are not movements. */
  readonly skip?: readonly BankCsvSkipRule[]
  /** With `dateFormat: 'auto'`: a day/month order nothing in the dates decides is month first when this column matches. */
  readonly monthFirstWhen?: { readonly column: ColumnRef; readonly pattern: RegExp }
}

/** A named mapping recognised from its header row. */
export interface BankCsvPreset {
  readonly name: string
  /** The bank, as the import report names it. */
  readonly bank: string
  readonly header: readonly string[]
  /**
   * Whether `header` is only the fixed first columns: later columns vary between exports, and the
   * mapping's other columns are used when the file has them.
   */
  readonly headerPrefix?: boolean
  readonly mapping: BankCsvMapping
}

const COMPLETED = { column: 'State', keep: ['COMPLETED'], reason: 'not completed' }

/**
 * The rows of PayPal's activity download that are not movements, in the download's language: a
 * status other than completed or refunded, no balance impact (memo rows), and currency conversions,
 * authorisations and holds.
 */
function paypalSkips(words: {
  readonly status: string
  readonly completed: readonly string[]
  readonly balanceImpact: string
  readonly type: string
  readonly notMovements: RegExp
}): readonly BankCsvSkipRule[] {
  return [
    { column: words.status, keep: words.completed, reason: 'not completed' },
    { column: words.balanceImpact, drop: /^memo$/i, reason: 'no balance impact' },
    { column: words.type, drop: words.notMovements, reason: 'conversion, authorisation or hold' },
  ]
}

const PAYPAL_SKIPS = paypalSkips({
  status: 'Status',
  completed: ['Completed', 'Refunded', 'Partially Refunded'],
  balanceImpact: 'Balance Impact',
  type: 'Type',
  notMovements: /currency conversion|authori[sz]ation|\bhold\b/i,
})

// PayPal's German-language download: the same columns with German names and values.
const PAYPAL_DE_SKIPS = paypalSkips({
  status: 'Status',
  completed: ['Abgeschlossen', 'Erstattet', 'Teilweise erstattet'],
  balanceImpact: 'Auswirkung auf Guthaben',
  type: 'Typ',
  notMovements: /w[äa]hrungsumrechnung|autorisierung|einbehalt|zur[üu]ckbehalt/i,
})

// prettier-ignore
const RABOBANK_HEADER = ['IBAN/BBAN', 'Munt', 'BIC', 'Volgnr', 'Datum', 'Rentedatum', 'Bedrag', 'Saldo na trn']

/** The built-in layouts, detected from their header row. */
export const BANK_CSV_PRESETS: readonly BankCsvPreset[] = [
  {
    name: 'schwab-checking',
    bank: 'Charles Schwab (checking)',
    header: [
      'Date',
      'Status',
      'Type',
      'CheckNumber',
      'Description',
      'Withdrawal',
      'Deposit',
      'RunningBalance',
    ],
    mapping: {
      columns: {
        date: 'Date',
        description: 'Description',
        debit: 'Withdrawal',
        credit: 'Deposit',
        balance: 'RunningBalance',
        type: 'Type',
        checkNumber: 'CheckNumber',
      },
      dateFormat: 'MM/DD/YYYY',
      decimal: '.',
      delimiter: ',',
      currency: 'USD',
    },
  },
  {
    name: 'ing-es',
    bank: 'ING España',
    header: ['date', 'class', 'subcategory', 'desc', 'notes', 'image', 'amount', 'balance'],
    mapping: {
      columns: {
        date: 'date',
        description: 'desc',
        amount: 'amount',
        balance: 'balance',
        category: ['class', 'subcategory'],
        memo: 'notes',
      },
      dateFormat: 'DD/MM/YYYY',
      decimal: '.',
      delimiter: ',',
      currency: 'EUR',
    },
  },
  {
    name: 'ubs-ch-fr',
    bank: 'UBS (Switzerland, French)',
    header: [
      'Produit',
      'Monn.',
      'Description',
      'Date de valeur',
      'Description 1',
      'Description 2',
      'Description 3',
      'N° de transaction',
      'Débit',
      'Crédit',
      'Solde',
    ],
    mapping: {
      columns: {
        date: 'Date de valeur',
        description: ['Description 1', 'Description 2', 'Description 3'],
        debit: 'Débit',
        credit: 'Crédit',
        balance: 'Solde',
        currency: 'Monn.',
        accountId: 'Produit',
        reference: 'N° de transaction',
      },
      dateFormat: 'DD.MM.YYYY',
      decimal: '.',
      delimiter: ';',
    },
  },
  {
    name: 'revolut',
    bank: 'Revolut',
    // prettier-ignore
    header: ['Type', 'Product', 'Started Date', 'Completed Date', 'Description', 'Amount', 'Fee', 'Currency', 'State', 'Balance'],
    mapping: {
      columns: {
        date: 'Completed Date',
        description: 'Description',
        amount: 'Amount',
        fee: 'Fee',
        currency: 'Currency',
        balance: 'Balance',
        type: 'Type',
        accountId: 'Product',
      },
      dateFormat: 'YYYY-MM-DD',
      decimal: '.',
      delimiter: ',',
      skip: [COMPLETED],
    },
  },
  {
    name: 'n26-de',
    bank: 'N26 (German export)',
    headerPrefix: true,
    header: ['Datum', 'Empfänger', 'Kontonummer', 'Transaktionstyp', 'Verwendungszweck'],
    mapping: {
      columns: {
        date: 'Datum',
        description: 'Verwendungszweck',
        counterparty: 'Empfänger',
        amount: 'Betrag (EUR)',
        category: 'Kategorie',
        type: 'Transaktionstyp',
      },
      dateFormat: 'YYYY-MM-DD',
      decimal: '.',
      delimiter: ',',
      currency: 'EUR',
    },
  },
  {
    name: 'n26-en',
    bank: 'N26',
    headerPrefix: true,
    header: ['Date', 'Payee', 'Account number', 'Transaction type', 'Payment reference'],
    mapping: {
      columns: {
        date: 'Date',
        description: 'Payment reference',
        counterparty: 'Payee',
        amount: 'Amount (EUR)',
        category: 'Category',
        type: 'Transaction type',
      },
      dateFormat: 'YYYY-MM-DD',
      decimal: '.',
      delimiter: ',',
      currency: 'EUR',
    },
  },
  {
    name: 'n26',
    bank: 'N26',
    headerPrefix: true,
    // prettier-ignore
    header: ['Booking Date', 'Value Date', 'Partner Name', 'Partner Iban', 'Type', 'Payment Reference', 'Account Name', 'Amount (EUR)'],
    mapping: {
      columns: {
        date: 'Booking Date',
        valueDate: 'Value Date',
        description: 'Payment Reference',
        counterparty: 'Partner Name',
        amount: 'Amount (EUR)',
        type: 'Type',
        accountId: 'Account Name',
      },
      dateFormat: 'YYYY-MM-DD',
      decimal: '.',
      delimiter: ',',
      currency: 'EUR',
    },
  },
  {
    name: 'monzo-2018',
    bank: 'Monzo',
    // prettier-ignore
    header: ['id', 'created', 'amount', 'currency', 'local_amount', 'local_currency', 'category', 'emoji', 'description', 'address', 'notes', 'receipt'],
    mapping: {
      columns: {
        date: 'created',
        description: 'description',
        amount: 'amount',
        currency: 'currency',
        category: 'category',
        reference: 'id',
        memo: 'notes',
      },
      dateFormat: 'YYYY-MM-DD',
      decimal: '.',
      delimiter: ',',
    },
  },
  {
    name: 'monzo',
    bank: 'Monzo',
    headerPrefix: true,
    // prettier-ignore
    header: ['Transaction ID', 'Date', 'Time', 'Type', 'Name', 'Emoji', 'Category', 'Amount', 'Currency'],
    mapping: {
      columns: {
        date: 'Date',
        description: 'Description',
        counterparty: 'Name',
        amount: 'Amount',
        currency: 'Currency',
        category: 'Category',
        type: 'Type',
        reference: 'Transaction ID',
        memo: 'Notes and #tags',
      },
      dateFormat: 'DD/MM/YYYY',
      decimal: '.',
      delimiter: ',',
    },
  },
  {
    name: 'wise',
    bank: 'Wise',
    headerPrefix: true,
    header: ['TransferWise ID', 'Date', 'Amount', 'Currency', 'Description'],
    mapping: {
      columns: {
        date: 'Date',
        description: 'Description',
        counterparty: ['Merchant', 'Payee Name', 'Payer Name'],
        amount: 'Amount',
        currency: 'Currency',
        balance: 'Running Balance',
        reference: 'TransferWise ID',
        memo: 'Payment Reference',
      },
      dateFormat: 'DD-MM-YYYY|YYYY-MM-DD',
      decimal: '.',
      delimiter: ',',
    },
  },
  {
    name: 'paypal',
    bank: 'PayPal',
    headerPrefix: true,
    // prettier-ignore
    header: ['Date', 'Time', 'TimeZone', 'Name', 'Type', 'Status', 'Currency', 'Gross', 'Fee', 'Net'],
    mapping: {
      columns: {
        date: 'Date',
        description: ['Name', 'Item Title'],
        counterparty: 'Name',
        amount: 'Net',
        currency: 'Currency',
        balance: 'Balance',
        type: 'Type',
        reference: 'Transaction ID',
        memo: 'Subject',
      },
      dateFormat: 'auto',
      decimal: 'auto',
      delimiter: ',',
      skip: PAYPAL_SKIPS,
      monthFirstWhen: {
        column: 'TimeZone',
        pattern: /^(?:[PMCE][SD]T|AK[SD]T|HST|America\/)/,
      },
    },
  },
  {
    name: 'paypal-de',
    bank: 'PayPal (German download)',
    headerPrefix: true,
    // prettier-ignore
    header: ['Datum', 'Uhrzeit', 'Zeitzone', 'Name', 'Typ', 'Status', 'Währung', 'Brutto', 'Gebühr', 'Netto'],
    mapping: {
      columns: {
        date: 'Datum',
        description: ['Name', 'Artikelbezeichnung'],
        counterparty: 'Name',
        amount: 'Netto',
        currency: 'Währung',
        balance: 'Guthaben',
        type: 'Typ',
        reference: 'Transaktionscode',
        memo: 'Betreff',
      },
      dateFormat: 'DD.MM.YYYY',
      decimal: 'auto',
      delimiter: ',',
      skip: PAYPAL_DE_SKIPS,
    },
  },
  {
    name: 'bunq',
    bank: 'bunq',
    header: ['Date', 'Amount', 'Account', 'Counterparty', 'Name', 'Description'],
    mapping: {
      columns: {
        date: 'Date',
        description: 'Description',
        counterparty: 'Name',
        amount: 'Amount',
        accountId: 'Account',
      },
      dateFormat: 'YYYY-MM-DD',
      decimal: ',',
      delimiter: ',',
      currency: 'EUR',
    },
  },
  {
    name: 'bunq-nl',
    bank: 'bunq (Dutch export)',
    header: ['Datum', 'Bedrag', 'Rekening', 'Tegenrekening', 'Naam', 'Omschrijving'],
    mapping: {
      columns: {
        date: 'Datum',
        description: 'Omschrijving',
        counterparty: 'Naam',
        amount: 'Bedrag',
        accountId: 'Rekening',
      },
      dateFormat: 'YYYY-MM-DD',
      decimal: ',',
      delimiter: ',',
      currency: 'EUR',
    },
  },
  {
    name: 'chase-checking',
    bank: 'Chase (checking)',
    header: [
      'Details',
      'Posting Date',
      'Description',
      'Amount',
      'Type',
      'Balance',
      'Check or Slip #',
    ],
    mapping: {
      columns: {
        date: 'Posting Date',
        description: 'Description',
        amount: 'Amount',
        balance: 'Balance',
        type: 'Type',
        checkNumber: 'Check or Slip #',
      },
      dateFormat: 'MM/DD/YYYY',
      decimal: '.',
      delimiter: ',',
      currency: 'USD',
    },
  },
  {
    name: 'chase-card',
    bank: 'Chase (credit card)',
    header: ['Transaction Date', 'Post Date', 'Description', 'Category', 'Type', 'Amount', 'Memo'],
    mapping: {
      columns: {
        date: 'Transaction Date',
        valueDate: 'Post Date',
        description: 'Description',
        amount: 'Amount',
        category: 'Category',
        type: 'Type',
        memo: 'Memo',
      },
      dateFormat: 'MM/DD/YYYY',
      decimal: '.',
      delimiter: ',',
      currency: 'USD',
    },
  },
  {
    name: 'credit-mutuel',
    bank: 'Crédit Mutuel / CIC',
    header: ['Date', 'Date de valeur', 'Débit', 'Crédit', 'Libellé', 'Solde'],
    mapping: {
      columns: {
        date: 'Date',
        valueDate: 'Date de valeur',
        description: 'Libellé',
        debit: 'Débit',
        credit: 'Crédit',
        balance: 'Solde',
      },
      dateFormat: 'DD/MM/YYYY',
      decimal: ',',
      delimiter: ';',
      currency: 'EUR',
    },
  },
  {
    name: 'boursorama',
    bank: 'Boursorama Banque',
    headerPrefix: true,
    // prettier-ignore
    header: ['dateOp', 'dateVal', 'label', 'category', 'categoryParent', 'supplierFound', 'amount'],
    mapping: {
      columns: {
        date: 'dateOp',
        valueDate: 'dateVal',
        description: 'label',
        counterparty: 'supplierFound',
        amount: 'amount',
        category: ['categoryParent', 'category'],
        accountId: 'accountNum',
        memo: 'comment',
      },
      dateFormat: 'YYYY-MM-DD|DD/MM/YYYY',
      decimal: ',',
      delimiter: ';',
      currency: 'EUR',
    },
  },
  {
    name: 'sparkasse',
    bank: 'Sparkasse',
    headerPrefix: true,
    header: ['Auftragskonto', 'Buchungstag', 'Valutadatum', 'Buchungstext', 'Verwendungszweck'],
    mapping: {
      columns: {
        date: 'Buchungstag',
        valueDate: 'Valutadatum',
        description: 'Verwendungszweck',
        counterparty: 'Beguenstigter/Zahlungspflichtiger',
        amount: 'Betrag',
        currency: 'Waehrung',
        type: 'Buchungstext',
        accountId: 'Auftragskonto',
        reference: 'Kundenreferenz (End-to-End)',
      },
      dateFormat: 'DD.MM.YY|DD.MM.YYYY',
      decimal: ',',
      delimiter: ';',
      skip: [{ column: 'Info', drop: /vorgemerkt/i, reason: 'pending' }],
    },
  },
  {
    name: 'rabobank',
    bank: 'Rabobank',
    headerPrefix: true,
    header: RABOBANK_HEADER,
    mapping: {
      columns: {
        date: 'Datum',
        valueDate: 'Rentedatum',
        description: ['Omschrijving-1', 'Omschrijving-2', 'Omschrijving-3'],
        counterparty: 'Naam tegenpartij',
        amount: 'Bedrag',
        currency: 'Munt',
        balance: 'Saldo na trn',
        type: 'Code',
        accountId: 'IBAN/BBAN',
        reference: 'Volgnr',
      },
      dateFormat: 'YYYY-MM-DD',
      decimal: ',',
      delimiter: ',',
    },
  },
  {
    name: 'ing-nl',
    bank: 'ING (Netherlands)',
    headerPrefix: true,
    // prettier-ignore
    header: ['Datum', 'Naam / Omschrijving', 'Rekening', 'Tegenrekening', 'Code', 'Af Bij', 'Bedrag (EUR)', 'Mutatiesoort', 'Mededelingen'],
    mapping: {
      columns: {
        date: 'Datum',
        description: ['Naam / Omschrijving', 'Mededelingen'],
        counterparty: 'Naam / Omschrijving',
        amount: 'Bedrag (EUR)',
        direction: 'Af Bij',
        balance: 'Saldo na mutatie',
        type: 'Mutatiesoort',
        accountId: 'Rekening',
        memo: 'Tag',
      },
      dateFormat: 'YYYYMMDD|DD-MM-YYYY',
      decimal: ',',
      delimiter: ';',
      currency: 'EUR',
    },
  },
  {
    name: 'fineco',
    bank: 'FinecoBank',
    headerPrefix: true,
    header: ['Data Operazione', 'Data Valuta', 'Entrate', 'Uscite', 'Descrizione'],
    mapping: {
      columns: {
        date: 'Data Operazione',
        valueDate: 'Data Valuta',
        description: ['Descrizione', 'Descrizione Completa'],
        credit: 'Entrate',
        debit: 'Uscite',
        category: 'Moneymap',
      },
      dateFormat: 'DD/MM/YYYY',
      decimal: 'auto',
      delimiter: ';',
      currency: 'EUR',
      skip: [{ column: 'Stato', drop: /autorizzat|in attesa|sospes/i, reason: 'not booked' }],
    },
  },
]
