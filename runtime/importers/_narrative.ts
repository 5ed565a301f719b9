/**
 * The narrative of a bank statement line — MT940/MT942 field `:86:` (information to account owner),
 * or a German bank CSV's purpose column — read into its parts. Three dialects:
 *
 * - German DK format (Deutsche Kreditwirtschaft, "Strukturierter Verwendungszweck"):
 *   `166?00GUTSCHRIFT?10931?20SVWZ+Miete Mai?30BIC?31IBAN?32NAME`. The three digits are the
 *   Geschäftsvorfallcode (GVC); `?00` the booking text, `?20`–`?29` and `?60`–`?63` the remittance,
 *   `?30` the counterparty's BIC (or bank code), `?31` IBAN (or account), `?32`–`?33` name, `?34` the
 *   text key extension. In the remittance, the SEPA keywords (`EREF+`, `MREF+`, `SVWZ+`, …) split it
 *   further (see `parseSepaKeywords`).
 * - Dutch / SEPA slash tags (ING, ABN AMRO, Rabobank, Triodos, Knab):
 *   `/TRTP/SEPA OVERBOEKING/IBAN/NL…/BIC/…/NAME/…/REMI/…/EREF/…/`, ING's `/CNTP/IBAN/BIC/NAME/CITY/`,
 *   Rabobank's `/ORDP//NAME/…`. A tag is only one of the known names between slashes, so values may
 *   themselves hold `/` (`/REMI/Factuur 2014/12/`).
 * - ABN AMRO's labelled text (`SEPA OVERBOEKING IBAN: … BIC: … NAAM: … OMSCHRIJVING: …`).
 * - Anything else is unstructured text: all of it is the remittance (SEPA keywords in it are read).
 *
 * Sources: DK "Spezifikation der Datenformate" (EBICS annex 3, MT940 field 86 and the SEPA keywords);
 * ING "Mijn ING Zakelijk MT940 structured" and ABN AMRO "MT940 format description" for the tags.
 */

/** Which dialect the narrative was written in. */
export type NarrativeDialect = 'dk' | 'sepa-tags' | 'text'

/** What a narrative says about the payment; absent fields were not in the text. */
export interface Narrative {
  readonly dialect: NarrativeDialect
  /** The remittance information (what the payment was for), whitespace runs as one space. */
  readonly remittance: string
  /** The bank's booking text: DK `?00` (`GUTSCHRIFT`, `SEPA-UEBERW`), slash tag `TRTP`. */
  readonly bookingText?: string
  /** German Geschäftsvorfallcode, three digits (DK format only). */
  readonly gvc?: string
  readonly counterpartyName?: string
  /** IBAN, or a domestic account number where the bank wrote one. */
  readonly counterpartyIban?: string
  /** BIC, or a domestic bank code (German BLZ) where the bank wrote one. */
  readonly counterpartyBic?: string
  /** The original payer or ultimate payee (SEPA `ABWA+` / `ABWE+`, tags `ULTD` / `ULTC`). */
  readonly ultimateName?: string
  /** SEPA end-to-end reference (`EREF+`, `/EREF/`). */
  readonly endToEndRef?: string
  /** The payer's own reference (`KREF+`). */
  readonly customerRef?: string
  /** SEPA direct debit mandate reference (`MREF+`, `/MARF/`). */
  readonly mandateRef?: string
  /** SEPA creditor identifier (`CRED+`, `/CSID/`). */
  readonly creditorId?: string
  /** ISO 20022 purpose code (`PURP+`, `/PURP/`): `SALA`, `RENT`, `RINP`, … */
  readonly purpose?: string
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** Whitespace runs as one space, trimmed. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Sets `key` on `into` when `value` is a non-empty string after squeezing. */
function put<K extends keyof Narrative>(
  into: Mutable<Narrative>,
  key: K,
  value: string | undefined,
) {
  const v = value === undefined ? '' : squeeze(value)
  if (v !== '') (into as Record<string, unknown>)[key] = v
}

/**
 * The SEPA keywords of the DK remittance (and of German CSV purpose columns). No word boundary
 * before them: DK subfields are joined without a separator (`…Dauerauftrag/RateSVWZ+Spende`).
 */
const SEPA_KEYWORD = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|PURP)\+/g

/** Text is in SEPA keyword form when it holds at least one keyword. */
export function hasSepaKeywords(text: string): boolean {
  SEPA_KEYWORD.lastIndex = 0
  return SEPA_KEYWORD.test(text)
}

// Some banks repeat the references and the counterparty's account at the end of the remittance
// (Volksbanks: `SVWZ+Musical CD EREF: ZV01… IBAN: DE88… BIC: SAKSDE55`); they are cut off.
const TRAILING_ACCOUNT =
  /(?:\s*(?:EREF|KREF|MREF|CRED|IBAN|BIC):\s*[A-Z0-9]*(?:\s+\d{1,6}(?=\s+(?:IBAN|BIC):))?)+\s*$/

/**
 * Splits SEPA keyword text (`EREF+…SVWZ+Miete Mai ABWA+Erika Muster`) into its parts: `SVWZ+` is
 * the remittance (else the text before the first keyword), `ABWA+`/`ABWE+` the ultimate party.
 * Example: `parseSepaKeywords('EREF+123 SVWZ+Rent May').remittance === 'Rent May'`.
 */
export function parseSepaKeywords(text: string): Narrative {
  const out: Mutable<Narrative> = { dialect: 'text', remittance: '' }
  const marks: { key: string; start: number; end: number }[] = []
  SEPA_KEYWORD.lastIndex = 0
  for (let m = SEPA_KEYWORD.exec(text); m !== null; m = SEPA_KEYWORD.exec(text)) {
    marks.push({ key: m[1] ?? '', start: m.index, end: m.index + m[0].length })
  }
  if (marks.length === 0) {
    out.remittance = squeeze(text)
    return out
  }
  const lead = text.slice(0, marks[0]?.start ?? 0)
  let svwz: string | undefined
  marks.forEach((mark, i) => {
    const value = text.slice(mark.end, marks[i + 1]?.start ?? text.length)
    switch (mark.key) {
      case 'SVWZ':
        svwz = (svwz === undefined ? '' : svwz + ' ') + value
        break
      case 'EREF':
        if (!/^\s*NOTPROVIDED\s*$/i.test(value)) put(out, 'endToEndRef', value)
        break
      case 'KREF':
        put(out, 'customerRef', value)
        break
      case 'MREF':
        put(out, 'mandateRef', value)
        break
      case 'CRED':
        put(out, 'creditorId', value)
        break
      case 'PURP':
        put(out, 'purpose', /^\s*([A-Z]{4})\b/.exec(value)?.[1] ?? value)
        break
      case 'ABWA':
      case 'ABWE':
        put(out, 'ultimateName', value)
        break
      // DEBT+ (the payer's creditor id on a returned debit) says nothing a person needs.
    }
  })
  const remittance = svwz ?? lead
  out.remittance = squeeze(remittance.replace(TRAILING_ACCOUNT, ''))
  return out
}

/** Subfields of the DK format: `?` and two digits (some banks write another separator char). */
const DK_HEAD = /^(\d{3})([?>])\d{2}/

/** Reads a DK-format narrative (`166?00…?20…?32…`); undefined when `text` is not one. */
function parseDk(text: string): Narrative | undefined {
  const head = DK_HEAD.exec(text)
  if (head === null) return undefined
  const gvc = head[1] ?? ''
  const sep = head[2] === '>' ? '>' : '\\?'
  const fields = new Map<number, string>()
  const order: number[] = []
  const re = new RegExp(`${sep}(\\d{2})`, 'g')
  const marks: { code: number; start: number; end: number }[] = []
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    marks.push({ code: Number(m[1]), start: m.index, end: m.index + m[0].length })
  }
  marks.forEach((mark, i) => {
    const value = text.slice(mark.end, marks[i + 1]?.start ?? text.length)
    if (!fields.has(mark.code)) order.push(mark.code)
    fields.set(mark.code, (fields.get(mark.code) ?? '') + value)
  })
  const isRemittance = (c: number): boolean => (c >= 20 && c <= 29) || (c >= 60 && c <= 63)
  const remittanceText = order
    .filter(isRemittance)
    .map((c) => fields.get(c) ?? '')
    .join('')
  const keyed = parseSepaKeywords(remittanceText)
  const out: Mutable<Narrative> = { ...keyed, dialect: 'dk' }
  if (/^\d{3}$/.test(gvc)) out.gvc = gvc
  put(out, 'bookingText', fields.get(0))
  put(out, 'counterpartyBic', fields.get(30))
  put(out, 'counterpartyIban', fields.get(31))
  put(out, 'counterpartyName', (fields.get(32) ?? '') + (fields.get(33) ?? ''))
  return out
}

/** Tags of the Dutch/SEPA slash dialect that are read or must end the value before them. */
const SLASH_TAGS = [
  'TRTP',
  'IBAN',
  'BIC',
  'NAME',
  'REMI',
  'EREF',
  'MARF',
  'CSID',
  'PURP',
  'CNTP',
  'ORDP',
  'BENM',
  'ULTC',
  'ULTD',
  'ULTB',
  'ADDR',
  'ISDT',
  'RTRN',
  'SVCL',
  'CDTRREFTP',
  'CDTRREF',
  'NRTX',
  'PREF',
  'TRCD',
  'BUSP',
  'IREF',
  'KREF',
  'EXCH',
  'OCMT',
  'CHGS',
  'COAM',
  'SUM',
  'ACCW',
  'RETR',
  'FX',
] as const
const SLASH_TAG = new RegExp(`/(${SLASH_TAGS.join('|')})(?=/)`, 'g')

/** Reads the slash-tag dialect (`/TRTP/…/NAME/…/REMI/…/`); undefined when `text` is not one. */
function parseSlashTags(text: string): Narrative | undefined {
  const body = text.trimStart()
  SLASH_TAG.lastIndex = 0
  const first = SLASH_TAG.exec(body)
  if (first === null || first.index !== 0) return undefined
  const marks: { tag: string; start: number; end: number }[] = []
  SLASH_TAG.lastIndex = 0
  for (let m = SLASH_TAG.exec(body); m !== null; m = SLASH_TAG.exec(body)) {
    marks.push({ tag: m[1] ?? '', start: m.index, end: m.index + m[0].length + 1 })
  }
  const out: Mutable<Narrative> = { dialect: 'sepa-tags', remittance: '' }
  const values = new Map<string, string>()
  marks.forEach((mark, i) => {
    const value = body.slice(mark.end, marks[i + 1]?.start ?? body.length)
    // The first non-empty value counts (Rabobank writes `/REMI//REMI/text`).
    if ((values.get(mark.tag) ?? '') === '') values.set(mark.tag, value.replace(/\/+$/, ''))
  })
  const value = (tag: string): string | undefined => values.get(tag)
  const cntp = value('CNTP')?.split('/')
  put(out, 'bookingText', value('TRTP'))
  put(out, 'counterpartyIban', value('IBAN') ?? cntp?.[0])
  put(out, 'counterpartyBic', value('BIC') ?? cntp?.[1])
  put(out, 'counterpartyName', value('NAME') ?? cntp?.[2])
  // ULTD/ULTC: `name/identifier`.
  put(out, 'ultimateName', (value('ULTD') ?? value('ULTC'))?.split('/')[0])
  const eref = value('EREF')
  if (eref !== undefined && !/^\s*NOTPROVIDED\s*$/i.test(eref)) put(out, 'endToEndRef', eref)
  put(out, 'mandateRef', value('MARF'))
  put(out, 'creditorId', value('CSID'))
  put(out, 'purpose', value('PURP')?.split('/')[0])
  // REMI: `USTD//free text`, `STRD/CUR/reference`, or the text itself.
  const remi = value('REMI')
  const remittance =
    remi === undefined
      ? (value('CDTRREF') ?? '')
      : remi.replace(/^USTD\/\/?/, '').replace(/^STRD\/(?:CUR|ISO)?\/?/, '')
  out.remittance = squeeze(remittance)
  return out
}

// ABN AMRO's labelled text: `SEPA OVERBOEKING IBAN: NL… BIC: … NAAM: … OMSCHRIJVING: … KENMERK: …`.
const ABN_LABEL = /\b(IBAN|BIC|NAAM|OMSCHRIJVING|KENMERK|MACHTIGING|INCASSANT|BETALINGSKENM\.)\s*:/g

/** Reads ABN AMRO's labelled text; undefined when `text` has no `NAAM:` or `OMSCHRIJVING:`. */
function parseAbnLabels(text: string): Narrative | undefined {
  if (!/\b(?:NAAM|OMSCHRIJVING):/.test(text)) return undefined
  const values = new Map<string, string>()
  const marks: { label: string; start: number; end: number }[] = []
  ABN_LABEL.lastIndex = 0
  for (let m = ABN_LABEL.exec(text); m !== null; m = ABN_LABEL.exec(text)) {
    marks.push({ label: m[1] ?? '', start: m.index, end: m.index + m[0].length })
  }
  marks.forEach((mark, i) => {
    values.set(mark.label, text.slice(mark.end, marks[i + 1]?.start ?? text.length))
  })
  const out: Mutable<Narrative> = { dialect: 'text', remittance: '' }
  put(out, 'bookingText', text.slice(0, marks[0]?.start ?? 0))
  put(out, 'counterpartyIban', values.get('IBAN'))
  put(out, 'counterpartyBic', values.get('BIC'))
  put(out, 'counterpartyName', values.get('NAAM'))
  put(out, 'mandateRef', values.get('MACHTIGING'))
  put(out, 'creditorId', values.get('INCASSANT'))
  put(out, 'endToEndRef', values.get('KENMERK'))
  out.remittance = squeeze(values.get('OMSCHRIJVING') ?? '')
  return out
}

// Unstructured lines that start with the counterparty's IBAN and BIC (older ING and ABN AMRO).
const LEADING_ACCOUNT = /^([A-Z]{2}\d{2}[A-Z0-9]{10,30})\s+([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\s+/

/**
 * Reads one narrative (an MT940 `:86:` field with its lines already joined, or a purpose column) in
 * whichever dialect it is written. Example:
 * `parseNarrative('166?00GUTSCHRIFT?20SVWZ+Miete?32Erika Muster').counterpartyName === 'Erika Muster'`.
 */
export function parseNarrative(text: string): Narrative {
  const dk = parseDk(text)
  if (dk !== undefined) return dk
  const tags = parseSlashTags(text)
  if (tags !== undefined) return tags
  const labelled = parseAbnLabels(text)
  if (labelled !== undefined) return labelled
  const account = LEADING_ACCOUNT.exec(text)
  const rest = account === null ? text : text.slice(account[0].length)
  const out: Mutable<Narrative> = { ...parseSepaKeywords(rest), dialect: 'text' }
  if (account !== null) {
    put(out, 'counterpartyIban', account[1])
    put(out, 'counterpartyBic', account[2])
  }
  return out
}

/** The longest line of an MT940 message (SWIFT: 65 characters, the tag included). */
const MT940_LINE = 65

/**
 * Joins the lines of a `:86:` field. A structured field (DK, slash tags) is one string cut at the
 * line width anywhere, even inside a word or a subfield code (`?2` / `2`): its lines are joined
 * as they are. Free text is joined with a space, except after a full-width line, which the bank cut.
 * `firstLineOffset` is the length of the tag before the first line (`:86:` = 4).
 */
export function joinNarrativeLines(lines: readonly string[], firstLineOffset = 4): string {
  const first = lines[0] ?? ''
  if (DK_HEAD.test(first) || /^\s*\/[A-Z]{2,9}\//.test(first)) return lines.join('')
  let text = first
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1] ?? ''
    const width = previous.length + (i === 1 ? firstLineOffset : 0)
    text += (width >= MT940_LINE ? '' : ' ') + (lines[i] ?? '')
  }
  return text
}
