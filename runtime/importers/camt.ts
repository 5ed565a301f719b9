/**
 * ISO 20022 bank statements → `transactions`: camt.053 (BankToCustomerStatement) and camt.052
 * (BankToCustomerAccountReport), any version (the namespace's version is not checked, the element
 * names are the same). One record per booked entry (`Ntry` with status BOOK; pending entries are
 * left out): signed amount from `CdtDbtInd`, booking and value dates, the counterparty (creditor
 * for money out, debtor for money in), the unstructured remittance text, the bank transaction code
 * as the type, and a category from the shared vocabulary. Streamed through saxes. At the end,
 * `options.onReport` hears how many statements of how many accounts were read and the entries left
 * out (`not booked (PDNG)`).
 */
import { StableIds } from './_id.ts'
import { counted, documentsRead, sendReport, SkipTally } from './_report.ts'
import { decodeText, headText } from './_source.ts'
import { streamXml } from './_xml_stream.ts'
import type { XmlHandler, XmlPosition } from './_xml_stream.ts'
import { categorizeTransaction } from './categories.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportReport, ImportSource } from './types.ts'

const FORMAT = 'camt'

/** camt.053 / camt.052 importer. */
export const camtImporter: Importer = {
  format: FORMAT,
  description: 'ISO 20022 camt.053 statement / camt.052 account report (XML)',
  sniff(head, name) {
    const text = headText(head.subarray(0, 8192))
    if (/urn:iso:std:iso:20022:tech:xsd:camt\.05[23]/.test(text)) return 95
    if (/<BkToCstmr(?:Stmt|AcctRpt)>/.test(text)) return 85
    return /\.(?:xml|camt)$/i.test(name) && /camt/i.test(name) ? 5 : 0
  },
  read(source, options) {
    return readCamt(source, options ?? {})
  },
}

/** What the file held, for the import report. */
interface Seen {
  statements: number
  reports: number
  records: number
  readonly accounts: Set<string>
  readonly skipped: SkipTally
}

async function* readCamt(
  source: ImportSource,
  options: Readonly<Record<string, unknown>>,
): AsyncGenerator<ImportedRecord> {
  const seen: Seen = {
    statements: 0,
    reports: 0,
    records: 0,
    accounts: new Set(),
    skipped: new SkipTally(),
  }
  yield* streamXml(decodeText(source, FORMAT), FORMAT, (out, where) => handler(out, where, seen))
  sendReport(options, () => report(source, seen))
}

/** `read as 1 camt.053 statement of 1 account; 1 row skipped: not booked (PDNG)`. */
function report(source: ImportSource, seen: Seen): ImportReport {
  const what = documentsRead([
    [seen.statements, 'camt.053 statement', 'camt.053 statements'],
    [seen.reports, 'camt.052 report', 'camt.052 reports'],
  ])
  return {
    file: source.name,
    format: FORMAT,
    layout: seen.reports > 0 && seen.statements === 0 ? 'camt.052' : 'camt.053',
    readAs: `${what} of ${counted(seen.accounts.size, 'account', 'accounts')}`,
    records: seen.records,
    skipped: seen.skipped.list(),
  }
}

// ISO 20022 bank transaction sub-family codes → the transactions `type` vocabulary.
const SUB_FAMILY_TYPES: Readonly<Record<string, string>> = {
  CWDL: 'atm',
  POSD: 'pos',
  POSC: 'pos',
  CCRD: 'card',
  ESDD: 'direct-debit',
  BBDD: 'direct-debit',
  PMDD: 'direct-debit',
  ESCT: 'xfer',
  DMCT: 'xfer',
  STDO: 'xfer',
  SALA: 'salary',
  CHRG: 'fee',
  FEES: 'fee',
  COMM: 'fee',
  INTR: 'int',
}

interface Entry {
  amount?: number | undefined
  currency?: string | undefined
  direction?: string | undefined
  status?: string | undefined
  bookedAt?: number | undefined
  valueAt?: number | undefined
  reference?: string | undefined
  info?: string | undefined
  remittance: string[]
  creditor?: string | undefined
  debtor?: string | undefined
  domain?: string | undefined
  family?: string | undefined
  subFamily?: string | undefined
  proprietary?: string | undefined
  purpose?: string | undefined
  endToEnd?: string | undefined
  line: number
}

function isoDate(text: string): number | undefined {
  const s = text.trim()
  if (!/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.test(s)) return undefined
  const t = Date.parse(
    s.length === 10 ? `${s}T00:00:00Z` : /Z|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s}Z`,
  )
  return Number.isFinite(t) ? t : undefined
}

function handler(out: ImportedRecord[], where: () => XmlPosition, seen: Seen): XmlHandler {
  const ids = new StableIds(FORMAT)
  let rootChecked = false
  let account: string | undefined
  let accountCurrency: string | undefined
  let entry: Entry | undefined
  let index = 0
  const fail = (message: string): never => {
    throw new ImportFormatError(FORMAT, message, where())
  }
  return {
    open(name, attributes, path) {
      if (!rootChecked) {
        rootChecked = true
        if (name !== 'Document') fail(`root element is <${name}>, not <Document>`)
      }
      if (name === 'Stmt' || name === 'Rpt') {
        account = undefined
        accountCurrency = undefined
        if (name === 'Stmt') seen.statements++
        else seen.reports++
      } else if (name === 'Ntry' && path[path.length - 2] !== 'Ntry') {
        entry = { remittance: [], line: where().line }
      } else if (entry !== undefined && name === 'Amt' && path[path.length - 2] === 'Ntry') {
        entry.currency = attributes['Ccy']
      }
    },
    close(name, text, path) {
      const parent = path[path.length - 2] ?? ''
      const inside = (ancestor: string): boolean => path.includes(ancestor)
      if (entry === undefined) {
        // Account of the statement: Stmt/Acct/Id/IBAN (or Othr/Id), Stmt/Acct/Ccy.
        if (inside('Acct') && !inside('Ntry')) {
          if (name === 'IBAN' || (name === 'Id' && parent === 'Othr')) account ??= text.trim()
          if (name === 'Ccy' && parent === 'Acct') accountCurrency = text.trim()
        }
        if ((name === 'Stmt' || name === 'Rpt') && account !== undefined) seen.accounts.add(account)
        return
      }
      const e = entry
      if (name === 'Ntry' && !path.slice(0, -1).includes('Ntry')) {
        entry = undefined
        index++
        emit(e)
        return
      }
      if (name === 'Amt' && parent === 'Ntry') {
        const n = Number(text.trim())
        e.amount = Number.isFinite(n)
          ? n
          : fail(`Amt ${JSON.stringify(text.trim())} is not a number`)
      } else if (name === 'CdtDbtInd' && parent === 'Ntry') e.direction = text.trim()
      else if ((name === 'Cd' && parent === 'Sts') || (name === 'Sts' && text.trim() !== ''))
        e.status = text.trim()
      else if ((name === 'Dt' || name === 'DtTm') && parent === 'BookgDt')
        e.bookedAt = isoDate(text)
      else if ((name === 'Dt' || name === 'DtTm') && parent === 'ValDt') e.valueAt = isoDate(text)
      else if (name === 'AcctSvcrRef' && parent === 'Ntry') e.reference = text.trim()
      else if (name === 'AddtlNtryInf') e.info = text.trim()
      else if (name === 'Ustrd') e.remittance.push(text.trim())
      else if (name === 'SubFmlyCd') e.subFamily ??= text.trim()
      else if (name === 'Cd' && parent === 'Domn' && inside('BkTxCd')) e.domain ??= text.trim()
      else if (name === 'Cd' && parent === 'Fmly' && inside('BkTxCd')) e.family ??= text.trim()
      else if (name === 'Cd' && parent === 'Purp') e.purpose ??= text.trim()
      else if (name === 'Cd' && parent === 'Prtry' && inside('BkTxCd'))
        e.proprietary ??= text.trim()
      else if (name === 'EndToEndId') e.endToEnd ??= text.trim()
      else if (name === 'Nm' && inside('RltdPties')) {
        // v02: Cdtr/Nm; v08+: Cdtr/Pty/Nm.
        if (inside('Cdtr') && !inside('UltmtCdtr')) e.creditor ??= text.trim()
        else if (inside('Dbtr') && !inside('UltmtDbtr')) e.debtor ??= text.trim()
      }
    },
  }

  function emit(e: Entry): void {
    if (e.status !== undefined && !/^BOOK/i.test(e.status)) {
      const reason = `not booked (${e.status.slice(0, 20)})`
      seen.skipped.add(reason)
      return
    }
    const fail = (message: string): never => {
      throw new ImportFormatError(FORMAT, message, { line: e.line, record: index })
    }
    if (e.amount === undefined) fail('entry has no Amt')
    const bookedAt = e.bookedAt ?? e.valueAt ?? fail('entry has no BookgDt or ValDt')
    const sign =
      e.direction === 'DBIT' ? -1 : e.direction === 'CRDT' ? 1 : fail('entry has no CdtDbtInd')
    const amount = Math.round(sign * (e.amount ?? 0) * 100) / 100
    const currency = (e.currency ?? accountCurrency ?? '').toUpperCase()
    if (!/^[A-Z]{3}$/.test(currency))
      fail(`currency ${JSON.stringify(currency)} is not an ISO 4217 code`)
    const description = (e.remittance.join(' ') || e.info || '').slice(0, 1000)
    const counterparty = sign < 0 ? e.creditor : e.debtor
    const type = SUB_FAMILY_TYPES[e.subFamily ?? ''] ?? e.proprietary?.toLowerCase()
    // The categoriser reads the whole code: Domain/Family/SubFamily and the proprietary code
    // (with its German GVC, `NTRF+153+…`), and the purpose code (`SALA`, `RENT`, `CHAR`).
    const btc = [e.domain, e.family, e.subFamily].filter((c) => c !== undefined).join('/')
    const codes = [btc, e.proprietary ?? ''].filter((c) => c !== '').join(' ')
    const categorized = categorizeTransaction({
      description: description || (counterparty ?? ''),
      amount,
      ...(e.info !== undefined && e.remittance.length > 0 ? { memo: e.info } : {}),
      ...(codes !== '' ? { type: codes } : {}),
      ...(e.purpose !== undefined ? { purpose: e.purpose } : {}),
      ...(counterparty !== undefined ? { counterparty } : {}),
    })
    const record: Record<string, unknown> = {
      id: ids.next([account, e.reference ?? e.endToEnd, bookedAt, amount, currency, description]),
      bookedAt,
      amount,
      currency,
      description,
      category: categorized.category,
      source: FORMAT,
    }
    if (categorized.counterparty !== '') record['counterparty'] = categorized.counterparty
    if (e.valueAt !== undefined) record['valueAt'] = e.valueAt
    if (account !== undefined) record['accountId'] = account.slice(0, 100)
    if (type !== undefined) record['type'] = type.slice(0, 60)
    if (e.reference !== undefined) record['reference'] = e.reference.slice(0, 200)
    if (e.info !== undefined && e.remittance.length > 0) record['memo'] = e.info.slice(0, 1000)
    out.push({ collection: 'transactions', record })
    seen.records++
  }
}
