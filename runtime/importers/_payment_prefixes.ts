/**
 * How the money moved, written before the merchant's name on statement lines: card-terminal and
 * direct-debit booking words of banks (EN FR DE ES NL IT PT) and the `NAME *` prefixes payment
 * processors put in front of their merchants' names (`SUMUP *`, `SQ *`, `PAYPAL *`, `ZETTLE_*`, …).
 * They say nothing about what was bought, so they are cut before the lexicon is matched and before
 * the counterparty is read. Words that do say what happened (cash withdrawal, refund, transfer) are
 * not here: the categoriser reads them on the full text.
 */

/** One kind of prefix, with where it is written, for the docs and for review. */
interface PaymentPrefix {
  readonly pattern: RegExp
  readonly seenOn: string
}

// Payment processors: their name, optional spaces, then `*` or `_` and the merchant.
const PROCESSOR =
  /^(?:sumup|sum up|sq|squ|square|paypal|pp|zettle|izettle|iz|crv|sp|tst|py|fs|dlo|paddle\.net|mollie|adyen|payu|payplug|klarna|stripe|google|goog|ccv|pay\.nl)\s*[*_]+\s*/i

/** Anchored at the start of a line; applied again until none matches (`CB CARTE SQ *X`). */
export const PAYMENT_PREFIXES: readonly PaymentPrefix[] = [
  { pattern: PROCESSOR, seenOn: 'SumUp, Square, PayPal, Zettle, Shopify, Toast, Mollie, … (all)' },
  {
    pattern:
      /^(?:card payment(?: to)?|card purchase|debit card purchase|debit card|visa debit(?: purchase)?|pos purchase|pos debit|pos transaction|pin purchase|checkcard(?: \d{4})?|check card|contactless(?: payment)?|apple pay|google pay|purchase authori[sz]ed on \d{1,2}\/\d{1,2}|recurring payment authori[sz]ed on \d{1,2}\/\d{1,2}|online payment|bill payment|direct debit|ach debit)(?![\p{L}\p{N}])[\s:*-]*/iu,
    seenOn: 'UK, Ireland, US card and debit lines',
  },
  {
    pattern: /^(?:vis|dd|ddr|d\/d|deb|clp|pos|eftpos|posc|\){2,})(?=\s)[\s:*-]*/iu,
    seenOn: 'UK/IE statement codes (VIS, DD, DEB, CLP, POS, contactless ")))")',
  },
  {
    pattern:
      /^(?:paiement(?: par)? carte|paiement cb|paiement (?:maestro|bancontact)|achat cb|achat bancontact|facture carte(?: du \d{6})?|carte(?: x?\d{4})?(?: \d{2}\/\d{2}(?:\/\d{2,4})?)?|cb\*?(?: \d{4})?|prlv(?: sepa)?|pr[eé]l[eè]vement(?: sepa)?|vir(?: sepa| inst)?|bancontact|maestro)(?![\p{L}\p{N}])[\s:*-]*/iu,
    seenOn: 'France, Belgium (CB, CARTE, PRLV SEPA, VIR, Bancontact)',
  },
  {
    pattern:
      /^(?:kartenzahlung(?:\/-abrechnung)?(?: girocard)?|girocard|ec-?karte|debitk(?:arte|\.)|visa debitkarte|sepa-?(?:basis)?lastschrift|(?:erst|folge|basis)?lastschrift|sepa(?: dd| direct debit)?)(?![\p{L}\p{N}])[\s:*-]*/iu,
    seenOn: 'Germany, Austria, Switzerland (Kartenzahlung, Lastschrift, SEPA)',
  },
  {
    pattern:
      /^(?:compra(?: tarj(?:eta|\.)?)?(?: en)?|pago(?: con tarjeta| tarjeta| m[oó]vil)?(?: en)?|adeudo(?: sepa)?|recibo|bizum)(?![\p{L}\p{N}])[\s:.*-]*/iu,
    seenOn: 'Spain (COMPRA, PAGO EN, RECIBO, BIZUM)',
  },
  {
    pattern:
      /^(?:bea(?:,? betaalpas)?|betaalautomaat|betaalpas|betaling(?: met debetkaart| bancontact)?|ideal|sepa incasso(?: algemeen doorlopend)?|incasso)(?![\p{L}\p{N}])[\s:,*-]*/iu,
    seenOn: 'Netherlands, Belgium (BEA, Betaalautomaat, iDEAL, Incasso)',
  },
  {
    pattern:
      /^(?:pagamento(?!\s+recebid)(?: pos| carta| pagobancomat| tpa)?|pagobancomat|addebito(?: diretto)?(?: sdd)?|sdd|acquisto|pag\.?(?: serv(?:icos|\.)?)?|d[eé]b(?:ito|\.)? dire(?:c)?to|tpa|cart[aã]o)(?![\p{L}\p{N}])[\s:.*-]*/iu,
    seenOn: 'Italy, Portugal (PAGAMENTO POS, ADDEBITO SDD, COMPRA, TPA)',
  },
]

/**
 * The line with every leading payment-method word and processor prefix cut
 * ('CB SUMUP *CAFE X' → 'CAFE X'); empty when the line is nothing else ('SEPA-Lastschrift').
 */
export function stripPaymentPrefixes(text: string): string {
  let s = text.trim()
  for (let pass = 0; pass < 4; pass++) {
    const before = s
    for (const { pattern } of PAYMENT_PREFIXES) s = s.replace(pattern, '').trimStart()
    if (s === before) break
  }
  return s
}
