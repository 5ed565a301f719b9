/**
 * Words that say how money moved between people and accounts, for the rules of LABELLING.md that
 * are not a merchant's trade: moves to and from one's own savings (rule 3), invoices paid to
 * companies (rule 2), PayPal purchases, person-to-person apps and wallet top-ups. Matched like the
 * lexicon (folded text, whole words, `*` for the rest of a word). Documented in docs/importers.md.
 */

/**
 * A saving or investing product, in the seven languages and the apps' own names for it. Any one
 * of them on a line makes an own-account move `savings`, in either direction. `spar*` is not here:
 * SPAR is a supermarket and Sparwasser a surname; the German compounds are listed one by one.
 */
// prettier-ignore
export const SAVINGS_KEYWORDS: readonly string[] = [
  'savings', 'savings account', 'savings pot', 'savings goal*', 'saving space', 'round up', 'round ups',
  'roundup', 'roundups', 'cash isa', 'stocks and shares isa', 'premium bonds', 'investment', 'investing',
  'epargne', '*epargne', 'livret', 'livret a', 'ldds', 'coffre fort', 'tirelire', 'arrondi',
  'sparen', '*sparen', 'sparplan', 'sparbuch', 'sparkonto', 'sparrate', 'sparvertrag', 'sparbrief',
  'bausparen', 'bauspar*', 'tagesgeld*', 'festgeld*', 'sparziel', 'wertpapierdepot', 'vermogenswirksam*',
  'ahorro', 'ahorros', 'cuenta ahorro', 'hucha', 'plan ahorro', 'deposito a plazo',
  'spaarrekening', 'spaarpot', 'spaardoel', 'spaarrek', 'sparen', 'beleggen', 'belegging', 'beleggingen', 'beleggingsrekening',
  'risparmio', 'salvadanaio', 'conto deposito', 'salvadanaio', 'buono fruttifero', 'libretto',
  'poupanca', 'poupancas', 'poup', 'mealheiro', 'deposito a prazo', 'conta poupanca',
  // US banks' short names of a savings account (`Online Transfer to SAV ...1234`).
  'to sav', 'from sav', 'to svg', 'from svg',
]

/**
 * Banks named after saving (`Caisse d'Epargne`, `Cassa di Risparmio`, `Caja de Ahorros`): their name
 * on a line says who the bank is, not that money went to savings. Folded, cut before the test.
 */
export const SAVINGS_BANK_NAMES =
  /\b(?:caisse d ?epargne|caisses d ?epargne|cassa di risparmio|casse di risparmio|caja de ahorros|caixa economica|savings bank|savings and loan|spaarbank)\b/g

/** An app's name for a sub-account, which is a saving one only when money moves to or from it. */
// prettier-ignore
export const POCKET_KEYWORDS: readonly string[] = [
  'pot', 'pots', 'pocket', 'pockets', 'space', 'spaces', 'vault', 'vaults', 'goal', 'stash', 'coffre',
  '*pocket', 'pocket*',
]

/**
 * Words that say money moved between the person's own accounts (LABELLING.md rule 3). With a
 * saving word or a pocket (`Pocket-Umbuchung`, `to pot`) the move is `savings`, else `transfer`,
 * even when a company's name is on the line.
 */
// prettier-ignore
export const OWN_ACCOUNT_KEYWORDS: readonly string[] = [
  'own account', 'own accounts', 'between accounts', 'my account', 'main account', 'current account',
  'to pot', 'from pot', 'to pocket', 'from pocket', 'to space', 'from space', 'to vault', 'from vault',
  'pot transfer', 'pocket transfer', 'space transfer', 'vault transfer', 'goal transfer',
  'internal transfer', 'account transfer', 'transfer to checking', 'transfer from checking',
  'eigenes konto', 'eigene konten', 'eigenubertrag', 'umbuchung', '*umbuchung', 'girokonto',
  'entre comptes', 'compte courant', 'compte a compte', 'virement interne', 'traspaso',
  'traspaso entre cuentas', 'cuenta propia', 'cuentas propias', 'cuenta corriente', 'cuenta nomina',
  'eigen rekening', 'eigen rekeningen', 'betaalrekening', 'giroconto', 'conto corrente', 'tra conti',
  'conta propria', 'conta a ordem', 'entre contas', 'transferencia entre contas', 'kontenpool', 'cash pool',
  'cashpool', 'cash pooling',
]

/**
 * Words that name an organisation rather than a person (a foundation, an association, a club): a
 * transfer with one of them is to or from a business in the sense of rules 2 and 4.
 */
// prettier-ignore
export const ORGANISATION_KEYWORDS: readonly string[] = [
  'stichting', 'vereniging', 'verein', 'e v', 'stiftung', 'association', 'asso', 'fondation', 'foundation',
  'fundacion', 'asociacion', 'fondazione', 'associazione', 'fundacao', 'associacao', 'cooperative',
  'genossenschaft', 'eg', 'cooperatief', 'cooperativa',
]

/** An invoice named on a transfer: the payee is a business (LABELLING.md rule 2). */
// prettier-ignore
export const INVOICE_KEYWORDS: readonly string[] = [
  'rechnung', 'rechnungsnr', 'rechnungsnummer', 'rg nr', 're nr', 'rechn', 'invoice', 'inv no', 'invoice no',
  'facture', 'fact', 'no facture', 'factura', 'fattura', 'fatt', 'fatura', 'factuur', 'factuurnummer',
  'factuurnr', 'bill payment', 'betalingskenmerk', 'betalingskenm', 'acceptgiro', 'boleto', 'bollettino',
]

/**
 * A company legal form on the original text (`GmbH`, `S.A.`, `B.V.`, `Ltd`). The short upper-case
 * forms (`AG`, `SA`, `SL`, `NV`) count only in capitals, so the French `sa` or a Dutch `nv` written
 * as words are not read as companies.
 */
export function hasCompanyForm(text: string): boolean {
  const plain = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  return LONG_FORM.test(plain) || SHORT_FORM.test(plain)
}

const LONG_FORM =
  /(?:^|[\s,.(])(?:gmbh|mbh|sarl|s\.a\.r\.l\.?|sasu|eurl|s\.a\.s\.?|s\.a\.|s\.l\.|s\.l\.u\.|b\.v\.|n\.v\.|s\.p\.a\.?|s\.r\.l\.?|srl|lda|ltd|limited|llc|l\.l\.c\.?|inc\.?|plc|corp\.?|gbr|ohg|e\.k\.)(?=$|[\s,.)])/i
const SHORT_FORM = /(?:^|[\s,(])(?:AG|SA|SAS|SL|SLU|BV|NV|SpA|SPA|KG|SE|VOF|SNC)(?=$|[\s,.)])/

/** PayPal's own name on a bank line. */
export const PAYPAL_KEYWORDS: readonly string[] = ['paypal', 'paypal europe']

/**
 * What PayPal writes on a bank line when it collects for a purchase: `Ihr Einkauf bei …`, a direct
 * debit (`Lastschrift`, `prélèvement`), `Your purchase at …`. A PayPal purchase is `shopping` when
 * the shop is not known (LABELLING.md, `shopping`).
 */
// prettier-ignore
export const PAYPAL_PURCHASE_KEYWORDS: readonly string[] = [
  'einkauf', 'ihr einkauf', 'purchase', 'your purchase', 'achat', 'votre achat', 'compra', 'su compra',
  'aankoop', 'uw aankoop', 'acquisto', 'il tuo acquisto', 'a sua compra', '*lastschrift', 'lastschrift*',
  'direct debit', 'prelevement', 'prlv', 'adeudo', 'recibo', 'incasso', 'automatische incasso',
  'addebito', 'addebito sdd', 'debito direto', 'sdd', 'domiciliation', 'domiciliering', 'mandat', 'mandate',
]

/** A credit card's bill paid from the current account: a move between one's own accounts. */
// prettier-ignore
export const CARD_BILL_KEYWORDS: readonly string[] = [
  'kreditkartenabrechnung', 'kreditkartenzahlung', 'kreditkarte abrechnung', 'visa abrechnung',
  'mastercard abrechnung', 'amex abrechnung', 'abrechnung kreditkarte', 'credit card payment', 'credit card bill',
  'payment thank you', 'releve carte', 'reglement carte', 'pago tarjeta credito',
  'liquidacion tarjeta', 'creditcard', 'estratto conto carta', 'saldo carta di credito', 'pagamento cartao credito',
  'pagto fatura', 'pgto fatura', 'pagamento fatura', 'pagamento de fatura', 'fatura cartao',
  'pagto cartao credito', 'pgto cartao credito', 'pagamento de cartao', 'pago de tarjeta', 'pago tarjeta',
  'etat de depenses', 'etat des depenses', 'kreditkartenrechnung', 'creditcard afrekening',
  'international card services', 'payment received', 'payment received thank you', 'internet payment received',
  'online payment received', 'online payment thank you', 'autopay payment', 'pagamento recebido',
  'visa rechnung', 'card complete', 'barclaycard', 'american express', 'amex', 'advanzia',
]

/**
 * Online checkout schemes that pay a web shop from the bank account (iDEAL, Sofort, giropay,
 * Trustly, Klarna): the payee is a business (LABELLING.md rule 2), unless a person-to-person
 * request (`Tikkie`, `betaalverzoek`) rode on the scheme.
 */
// prettier-ignore
export const CHECKOUT_KEYWORDS: readonly string[] = [
  'ideal', 'sofort', 'sofortuberweisung', 'sofort uberweisung', 'giropay', 'trustly', 'klarna',
]

/** Person-to-person requests paid through a checkout scheme. */
export const PAYMENT_REQUEST_KEYWORDS: readonly string[] = [
  'tikkie',
  'betaalverzoek',
  'payment request',
]
