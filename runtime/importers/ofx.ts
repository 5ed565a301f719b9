/**
 * OFX / QFX / QBO bank statements → `transactions`: OFX 1.x SGML (colon headers, unclosed leaf tags)
 * and OFX 2 XML (CDATA allowed). Every STMTTRN of every bank or credit-card statement becomes one
 * record whose id is derived from the account and the bank's FITID, so re-importing is idempotent.
 * OFX files are one document: read whole, under a size cap. `options.onReport` hears which OFX
 * version it was, how many bank and card statements of how many accounts from which bank were read,
 * and the investment statements left out.
 */
import { categorizeTransaction } from './categories.ts'
import { StableIds } from './_id.ts'
import { childValue, findAll, findFirst, parseOfxTree } from './_ofx_tree.ts'
import type { OfxNode } from './_ofx_tree.ts'
import { chunkDecoder, DEFAULT_MAX_DOCUMENT_BYTES, headText, readAll } from './_source.ts'
import { counted, documentsRead, sendReport, SkipTally } from './_report.ts'
import { utcTime } from './_values.ts'
import { ImportFormatError } from './errors.ts'
import type { ImportedRecord, Importer, ImportReport, ImportSource } from './types.ts'

const FORMAT = 'ofx'

/** OFX / QFX importer. Options: `maxBytes` (default 64 MiB), `onReport`. */
export const ofxImporter: Importer = {
  format: FORMAT,
  description: 'OFX / QFX / QBO bank statement (OFX 1.x SGML or OFX 2 XML)',
  sniff(head, name) {
    const text = headText(head.subarray(0, 4096)).trimStart()
    const byName = /\.(ofx|qfx|qbo)$/i.test(name) ? 5 : 0
    if (/^OFXHEADER\s*:/.test(text) || /<\?OFX\s/i.test(text)) return 95
    if (/<OFX>/i.test(text)) return 80 + byName
    return byName
  },
  read(source, options) {
    return readOfx(source, options ?? {})
  },
}

/** Parses an OFX date `YYYYMMDD[HHMMSS[.XXX]][[±H[.MM]][:TZ]]` to ms since epoch (UTC when no zone). */
export function parseOfxDate(text: string): number | undefined {
  const m =
    /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d{1,3}))?)?)?\s*(?:\[\s*([+-]?\d{1,2}(?:[.:]\d{1,2})?)?\s*(?::\s*[A-Za-z]+)?\s*\])?$/.exec(
      text.trim(),
    )
  if (m === null) return undefined
  const n = (k: number): number => Number(m[k] ?? 0)
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'))
  const local = utcTime(n(1), n(2), n(3), n(4), n(5), n(6), ms)
  if (local === undefined) return undefined
  return local - offsetMinutes(m[8]) * 60_000
}

/** `-5` → -300, `+5.30` and `5:30` → 330 (OFX writes half-hour zones with a minutes part). */
function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined) return 0
  const [hours = '0', minutes = '0'] = offset.split(/[.:]/)
  const sign = hours.startsWith('-') ? -1 : 1
  return sign * (Math.abs(Number(hours)) * 60 + Number(minutes.padEnd(2, '0')))
}

async function* readOfx(
  source: ImportSource,
  options: Readonly<Record<string, unknown>>,
): AsyncGenerator<ImportedRecord> {
  const maxBytes =
    typeof options['maxBytes'] === 'number' ? options['maxBytes'] : DEFAULT_MAX_DOCUMENT_BYTES
  const bytes = await readAll(source, FORMAT, maxBytes)
  const { body, bodyLine, version } = decodeOfx(bytes)
  const root = parseOfxTree(body, bodyLine)
  const ofx = root.children.find((c) => c.name === 'OFX')
  if (ofx === undefined) throw new ImportFormatError(FORMAT, 'no <OFX> element', { line: bodyLine })
  const ids = new StableIds(FORMAT)
  const statements = [...findAll(ofx, 'STMTRS'), ...findAll(ofx, 'CCSTMTRS')]
  statements.sort((a, b) => a.line - b.line)
  const accounts = new Set<string>()
  let index = 0
  for (const statement of statements) {
    const currency = childValue(statement, 'CURDEF')?.toUpperCase()
    const accountNode = findFirst(statement, 'BANKACCTFROM') ?? findFirst(statement, 'CCACCTFROM')
    const account = accountNode === undefined ? undefined : childValue(accountNode, 'ACCTID')
    accounts.add(account ?? `#${statement.line}`)
    for (const trn of findAll(statement, 'STMTTRN')) {
      index++
      yield { collection: 'transactions', record: transaction(trn, currency, account, ids, index) }
    }
  }
  sendReport(options, () => report(source, ofx, version, statements, accounts.size, index))
}

/**
 * `read as 1 OFX 1.02 bank statement of 1 account from Banco do Brasil S/A`; investment statements
 * (holdings, trades) are not transactions of ours, so their rows are reported as skipped.
 */
function report(
  source: ImportSource,
  ofx: OfxNode,
  version: string | undefined,
  statements: readonly OfxNode[],
  accounts: number,
  records: number,
): ImportReport {
  const cards = statements.filter((s) => s.name === 'CCSTMTRS').length
  const kind = version === undefined ? 'OFX' : `OFX ${version}`
  const what = documentsRead([
    [statements.length - cards, `${kind} bank statement`, `${kind} bank statements`],
    [cards, `${kind} credit-card statement`, `${kind} credit-card statements`],
  ])
  const signOn = findFirst(ofx, 'SONRS')
  const fi = signOn === undefined ? undefined : findFirst(signOn, 'FI')
  const bank = fi === undefined ? undefined : childValue(fi, 'ORG')?.trim()
  const skipped = new SkipTally()
  for (const investment of findAll(ofx, 'INVSTMTRS')) {
    const list = findFirst(investment, 'INVTRANLIST')
    for (const row of list?.children ?? [])
      if (row.value === undefined) skipped.add('investment statement (not read)')
  }
  const from = bank === undefined || bank === '' ? '' : ` from ${bank}`
  return {
    file: source.name,
    format: FORMAT,
    layout: version?.startsWith('1') === true ? 'ofx-1' : version === undefined ? 'ofx' : 'ofx-2',
    readAs:
      statements.length === 0
        ? `${what}${from}`
        : `${what} of ${counted(accounts, 'account', 'accounts')}${from}`,
    records,
    skipped: skipped.list(),
  }
}

function transaction(
  trn: OfxNode,
  statementCurrency: string | undefined,
  account: string | undefined,
  ids: StableIds,
  index: number,
): Record<string, unknown> {
  const fail = (message: string): never => {
    throw new ImportFormatError(FORMAT, message, { line: trn.line, record: index })
  }
  const dateText = childValue(trn, 'DTPOSTED') ?? fail('STMTTRN has no DTPOSTED')
  const bookedAt =
    parseOfxDate(dateText) ?? fail(`DTPOSTED ${JSON.stringify(dateText)} is not an OFX date`)
  const amountText = childValue(trn, 'TRNAMT') ?? fail('STMTTRN has no TRNAMT')
  const amount =
    parseOfxAmount(amountText) ?? fail(`TRNAMT ${JSON.stringify(amountText)} is not a number`)
  // A transaction in a foreign currency carries its own CURRENCY aggregate (OFX 2.1.1 §5.2).
  const own = findFirst(trn, 'CURRENCY') ?? findFirst(trn, 'ORIGCURRENCY')
  const currency =
    (own === undefined ? undefined : childValue(own, 'CURSYM'))?.toUpperCase() ?? statementCurrency
  if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) {
    fail(`statement currency ${JSON.stringify(currency ?? '')} is not an ISO 4217 code`)
  }
  const payee = findFirst(trn, 'PAYEE')
  const name =
    childValue(trn, 'NAME') ?? (payee === undefined ? undefined : childValue(payee, 'NAME'))
  const memo = childValue(trn, 'MEMO')
  const fitId = childValue(trn, 'FITID')
  const checkNumber = childValue(trn, 'CHECKNUM')
  const record: Record<string, unknown> = {
    id: ids.next(
      fitId === undefined ? ['no-fitid', account, bookedAt, amount, name, memo] : [account, fitId],
    ),
    bookedAt,
    amount,
    currency,
    description: name ?? memo ?? '',
    source: FORMAT,
  }
  const type = childValue(trn, 'TRNTYPE')?.toLowerCase()
  if (type !== undefined) record['type'] = type
  if (account !== undefined) record['accountId'] = account
  if (checkNumber !== undefined && checkNumber !== '0') record['checkNumber'] = checkNumber
  if (fitId !== undefined) record['reference'] = fitId
  if (memo !== undefined && memo !== name) record['memo'] = memo
  // OFX has no category of its own; the SIC aggregate, when a bank sends it, is the merchant code.
  const sic = childValue(trn, 'SIC')
  const categorized = categorizeTransaction({
    description: name ?? memo ?? '',
    amount,
    ...(memo !== undefined && memo !== name ? { memo } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(sic !== undefined ? { mcc: sic } : {}),
  })
  record['category'] = categorized.category
  if (categorized.counterparty !== '') record['counterparty'] = categorized.counterparty
  if (sic !== undefined && /^\d{4}$/.test(sic)) record['merchantCode'] = sic
  return record
}

/** OFX amounts use '.' (some banks write ','); no thousands separators are allowed. */
function parseOfxAmount(text: string): number | undefined {
  const s = text.trim().replace(',', '.')
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(s) ? Number(s) : undefined
}

/**
 * Splits the OFX 1 colon header (or the OFX 2 XML declaration) from the body and decodes the bytes
 * with the declared charset: OFX 1 `ENCODING:UTF-8`, or `USASCII` with `CHARSET:1252`/`ISO-8859-1`.
 */
function decodeOfx(bytes: Uint8Array): {
  body: string
  bodyLine: number
  version: string | undefined
} {
  // The header is ASCII in every version: read it as Latin-1 to find the declared charset.
  const ascii = new TextDecoder('latin1').decode(bytes.subarray(0, 2048))
  let encoding = 'utf-8'
  if (/^\s*OFXHEADER\s*:/.test(ascii)) {
    const enc = /ENCODING\s*:\s*([\w-]+)/.exec(ascii)?.[1]?.toUpperCase()
    const charset = /CHARSET\s*:\s*([\w-]+)/.exec(ascii)?.[1]?.toUpperCase()
    if (enc !== 'UTF-8' && enc !== 'UTF8')
      encoding =
        charset === undefined || charset === 'NONE' ? 'windows-1252' : legacyCharset(charset)
  } else {
    const declared = /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(ascii)?.[1]?.toLowerCase()
    if (declared !== undefined && declared !== 'utf-8' && declared !== 'us-ascii')
      encoding = declared
  }
  let text: string
  try {
    text = chunkDecoder(encoding).decode(bytes, { stream: false })
  } catch (cause) {
    throw new ImportFormatError(FORMAT, `text is not valid ${encoding}`, {}, { cause })
  }
  const start = text.indexOf('<')
  if (start < 0)
    throw new ImportFormatError(FORMAT, 'no OFX body (no tags at all)', { byteOffset: 0 })
  const header = text.slice(0, start)
  if (/^\s*OFXHEADER/.test(header) === false && header.trim() !== '') {
    throw new ImportFormatError(FORMAT, 'text before the OFX body is not an OFX header', {
      line: 1,
    })
  }
  return {
    body: text.slice(start),
    bodyLine: 1 + (header.match(/\n/g)?.length ?? 0),
    version: ofxVersion(text.slice(0, Math.max(start, 0) + 2048)),
  }
}

/**
 * The OFX version as people write it: the OFX 1 header's `VERSION:102` is 1.02, the OFX 2 processing
 * instruction's `VERSION="211"` is 2.1.1 and `"200"` is 2.0; undefined when the file does not say.
 */
function ofxVersion(head: string): string | undefined {
  const v =
    /^\s*OFXHEADER[\s\S]*?\bVERSION\s*:\s*(\d{3})\b/.exec(head)?.[1] ??
    /<\?OFX\b[^>]*\bVERSION\s*=\s*["'](\d{3})["']/i.exec(head)?.[1]
  if (v === undefined) return undefined
  if (v.startsWith('1')) return `${v[0]}.${v.slice(1)}`
  return v[2] === '0' ? `${v[0]}.${v[1]}` : `${v[0]}.${v[1]}.${v[2]}`
}

function legacyCharset(charset: string): string {
  if (charset === '1252' || charset === 'WINDOWS-1252') return 'windows-1252'
  if (charset === 'ISO-8859-1' || charset === '8859-1' || charset === 'LATIN1')
    return 'windows-1252'
  if (charset === '1251') return 'windows-1251'
  if (charset === '1250') return 'windows-1250'
  return 'windows-1252'
}
