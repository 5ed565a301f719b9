/**
 * One spending vocabulary for every bank: each imported transaction gets a `category` from
 * `TRANSACTION_CATEGORIES` and a `counterparty`, whatever language or format the statement is in.
 * The rules follow the labelling rule book (tests/fixtures/labelled/LABELLING.md). Evidence is taken
 * in order of trust: a refund word on money in, the merchant category code, a bank code that says
 * what the money was for (purpose `SALA`/`RENT`, GVC 153, a cash withdrawal, a charge: `_codes.ts`),
 * a move to or from one's own savings (`_moves.ts`), the bank's own category (through a table; a
 * shopping or transfer class yields to a known trade), the multilingual lexicon, a PayPal purchase,
 * a code that only says how the money moved, transfer words (to a company, named by its legal form
 * or trade, or with an invoice: uncategorised), a name shaped like a person's on money going out
 * (`_names.ts`), and finally the sign of the amount. Payment-processor and booking prefixes
 * (`SUMUP *`, `CB`, `Kartenzahlung`, … in `_payment_prefixes.ts`) are cut before the lexicon and the
 * counterparty read the line. The bank's raw category text is kept by the importers in `bankCategory`.
 */
import { BANK_CATEGORIES } from './_bank_categories.ts'
import {
  KIND_WORDS,
  LEXICON,
  REFUND_KEYWORDS,
  TRANSFER_KEYWORDS,
  type LexiconEntry,
} from './_lexicon.ts'
import { LEADING_MERCHANTS, MERCHANTS } from './_merchants.ts'
import { codeInMemo, meaningOfPurpose, meaningOfType, type CodeMeaning } from './_codes.ts'
import {
  CHECKOUT_KEYWORDS,
  hasCompanyForm,
  INVOICE_KEYWORDS,
  ORGANISATION_KEYWORDS,
  OWN_ACCOUNT_KEYWORDS,
  PAYPAL_KEYWORDS,
  PAYMENT_REQUEST_KEYWORDS,
  PAYPAL_PURCHASE_KEYWORDS,
  POCKET_KEYWORDS,
  SAVINGS_BANK_NAMES,
  SAVINGS_KEYWORDS,
} from './_moves.ts'
import { categoryFromMcc } from './_mcc.ts'
import { looksLikeBusiness, looksLikePerson } from './_names.ts'
import { stripPaymentPrefixes } from './_payment_prefixes.ts'
import { hasSepaKeywords, parseSepaKeywords } from './_narrative.ts'

/** The transactions `category` vocabulary (also listed in the collection schema's `examples`). */
export const TRANSACTION_CATEGORIES = [
  'salary',
  'income',
  'interest',
  'refund',
  'rent',
  'loan',
  'utilities',
  'phone',
  'internet',
  'insurance',
  'subscriptions',
  'groceries',
  'cafe',
  'restaurants',
  'transport',
  'travel',
  'health',
  'beauty',
  'sports',
  'leisure',
  'shopping',
  'home',
  'education',
  'charity',
  'taxes',
  'fees',
  'cash',
  'transfer',
  'savings',
  'uncategorised',
] as const

/** One word of the transactions vocabulary. */
export type TransactionCategory = (typeof TRANSACTION_CATEGORIES)[number]

/** Where a category came from, most trusted first. */
export type CategoryEvidence =
  'refund' | 'mcc' | 'type' | 'account' | 'bank' | 'lexicon' | 'transfer' | 'amount'

/** What the categoriser reads from one transaction. */
export interface CategoryInput {
  readonly description: string
  readonly amount: number
  readonly memo?: string
  /** The bank's own category text, levels joined by ' / '. */
  readonly bankCategory?: string
  /** ISO 18245 merchant category code (OFX `SIC`). */
  readonly mcc?: string
  /**
   * The bank's type or transaction code: OFX TRNTYPE, a type column, an ISO 20022 bank transaction
   * code (`PMNT/RCDT/SALA`), a camt/MT940 proprietary code with its GVC (`NTRF+166+00931`).
   */
  readonly type?: string
  /** ISO 20022 purpose code (camt `<Purp><Cd>`, SEPA purpose: `SALA`, `RENT`, `CHAR`, …). */
  readonly purpose?: string
  /** The counterparty when the statement has a column for it. */
  readonly counterparty?: string
}

/** The category, the counterparty, and which evidence decided. */
export interface CategoryResult {
  readonly category: TransactionCategory
  readonly counterparty: string
  readonly evidence: CategoryEvidence
}

/**
 * Lower case, accents removed, every run of non-letters/digits one space, trimmed; a number of two
 * or more digits glued to a word is cut from it, before (`12/22SLICEHOST`, MT940 `?21Kinokarten` →
 * `21 kinokarten`) or after it (`MIETE04/18` → `miete 04 18`), keywords and lines alike.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[øœ]/g, 'o')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/(?<![a-z0-9])(\d{2,})(?=[a-z]{3})/g, '$1 ')
    .replace(/(?<![a-z0-9])([a-z]{3,})(?=\d{2,}(?![a-z0-9]))/g, '$1 ')
    .trim()
}

interface CompiledKeyword {
  readonly regex: RegExp
  readonly length: number
  /** The folded keyword without its `*`: a line that does not contain it cannot match. */
  readonly core: string
}

function compileKeyword(keyword: string): CompiledKeyword {
  const prefix = keyword.startsWith('*')
  const suffix = keyword.endsWith('*')
  const core = foldText(keyword.replace(/^\*|\*$/g, ''))
  const escaped = core.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const source = `(?:^| )${prefix ? '[a-z0-9]*' : ''}${escaped}${suffix ? '[a-z0-9]*' : ''}(?= |$)`
  return { regex: new RegExp(source), length: core.length, core }
}

interface LexiconHit {
  readonly category: TransactionCategory
  readonly name: string | undefined
  /** Folded length of the keyword that matched: the longest wins. */
  readonly length: number
  /** Position of the entry in the tables: the earlier wins a tie. */
  readonly order: number
}

/**
 * The lexicon compiled for matching: whole-word keywords (most of them) are looked up by phrase in a
 * map, one lookup per run of up to `longestPhrase` words of the line; only keywords with `*` are
 * regular expressions. Same answer as testing every keyword, at a cost that does not grow with the
 * size of the lexicon.
 */
interface CompiledLexicon {
  readonly phrases: ReadonlyMap<string, LexiconHit>
  readonly longestPhrase: number
  /**
   * Keywords open at the end only (`moebel*`), by the first three letters of their first word: only
   * those whose three letters begin a word of the line are tried.
   */
  readonly wordStarts: ReadonlyMap<string, readonly (CompiledKeyword & LexiconHit)[]>
  /** The other wildcards (`*versicherung*`, `*imbiss`, short first words): tried on every line. */
  readonly wildcards: readonly (CompiledKeyword & LexiconHit)[]
}

const WORD_START = 3

let compiled:
  | {
      readonly lexicon: CompiledLexicon
      readonly refund: readonly CompiledKeyword[]
      readonly transfer: readonly CompiledKeyword[]
      readonly savings: readonly CompiledKeyword[]
      readonly pockets: readonly CompiledKeyword[]
      readonly ownAccount: readonly CompiledKeyword[]
      readonly invoice: readonly CompiledKeyword[]
      readonly organisation: readonly CompiledKeyword[]
      readonly paypal: readonly CompiledKeyword[]
      readonly paypalPurchase: readonly CompiledKeyword[]
      readonly checkout: readonly CompiledKeyword[]
      readonly paymentRequest: readonly CompiledKeyword[]
      readonly beatsSavings: readonly (CompiledKeyword & { category: TransactionCategory })[]
    }
  | undefined

function compileLexicon(entries: readonly LexiconEntry[]): CompiledLexicon {
  const phrases = new Map<string, LexiconHit>()
  const wordStarts = new Map<string, (CompiledKeyword & LexiconHit)[]>()
  const wildcards: (CompiledKeyword & LexiconHit)[] = []
  let longestPhrase = 1
  entries.forEach((entry, order) => {
    for (const keyword of entry.keywords) {
      const hit = { category: entry.category, name: entry.name, order }
      if (keyword.startsWith('*') || keyword.endsWith('*')) {
        const compiledKeyword = { ...compileKeyword(keyword), ...hit }
        const firstWord = compiledKeyword.core.split(' ')[0] ?? ''
        if (keyword.startsWith('*') || firstWord.length < WORD_START) {
          wildcards.push(compiledKeyword)
          continue
        }
        const key = firstWord.slice(0, WORD_START)
        wordStarts.set(key, [...(wordStarts.get(key) ?? []), compiledKeyword])
        continue
      }
      const phrase = foldText(keyword)
      if (phrase === '' || phrases.has(phrase)) continue
      phrases.set(phrase, { ...hit, length: phrase.length })
      longestPhrase = Math.max(longestPhrase, phrase.split(' ').length)
    }
  })
  return { phrases, longestPhrase, wordStarts, wildcards }
}

// Compiled on first use, not at import time.
function tables(): NonNullable<typeof compiled> {
  compiled ??= {
    lexicon: compileLexicon([...LEXICON, ...merchantEntries(), ...KIND_WORDS]),
    refund: REFUND_KEYWORDS.map(compileKeyword),
    transfer: TRANSFER_KEYWORDS.map(compileKeyword),
    savings: SAVINGS_KEYWORDS.map(compileKeyword),
    pockets: POCKET_KEYWORDS.map(compileKeyword),
    ownAccount: OWN_ACCOUNT_KEYWORDS.map(compileKeyword),
    invoice: INVOICE_KEYWORDS.map(compileKeyword),
    organisation: ORGANISATION_KEYWORDS.map(compileKeyword),
    paypal: PAYPAL_KEYWORDS.map(compileKeyword),
    paypalPurchase: PAYPAL_PURCHASE_KEYWORDS.map(compileKeyword),
    checkout: CHECKOUT_KEYWORDS.map(compileKeyword),
    paymentRequest: PAYMENT_REQUEST_KEYWORDS.map(compileKeyword),
    beatsSavings: [...LEXICON, ...KIND_WORDS]
      .filter((entry) => BEATS_SAVINGS.has(entry.category))
      .flatMap((entry) =>
        entry.keywords.map((k) => ({ ...compileKeyword(k), category: entry.category })),
      ),
  }
  return compiled
}

function merchantEntries(): LexiconEntry[] {
  return MERCHANTS.map((m) => ({ category: m.category, keywords: m.keywords, lang: 'any' }))
}

function anyMatch(folded: string, keywords: readonly CompiledKeyword[]): boolean {
  return keywords.some((k) => folded.includes(k.core) && k.regex.test(folded))
}

function better(a: LexiconHit, b: LexiconHit | undefined): boolean {
  return b === undefined || a.length > b.length || (a.length === b.length && a.order < b.order)
}

/**
 * The lexicon entry whose longest matching keyword is longest (ties: earlier entry), read on the
 * line with its payment-method and processor prefixes cut.
 */
export function lexiconMatch(
  text: string,
): { category: TransactionCategory; name: string | undefined } | undefined {
  const folded = foldText(stripPaymentPrefixes(text))
  if (folded === '') return undefined
  const { phrases, longestPhrase, wordStarts, wildcards } = tables().lexicon
  const words = folded.split(' ')
  let best: LexiconHit | undefined
  for (let i = 0; i < words.length; i++) {
    let phrase = ''
    for (let n = 0; n < longestPhrase && i + n < words.length; n++) {
      phrase = n === 0 ? (words[i] ?? '') : `${phrase} ${words[i + n] ?? ''}`
      const hit = phrases.get(phrase)
      if (hit !== undefined && better(hit, best)) best = hit
    }
    const word = words[i] ?? ''
    if (word.length < WORD_START) continue
    for (const k of wordStarts.get(word.slice(0, WORD_START)) ?? [])
      if (better(k, best) && folded.includes(k.core) && k.regex.test(folded)) best = k
  }
  for (const k of wildcards)
    if (better(k, best) && folded.includes(k.core) && k.regex.test(folded)) best = k
  return best === undefined ? undefined : { category: best.category, name: best.name }
}

// Portuguese payment words that lead a bill's name (`PGTO NET`, `PAGTO TIM`).
const LEADING_PAYMENT_WORD = /^(?:pgto|pagto|pgt|pag|pagamento|deb|debito|db aut) /

/**
 * A chain from `LEADING_MERCHANTS` at the start of the merchant's name (the counterparty column,
 * else the description with its prefixes and terminal noise cut), for names too common to match
 * anywhere on a line.
 */
function leadingMerchant(
  description: string,
  counterparty?: string,
): { category: TransactionCategory; name: string | undefined } | undefined {
  for (const name of [counterparty, counterpartyFromDescription(description)]) {
    if (name === undefined) continue
    const words = foldText(name).replace(LEADING_PAYMENT_WORD, '').split(' ')
    const two = words.length > 1 ? LEADING_MERCHANTS[`${words[0]} ${words[1]}`] : undefined
    const category = two ?? LEADING_MERCHANTS[words[0] ?? '']
    if (category !== undefined) return { category, name: undefined }
  }
  return undefined
}

// A telecom sells phone lines and broadband: the product on the line decides (`VODAFONE BBND`).
const BROADBAND =
  /(?:^| )(?:broadband|bbnd|bband|fibre|fiber|fibra|glasfaser|glasvezel|dsl|adsl|vdsl|ftth)(?= |$)/
const MOBILE =
  /(?:^| )(?:mobile|mobil|mobiel|movil|movel|mobilfunk|handy|sim|prepaid|cellulare)(?= |$)/

function telecomProduct(
  hit: { category: TransactionCategory; name: string | undefined } | undefined,
  folded: string,
): { category: TransactionCategory; name: string | undefined } | undefined {
  if (hit?.category === 'phone' && BROADBAND.test(folded)) return { ...hit, category: 'internet' }
  if (hit?.category === 'internet' && MOBILE.test(folded)) return { ...hit, category: 'phone' }
  return hit
}

/**
 * Health insurers and funds: statutory funds (AOK, Barmer, DAK, TK, BKK, IKK, Knappschaft, ÖGK,
 * CPAM), Belgian mutualités and French mutuelles. The rule book reads them by direction: a premium
 * paid is `insurance`, a reimbursement received is `health`.
 */
const HEALTH_FUND =
  /(?:^| )(?:aok|barmer|dak gesundheit|tk techniker|techniker krankenkasse|\w*krankenkasse|bkk|\w+ bkk|ikk classic|hkk|kkh|knappschaft|ogk|oegk|gkk|nogkk|cpam|ameli|mutualite\w*|mutualiteit|ziekenfonds|mutuelle|mutuelles)(?= |$)/

function healthFund(
  hit: { category: TransactionCategory; name: string | undefined } | undefined,
  folded: string,
  amount: number,
): { category: TransactionCategory; name: string | undefined } | undefined {
  if (hit === undefined || (hit.category !== 'health' && hit.category !== 'insurance')) return hit
  if (!HEALTH_FUND.test(folded)) return hit
  return { ...hit, category: amount < 0 ? 'insurance' : 'health' }
}

/**
 * The vocabulary word for a bank's own category text, or undefined when neither the table nor the
 * lexicon knows it. Each level is tried in the table, most specific first, then in the lexicon
 * ('Supermärkte & Discounter' names no table row but says supermarket).
 */
export function categoryFromBank(
  bankCategory: string | undefined,
): TransactionCategory | undefined {
  if (bankCategory === undefined) return undefined
  const levels = bankCategory.split(/\s+\/\s+|\s*>\s*/).reverse()
  for (const level of [...levels, bankCategory]) {
    const hit = BANK_CATEGORIES[foldText(level)]
    if (hit !== undefined) return hit
  }
  // A level naming two classes ('Ristoranti e bar', 'Cafés & Restaurants'): the first the table knows.
  for (const level of levels) {
    for (const part of foldText(level).split(/ (?:and|e|et|y|und|en|o|ou|oder|of) /)) {
      const hit = BANK_CATEGORIES[part]
      if (hit !== undefined) return hit
    }
  }
  for (const level of levels) {
    const hit = lexiconMatch(level)
    if (hit !== undefined) return hit.category
  }
  return undefined
}

/**
 * Bank classes too broad to beat a trade the lexicon knows (rule 5): shops in general, transfers,
 * and entertainment or hobbies (under which apps file streaming, app stores, games and shops alike)
 * yield to any trade; other classes yield to the trades apps file under them ('Bills' holds phone,
 * broadband and insurance; 'Travel' holds fuel; 'Food & Dining' holds coffee shops; 'Health &
 * Fitness' holds gyms; 'Health' holds insurance premiums; 'Housing' holds energy, broadband,
 * insurance and furnishing besides the rent).
 */
const DEFERS_TO_LEXICON: Readonly<
  Partial<Record<TransactionCategory, 'any' | readonly TransactionCategory[]>>
> = {
  shopping: 'any',
  transfer: 'any',
  leisure: 'any',
  utilities: ['phone', 'internet', 'subscriptions', 'insurance'],
  travel: ['transport'],
  transport: ['travel'],
  restaurants: ['cafe'],
  health: ['sports', 'beauty', 'insurance'],
  rent: ['utilities', 'internet', 'phone', 'insurance', 'home'],
  beauty: ['health'],
}

function bankYieldsTo(bank: TransactionCategory, lexicon: TransactionCategory): boolean {
  const yields = DEFERS_TO_LEXICON[bank]
  return yields === 'any' || (yields?.includes(lexicon) ?? false)
}

// Lexicon categories that say more than "saving": interest on a savings account, its fees, tax.
const BEATS_SAVINGS: ReadonlySet<TransactionCategory> = new Set([
  'interest',
  'fees',
  'taxes',
  'salary',
])

/** The code evidence of a line: its purpose code, else its type or code column (or a code memo). */
function codeMeaning(input: CategoryInput): CodeMeaning | undefined {
  const purpose =
    input.purpose === undefined ? undefined : meaningOfPurpose(input.purpose, input.amount)
  if (purpose !== undefined && purpose !== 'none') return purpose
  const type = input.type ?? codeInMemo(input.memo)
  const fromType = type === undefined ? undefined : meaningOfType(type, input.amount)
  return fromType === 'none' ? undefined : fromType
}

/**
 * A move between the person's own accounts that involves a saving product (LABELLING.md rule 3):
 * a savings word on the line (a savings bank's name aside), or an app's pocket with an own-account
 * move word (`Pocket-Umbuchung`, `to pot`).
 */
function isSavingsMove(line: string): boolean {
  const t = tables()
  const folded = line.replace(SAVINGS_BANK_NAMES, ' ')
  if (anyMatch(folded, t.savings)) return true
  return anyMatch(folded, t.pockets) && anyMatch(folded, t.ownAccount)
}

/**
 * What a transfer is, once nothing said what it paid for (LABELLING.md rules 2 and 4): between own
 * accounts or with a person, `transfer`; to a business (an invoice or a company's legal form),
 * `uncategorised` going out and `income` coming in.
 */
function transferOrBusiness(folded: string, raw: string, amount: number): TransactionCategory {
  const t = tables()
  if (anyMatch(folded, t.ownAccount)) return 'transfer'
  if (
    anyMatch(folded, t.invoice) ||
    anyMatch(folded, t.organisation) ||
    hasCompanyForm(withoutPayPalsName(raw)) ||
    looksLikeBusiness(folded, raw) ||
    (anyMatch(folded, t.checkout) && !anyMatch(folded, t.paymentRequest))
  )
    return amount > 0 ? 'income' : 'uncategorised'
  return 'transfer'
}

// PayPal's own legal name ('PayPal (Europe) S.à r.l. et Cie, S.C.A.') is a wallet, not a shop.
function withoutPayPalsName(text: string): string {
  return text.replace(
    /paypal[^|]*?s\.?\s?c\.?\s?a\b\.?|paypal\s*\(?europe\)?\s*s\.?\s?[aà]\.?\s?r\.?\s?l\.?/gi,
    'PayPal',
  )
}

/**
 * What money coming in can be (LABELLING.md rule 4): salary, interest, a refund, a transfer from a
 * person or an own account, tax, a health reimbursement, rent received, a loan paid out, cash paid
 * in. A shop's or a cause's category on money in (a donation received, a sale) is `income`.
 */
const MONEY_IN: ReadonlySet<TransactionCategory> = new Set([
  'salary',
  'income',
  'interest',
  'refund',
  'rent',
  'loan',
  'taxes',
  'health',
  'transfer',
  'savings',
  'cash',
])

/**
 * An order word with its number, as web shops and their payment providers write it on the payer's
 * statement; a standing, money or payment order is not a shop's (`standing order 12` is a transfer).
 */
const WEB_SHOP_ORDER =
  /(?:^| )(?<!(?:standing|money|payment|postal|bank|dauer) )(?:order|bestelling|bestellung|commande|pedido|encomenda)(?: (?:nr|no|num|number|nummer|ord))? \d{3,}(?= |$)/

const ATM_TIME = /(?<![\d.])\d{2}\.\d{2}\/\d{2}\.\d{2}\s?UHR\b/i

/** Categorises one transaction (see the module comment for the order of evidence). */
export function categorizeTransaction(input: CategoryInput): CategoryResult {
  const found = categorize(input)
  if (input.amount > 0 && !MONEY_IN.has(found.category)) {
    // A card payment coming back from a shop is money back for what was bought (rule book `refund`).
    const shopOnCard =
      PURCHASES.has(found.category) &&
      CARD_WORD.test(foldText([input.description, input.memo ?? '', input.type ?? ''].join(' ')))
    return { ...found, category: shopOnCard ? 'refund' : 'income' }
  }
  return found
}

// Trades bought by card, and the card words of statements (EN FR DE ES NL IT PT).
const PURCHASES: ReadonlySet<TransactionCategory> = new Set([
  'groceries',
  'cafe',
  'restaurants',
  'shopping',
  'home',
  'beauty',
  'sports',
  'leisure',
])
const CARD_WORD =
  /(?:^| )(?:card|carte|cb|karte|kartenzahlung|girocard|tarjeta|betaalpas|pinbetaling|carta|cartao|visa|mastercard|maestro)(?= |$)/

function categorize(input: CategoryInput): CategoryResult {
  const text = [input.counterparty ?? '', input.description, input.memo ?? ''].join(' ')
  const folded = foldText(text)
  const counterparty = (name?: string): string =>
    clip(input.counterparty?.trim() || name || counterpartyFromDescription(input.description), 200)
  // German bank CSVs write SEPA keyword text in one column (`EREF+… SVWZ+Miete ABWA+…`): only the
  // remittance says what the money was for.
  const remittance = (part: string): string =>
    hasSepaKeywords(part) ? parseSepaKeywords(part).remittance || part : part
  const stripped = input.description
    .split(' | ')
    .map((part) => stripPaymentPrefixes(remittance(part)))
    .join(' | ')
  const lexicon = healthFund(
    telecomProduct(
      lexiconMatch([input.counterparty ?? '', stripped, input.memo ?? ''].join(' ')) ??
        leadingMerchant(input.description, input.counterparty),
      folded,
    ),
    folded,
    input.amount,
  )
  const result = (category: TransactionCategory, evidence: CategoryEvidence): CategoryResult => ({
    category,
    counterparty: counterparty(lexicon?.name),
    evidence,
  })
  const t = tables()
  // Money back from a tax authority is `taxes`, from a health insurer or fund `health` (the book's
  // `CPAM` (in)); from anyone else a refund word makes it a refund.
  const backFrom = lexicon?.category === 'taxes' || lexicon?.category === 'health'
  if (input.amount > 0 && !backFrom && anyMatch(folded, t.refund)) return result('refund', 'refund')
  const fromMcc = categoryFromMcc(input.mcc)
  if (fromMcc !== undefined) return result(fromMcc, 'mcc')
  const code = codeMeaning(input)
  if (code?.strong === true) return result(code.category, 'type')
  if (code?.category === 'savings' || isSavingsMove(folded)) {
    // Interest, fees or tax on a savings account are that, not a saving move.
    const beat = t.beatsSavings.find((k) => k.regex.test(folded))
    if (beat === undefined) return result('savings', 'account')
    if (lexicon?.category === 'savings') {
      const charged = beat.category === 'interest' && input.amount < 0
      return result(charged ? 'fees' : beat.category, 'lexicon')
    }
  }
  const fromBank = categoryFromBank(input.bankCategory)
  if (fromBank === 'refund' && input.amount > 0) return result('refund', 'bank')
  if (
    fromBank !== undefined &&
    fromBank !== 'uncategorised' &&
    fromBank !== 'refund' &&
    !(lexicon !== undefined && bankYieldsTo(fromBank, lexicon.category))
  ) {
    if (fromBank !== 'transfer') return result(fromBank, 'bank')
    return result(transferOrBusiness(folded, text, input.amount), 'bank')
  }
  if (lexicon !== undefined) {
    // Interest on money going out is interest charged: a fee, not income.
    const charged = lexicon.category === 'interest' && input.amount < 0
    return result(charged ? 'fees' : lexicon.category, 'lexicon')
  }
  // German savings banks write an ATM withdrawal's date and time as `24.03/14.30UHR` before the place.
  if (input.amount < 0 && ATM_TIME.test(text)) return result('cash', 'type')
  // An order number paid out (`Order 50835 vapekings.nl`, `Bestellung 4711`) is a web shop's checkout.
  if (input.amount < 0 && WEB_SHOP_ORDER.test(folded)) return result('shopping', 'transfer')
  // PayPal paying a shop the lexicon does not know: a purchase (its own legal name aside).
  if (
    anyMatch(folded, t.paypal) &&
    (anyMatch(folded, t.paypalPurchase) || hasCompanyForm(withoutPayPalsName(text))) &&
    input.amount < 0
  )
    return result('shopping', 'transfer')
  if (code !== undefined && code.category !== 'transfer') return result(code.category, 'type')
  // A line with no words at all, only numbers and a weak code (`NTRF`), says nothing (LABELLING.md
  // rule 7); a type written in words (`TRANSFER TO`) is words.
  if (folded.replace(/\b\d+\b/g, '').trim() === '' && !/\s/.test(input.type?.trim() ?? ''))
    return result(input.amount > 0 ? 'income' : 'uncategorised', 'amount')
  // A card payment (`PAS: 1122 NAAM: POS`) under a bank's generic transfer code is not a transfer.
  if (
    (code?.category === 'transfer' && !CARD_PAYMENT.test(folded) && !CARD_WORD.test(folded)) ||
    anyMatch(folded, t.transfer) ||
    anyMatch(folded, t.ownAccount)
  )
    return result(transferOrBusiness(folded, text, input.amount), 'transfer')
  // Money sent to a name shaped like a person's (`Dhr. P. Bakker`, `J JANSEN EN/OF …`) with
  // nothing else said is a transfer; money in from one stays income without a transfer word (rule 4).
  const person =
    looksLikePerson(input.counterparty ?? '', true) ||
    looksLikePerson(`${input.description} ${input.memo ?? ''}`)
  if (input.amount < 0 && person && !looksLikeBusiness(folded, text))
    return result('transfer', 'transfer')
  return result(input.amount > 0 ? 'income' : 'uncategorised', 'amount')
}

// Words of a payment at a card terminal (EN NL DE FR ES IT PT), beyond the card words themselves;
// the Dutch card (`pas`) only with its number, as French `pas` is "not".
const CARD_PAYMENT =
  /(?:^| )(?:pos|pas(?= \d)|pasnr|purchase|purchas|betaalautomaat|bea|terminal|tpv|kartenzahlung|paiement carte)(?= |$)/

// Card-terminal noise around the merchant's name on statements.
const NOISE: readonly RegExp[] = [
  /^pos\s+[\d.,]+\s+[a-z]{2}\s+k\d\s+\d{2}\.\d{2}\.\s+\d{2}:\d{2}\s+/i,
  /^(?:avoir cb|prlv(?: sepa)?|vir(?: sepa)?(?: recu| emis)?(?: \/de)?|pos|eftpos(?: wdl)?|visa|card|carte|cb|kartenzahlung|pago en|compra en|paiement(?: par carte)?|achat|recibo|lastschrift|folgelastschrift|internet-?überweisung|überweisung|transferencia(?: emitida)?(?: a)?|virement(?: postal)?|betaalautomaat|bea|gea|pin|pagamento|acquisto|compra)\b[\s:*-]*/i,
  /^pos\d{2}[a-z]{3}\s*/i,
  // Dutch MT940 narratives: ABN AMRO's `BEA   NR:5DP1B7   12.01.13/18.27 ` before a card payment's
  // merchant, ING's `12-03-2014 12:34 PASNR. 001 `, an old account number before the name.
  /^nr:\s*\S+\s+(?:\d{2}\.\d{2}\.\d{2}\/\d{2}[.:]\d{2}\s+)?/i,
  /^\d{2}-\d{2}-\d{4}\s+\d{2}:\d{2}\s+pasnr\.?\s*\d+\s+/i,
  /^\d{9,10}\s+/,
  /,\s*pas\s*\d+$/i,
  /\s+k\d\s+\d{2}\.\d{2}\.\s+\d{2}:\d{2}.*$/i,
  /\s+dankt\b.*$/i,
  /\s+\d{2}\/\d{2}(?:\/\d{2,4})?(?:\s.*)?$/,
  /\s+#\d+.*$/,
  // An order or reference code after the merchant ('Amazon.co.uk*AB12CD', 'AMAZON PRIME*1A2B3').
  /\s*\*\s*(?=[A-Z0-9]*\d)[A-Z0-9]{4,}$/i,
  /\s+\d{3,}[\s\d/.-]*$/,
  /[\s,]+(?:[A-Z]{2})$/,
]

/** A merchant or payee name from a statement line: terminal prefixes, dates and store numbers cut. */
export function counterpartyFromDescription(description: string): string {
  // Several description columns are joined with ' | ': the first that is more than a booking
  // type ('Virement postal | ASSOCIATION FOO-BAR | …') names the counterparty.
  for (const part of description.split(' | ')) {
    let s = part.replace(/\s+/g, ' ').trim()
    for (let pass = 0; pass < 2; pass++) {
      for (const re of NOISE) s = s.replace(re, '').trim()
      s = stripPaymentPrefixes(s)
    }
    s = s.replace(/^[\s;,|/-]+|[\s;,|/-]+$/g, '').trim()
    if (s !== '') return s
  }
  return description.trim()
}

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s
}
