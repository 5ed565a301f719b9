// Social post review, for the person alone (mode `local`: nothing leaves the device): before a
// job search, which of their own posts a recruiter might object to (profanity, drugs, violence,
// discriminatory language). Word lists in English, French, German and Spanish ship as the bundle
// asset `wordlists.json`. Matching is on whole words (so 'Scunthorpe' and 'classic' are safe),
// ignoring case and accents, with multi-word phrases. Reads posts.id, .postedAt, .platform and
// .text, over all time. The scan is the `textMatch` kernel (native, outside the interpreter);
// `compileMatcher` is the same matching written in the guest, kept as its specification.

import { fold, isoDate, words as foldedWords } from 'sealpost/guest'
export { isoDate } from 'sealpost/guest'

const CATEGORIES = ['profanity', 'drugs', 'violence', 'discrimination']
/** Flagged posts shown, newest first. */
const MAX_FLAGGED = 200
const MAX_TERMS = 5
/**
 * Bytes of JSON the flagged list may take: the runtime refuses answers over 20,000 bytes, and 200
 * flagged posts with long ids and terms would pass it, so the list stops short of it.
 */
const FLAGGED_BYTES = 19_000

/** The first flagged entries (newest first) whose JSON fits `FLAGGED_BYTES`, at most 200. */
export function fitFlagged(entries) {
  const out = []
  let bytes = 0
  for (const entry of entries.slice(0, MAX_FLAGGED)) {
    bytes += utf8Length(JSON.stringify(entry)) + 1
    if (bytes > FLAGGED_BYTES) break
    out.push(entry)
  }
  return out
}

/** UTF-8 length of a string. */
function utf8Length(s) {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4
      i++
    } else n += 3
  }
  return n
}
/** A stem with * must be at least this long: shorter stems start too many innocent words. */
const MIN_STEM = 4

/** ñ stays ñ when folding: in Spanish it is a letter of its own ('año' is not 'ano'). */
const SPANISH = { keep: 'ñ' }

/** Lower case without accents: 'Scheiße' → 'scheisse', 'ENCULÉ' → 'encule', 'año' stays. */
export function foldText(text) {
  return fold(text, SPANISH)
}

/** The words of a text, folded: runs of letters and digits ('l'enculé' → ['l', 'encule']). */
export function words(text) {
  return foldedWords(text, SPANISH)
}

/**
 * Compiles the word lists (`{ categories: { name: { lang: [entry] } } }`) into a matcher:
 * `match(text)` returns `{ categories, terms }`, the categories found in fixed order and the
 * words or phrases that matched, as folded.
 */
export function compileMatcher(lists) {
  const byFirst = new Map()
  const stems = []
  for (const category of CATEGORIES) {
    for (const entries of Object.values(lists.categories[category] || {})) {
      for (const entry of entries) {
        if (entry.endsWith('*')) {
          const stem = foldText(entry.slice(0, -1))
          if (stem.length < MIN_STEM || words(stem).length !== 1) {
            throw new RangeError(
              `word list entry '${entry}': a * needs one word of ${MIN_STEM}+ letters`,
            )
          }
          stems.push({ stem, category })
          continue
        }
        const tokens = words(entry)
        if (tokens.length === 0) continue
        const list = byFirst.get(tokens[0]) || []
        list.push({ tokens, category, term: tokens.join(' ') })
        byFirst.set(tokens[0], list)
      }
    }
  }
  return function match(text) {
    const found = new Set()
    const terms = []
    const note = (category, term) => {
      found.add(category)
      if (!terms.includes(term)) terms.push(term)
    }
    const w = words(text)
    for (let i = 0; i < w.length; i++) {
      for (const e of byFirst.get(w[i]) || []) {
        let j = 1
        while (j < e.tokens.length && w[i + j] === e.tokens[j]) j++
        if (j === e.tokens.length) note(e.category, e.term)
      }
      for (const s of stems) if (w[i].startsWith(s.stem)) note(s.category, w[i])
    }
    return { categories: CATEGORIES.filter((c) => found.has(c)), terms }
  }
}

/**
 * The word lists as the `textMatch` kernel takes them: one label per category, every language's
 * entries together, in the lists' order (so terms come out in the order `compileMatcher` finds
 * them). Stems are checked as `compileMatcher` checks them.
 */
export function kernelLists(lists) {
  const out = {}
  for (const category of CATEGORIES) {
    out[category] = Object.values(lists.categories[category] || {}).flat()
    for (const entry of out[category]) {
      if (!entry.endsWith('*')) continue
      const stem = foldText(entry.slice(0, -1))
      if (stem.length < MIN_STEM || words(stem).length !== 1 || words(stem)[0] !== stem) {
        throw new RangeError(
          `word list entry '${entry}': a * needs one word of ${MIN_STEM}+ letters`,
        )
      }
    }
  }
  return out
}

export function analyze(input) {
  const posts = input.collections.posts
  // The scan runs natively over the text column (decode, fold, match): the guest sees only the
  // counts and the newest flagged rows, and reads just those rows' id, date and platform.
  const found = posts.textMatch(
    'text',
    { lists: kernelLists(input.params['wordlists.json']), keep: SPANISH.keep },
    { hits: MAX_FLAGGED, from: 'last' },
  )
  const rows = found.hits.map((h) => h.row)
  const picked = posts.pick(['id', 'postedAt', 'platform'], rows)
  const flagged = fitFlagged(
    found.hits.map((h, k) => ({
      postId: picked.id[k].slice(0, 200),
      date: isoDate(picked.postedAt[k]),
      platform: picked.platform[k] ?? null,
      categories: h.labels,
      terms: h.terms.slice(0, MAX_TERMS).map((t) => t.slice(0, 60)),
    })),
  )
  return {
    postsReviewed: posts.length,
    flaggedCount: found.matched,
    byCategory: {
      profanity: found.counts.profanity,
      drugs: found.counts.drugs,
      violence: found.counts.violence,
      discrimination: found.counts.discrimination,
    },
    flagged,
  }
}
