/**
 * Reading a bank CSV without a preset: find the header row (after any preamble) in English, French,
 * German, Spanish, Dutch, Italian or Portuguese, the separator, the decimal mark and the day/month
 * order from the data itself. Without a header row, a layout is still inferred from the cells' shapes
 * (dates, amounts, a currency code, the longest text). Pure functions over the first decoded text.
 */
import { foldText } from './categories.ts'
import { parseAmount, parseDateWithPattern } from './_values.ts'
import type { DecimalMark } from './_values.ts'

/** The columns of a bank CSV, by 0-based index. */
export interface InferredColumns {
  date: number
  description: number[]
  valueDate?: number
  amount?: number
  debit?: number
  credit?: number
  /** A column saying which way the money went ('Af'/'Bij', 'D'/'C', 'S'/'H', 'Debit'/'Credit'). */
  direction?: number
  currency?: number
  balance?: number
  category?: number[]
  type?: number
  counterparty?: number
  reference?: number
  mcc?: number
}

/** Everything needed to read the rows of one bank CSV. */
export interface InferredLayout {
  readonly delimiter: string
  /** The header cells, or undefined when the file has no header row. */
  readonly header: readonly string[] | undefined
  /** 0-based index of the header line among the sample's lines (or of the first data line). */
  readonly headerLine: number
  readonly columns: InferredColumns
  readonly dateFormat: string
  readonly decimal: DecimalMark
  /** Currency when no column names it: from the header ('Betrag (EUR)'), the amounts' signs, or the language. */
  readonly currency: string | undefined
  /** The language the header matched best ('und' without a header). */
  readonly language: string
}

type Role = Exclude<keyof InferredColumns, 'description' | 'category'> | 'description' | 'category'

// Header words per role (folded), with the language they belong to. A header cell matches a role
// when its folded text equals one of them or starts with one followed by a space ('betrag eur').
// prettier-ignore
const HEADERS: Readonly<Record<Role, readonly (readonly [string, string])[]>> = {
  date: [
    ['date', 'en'], ['booking date', 'en'], ['transaction date', 'en'], ['posting date', 'en'], ['posted date', 'en'], ['completed date', 'en'], ['started date', 'en'], ['trans date', 'en'], ['created', 'en'],
    ['date', 'fr'], ['date operation', 'fr'], ['date de l operation', 'fr'], ['date op', 'fr'], ['dateop', 'fr'], ['date comptable', 'fr'], ['date de comptabilisation', 'fr'],
    ['datum', 'de'], ['buchungstag', 'de'], ['buchungsdatum', 'de'], ['buchung', 'de'],
    ['fecha', 'es'], ['fecha operacion', 'es'], ['fecha contable', 'es'], ['f operacion', 'es'],
    ['transactiedatum', 'nl'], ['boekdatum', 'nl'], ['boekingsdatum', 'nl'], ['datum verrichting', 'nl'],
    ['data', 'it'], ['data operazione', 'it'], ['data contabile', 'it'], ['data registrazione', 'it'],
    ['data movimento', 'pt'], ['data lancamento', 'pt'], ['data mov', 'pt'], ['data operacao', 'pt'],
  ],
  valueDate: [
    ['value date', 'en'], ['date de valeur', 'fr'], ['date valeur', 'fr'], ['valutadatum', 'de'], ['wertstellung', 'de'], ['valuta', 'de'],
    ['fecha valor', 'es'], ['f valor', 'es'], ['rentedatum', 'nl'], ['valutadatum', 'nl'], ['data valuta', 'it'], ['data valor', 'pt'],
  ],
  description: [
    ['description', 'en'], ['details', 'en'], ['narrative', 'en'], ['transaction description', 'en'], ['text', 'en'],
    ['description', 'fr'], ['libelle', 'fr'], ['libelle operation', 'fr'], ['libelle de l operation', 'fr'], ['label', 'fr'], ['intitule', 'fr'], ['description 1', 'fr'], ['description 2', 'fr'], ['description 3', 'fr'],
    ['verwendungszweck', 'de'], ['beschreibung', 'de'], ['vorgang verwendungszweck', 'de'],
    ['concepto', 'es'], ['descripcion', 'es'], ['movimiento', 'es'],
    ['omschrijving', 'nl'], ['omschrijving 1', 'nl'], ['omschrijving 2', 'nl'], ['omschrijving 3', 'nl'], ['mededelingen', 'nl'], ['naam omschrijving', 'nl'], ['toelichting', 'nl'],
    ['descrizione', 'it'], ['causale', 'it'], ['descrizione operazione', 'it'],
    ['descricao', 'pt'], ['historico', 'pt'], ['descritivo', 'pt'],
  ],
  counterparty: [
    ['name', 'en'], ['payee', 'en'], ['merchant', 'en'], ['handelaar', 'nl'], ['counterparty', 'en'], ['counter party', 'en'], ['beneficiary', 'en'],
    ['beneficiaire', 'fr'], ['tiers', 'fr'], ['contrepartie', 'fr'],
    ['empfanger', 'de'], ['beguenstigter zahlungspflichtiger', 'de'], ['begunstigter zahlungspflichtiger', 'de'], ['auftraggeber empfanger', 'de'], ['name zahlungsbeteiligter', 'de'], ['zahlungsempfanger', 'de'],
    ['beneficiario', 'es'], ['ordenante beneficiario', 'es'],
    ['naam', 'nl'], ['naam tegenpartij', 'nl'], ['tegenpartij', 'nl'],
    ['controparte', 'it'], ['beneficiario', 'it'],
    ['beneficiario', 'pt'], ['entidade', 'pt'],
  ],
  amount: [
    ['amount', 'en'], ['net', 'en'], ['value', 'en'], ['transaction amount', 'en'],
    ['montant', 'fr'], ['montant operation', 'fr'],
    ['betrag', 'de'], ['umsatz', 'de'],
    ['importe', 'es'], ['cantidad', 'es'],
    ['bedrag', 'nl'], ['transactiebedrag', 'nl'],
    ['importo', 'it'],
    ['valor', 'pt'], ['montante', 'pt'], ['importancia', 'pt'],
  ],
  debit: [
    ['debit', 'en'], ['debit amount', 'en'], ['withdrawal', 'en'], ['withdrawals', 'en'], ['paid out', 'en'], ['money out', 'en'], ['out', 'en'],
    ['debit', 'fr'], ['montant debit', 'fr'], ['debit euros', 'fr'],
    ['soll', 'de'], ['ausgang', 'de'], ['belastung', 'de'], ['lastschrift', 'de'],
    ['cargo', 'es'], ['debe', 'es'], ['cargos', 'es'],
    ['debet', 'nl'], ['af', 'nl'],
    ['uscite', 'it'], ['addebiti', 'it'], ['addebito', 'it'], ['dare', 'it'],
    ['debito', 'pt'], ['debitos', 'pt'],
  ],
  credit: [
    ['credit', 'en'], ['credit amount', 'en'], ['deposit', 'en'], ['deposits', 'en'], ['paid in', 'en'], ['money in', 'en'], ['in', 'en'],
    ['credit', 'fr'], ['montant credit', 'fr'], ['credit euros', 'fr'],
    ['haben', 'de'], ['eingang', 'de'], ['gutschrift', 'de'],
    ['abono', 'es'], ['haber', 'es'], ['abonos', 'es'], ['ingreso', 'es'],
    ['bij', 'nl'],
    ['entrate', 'it'], ['accrediti', 'it'], ['accredito', 'it'], ['avere', 'it'],
    ['credito', 'pt'], ['creditos', 'pt'],
  ],
  direction: [['debit credit', 'en'], ['cr dr', 'en'], ['af bij', 'nl'], ['s h', 'de'], ['soll haben', 'de'], ['d c', 'en']],
  currency: [
    ['currency', 'en'], ['ccy', 'en'], ['devise', 'fr'], ['monnaie', 'fr'], ['monn', 'fr'], ['wahrung', 'de'], ['waehrung', 'de'],
    ['moneda', 'es'], ['divisa', 'es'], ['munt', 'nl'], ['valuta', 'it'], ['divisa', 'it'], ['moeda', 'pt'],
  ],
  balance: [
    ['balance', 'en'], ['running balance', 'en'], ['runningbalance', 'en'], ['solde', 'fr'], ['kontostand', 'de'], ['saldo', 'de'],
    ['saldo', 'es'], ['saldo na trn', 'nl'], ['saldo', 'it'], ['saldo contabile', 'it'], ['saldo', 'pt'], ['saldo disponivel', 'pt'],
  ],
  category: [
    ['category', 'en'], ['categorie', 'fr'], ['categorie parent', 'fr'], ['kategorie', 'de'], ['categoria', 'es'], ['subcategoria', 'es'],
    ['categorie', 'nl'], ['categoria', 'it'], ['categoria', 'pt'],
  ],
  type: [
    ['type', 'en'], ['transaction type', 'en'], ['type operation', 'fr'], ['type d operation', 'fr'],
    ['transaktionstyp', 'de'], ['umsatzart', 'de'], ['buchungstext', 'de'], ['tipo', 'es'], ['tipo de movimiento', 'es'], ['mutatiesoort', 'nl'], ['code', 'nl'], ['tipo operazione', 'it'], ['tipo', 'pt'],
  ],
  reference: [
    ['reference', 'en'], ['transaction id', 'en'], ['id', 'en'], ['payment reference', 'en'], ['reference', 'fr'], ['n de transaction', 'fr'],
    ['referenz', 'de'], ['kundenreferenz', 'de'], ['referencia', 'es'], ['referentie', 'nl'], ['volgnr', 'nl'], ['transactiereferentie', 'nl'], ['riferimento', 'it'], ['referencia', 'pt'],
  ],
  mcc: [['mcc', 'en'], ['merchant category code', 'en'], ['category code', 'en']],
}

// Roles in the order they claim columns: specific roles first, so that 'Date de valeur' is a value
// date before 'date' can take it, and 'Debit/Credit' is a direction before 'debit' can.
const ROLE_ORDER: readonly Role[] = [
  'direction',
  'valueDate',
  'date',
  'mcc',
  'currency',
  'balance',
  'debit',
  'credit',
  'amount',
  'category',
  'counterparty',
  'reference',
  'type',
  'description',
]
const MULTI: ReadonlySet<Role> = new Set(['description', 'category'])

const DELIMITERS = [';', ',', '\t', '|'] as const

/** Splits one CSV line on `delimiter`, honouring double quotes (enough for a header or a sample). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"' && cell.trim() === '') {
      quoted = true
      cell = ''
    } else if (c === delimiter) {
      cells.push(cell)
      cell = ''
    } else cell += c
  }
  cells.push(cell)
  return cells.map((s) => s.trim())
}

// Languages of each header word: a word several languages share ('date', 'debit', 'saldo') votes
// for none of them.
let wordLanguages: Map<string, Set<string>> | undefined
function languagesOf(word: string): ReadonlySet<string> {
  if (wordLanguages === undefined) {
    wordLanguages = new Map()
    for (const list of Object.values(HEADERS)) {
      for (const [w, lang] of list) {
        const set = wordLanguages.get(w) ?? new Set<string>()
        set.add(lang)
        wordLanguages.set(w, set)
      }
    }
  }
  return wordLanguages.get(word) ?? new Set()
}

/** The rank of the first header word of `role` that `cell` matches (lower is better), and its language. */
function roleOf(cell: string, role: Role): { rank: number; lang: string } | undefined {
  const folded = foldText(cell)
  if (folded === '') return undefined
  const words = HEADERS[role]
  for (let rank = 0; rank < words.length; rank++) {
    const [word, lang] = words[rank] ?? ['', '']
    if (folded === word || folded.startsWith(`${word} `)) {
      return { rank, lang: languagesOf(word).size > 1 ? 'und' : lang }
    }
  }
  return undefined
}

/** Assigns header cells to roles; undefined unless a date and an amount (or debit/credit) are found. */
export function columnsFromHeader(
  cells: readonly string[],
): { columns: InferredColumns; language: string } | undefined {
  const taken = new Set<number>()
  const found: Partial<Record<Role, number[]>> = {}
  const votes = new Map<string, number>()
  const vote = (lang: string): void => {
    if (lang !== 'und') votes.set(lang, (votes.get(lang) ?? 0) + 1)
  }
  for (const role of ROLE_ORDER) {
    if (MULTI.has(role)) {
      for (let i = 0; i < cells.length; i++) {
        if (taken.has(i)) continue
        const hit = roleOf(cells[i] ?? '', role)
        if (hit === undefined) continue
        ;(found[role] ??= []).push(i)
        taken.add(i)
        vote(hit.lang)
      }
      continue
    }
    // One column per role: the one matching the earliest header word, leftmost on a tie
    // ('Name' beats bunq's 'Counterparty' IBAN column; 'Completed Date' beats 'Started Date').
    let best: { index: number; rank: number; lang: string } | undefined
    for (let i = 0; i < cells.length; i++) {
      if (taken.has(i)) continue
      const hit = roleOf(cells[i] ?? '', role)
      if (hit !== undefined && (best === undefined || hit.rank < best.rank))
        best = { index: i, ...hit }
    }
    if (best === undefined) continue
    found[role] = [best.index]
    taken.add(best.index)
    vote(best.lang)
  }
  const first = (role: Role): number | undefined => found[role]?.[0]
  const date = first('date') ?? first('valueDate')
  const hasMoney =
    first('amount') !== undefined || first('debit') !== undefined || first('credit') !== undefined
  if (date === undefined || !hasMoney) return undefined
  const description = found.description ?? []
  const counterparty = first('counterparty')
  if (description.length === 0 && counterparty === undefined) return undefined
  const columns: InferredColumns = { date, description }
  const copy = (role: Exclude<Role, 'description' | 'category' | 'date'>): void => {
    const index = first(role)
    if (index !== undefined && !(role === 'valueDate' && index === date)) columns[role] = index
  }
  for (const role of [
    'valueDate',
    'amount',
    'debit',
    'credit',
    'direction',
    'currency',
    'balance',
    'type',
    'counterparty',
    'reference',
    'mcc',
  ] as const)
    copy(role)
  if (found.category !== undefined) columns.category = found.category
  let language = 'und'
  let best = 0
  for (const [lang, n] of votes) {
    if (n > best || (n === best && lang !== 'en')) {
      language = lang
      best = n
    }
  }
  return { columns, language }
}

const DATE_SHAPES: readonly (readonly [RegExp, string])[] = [
  [/^\d{4}-\d{1,2}-\d{1,2}/, 'YYYY-M-D'],
  [/^\d{4}\/\d{1,2}\/\d{1,2}/, 'YYYY/M/D'],
  [/^\d{8}(?!\d)/, 'YYYYMMDD'],
  [/^\d{1,2}\.\d{1,2}\.\d{4}/, 'A.B.YYYY'],
  [/^\d{1,2}\/\d{1,2}\/\d{4}/, 'A/B/YYYY'],
  [/^\d{1,2}-\d{1,2}-\d{4}/, 'A-B-YYYY'],
  [/^\d{1,2}\.\d{1,2}\.\d{2}(?!\d)/, 'A.B.YY'],
  [/^\d{1,2}\/\d{1,2}\/\d{2}(?!\d)/, 'A/B/YY'],
  [/^\d{1,2}-\d{1,2}-\d{2}(?!\d)/, 'A-B-YY'],
]

/** The date part of a cell ('2018-02-25 12:34:56 +0000' → '2018-02-25'). */
export function datePart(cell: string): string {
  const s = cell.trim()
  for (const [shape] of DATE_SHAPES) {
    const m = shape.exec(s)
    if (m !== null) return m[0]
  }
  return s
}

/**
 * The date pattern that parses every sample cell: the shape from the separators, and the day/month
 * order from values over 12 (day first when nothing tells, unless `monthFirst` says US style).
 */
export function inferDateFormat(cells: readonly string[], monthFirst = false): string | undefined {
  const values = cells.map(datePart).filter((s) => s !== '')
  if (values.length === 0) return undefined
  for (const [shape, template] of DATE_SHAPES) {
    if (!values.every((v) => shape.test(v))) continue
    if (!template.startsWith('A')) {
      const pattern = template === 'YYYYMMDD' ? 'YYYYMMDD' : template
      return values.every((v) => parseDateWithPattern(v, pattern) !== undefined)
        ? pattern
        : undefined
    }
    const sep = template[1] ?? '/'
    const year = template.endsWith('YYYY') ? 'YYYY' : 'YY'
    const dayFirst = `D${sep}M${sep}${year}`
    const mFirst = `M${sep}D${sep}${year}`
    const okDay = values.every((v) => parseDateWithPattern(v, dayFirst) !== undefined)
    const okMonth = values.every((v) => parseDateWithPattern(v, mFirst) !== undefined)
    if (okDay && !okMonth) return dayFirst
    if (okMonth && !okDay) return mFirst
    if (okDay && okMonth) return monthFirst ? mFirst : dayFirst
    return undefined
  }
  return undefined
}

/** ',' when the sample amounts use a decimal comma ('-36,99', '1.234,50'), else '.'. */
export function inferDecimal(cells: readonly string[]): DecimalMark {
  let comma = 0
  let dot = 0
  for (const raw of cells) {
    const s = raw.replace(/[^\d.,-]/g, '')
    if (/,\d{1,2}$/.test(s) || /\.\d{3},/.test(s)) comma++
    else if (/\.\d{1,2}$/.test(s) || /,\d{3}\./.test(s)) dot++
  }
  return comma > dot ? ',' : '.'
}

const SYMBOLS: readonly (readonly [RegExp, string])[] = [
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/\$/, 'USD'],
  [/\bCHF\b/, 'CHF'],
]
const EURO_LANGUAGES: ReadonlySet<string> = new Set(['fr', 'de', 'es', 'nl', 'it', 'pt'])

function currencyFrom(
  header: readonly string[] | undefined,
  money: readonly string[],
  language: string,
): string | undefined {
  for (const cell of header ?? []) {
    const m = /\(([A-Z]{3})\)|\b(EUR|GBP|USD|CHF)\b/.exec(cell.toUpperCase())
    if (m !== null) return m[1] ?? m[2]
  }
  for (const [sign, code] of SYMBOLS) if (money.some((c) => sign.test(c))) return code
  // A header in a euro-area language with no currency anywhere: euros (documented).
  return EURO_LANGUAGES.has(language) ? 'EUR' : undefined
}

const US_HINTS = /\b(?:withdrawal|deposit|posting date|post date|check|checknumber)\b/i

/** Infers the layout of a bank CSV from its first lines, or undefined when it does not look like one. */
export function inferLayout(sample: string, lineLimit = 60): InferredLayout | undefined {
  const lines = sample
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .slice(0, lineLimit)
  // The last line of the sample may be cut in two: leave it out unless it is the only one.
  if (lines.length > 2) lines.pop()
  for (let at = 0; at < Math.min(lines.length, 30); at++) {
    const line = lines[at] ?? ''
    if (line.trim() === '') continue
    for (const delimiter of DELIMITERS) {
      if (!line.includes(delimiter)) continue
      const cells = splitCsvLine(line, delimiter)
      const mapped = columnsFromHeader(cells)
      if (mapped === undefined) continue
      const rows = lines
        .slice(at + 1)
        .filter((l) => l.trim() !== '')
        .map((l) => splitCsvLine(l, delimiter))
      const layout = finish(delimiter, cells, at, mapped.columns, rows, mapped.language, line)
      if (layout !== undefined) return layout
    }
  }
  return headerlessLayout(lines)
}

function finish(
  delimiter: string,
  header: readonly string[] | undefined,
  headerLine: number,
  columns: InferredColumns,
  rows: readonly string[][],
  language: string,
  headerText: string,
): InferredLayout | undefined {
  const dates = rows.map((r) => r[columns.date] ?? '').filter((s) => s !== '')
  const dateFormat =
    inferDateFormat(dates, language === 'en' && US_HINTS.test(headerText)) ??
    (dates.length === 0 ? 'YYYY-M-D' : undefined)
  if (dateFormat === undefined) return undefined
  const moneyColumns = [columns.amount, columns.debit, columns.credit, columns.balance].filter(
    (c): c is number => c !== undefined,
  )
  const money = rows.flatMap((r) => moneyColumns.map((c) => r[c] ?? '')).filter((s) => s !== '')
  const decimal = inferDecimal(money)
  const currency =
    columns.currency === undefined ? currencyFrom(header, money, language) : undefined
  return { delimiter, header, headerLine, columns, dateFormat, decimal, currency, language }
}

/** A layout for a file with no header row, from the shapes of the first rows' cells. */
function headerlessLayout(lines: readonly string[]): InferredLayout | undefined {
  const data = lines.filter((l) => l.trim() !== '').slice(0, 20)
  if (data.length === 0) return undefined
  for (const delimiter of DELIMITERS) {
    const rows = data.map((l) => splitCsvLine(l, delimiter))
    const width = rows[0]?.length ?? 0
    if (width < 3 || rows.some((r) => r.length !== width)) continue
    const column = (i: number): string[] => rows.map((r) => r[i] ?? '')
    const all = (i: number, test: (s: string) => boolean): boolean =>
      column(i).every((s) => test(s))
    const dateColumns: number[] = []
    const amountColumns: number[] = []
    let currency: number | undefined
    let text: number | undefined
    let textLength = 0
    for (let i = 0; i < width; i++) {
      if (inferDateFormat(column(i)) !== undefined && all(i, (s) => s !== '')) dateColumns.push(i)
      else if (all(i, (s) => /^[A-Z]{3}$/.test(s))) currency = i
      else if (all(i, (s) => /^[+-]?[\d.,' ]+$/.test(s) && /\d[.,]\d{2}$/.test(s)))
        amountColumns.push(i)
      else {
        const length = column(i).reduce((n, s) => n + s.length, 0)
        if (length > textLength && all(i, (s) => /[A-Za-z]/.test(s) || s === '')) {
          text = i
          textLength = length
        }
      }
    }
    const date = dateColumns[0]
    const amount = amountColumns[amountColumns.length - 1]
    if (date === undefined || amount === undefined || text === undefined) continue
    const columns: InferredColumns = { date, description: [text], amount }
    if (dateColumns[1] !== undefined) columns.valueDate = dateColumns[1]
    if (currency !== undefined) columns.currency = currency
    const layout = finish(delimiter, undefined, 0, columns, rows, 'und', '')
    if (layout !== undefined) {
      const dates = column(date)
      return {
        ...layout,
        dateFormat: inferDateFormat(dates) ?? layout.dateFormat,
        currency: currency === undefined ? undefined : layout.currency,
      }
    }
  }
  return undefined
}

/** Whether a parsed amount cell says money out when a direction column is present. */
export function isOutgoing(direction: string): boolean {
  return /^(?:af|d|db|dr|debit|debet|s|soll|-|uit|out|cargo|addebito)$/i.test(direction.trim())
}

/** Parses an amount cell, undefined when empty. */
export function amountCell(text: string | undefined, decimal: DecimalMark): number | undefined {
  if (text === undefined || text.trim() === '') return undefined
  return parseAmount(text, decimal)
}
