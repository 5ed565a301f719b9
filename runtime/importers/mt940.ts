/**
 * SWIFT MT940 statements and MT942 interim reports → `transactions`: the file most Dutch and German
 * banks (ING, Rabobank, ABN AMRO, Triodos, Sparkassen, Volksbanken, Deutsche Bank, Commerzbank,
 * Postbank) export as `.sta`, `.mt940`, `.940`, `.swi` or `.txt`. One record per statement line
 * (field 61), its `:86:` narrative read by `_narrative.ts`. Several statements per file, with or
 * without SWIFT block wrappers (`{1:…}{2:…}{4:` … `-}`), CRLF or LF, UTF-8 or Windows-1252.
 *
 * A statement's records leave only once its closing balance is read and, by default, found equal to
 * the opening balance plus the entries (MT942: the `:90D:`/`:90C:` totals), so a truncated or
 * misread statement is refused rather than imported wrong (`StatementError`). Streamed line by line.
 *
 * Field layouts: SWIFT Category 9 MT940/MT942 (fields 20, 25, 28C, 60a, 61, 86, 62a, 64, 65, 13D,
 * 34F, 90D, 90C) and the DK "Spezifikation der Datenformate" for German banks' use of them.
 */
import { StableIds } from './_id.ts'
import { counted, documentsRead, sendReport } from './_report.ts'
import { joinNarrativeLines, parseNarrative } from './_narrative.ts'
import type { Narrative } from './_narrative.ts'
import { decodeText, headText, splitLines } from './_source.ts'
import { utcTime } from './_values.ts'
import { categorizeTransaction } from './categories.ts'
import { ImportLimitError, StatementError } from './errors.ts'
import { PARSER_BOUNDS } from './limits.ts'
import type { StatementProblem } from './errors.ts'
import type { ImportedRecord, Importer, ImportReport, ImportSource } from './types.ts'

const FORMAT = 'mt940'

/**
 * MT940 / MT942 importer. Options: `reconcile` (default true: a statement whose balances do not
 * add up is refused; false imports it as it is), `maxFieldChars`, `maxStatementEntries`, and
 * `onReport` (told at the end how many statements of how many accounts were read).
 */
export const mt940Importer: Importer = {
  format: FORMAT,
  description: 'SWIFT MT940 bank statement / MT942 interim report (.sta, .mt940, .940, .swi)',
  sniff(head, name) {
    return sniffMt940(headText(head.subarray(0, 16 * 1024)), name)
  },
  read(source, options) {
    return readMt940(source, options ?? {})
  },
}

const BY_NAME = /\.(?:sta|mt940|940|swi|stm|mt942|942)$/i

/** Tag lines `:20:` then `:25:`, `:21:` or `:28C:` (after any bank header lines), or a `{1:` block. */
function sniffMt940(text: string, name: string): number {
  const byName = BY_NAME.test(name) ? 5 : 0
  const tags: string[] = []
  for (const line of text.split(/\r\n|\r|\n/, 200)) {
    const m = /^(?:\{1:[^}]*\}(?:\{2:[^}]*\})?(?:\{3:(?:\{[^}]*\})*\})?\{4:)?:(\d{2}[A-Z]?):/.exec(
      line,
    )
    if (m !== null) tags.push(m[1] ?? '')
    if (tags.length >= 3) break
  }
  const [first, second] = tags
  if (first === '20' && (second === '25' || second === '21' || second === '28C')) {
    return /(?:^|\n)\{1:F01/.test(text) || /^:(?:60F|34F|13D):/m.test(text) ? 95 : 85
  }
  if (/^\{1:F01[A-Z0-9]+\}/.test(text.trimStart()) && /\{2:[IO]94[02]/.test(text)) return 90
  return byName
}

interface Options {
  readonly reconcile: boolean
  readonly maxFieldChars: number
  readonly maxStatementEntries: number
}

function readOptions(options: Readonly<Record<string, unknown>>): Options {
  const positive = (key: string, fallback: number): number => {
    const v = options[key]
    if (v === undefined) return fallback
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
      throw new RangeError(`${key} must be a positive integer`)
    return v
  }
  const reconcile = options['reconcile']
  if (reconcile !== undefined && typeof reconcile !== 'boolean')
    throw new TypeError('reconcile must be a boolean')
  return {
    reconcile: reconcile ?? true,
    maxFieldChars: positive('maxFieldChars', PARSER_BOUNDS.maxMt940FieldChars),
    maxStatementEntries: positive('maxStatementEntries', PARSER_BOUNDS.maxMt940StatementEntries),
  }
}

/** A tag and its lines (the first without the tag), as read. */
interface Field {
  readonly tag: string
  readonly lines: string[]
  readonly line: number
  chars: number
}

/** A balance: signed amount in thousandths (exact), currency, date. */
interface Balance {
  readonly milli: bigint
  readonly currency: string
  readonly text: string
}

/** One statement line (field 61) and its narrative. */
interface Entry {
  readonly valueAt: number
  readonly bookedAt: number
  readonly milli: bigint
  readonly amount: number
  readonly typeCode: string
  readonly customerRef: string
  readonly bankRef: string
  readonly details: string[]
  readonly line: number
  narrative?: string
}

/** One `:20:` … statement (or MT942 report) as it is read. */
interface Statement {
  readonly line: number
  account?: string
  number?: string
  opening?: Balance
  closing?: Balance
  currency?: string
  interim: boolean
  debits?: { count: number; milli: bigint }
  credits?: { count: number; milli: bigint }
  readonly entries: Entry[]
}

async function* readMt940(
  source: ImportSource,
  rawOptions: Readonly<Record<string, unknown>>,
): AsyncGenerator<ImportedRecord> {
  const options = readOptions(rawOptions)
  const ids = new StableIds(FORMAT)
  let statement: Statement | undefined
  let field: Field | undefined
  let previousTag = ''
  let recordIndex = 0
  // For the import report: statements and reports read, of which accounts.
  const read = { statements: 0, interim: 0, empty: 0, accounts: new Set<string>() }
  const fail = (problem: StatementProblem, message: string, line: number): never => {
    throw new StatementError(FORMAT, problem, message, { line })
  }

  const handle = (f: Field): void => {
    const value = f.lines[0] ?? ''
    const tag = f.tag
    if (tag === '20') {
      statement = { line: f.line, interim: false, entries: [] }
      previousTag = tag
      return
    }
    const s = statement ?? fail('bad-entry', `field :${tag}: before the statement's :20:`, f.line)
    if (tag === '25') s.account = value.trim()
    else if (tag === '28C' || tag === '28') s.number = value.trim()
    else if (tag === '60F' || tag === '60M') {
      s.opening = parseBalance(value, tag, f.line)
      s.currency = s.opening.currency
    } else if (tag === '62F' || tag === '62M') {
      s.closing = parseBalance(value, tag, f.line)
    } else if (tag === '34F') {
      const m =
        /^([A-Z]{3})[CD]?\d{1,15},\d*$/.exec(value.trim()) ??
        fail('bad-entry', `:34F: ${JSON.stringify(value)} is not a floor limit`, f.line)
      s.currency ??= m[1] ?? ''
      s.interim = true
    } else if (tag === '13D' || tag === '13') s.interim = true
    else if (tag === '90D' || tag === '90C') {
      const m = /^(\d{1,5})([A-Z]{3})(\d{1,15},\d*)$/.exec(value.trim())
      if (m === null)
        return fail('bad-entry', `:${tag}: ${JSON.stringify(value)} is not a count and sum`, f.line)
      const total = { count: Number(m[1]), milli: milliOf(m[3] ?? '', f.line) }
      if (tag === '90D') s.debits = total
      else s.credits = total
      s.interim = true
      s.currency ??= m[2] ?? ''
    } else if (tag === '61') {
      if (s.opening === undefined && !s.interim)
        fail('bad-entry', 'statement line :61: before the opening balance :60F:', f.line)
      if (s.closing !== undefined)
        fail('bad-entry', 'statement line :61: after the closing balance', f.line)
      if (s.entries.length >= options.maxStatementEntries) {
        throw new ImportLimitError(
          FORMAT,
          'statement-entries',
          options.maxStatementEntries,
          `a statement has more than ${options.maxStatementEntries} entries`,
          { line: f.line },
        )
      }
      s.entries.push(parseStatementLine(f))
    } else if (tag === '86') {
      const last = s.entries[s.entries.length - 1]
      // An :86: right after an entry is that entry's; after the closing balance, the statement's.
      if (previousTag === '61' && last !== undefined) last.narrative = joinNarrativeLines(f.lines)
    }
    previousTag = tag
  }

  const finish = (endLine: number): ImportedRecord[] => {
    const s = statement
    statement = undefined
    previousTag = ''
    if (s === undefined) return []
    const label = `statement ${s.number ?? '?'} of account ${s.account ?? '?'}`
    if (s.opening !== undefined && s.closing === undefined) {
      fail('truncated', `${label} ends before its closing balance :62F:`, endLine)
    }
    if (s.opening === undefined && !s.interim) {
      if (s.closing !== undefined || s.entries.length > 0)
        fail('truncated', `${label} has no opening balance :60F:`, s.line)
      return []
    }
    if (s.opening !== undefined && s.closing !== undefined) {
      if (s.closing.currency !== s.opening.currency)
        fail(
          'bad-entry',
          `${label}: closing balance in ${s.closing.currency}, opening in ${s.opening.currency}`,
          s.line,
        )
      if (options.reconcile) {
        const sum = s.entries.reduce((n, e) => n + e.milli, 0n)
        if (s.opening.milli + sum !== s.closing.milli) {
          fail(
            'unbalanced',
            `${label} does not balance: opening ${s.opening.text} plus ${s.entries.length} entries ` +
              `(${formatMilli(sum)}) is ${formatMilli(s.opening.milli + sum)}, the closing balance ` +
              `is ${s.closing.text} (import with { reconcile: false } to take it as it is)`,
            s.line,
          )
        }
      }
    }
    if (options.reconcile) checkTotals(s, label)
    const currency = s.currency ?? fail('bad-entry', `${label} gives no currency`, s.line)
    if (s.interim) read.interim++
    else read.statements++
    if (s.entries.length === 0) read.empty++
    if (s.account !== undefined) read.accounts.add(s.account)
    const out: ImportedRecord[] = []
    let running = s.opening?.milli
    for (const e of s.entries) {
      recordIndex++
      running = running === undefined ? undefined : running + e.milli
      out.push({
        collection: 'transactions',
        record: transaction(e, s.account, currency, options.reconcile ? running : undefined, ids),
      })
    }
    return out
  }

  const checkTotals = (s: Statement, label: string): void => {
    for (const [total, sign, name] of [
      [s.debits, -1n, ':90D: debits'],
      [s.credits, 1n, ':90C: credits'],
    ] as const) {
      if (total === undefined) continue
      const mine = s.entries.filter((e) => (e.milli < 0n ? -1n : 1n) === sign)
      const sum = mine.reduce((n, e) => n + e.milli * sign, 0n)
      if (mine.length !== total.count || sum !== total.milli) {
        fail(
          'unbalanced',
          `${label}: ${mine.length} entries of ${formatMilli(sum)}, but ${name} say ${total.count} of ${formatMilli(total.milli)}`,
          s.line,
        )
      }
    }
  }

  let lastLine = 0
  for await (const { text: rawLine, line } of splitLines(
    decodeText(source, FORMAT),
    FORMAT,
    options.maxFieldChars,
  )) {
    lastLine = line
    let text = rawLine
    // SWIFT envelope: `{1:…}{2:…}{3:…}{4:` before the text block, `-}` and `{5:…}` after it.
    if (text.startsWith('{')) {
      const at = text.indexOf('{4:')
      if (at < 0) continue
      text = text.slice(at + 3)
      if (text.trim() === '') continue
    }
    // End of a message: `-`, `-}` (SWIFT envelope) or ING's `-XXX`; `-2014 …` is a continuation.
    if (/^-(?:\}.*|XXX)?\s*$/.test(text)) {
      if (field !== undefined) handle(field)
      field = undefined
      yield* finish(line)
      continue
    }
    const tagged = /^:(\d{2}[A-Z]?):(.*)$/.exec(text)
    if (tagged !== null) {
      if (field !== undefined) handle(field)
      const tag = tagged[1] ?? ''
      if (tag === '20' && statement !== undefined) yield* finish(line)
      field = { tag, lines: [tagged[2] ?? ''], line, chars: text.length }
      continue
    }
    if (field === undefined || text.trim() === '') continue // bank header lines, blank lines
    field.chars += text.length
    if (field.chars > options.maxFieldChars) {
      throw new ImportLimitError(
        FORMAT,
        'statement-field-size',
        options.maxFieldChars,
        `field :${field.tag}: is longer than ${options.maxFieldChars} characters`,
        { line: field.line },
      )
    }
    if (field.tag === '61' || field.tag === '86') field.lines.push(text)
  }
  if (field !== undefined) handle(field)
  yield* finish(lastLine + 1)
  sendReport(rawOptions, () => report(source, read, recordIndex, options.reconcile))
}

/** `read as 2 MT940 statements and 1 MT942 report of 1 account, balances checked`. */
function report(
  source: ImportSource,
  read: { statements: number; interim: number; empty: number; accounts: ReadonlySet<string> },
  records: number,
  reconciled: boolean,
): ImportReport {
  const what = documentsRead([
    [read.statements, 'MT940 statement', 'MT940 statements'],
    [read.interim, 'MT942 report', 'MT942 reports'],
  ])
  const accounts = counted(read.accounts.size, 'account', 'accounts')
  const empty = read.empty > 0 ? ` (${read.empty} with balances only)` : ''
  const balances = reconciled
    ? 'balances and totals checked'
    : 'balances not checked (reconcile: false)'
  return {
    file: source.name,
    format: FORMAT,
    layout: read.interim > 0 && read.statements === 0 ? 'mt942' : 'mt940',
    readAs: `${what}${empty} of ${accounts}, ${balances}`,
    records,
    skipped: [],
  }
}

/** `C200219EUR3085,00` → the signed amount in thousandths and its currency. */
function parseBalance(value: string, tag: string, line: number): Balance {
  const m = /^([CD])(\d{6})([A-Z]{3})(\d{1,15},\d*)$/.exec(value.trim())
  if (m === null || yymmdd(m[2] ?? '') === undefined) {
    throw new StatementError(
      FORMAT,
      'bad-entry',
      `balance :${tag}: ${JSON.stringify(value)} is not D/C, YYMMDD, currency, amount`,
      { line },
    )
  }
  const milli = milliOf(m[4] ?? '', line)
  return { milli: m[1] === 'D' ? -milli : milli, currency: m[3] ?? '', text: value.trim() }
}

/** `1234,5` → 1234500n (thousandths); more than three decimals is not an amount of any currency. */
function milliOf(amount: string, line: number): bigint {
  const [whole = '', fraction = ''] = amount.split(',')
  if (fraction.length > 3 || amount.length > 15) {
    throw new StatementError(FORMAT, 'bad-entry', `amount ${JSON.stringify(amount)} is not 15d`, {
      line,
    })
  }
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0'))
}

function formatMilli(milli: bigint): string {
  const sign = milli < 0n ? '-' : ''
  const abs = milli < 0n ? -milli : milli
  const cents = (abs + 5n) / 10n
  return `${sign}${cents / 100n},${String(cents % 100n).padStart(2, '0')}`
}

/** YYMMDD → ms since epoch (years 80–99 are 19xx, 00–79 are 20xx). */
function yymmdd(text: string): number | undefined {
  const yy = Number(text.slice(0, 2))
  return utcTime((yy >= 80 ? 1900 : 2000) + yy, Number(text.slice(2, 4)), Number(text.slice(4, 6)))
}

/**
 * Field 61: `6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]` and a supplementary line `[34x]` — value date,
 * entry date, D/C mark (`C`, `D`, reversals `RC`/`RD`, MT942 expected `EC`/`ED`), the third letter
 * of the currency code (funds code), amount with a decimal comma, transaction type (`N` + 3 chars,
 * `F`/`S` + 3), the account owner's reference, the bank's reference.
 */
const STATEMENT_LINE =
  /^(\d{6})(\d{4})?(RC|RD|EC|ED|C|D)([A-Z])?(\d[\d,]{0,14})([NFS][A-Z0-9 ]{3})(.*)$/

function parseStatementLine(f: Field): Entry {
  const first = f.lines[0] ?? ''
  const bad = (why: string): never => {
    throw new StatementError(FORMAT, 'bad-entry', `:61: ${JSON.stringify(first)} ${why}`, {
      line: f.line,
    })
  }
  const m = STATEMENT_LINE.exec(first.trim()) ?? bad('is not a statement line')
  const valueAt = yymmdd(m[1] ?? '') ?? bad('has no valid value date')
  const amountText = m[5] ?? ''
  if (!/^\d+,\d*$/.test(amountText)) bad('has no amount with a decimal comma')
  const mark = m[3] ?? ''
  const credit = mark === 'C' || mark === 'RD' || mark === 'EC'
  const size = milliOf(amountText, f.line)
  const [whole = '0', fraction = ''] = amountText.split(',')
  const magnitude = Number(`${whole}.${fraction || '0'}`)
  let bookedAt = valueAt
  const entryDate = m[2]
  // ING writes `0000` when there is no entry date.
  if (entryDate !== undefined && entryDate !== '0000') {
    const valueDate = new Date(valueAt)
    const month = Number(entryDate.slice(0, 2))
    let year = valueDate.getUTCFullYear()
    // The entry date has no year: it is the value date's, or the one before or after when the two
    // straddle a new year (value 2 January, booked 31 December).
    const valueMonth = valueDate.getUTCMonth() + 1
    if (month - valueMonth > 6) year--
    else if (valueMonth - month > 6) year++
    bookedAt = utcTime(year, month, Number(entryDate.slice(2, 4))) ?? bad('has no valid entry date')
  }
  const rest = m[7] ?? ''
  const cut = rest.indexOf('//')
  const customerRef = (cut < 0 ? rest : rest.slice(0, cut)).trim()
  const afterBank = cut < 0 ? '' : rest.slice(cut + 2)
  const bankRef = afterBank.slice(0, 16).trim()
  const details = [afterBank.slice(16), ...f.lines.slice(1)]
    .map((d) => d.trim())
    .filter((d) => d !== '')
  return {
    valueAt,
    bookedAt,
    milli: credit ? size : -size,
    amount: credit ? magnitude : -magnitude,
    typeCode: (m[6] ?? '').trim(),
    customerRef,
    bankRef,
    details,
    line: f.line,
  }
}

function transaction(
  e: Entry,
  account: string | undefined,
  currency: string,
  balance: bigint | undefined,
  ids: StableIds,
): Record<string, unknown> {
  const raw = e.narrative ?? ''
  const n: Narrative = parseNarrative(raw)
  const description = (n.remittance || n.bookingText || '').slice(0, 1000)
  const counterparty = n.counterpartyName ?? n.ultimateName
  const reference =
    e.bankRef !== '' ? e.bankRef : /^NONREF$/i.test(e.customerRef) ? '' : e.customerRef
  // The record's type: the German GVC when the narrative has one, else the SWIFT type (`ntrf`).
  const swiftType = e.typeCode.toLowerCase()
  const type = n.gvc ?? swiftType
  const categorized = categorizeTransaction({
    description: description || (counterparty ?? ''),
    amount: e.amount,
    ...(n.bookingText !== undefined && n.bookingText !== description
      ? { memo: n.bookingText }
      : {}),
    type: n.gvc === undefined ? e.typeCode : `${e.typeCode}+${n.gvc}`,
    ...(n.purpose !== undefined ? { purpose: n.purpose } : {}),
    ...(counterparty !== undefined ? { counterparty } : {}),
  })
  const record: Record<string, unknown> = {
    id: ids.next([account, reference, e.bookedAt, e.valueAt, e.amount, currency, raw]),
    bookedAt: e.bookedAt,
    valueAt: e.valueAt,
    amount: e.amount,
    currency,
    description,
    category: categorized.category,
    source: FORMAT,
  }
  if (categorized.counterparty !== '')
    record['counterparty'] = categorized.counterparty.slice(0, 200)
  if (account !== undefined && account !== '') record['accountId'] = account.slice(0, 100)
  if (type !== '') record['type'] = type.slice(0, 60)
  if (reference !== '') record['reference'] = reference.slice(0, 200)
  // The bank's own text as written: the :86: field, else field 61's supplementary details.
  const memo = raw.trim() || e.details.join(' ')
  if (memo !== '') record['memo'] = memo.slice(0, 1000)
  if (balance !== undefined) record['balance'] = Number(formatMilli(balance).replace(',', '.'))
  return record
}
