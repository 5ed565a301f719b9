// Brewline's coffee trigger: runs on every new message. When the new messages arrange going for a
// coffee (an invitation, in English, French, German, Spanish, Dutch, Italian or Portuguese, not
// cancelled by a refusal among the same new messages), and the person's last known location is
// within 500 m of one of the chain's shops (shops.json), the answer names that shop so the app can
// show a voucher for it. Reads messages.text of the last 30 minutes and locations.lat/.lon of the
// last hour, and looks only at the new messages and the latest location: never who wrote, to
// whom, or where the person was before. The location is only looked at after an invitation.

/** A shop counts when the last known location is at most this far from it. */
const RADIUS_M = 500
/** Only the start of a long message (a mail) is read. */
const MAX_CHARS = 1000
/** A negation this many words or fewer before the coffee word, in the same clause, refuses it. */
const NEGATION_REACH = 5
/** A question of at most this many words that names coffee is an invitation ('Coffee at 3?'). */
const SHORT_QUESTION_WORDS = 8

const COFFEE =
  /^(coffees?|cafes?|cafecito|cafezinho|cafezito|caffe|caffes|kaffee\w*|koffie\w*|espressos?|cappuccinos?)$/

// Phrases are matched as whole words of the folded text (lower case, no accents), inside a clause.
const WHY_NOT = [
  'why not',
  'pourquoi pas',
  'warum nicht',
  'por que no',
  'porque no',
  'waarom niet',
  'perche no',
  'perche non',
  'por que nao',
  'porque nao',
]
const REFUSALS = [
  'no thanks',
  'no thank you',
  'non merci',
  'nein danke',
  'no gracias',
  'nee dank',
  'no grazie',
  'nao obrigado',
  'nao obrigada',
]
const NEGATORS = new Set(
  (
    "no not don't dont never can't cant cannot won't wont off quit pas jamais sans plus " +
    'kein keine keinen keinem nicht ohne nie nada sin nunca geen niet nooit zonder non niente ' +
    'senza mai nao nem'
  ).split(' '),
)
const INVITES = [
  // English
  "let's",
  'lets',
  'let us',
  'want to',
  'wanna',
  'want a',
  'fancy',
  'shall we',
  'how about',
  'what about',
  'are you up for',
  'anyone up for',
  "who's up for",
  'grab a',
  'grab coffee',
  'grab some',
  'join me',
  'join us',
  'meet for',
  'meet up for',
  'catch up over',
  'are you free',
  'would you like',
  'do you want',
  'care for',
  'go for a',
  'go for coffee',
  // French
  'on va',
  'on se prend',
  'on prend',
  'allons',
  'tu veux',
  'vous voulez',
  'ca te dit',
  'ca vous dit',
  "t'es partant",
  'tu es partant',
  'vous etes partants',
  'on se fait',
  'viens prendre',
  'venez prendre',
  'pause cafe',
  'que dirais',
  // German
  'lust auf',
  'wollen wir',
  'sollen wir',
  'gehen wir',
  'lass uns',
  'lasst uns',
  'kommst du mit',
  'hast du zeit',
  'auf einen kaffee',
  'trinken wir',
  'wie ware es',
  'was haltst du von',
  'kaffeepause',
  // Spanish
  'vamos a',
  'vamos por',
  'te apetece',
  'os apetece',
  'quieres',
  'quedamos',
  'nos tomamos',
  'te vienes',
  'que tal',
  // Dutch
  'zullen we',
  'gaan we',
  'zin in',
  'kom je',
  'drinken we',
  'heb je tijd',
  'koffie doen',
  'koffietje doen',
  'wat dacht je van',
  // Italian
  'andiamo a',
  'andiamo al',
  'prendiamo',
  'ti va',
  'vi va',
  'facciamo',
  'ci prendiamo',
  'vuoi',
  'volete',
  'ci vediamo per',
  'pausa caffe',
  'che ne dici',
  // Portuguese
  'vamos tomar',
  'bora',
  'queres',
  'quer tomar',
]
const REPORTS = [
  // English
  'had',
  'drank',
  'grabbed',
  'already',
  'did you',
  'have you had',
  'was having',
  'got a coffee',
  'got coffee',
  // French
  "j'ai pris",
  "j'ai bu",
  'ai pris',
  'ai bu',
  'a pris',
  'a bu',
  'avons pris',
  'avons bu',
  'avez pris',
  'ont pris',
  'deja pris',
  'deja bu',
  'viens de prendre',
  // German
  'hatte',
  'hatten',
  'getrunken',
  'war kaffee',
  'waren kaffee',
  'hab schon',
  'habe schon',
  // Spanish
  'tome',
  'he tomado',
  'hemos tomado',
  'has tomado',
  'tomaste',
  'bebi',
  // Dutch
  'gedronken',
  'gehad',
  'dronk',
  'dronken',
  // Italian
  'ho preso',
  'ho bevuto',
  'abbiamo preso',
  'abbiamo bevuto',
  'hai preso',
  'bevuto',
  // Portuguese
  'tomei',
  'ja tomei',
]
// Questions that ask for information rather than propose ('Where is the coffee?').
const INFO_QUESTION_STARTS = new Set(
  (
    'is are was were does do did where what which who whose why how when ' +
    'est ou combien quel quelle quels quelles qui pourquoi comment quand ' +
    'wo wer welche welcher welches wie warum wann ist ' +
    'donde cual cuanto cuando quien como es ' +
    'waar welke hoeveel wanneer waarom hoe ' +
    'dove quale quanto quando chi perche come ' +
    'onde qual quem porque'
  ).split(' '),
)

const padded = (list) => list.map((p) => ` ${p} `)
const WHY_NOT_P = padded(WHY_NOT)
const REFUSALS_P = padded(REFUSALS)
const INVITES_P = padded(INVITES)
const REPORTS_P = padded(REPORTS)

/** Lower case, accents folded, typographic apostrophes made plain: 'Café ?' → 'cafe ?'. */
export function fold(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019`\u00b4]/g, "'")
}

/**
 * What a message says about coffee: 'invite' (proposes going for one), 'decline' (refuses one),
 * 'report' (tells of one already had), 'mention' (names coffee otherwise) or 'none'.
 */
export function classifyCoffee(text) {
  const folded = fold(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text)
  const clauses = folded.split(/[.,;:!?\u00a1\u00bf\n]+/)
  let joined = ' '
  let total = 0
  let coffee = false
  let negated = false
  for (const clause of clauses) {
    const words = clause.match(/[a-z0-9']+/g)
    if (!words) continue
    total += words.length
    joined += words.join(' ') + ' | '
    for (let k = 0; k < words.length; k++) {
      if (!COFFEE.test(words[k])) continue
      coffee = true
      for (let j = Math.max(0, k - NEGATION_REACH); j < k; j++) {
        if (NEGATORS.has(words[j])) negated = true
      }
    }
  }
  if (!coffee) return 'none'
  const has = (phrases) => phrases.some((p) => joined.includes(p))
  if (has(WHY_NOT_P)) return 'invite'
  if (negated || has(REFUSALS_P)) return 'decline'
  if (has(INVITES_P)) return 'invite'
  if (has(REPORTS_P)) return 'report'
  const question = /[?\u00bf]/.test(folded)
  const first = joined.slice(1, joined.indexOf(' ', 1))
  if (question && total <= SHORT_QUESTION_WORDS && !INFO_QUESTION_STARTS.has(first)) {
    return 'invite'
  }
  return 'mention'
}

/**
 * Whether new messages arrange a coffee: the last of them that invites or declines decides, so an
 * invitation answered 'no coffee for me today' in the same batch does not count.
 */
export function invitedIn(texts) {
  let invited = false
  for (const text of texts) {
    const c = classifyCoffee(text)
    if (c === 'invite') invited = true
    else if (c === 'decline') invited = false
  }
  return invited
}

/** Id of the shop nearest to the latest location fix if within RADIUS_M, else null. */
function shopNearby(locations, shops) {
  if (!locations || shops.length === 0) return null
  const near = locations.nearest('lat', 'lon', shops)
  return near !== null && near.meters <= RADIUS_M ? shops[near.index].id : null
}

export function analyze(input) {
  const messages = input.collections.messages
  // Trigger runs: the new rows. A manual run (no trigger) looks at the last message only.
  const trigger = input.trigger
  const first =
    trigger && trigger.collection === 'messages' ? trigger.firstRow : messages.length - 1
  const texts = []
  for (let i = Math.max(0, first); i < messages.length; i++) texts.push(messages.text('text', i))
  if (!invitedIn(texts)) return { triggered: false, shopId: null }
  return {
    triggered: true,
    shopId: shopNearby(input.collections.locations, input.params['shops.json']),
  }
}
