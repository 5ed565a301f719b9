/**
 * Who a name on a statement line belongs to, read from its shape alone (LABELLING.md rules 2 and
 * 4): a person (a title, initials before a surname, a joint account) or a business (a trade word,
 * a web address; legal forms are `hasCompanyForm` in `_moves.ts`). The categoriser asks only when
 * nothing on the line said what was paid for. Patterns are literals, compiled once.
 */

/** A title before a name: Dutch, German, English, French, Spanish, Italian, Portuguese. */
const TITLE =
  /(?:^|[\s:/,(])(?:hr|dhr|mevr|mw|mej|herrn?|frau|eheleute|fam|familie|mr|mrs|ms|miss|mme|mlle|monsieur|madame|sr|sra|srta|sig|sig\.ra|sigra|signor|signora|dott|dr\.?\s?med)\.?\s+[a-z]/i

/** `M. Dupont`, `Fr. Weber`: one-letter and short titles only with their dot and a capital. */
const SHORT_TITLE = /(?:^|[\s:/,(])(?:M|MM|Fr|Hr|D|Dña|Dna)\.\s?[A-Z]/

/**
 * Initials before a surname: `J. Jansen`, `J.A. de Vries`, `P VAN DER BERG`, `A.B.C. MÜLLER`; the
 * surname is a capitalised word of three or more letters after up to three initials and the
 * surname particles of the seven languages.
 */
const INITIALS =
  /(?:^|[\s:/,(])(?:[A-Z]\.\s?){1,3}(?:(?:van|von|de|der|den|ten|ter|di|da|das|dos|del|la|le|VAN|VON|DE|DER|DEN|TEN|TER|DI|DA|DAS|DOS|DEL|LA|LE|Van|Von|De|Der|Den|Ten|Ter)\s)*[A-Z][A-Za-z'-]{2,}/

/**
 * Upper-case lines without dots: `J JANSEN`, `J A DE BOER` (a lone capital, then the surname), only
 * where a name stands: after an account number, a field tag (`NAAM:`, `/NAME/`) or a preposition
 * (`to`, `aan`, `an`, `from`, `van`, `de`, `pour`, …).
 * At the start of a line a lone capital is as often a brand (`Z BEACH RD`, a fuel station).
 */
const BARE_INITIALS =
  /(?:\d\s+|[:/]\s*|(?:^|[\s/])(?:to|aan|an|naar|para|per|voor|for|from|van|von|de|da|di|pour|TO|AAN|AN|NAAR|PARA|PER|VOOR|FOR|FROM|VAN|VON|DE|DA|DI|POUR)\s+)[A-Z]\s(?:[A-Z]\s)?(?:(?:VAN|VON|DE|DER|DEN|TEN|TER|DI|DA|DAS|DOS|DEL|LA|LE)\s)*[A-Z]{3,}(?=$|[\s,;/])/

/** The same in a counterparty field, which holds nothing but the name. */
const BARE_INITIALS_NAME =
  /^[A-Z]\s(?:[A-Z]\s)?(?:(?:VAN|VON|DE|DER|DEN|TEN|TER|DI|DA|DAS|DOS|DEL|LA|LE)\s)*[A-Z]{3,}(?=$|[\s,;/])/

/** Joint accounts: Dutch `en/of`, Portuguese `e/ou`, Spanish `y/o`, German `und/oder`, `EO`. */
const JOINT = /(?:^|\s)(?:en\/of|e\/o|e\/ou|y\/o|o\/y|und\/oder|u\/o)(?=\s|$)/i

/**
 * The name of a person, by its shape: a title, initials and a surname, or a joint account.
 * `nameField`: the text is a counterparty column, nothing but a name.
 */
export function looksLikePerson(text: string, nameField = false): boolean {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
  return (
    (nameField && BARE_INITIALS_NAME.test(plain)) ||
    TITLE.test(plain) ||
    SHORT_TITLE.test(plain) ||
    INITIALS.test(plain) ||
    BARE_INITIALS.test(plain) ||
    JOINT.test(plain)
  )
}

/**
 * Words that name a firm's trade or its kind rather than a person, in the seven languages, matched
 * on folded text (lower case, no accents, words separated by one space). Words that remittance
 * texts use for other things (`online`, `service`, `print`) are left out.
 */
const TRADE_WORDS =
  /(?:^| )(?:consulting|consultancy|consultants?|beratung|unternehmensberatung|conseils?|consultoria|consulenza|advies|adviesbureau|solutions|systems|software|technolog(?:y|ies|ie)|techniek|technik|tecnologia|engineering|ingenieurburo|agentur|werbeagentur|agency|agence|agencia|agenzia|atelier|handel|handelsgesellschaft|handelsonderneming|trading|import|export|comercio|commerce|commercio|industria|industrie|industries|group|groep|gruppe|groupe|grupo|gruppo|holding|holdings|partners|associates|company|compagnie|compania|compagnia|companhia|enterprises?|entreprise|empresa|impresa|onderneming|unternehmen|bedrijf|betrieb|logistics|logistik|logistiek|transportes|construction|construcoes|construcciones|costruzioni|construtora|bouw|bouwbedrijf|immobilien|immobilier|inmobiliaria|immobiliare|imobiliaria|vastgoed|verlag|marketing|design|distribution|distribuidora|vertrieb|versand|webshop|e commerce|ecommerce|studios?)(?= |$)/

/** A web address as a name (`shop.example.de`, `foo.com`): a business. */
const WEB_ADDRESS =
  /(?:^|[\s/*])[a-z0-9-]+\.(?:com|de|nl|fr|es|it|pt|be|at|ch|eu|net|org|io|shop|store|co\.uk|com\.br|com\.au|co\.nz)(?=$|[\s/,])/i

/**
 * The name of a business by a word of its trade or kind (`Schmidt Consulting`, `Bouwbedrijf De
 * Vries`) or a web address. `folded` is the line folded as the lexicon folds it, `raw` the original.
 */
export function looksLikeBusiness(folded: string, raw: string): boolean {
  return TRADE_WORDS.test(folded) || WEB_ADDRESS.test(raw)
}
