// StrideWear's top-brand module: which brand of the partner's list (brands.json) the person
// follows or talks about most. A followed brand account scores FOLLOW_POINTS (a standing choice),
// each post naming a brand scores 1 (once per post, however often it names it). Most points wins;
// a tie goes to the brand with the most recent evidence; no evidence at all is 'other'. Reads
// posts.postedAt and .text of the last year, follows.followedAt, .account and .direction of the
// last three years: never who the person talks to, what else they follow, or their followers.

import { fold } from 'sealpost/guest'

const FOLLOW_POINTS = 2

/**
 * Lower case, accents folded, every run of characters other than letters, digits and '_' one
 * space, padded with a space on each side: 'Just do it, Nike!' → ' just do it nike '. With
 * `keepTags`, '@' and '#' stay on the word they start ('#JustDoIt @nike' → ' #justdoit @nike ').
 * Handles keep their underscore, so '@on_running' never matches 'carry on running'.
 */
export function normalizeWords(text, keepTags = false) {
  const folded = fold(text)
  const words = folded.replace(keepTags ? /[^a-z0-9_@#]+/g : /[^a-z0-9_]+/g, ' ').trim()
  return ' ' + words + ' '
}

/**
 * The partner's list as matchers: aliases match as plain words ('new balance'); handles match as
 * '@handle' or '#handle' in posts (a bare 'puma' at the zoo is not @puma) and as followed accounts.
 */
export function brandMatchers(brands) {
  return brands.map((b) => {
    const handles = b.handles.map((h) => normalizeWords(h).trim()).filter((h) => h !== '')
    return {
      id: b.id,
      aliases: b.aliases.map((a) => normalizeWords(a)).filter((a) => a.trim() !== ''),
      tags: handles.flatMap((h) => [` @${h} `, ` #${h} `]),
      handles,
    }
  })
}

/** Indices of the brands a post's text names: an alias as whole words, or an @handle / #handle. */
export function brandsNamed(matchers, text) {
  const words = normalizeWords(text)
  const tagged = normalizeWords(text, true)
  const named = []
  for (let b = 0; b < matchers.length; b++) {
    const m = matchers[b]
    if (m.aliases.some((a) => words.includes(a)) || m.tags.some((t) => tagged.includes(t))) {
      named.push(b)
    }
  }
  return named
}

/**
 * The matchers as `textMatch` specs, one label per brand (`b0`, `b1`, …): aliases as words of
 * letters, digits and '_' (what `normalizeWords` keeps), tags as words that also keep '@' and '#'.
 */
export function kernelSpecs(matchers) {
  const aliases = {}
  const tags = {}
  matchers.forEach((m, b) => {
    aliases[`b${b}`] = m.aliases.map((a) => a.trim())
    tags[`b${b}`] = m.tags.map((t) => t.trim())
  })
  return [
    { lists: aliases, letters: 'ascii', join: '_' },
    { lists: tags, letters: 'ascii', join: '_@#' },
  ]
}

/** Index of the brand whose handle is exactly this followed account ('@NikeRunning' too), or -1. */
export function brandFollowed(matchers, account) {
  const handle = normalizeWords(account).trim()
  return matchers.findIndex((m) => m.handles.includes(handle))
}

export function analyze(input) {
  const matchers = brandMatchers(input.params['brands.json'])
  const points = new Array(matchers.length).fill(0)
  const latest = new Array(matchers.length).fill(-Infinity)
  const credit = (b, n, at) => {
    points[b] += n
    if (at > latest[b]) latest[b] = at
  }

  const follows = input.collections.follows
  const direction = follows.codes('direction')
  const following = follows.dict('direction').indexOf('following')
  const followedAt = follows.num('followedAt')
  for (let i = 0; i < follows.length; i++) {
    if (direction[i] !== following) continue
    const b = brandFollowed(matchers, follows.text('account', i))
    if (b >= 0) credit(b, FOLLOW_POINTS, followedAt[i])
  }

  // Posts are scanned natively by the textMatch kernel: a brand's label matches a post once,
  // by an alias among its words or an @handle / #handle among its tagged words.
  const posts = input.collections.posts
  const found = posts.textMatch('text', kernelSpecs(matchers))
  const labels = matchers.map((_, b) => `b${b}`)
  const named = labels.filter((l) => found.counts[l] > 0)
  const times = posts.pick(
    ['postedAt'],
    named.map((l) => found.lastRow[l]),
  ).postedAt
  named.forEach((l, k) => credit(Number(l.slice(1)), found.counts[l], times[k]))

  let best = -1
  for (let b = 0; b < matchers.length; b++) {
    if (points[b] === 0) continue
    if (
      best < 0 ||
      points[b] > points[best] ||
      (points[b] === points[best] && latest[b] > latest[best])
    ) {
      best = b
    }
  }
  return { brand: best < 0 ? 'other' : matchers[best].id }
}
