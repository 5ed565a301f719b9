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
 * Common given names in the seven languages' countries, folded (lower case, no accents). Names that
 * are also words, places or brands on statements (`bill`, `mark`, `luz`, `mercedes`, `paris`,
 * `jan` for January) are left out.
 */
// prettier-ignore
const GIVEN_NAMES: ReadonlySet<string> = new Set([
  // English
  'james', 'john', 'robert', 'michael', 'william', 'david', 'richard', 'joseph', 'thomas', 'charles',
  'christopher', 'daniel', 'matthew', 'anthony', 'steven', 'andrew', 'joshua', 'kevin', 'brian',
  'george', 'edward', 'ronald', 'timothy', 'jason', 'jeffrey', 'ryan', 'jacob', 'gary', 'nicholas',
  'eric', 'jonathan', 'stephen', 'larry', 'justin', 'scott', 'benjamin', 'samuel', 'gregory',
  'alexander', 'patrick', 'jack', 'dennis', 'peter', 'oliver', 'harry', 'charlie', 'oscar', 'liam',
  'noah', 'ethan', 'mary', 'patricia', 'jennifer', 'linda', 'elizabeth', 'barbara', 'susan',
  'jessica', 'sarah', 'karen', 'nancy', 'lisa', 'margaret', 'sandra', 'ashley', 'kimberly', 'emily',
  'donna', 'michelle', 'carol', 'amanda', 'melissa', 'deborah', 'stephanie', 'rebecca', 'laura',
  'sharon', 'cynthia', 'kathleen', 'amy', 'shirley', 'emma', 'olivia', 'sophia', 'isabella', 'charlotte',
  'amelia', 'chloe', 'lucy', 'hannah', 'jane', 'helen', 'claire', 'rachel', 'sophie', 'kate',
  // French
  'jean', 'pierre', 'michel', 'philippe', 'alain', 'nicolas', 'christophe', 'patrick', 'francois',
  'laurent', 'frederic', 'stephane', 'sebastien', 'julien', 'olivier', 'eric', 'thierry', 'guillaume',
  'antoine', 'mathieu', 'vincent', 'jerome', 'yves', 'bernard', 'jacques', 'hugo', 'louis', 'theo',
  'lucas', 'mathis', 'marie', 'nathalie', 'isabelle', 'sylvie', 'catherine', 'francoise', 'valerie',
  'sandrine', 'christine', 'celine', 'aurelie', 'julie', 'camille', 'manon', 'chloe', 'lea', 'ines',
  'jade', 'louise', 'helene', 'martine', 'monique', 'brigitte', 'veronique', 'emilie', 'elodie',
  // German
  'thomas', 'michael', 'andreas', 'stefan', 'christian', 'markus', 'martin', 'frank', 'peter', 'klaus',
  'wolfgang', 'jurgen', 'uwe', 'dieter', 'sven', 'jens', 'tobias', 'florian', 'sebastian', 'matthias',
  'dirk', 'jorg', 'ralf', 'maximilian', 'lukas', 'leon', 'felix', 'jonas', 'paul', 'finn', 'hans',
  'ursula', 'sabine', 'petra', 'monika', 'claudia', 'susanne', 'andrea', 'birgit', 'stefanie',
  'katharina', 'julia', 'anna', 'lena', 'lea', 'mia', 'hanna', 'sarah', 'johanna', 'heike', 'anja',
  'gabriele', 'karin', 'renate', 'ingrid', 'helga', 'margit', 'bianca', 'nicole', 'tanja', 'silke',
  // Dutch
  'jeroen', 'pieter', 'willem', 'hendrik', 'johannes', 'cornelis', 'gerrit', 'dirk', 'bram', 'daan',
  'sem', 'lars', 'ruben', 'thijs', 'joost', 'bas', 'sander', 'niels', 'wouter', 'maarten', 'rick',
  'mark', 'kees', 'henk', 'ingrid', 'anouk', 'sanne', 'lotte', 'femke', 'fleur', 'eline', 'marieke',
  'annemarie', 'saskia', 'esther', 'ilse', 'mirjam', 'wilma', 'ria', 'els', 'tess', 'noor', 'sophie',
  // Spanish
  'jose', 'antonio', 'manuel', 'francisco', 'juan', 'javier', 'carlos', 'jesus', 'alejandro', 'miguel',
  'rafael', 'pedro', 'pablo', 'sergio', 'fernando', 'jorge', 'alberto', 'luis', 'alvaro', 'adrian',
  'diego', 'raul', 'enrique', 'ramon', 'vicente', 'ignacio', 'ruben', 'oscar', 'andres', 'joaquin',
  'maria', 'carmen', 'josefa', 'isabel', 'ana', 'laura', 'cristina', 'marta', 'lucia', 'elena',
  'dolores', 'pilar', 'teresa', 'raquel', 'rocio', 'beatriz', 'silvia', 'patricia', 'nuria', 'irene',
  'montserrat', 'monica', 'alicia', 'sara', 'paula', 'andrea', 'marina', 'natalia', 'claudia', 'julia',
  // Italian
  'giuseppe', 'giovanni', 'francesco', 'mario', 'luigi', 'roberto', 'stefano', 'marco', 'alessandro',
  'paolo', 'andrea', 'luca', 'matteo', 'lorenzo', 'davide', 'simone', 'federico', 'riccardo',
  'salvatore', 'vincenzo', 'massimo', 'claudio', 'fabio', 'gianluca', 'maurizio', 'nicola', 'alberto',
  'anna', 'giulia', 'francesca', 'chiara', 'sara', 'valentina', 'alessia', 'elisa', 'federica',
  'silvia', 'giuseppina', 'rosa', 'angela', 'giovanna', 'antonella', 'roberta', 'daniela', 'paola',
  'elena', 'martina', 'aurora', 'ginevra', 'beatrice', 'alice', 'greta', 'serena', 'cristina',
  // Portuguese (Portugal, Brazil)
  'joao', 'jose', 'antonio', 'francisco', 'carlos', 'paulo', 'pedro', 'lucas', 'luiz', 'marcos',
  'luis', 'gabriel', 'rafael', 'daniel', 'marcelo', 'bruno', 'eduardo', 'felipe', 'rodrigo', 'manoel',
  'tiago', 'rui', 'nuno', 'miguel', 'ricardo', 'goncalo', 'diogo', 'duarte', 'fabio', 'leonardo',
  'maria', 'ana', 'francisca', 'antonia', 'adriana', 'juliana', 'marcia', 'fernanda', 'patricia',
  'aline', 'sandra', 'camila', 'amanda', 'bruna', 'jessica', 'leticia', 'julia', 'luciana', 'vanessa',
  'mariana', 'beatriz', 'carolina', 'ines', 'joana', 'catarina', 'sofia', 'rita', 'marta', 'filipa',
])

/**
 * A counterparty that is a given name and a surname or two (`François Dubois`, `ANNA DE VRIES`,
 * `Maria Silva Santos`): two to four words of letters, the first a common given name.
 */
function givenAndSurname(name: string): boolean {
  const words = name.split(/[\s-]+/)
  if (words.length < 2 || words.length > 4) return false
  if (!words.every((w) => /^[A-Za-z][A-Za-z']*$/.test(w))) return false
  return GIVEN_NAMES.has(words[0]!.toLowerCase())
}

/**
 * The name of a person, by its shape: a title, initials and a surname, a given name and a surname
 * (in a name column), or a joint account. `nameField`: the text is a counterparty column, nothing
 * but a name.
 */
export function looksLikePerson(text: string, nameField = false): boolean {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
  return (
    (nameField && (BARE_INITIALS_NAME.test(plain) || givenAndSurname(plain))) ||
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
