/**
 * Bank transaction codes read as words (LABELLING.md rule 6): what a type or code column says about
 * a line, in the code lists banks document. A code is weaker evidence than a known merchant, except
 * for the codes that say what the money was for (`strong`): a purpose (SEPA `SALA`, `RENT`, `CHAR`),
 * a salary or pension booking, a cash withdrawal, a bank charge or interest. Codes that only say how
 * the money moved (card, direct debit, cheque) map to nothing, so the line's words decide.
 *
 * Sources: ISO 20022 External Code Sets (ExternalPurpose1Code; Bank Transaction Codes
 * Domain/Family/SubFamily), the German DK Geschäftsvorfallcodes (GVC) used in MT940 `:86:` and
 * camt `Prtry` (`NTRF+166+…`), SWIFT MT940 field 61 transaction types, OFX 2 TRNTYPE, DBS/POSB
 * account transaction codes, and the type columns of US bank and wallet CSV exports.
 */
import type { TransactionCategory } from './categories.ts'

/** What a code says: a category, and whether it says what the money was for (`strong`). */
export interface CodeMeaning {
  readonly category: TransactionCategory
  readonly strong: boolean
}

// A category that depends on the sign: interest earned vs interest charged, a return in vs out.
type Signed = {
  readonly in: TransactionCategory | 'none'
  readonly out: TransactionCategory | 'none'
}
type Meaning = readonly [TransactionCategory | Signed | 'none', 'strong' | 'weak']

const S = 'strong' as const
const W = 'weak' as const
const INTEREST: Signed = { in: 'interest', out: 'fees' }
const RETURNED: Signed = { in: 'refund', out: 'none' }
const CREDIT_IN: Signed = { in: 'transfer', out: 'none' }

/** ISO 20022 ExternalPurpose1Code (SEPA purpose / category purpose), upper case in the file. */
// prettier-ignore
const PURPOSE_CODES: Readonly<Record<string, Meaning>> = {
  sala: ['salary', S], pens: ['salary', S], payr: ['salary', S], bonu: ['salary', S], comm: ['salary', S],
  bene: ['income', S], ssbe: ['income', S], govt: ['income', W], aleg: ['income', W],
  rent: ['rent', S], taxs: ['taxes', S], nitx: ['taxes', S], vatx: ['taxes', S], whld: ['taxes', S],
  ptxp: ['taxes', S], rdtx: ['taxes', S], taxr: ['taxes', S], estx: ['taxes', S], hstx: ['taxes', S],
  insu: ['insurance', S], hlti: ['insurance', S], lifi: ['insurance', S], prop: ['insurance', S],
  elec: ['utilities', S], gasb: ['utilities', S], wter: ['utilities', S], ubil: ['utilities', S],
  otlc: ['phone', S], phon: ['phone', S], tbil: ['phone', S], nwch: ['internet', S], cbtv: ['internet', S],
  char: ['charity', S], loan: ['loan', S], loar: ['loan', S], mort: ['loan', S], savg: ['savings', S],
  inte: [INTEREST, S], divd: ['interest', S], educ: ['education', S], stdy: ['education', S],
  hspc: ['health', S], mdcs: ['health', S], dnts: ['health', S], ltcf: ['health', S], trpt: ['transport', S],
  refu: [RETURNED, S], rebt: ['income', S],
  ccrd: ['transfer', W], intc: ['transfer', W], cash: ['transfer', W],
  gdds: ['none', W], supp: ['none', W], ivpt: ['none', W], othr: ['none', W],
}

/**
 * Codes that stand alone in a type or code column: ISO 20022 bank transaction sub-families and
 * families, DK GVC numbers, SWIFT MT940 types, DBS/POSB codes. Lower case.
 */
// prettier-ignore
const BANK_CODES: Readonly<Record<string, Meaning>> = {
  // ISO 20022 Bank Transaction Codes: sub-families (most specific), then families.
  cwdl: ['cash', S], cdpt: ['cash', S], cchq: ['none', W], ccrd: ['none', W], pmnt: ['none', W],
  acmt: ['none', W], mdop: ['none', W], mcop: ['none', W],
  sala: ['salary', S], pens: ['salary', S],
  chrg: [{ in: 'refund', out: 'fees' }, S], fees: [{ in: 'refund', out: 'fees' }, S], comm: ['fees', S],
  intr: [INTEREST, S], dvde: ['interest', S], taxe: ['taxes', S],
  rrtn: [RETURNED, S], rpcr: [RETURNED, S], updd: [RETURNED, S], rimb: [RETURNED, S],
  esct: ['transfer', W], dmct: ['transfer', W], xbct: ['transfer', W], stdo: ['transfer', W],
  book: ['transfer', W], sdva: ['transfer', W], autt: ['transfer', W],
  posd: ['none', W], posc: ['none', W], smrt: ['none', W], esdd: ['none', W], bbdd: ['none', W],
  pmdd: ['none', W], oodd: ['none', W], rcdd: ['none', W],
  ldas: ['loan', W], rcdt: [CREDIT_IN, W], icdt: ['transfer', W],
  // DK Geschäftsvorfallcodes (German MT940 and camt `Prtry`).
  '004': ['none', W], '005': ['none', W], '104': ['none', W], '105': ['none', W], '106': ['none', W],
  '107': ['none', W], '008': ['transfer', W], '020': ['transfer', W], '116': ['transfer', W],
  '117': ['transfer', W], '118': ['transfer', W], '051': [CREDIT_IN, W], '052': [CREDIT_IN, W],
  '152': [CREDIT_IN, W], '166': [CREDIT_IN, W], '167': [CREDIT_IN, W], '168': [CREDIT_IN, W],
  '053': ['salary', S], '153': ['salary', S], '054': ['salary', S], '154': ['salary', S],
  '119': ['charity', S], '169': ['charity', S], '082': ['cash', S], '083': ['cash', S],
  '109': [RETURNED, S], '159': [RETURNED, S], '805': [INTEREST, W], '814': [INTEREST, W],
  // SWIFT MT940 field 61 transaction types.
  ntrf: ['transfer', W], nsto: ['transfer', W], nchg: [{ in: 'refund', out: 'fees' }, S],
  ncom: ['fees', S], nint: [INTEREST, S], ndiv: [{ in: 'interest', out: 'none' }, W], nsec: ['savings', W],
  nldp: ['loan', W], nrti: [RETURNED, W], nddt: ['none', W], nchk: ['none', W], nmsc: ['none', W],
  // UK banks' type codes (Lloyds, Halifax, Bank of Scotland, Barclays, HSBC, Santander, TSB): BGC
  // bank giro credit, BP and OBP bill payments, CHG charge, CPT cashpoint, DD direct debit, DEB debit
  // card, SO standing order, TFR transfer. Faster-payment codes (FPI, FPO) say only how the money
  // moved, to a person or a business alike, and are left out.
  bgc: ['none', W], bp: ['none', W], obp: ['none', W], chg: [{ in: 'refund', out: 'fees' }, S],
  cpt: ['cash', S], csh: ['cash', S], dd: ['none', W], deb: ['none', W], so: ['transfer', W],
  tfr: ['transfer', W],
  // DBS / POSB (Singapore) account transaction codes.
  awl: ['cash', S], cam: ['cash', S], awf: ['fees', S], asc: ['fees', S], atfee: ['fees', S],
  atint: ['interest', S], bint: ['interest', S], sal: ['salary', S], itr: ['transfer', W],
  ict: ['transfer', W], atr: ['transfer', W], ibg: ['transfer', W], adp: ['none', W], bill: ['none', W],
  mst: ['none', W], bat: ['none', W], umc: ['none', W], nets: ['none', W], giro: ['none', W],
}

/**
 * Whole values of a type column: OFX TRNTYPE, US bank exports (Chase, ACH), wallet and app CSVs
 * (Revolut, Monzo, N26, Wise, PayPal, Starling). Lower case, separators folded to one space.
 */
// prettier-ignore
const TYPE_VALUES: Readonly<Record<string, Meaning>> = {
  atm: ['cash', S], cash: ['cash', S], 'atm withdrawal': ['cash', S], 'cash withdrawal': ['cash', S],
  'atm deposit': ['cash', S], 'cash deposit': ['cash', S], 'general card withdrawal': ['none', W],
  fee: ['fees', W], fees: ['fees', W], srvchg: ['fees', W], 'fee transaction': ['fees', W],
  'service charge': ['fees', W], int: [INTEREST, W], interest: [INTEREST, W], div: ['interest', W],
  dividend: ['interest', W], payroll: ['salary', S], 'payroll deposit': ['salary', S],
  salary: ['salary', S], pension: ['salary', S],
  xfer: ['transfer', W], transfer: ['transfer', W], topup: ['transfer', W], 'top up': ['transfer', W],
  exchange: ['transfer', W], 'currency conversion': ['transfer', W],
  'general currency conversion': ['transfer', W], 'faster payment': ['transfer', W],
  'bank transfer': ['transfer', W], 'outgoing transfer': ['transfer', W],
  'incoming transfer': ['transfer', W], 'standing order': ['transfer', W],
  'bank deposit to pp account': ['transfer', W], 'general withdrawal': ['transfer', W],
  'acct xfer': ['transfer', W], 'account transfer': ['transfer', W], 'wire outgoing': ['transfer', W],
  'wire incoming': ['transfer', W], wire: ['transfer', W], 'quickpay credit': ['transfer', W],
  'quickpay debit': ['transfer', W], 'p2p payment': ['transfer', W], 'monzo to monzo': ['transfer', W],
  'mobile payment': ['transfer', W], 'loan pmt': ['loan', W], 'loan payment': ['loan', W],
  'pot transfer': ['savings', S], pot: ['savings', S], 'uk retail pot': ['savings', S], pocket: ['savings', S], space: ['savings', S],
  spaces: ['savings', S], vault: ['savings', S], savings: ['savings', S], 'round up': ['savings', S],
  cashback: ['income', W], reward: ['income', W], 'visa credit': [RETURNED, W],
  'card credit': [RETURNED, W], 'mastercard credit': [RETURNED, W],
  refund: [RETURNED, S], 'card refund': [RETURNED, S], 'payment refund': [RETURNED, S],
  return: [RETURNED, W], 'refund transaction': [RETURNED, S],
  'ach debit': ['none', W], 'ach credit': ['none', W], 'debit card': ['none', W], check: ['none', W],
  'check paid': ['none', W], 'check deposit': ['none', W], deposit: ['none', W], dep: ['none', W],
  directdep: ['none', W], 'direct dep': ['none', W], directdebit: ['none', W], 'direct debit': ['none', W],
  pos: ['none', W], payment: ['none', W], 'card payment': ['none', W], debit: ['none', W], credit: ['none', W],
  'misc debit': ['none', W], 'misc credit': ['none', W], billpay: ['none', W], other: ['none', W],
  repeatpmt: ['none', W], sale: ['none', W],
  // German `Buchungstext`, Dutch `Mutatiesoort`/`Code`, French, Spanish, Italian, Portuguese types.
  'lohn gehalt': ['salary', S], 'lohn gehalt rente': ['salary', S], gehalt: ['salary', S], lohn: ['salary', S],
  rente: ['salary', S], 'bargeldauszahlung': ['cash', S], geldautomat: ['cash', S], bargeld: ['cash', S],
  'entgeltabschluss': ['fees', S], entgelt: ['fees', W], abschluss: [INTEREST, W], zinsen: [INTEREST, W],
  gutschrift: [CREDIT_IN, W], 'sepa gutschrift': [CREDIT_IN, W], dauerauftrag: ['transfer', W],
  ueberweisung: ['transfer', W], 'online ueberweisung': ['transfer', W], 'sepa ueberweisung': ['transfer', W],
  umbuchung: ['transfer', W], 'uberweisung': ['transfer', W], lastschrift: ['none', W],
  folgelastschrift: ['none', W], erstlastschrift: ['none', W], kartenzahlung: ['none', W],
  'mastercard zahlung': ['none', W], 'mastercard payment': ['none', W], presentment: ['none', W],
  ruecklastschrift: [RETURNED, S], rucklastschrift: [RETURNED, S], retoure: [RETURNED, S],
  geldautomaat: ['cash', S], gm: ['cash', S], betaalautomaat: ['none', W], ba: ['none', W],
  overschrijving: ['transfer', W], ov: ['transfer', W], 'online bankieren': ['transfer', W], gt: ['transfer', W],
  incasso: ['none', W], ic: ['none', W], diversen: ['none', W], dv: ['none', W], verzamelbetaling: ['none', W],
  retrait: ['cash', S], 'retrait dab': ['cash', S], carte: ['none', W], virement: ['transfer', W],
  prelevement: ['none', W], cheque: ['none', W], frais: ['fees', W], reintegro: ['cash', S],
  cajero: ['cash', S], transferencia: ['transfer', W], recibo: ['none', W], prelievo: ['cash', S],
  bonifico: ['transfer', W], addebito: ['none', W], levantamento: ['cash', S],
  // ING (Netherlands) transaction codes not above: PK counter withdrawal, ST deposit, PO standing
  // order, GF telephone banking, AC acceptgiro, CH cheque, FL branch booking, VZ batch payment.
  pk: ['cash', S], st: ['cash', S], po: ['transfer', W], gf: ['transfer', W], ac: ['none', W],
  ch: ['none', W], fl: ['none', W], vz: ['none', W],
  // Rabobank (Netherlands) `Code` column: GA/GB cash machine, KH cash at the counter, SB salary,
  // TB own-account move, BG/SP/EB transfers (CB is France's card here), ID iDEAL, EI/MA direct debits, BC contactless.
  ga: ['cash', S], gb: ['cash', S], kh: ['cash', S], sb: ['salary', S], tb: ['transfer', W],
  bg: ['transfer', W], sp: ['transfer', W], eb: ['transfer', W], id: ['none', W],
  ei: ['none', W], ma: ['none', W], bc: ['none', W], db: ['none', W], ck: ['none', W],
  // Type words of Dutch, Portuguese and Brazilian, Italian, Spanish and French exports.
  geldopname: ['cash', S], opname: ['cash', S], storting: ['cash', S], salaris: ['salary', S],
  'sepa overboeking': ['transfer', W], 'sepa incasso': ['none', W], ideal: ['none', W],
  saque: ['cash', S], pix: ['transfer', W], ted: ['transfer', W], doc: ['transfer', W],
  tarifa: ['fees', S], boleto: ['none', W], 'debito automatico': ['none', W], compra: ['none', W],
  stipendio: ['salary', S], commissioni: ['fees', S], rid: ['none', W], sdd: ['none', W],
  nomina: ['salary', S], comision: ['fees', S], bizum: ['transfer', W], tarjeta: ['none', W],
  salaire: ['salary', S], commission: ['fees', S], prlv: ['none', W], vir: ['transfer', W],
  cb: ['none', W], abbuchung: ['none', W],
}

function resolve(meaning: Meaning | undefined, amount: number): CodeMeaning | 'none' | undefined {
  if (meaning === undefined) return undefined
  const [what, strength] = meaning
  const category = typeof what === 'string' ? what : amount > 0 ? what.in : what.out
  return category === 'none' ? 'none' : { category, strong: strength === S }
}

/**
 * The meaning of a bank's type or code column: a whole value (`ATM`, `Pot transfer`, `ACH_DEBIT`),
 * else its codes from the most specific (`PMNT/RCDT/SALA` → `SALA`; `NTRF+166+00931` → `166`).
 * `'none'` when the code is known but says only how the money moved.
 */
export function meaningOfType(type: string, amount: number): CodeMeaning | 'none' | undefined {
  const value = type.trim().toLowerCase()
  const plain = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_/-]+/g, ' ')
  const whole = resolve(TYPE_VALUES[plain], amount)
  if (whole !== undefined) return whole
  // A type written as a phrase (UK midata: `TRANSFER FROM J SMITH`, `INTEREST ADDED`, `VISA CREDIT`):
  // its longest leading words the table knows.
  const words = plain.trim().split(' ')
  if (words.length <= 8) {
    for (let n = words.length - 1; n >= 1; n--) {
      const lead = resolve(TYPE_VALUES[words.slice(0, n).join(' ')], amount)
      if (lead !== undefined && lead !== 'none') return lead
    }
  }
  // ING (Netherlands) MT940 writes its own two-letter codes after the `N` of field 61:
  // `NGM` cash machine, `NGT` online banking, `NOV` transfer, `NBA` card payment, `NIC` direct debit.
  const ing = /^n([a-z]{2})$/.exec(plain)?.[1]
  const fromIng = ing === undefined ? undefined : resolve(TYPE_VALUES[ing], amount)
  if (fromIng !== undefined) return fromIng
  const parts = value.split(/[/+:\s]+/).filter((p) => p !== '')
  // Most specific first: the GVC before the SWIFT type in `NTRF+166+…`, the sub-family before
  // the family in `PMNT/RCDT/SALA`. A strong code anywhere wins over a weak one.
  const ordered = /^n[a-z]{3}\+\d{3}/.test(value)
    ? [parts[1] ?? '', parts[0] ?? '']
    : parts.reverse()
  let weak: CodeMeaning | 'none' | undefined
  for (const part of ordered) {
    const hit = resolve(BANK_CODES[part.replace(/[^a-z0-9]/g, '')], amount)
    if (hit === undefined || hit === 'none') weak ??= hit
    else if (hit.strong) return hit
    else if (weak === undefined || weak === 'none') weak = hit
  }
  return weak
}

/** The meaning of an ISO 20022 purpose code (camt `<Purp><Cd>`, a SEPA purpose column). */
export function meaningOfPurpose(
  purpose: string,
  amount: number,
): CodeMeaning | 'none' | undefined {
  return resolve(PURPOSE_CODES[purpose.trim().toLowerCase()], amount)
}

/**
 * A memo that is nothing but a bank code (`AWL`, `ITR`, `BILL`): exports that have a code column
 * and no type field put it there. Only upper-case codes of the tables, so a word is never read.
 */
export function codeInMemo(memo: string | undefined): string | undefined {
  const m = memo?.trim().replace(/[-.:]+$/, '')
  if (m === undefined || !/^[A-Z]{2,5}$/.test(m)) return undefined
  return BANK_CODES[m.toLowerCase()] !== undefined ? m : undefined
}
