// Brewline's coffee trigger: runs on every new message. When the new messages arrange going for a
// coffee (an invitation in English, French, German, Spanish, Dutch, Italian or Portuguese, not
// cancelled by a refusal among the same new messages) and the person's last known location is
// within 500 m of one of the chain's shops (shops.json), the answer names that shop so the app can
// show a voucher for it. The phrases are the chain's lexicon (lexicon.json). Reads messages.text
// of the last 30 minutes and locations.lat/.lon of the last hour, and looks only at the new
// messages and, after an invitation only, the latest location: never who wrote, to whom, or where
// the person was before. Kept small: every trigger run compiles this source afresh.

import { clauses, fold, negatedAt } from 'sealpost/guest'

/** A shop counts when the last known location is at most this far from it. */
const RADIUS_M = 500
/** Only the start of a long message (a mail) is read. */
const MAX_CHARS = 1000
/** A negator this many words or fewer before the coffee word, in the same clause, refuses it. */
const NEGATION_REACH = 5
/** A question of at most this many words that names coffee is an invitation ('Coffee at 3?'). */
const SHORT_QUESTION_WORDS = 8

/** The lexicon's languages merged into one matcher: phrases padded with spaces, words as sets. */
export function compileLexicon(lexicon) {
  const all = (key) => Object.values(lexicon.languages).flatMap((l) => l[key])
  const padded = (key) => all(key).map((p) => ` ${p} `)
  return {
    coffee: new RegExp(lexicon.coffeeWords),
    whyNot: padded('whyNot'),
    refusals: padded('refusals'),
    invitations: padded('invitations'),
    reports: padded('reports'),
    negators: new Set(all('negators')),
    infoStarts: new Set(all('infoQuestionStarts')),
  }
}

/** Lower case, accents folded, typographic apostrophes made plain: 'Café ?' → 'cafe ?'. */
export { fold }

/**
 * What a message says about coffee: 'invite' (proposes going for one), 'decline' (refuses one),
 * 'report' (tells of one already had), 'mention' (names coffee otherwise) or 'none'.
 */
export function classifyCoffee(lex, text) {
  const folded = fold(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text)
  // Words of each clause, clauses joined by ' | ' so that no phrase spans two of them.
  let joined = ' '
  let total = 0
  let coffee = false
  let negated = false
  for (const clause of clauses(folded)) {
    const words = clause.match(/[a-z0-9']+/g)
    if (!words) continue
    total += words.length
    joined += words.join(' ') + ' | '
    for (let k = 0; k < words.length; k++) {
      if (!lex.coffee.test(words[k])) continue
      coffee = true
      if (negatedAt(words, k, lex.negators, NEGATION_REACH)) negated = true
    }
  }
  if (!coffee) return 'none'
  const has = (phrases) => phrases.some((p) => joined.includes(p))
  if (has(lex.whyNot)) return 'invite'
  if (negated || has(lex.refusals)) return 'decline'
  if (has(lex.invitations)) return 'invite'
  if (has(lex.reports)) return 'report'
  const first = joined.slice(1, joined.indexOf(' ', 1))
  const question = /[?\u00bf]/.test(folded)
  return question && total <= SHORT_QUESTION_WORDS && !lex.infoStarts.has(first)
    ? 'invite'
    : 'mention'
}

/** Whether a text names coffee at all: the cheap test most messages stop at. */
export function namesCoffee(coffee, text) {
  const words = fold(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text).match(/[a-z0-9']+/g)
  return words !== null && words.some((w) => coffee.test(w))
}

/**
 * The coffee-word pattern as a `textMatch` list that finds at least what the pattern finds: for
 * `^(a|bs?|c\w*)$` it is `['a', 'b', 'bs', 'c*']`. Null for any other shape of pattern.
 */
export function coffeeWordList(pattern) {
  const m = /^\^\((.*)\)\$$/.exec(pattern)
  if (!m) return null
  const out = []
  for (const alt of m[1].split('|')) {
    const w = /^([a-z0-9']+)(s\?|\\w\*)?$/.exec(alt)
    if (!w) return null
    if (w[2] === undefined) out.push(w[1])
    else if (w[2] === 's?') out.push(w[1], w[1] + 's')
    else out.push(w[1] + '*')
  }
  return out
}

/**
 * Whether new messages arrange a coffee: the last of them that invites or declines decides, so an
 * invitation answered 'no coffee for me today' in the same batch does not count.
 */
export function invitedIn(lex, texts) {
  let invited = false
  for (const text of texts) {
    const c = classifyCoffee(lex, text)
    if (c === 'invite') invited = true
    else if (c === 'decline') invited = false
  }
  return invited
}

export function analyze(input) {
  const messages = input.collections.messages
  // Trigger runs: the new rows. A manual run (no trigger) looks at the last message only.
  const trigger = input.trigger
  const first =
    trigger && trigger.collection === 'messages' ? trigger.firstRow : messages.length - 1
  const lexicon = input.params['lexicon.json']
  // Most messages never name coffee: the textMatch kernel looks for a coffee word natively, and
  // only when it finds one (or cannot, for a pattern it does not take) is any text decoded here.
  const words = coffeeWordList(lexicon.coffeeWords)
  if (words !== null && first < messages.length) {
    const found = messages.textMatch(
      'text',
      { lists: { coffee: words }, letters: 'ascii', join: "'", maxChars: MAX_CHARS },
      { startRow: Math.max(0, first) },
    )
    if (found.matched === 0) return trigger ? null : { triggered: false, shopId: null }
  }
  const texts = []
  for (let i = Math.max(0, first); i < messages.length; i++) texts.push(messages.text('text', i))
  const coffee = new RegExp(lexicon.coffeeWords)
  if (!texts.some((t) => namesCoffee(coffee, t)) || !invitedIn(compileLexicon(lexicon), texts)) {
    // On a trigger run, null means "nothing to report": the runtime sends and bills nothing.
    return trigger ? null : { triggered: false, shopId: null }
  }
  const shops = input.params['shops.json']
  const near = input.collections.locations.nearest('lat', 'lon', shops)
  return {
    triggered: true,
    shopId: near !== null && near.meters <= RADIUS_M ? shops[near.index].id : null,
  }
}
