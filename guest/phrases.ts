/**
 * Phrase lists with negation: which of a partner's phrases a text contains, as whole words inside
 * one clause, and whether a negator comes shortly before each.
 *
 * ```js
 * import { phraseMatcher } from 'sealpost/guest'
 * const match = phraseMatcher({ phrases: { coffee: ['coffee', 'a cafe'] }, negators: ['no', 'pas'] })
 * match('no coffee for me, thanks') // [{ label: 'coffee', phrase: 'coffee', negated: true }]
 * ```
 */

import { clauses, fold, words, type FoldOptions } from './text.ts'

export interface PhraseLists {
  /** Label → phrases (any language; folded before matching, so 'Café' matches 'cafe'). */
  readonly phrases: Readonly<Record<string, readonly string[]>>
  /** Words that negate a phrase when they come at most `reach` words before it in its clause. */
  readonly negators?: readonly string[]
  /** How many words before a phrase a negator reaches (default 3). */
  readonly reach?: number
  readonly fold?: FoldOptions
}

/** One phrase found in a text. */
export interface PhraseMatch {
  readonly label: string
  /** The phrase as folded. */
  readonly phrase: string
  readonly negated: boolean
}

/** Compiles phrase lists once; the matcher returns every phrase found, in text order. */
export function phraseMatcher(lists: PhraseLists): (text: string) => PhraseMatch[] {
  const options = lists.fold ?? {}
  const reach = lists.reach ?? 3
  const negators = new Set((lists.negators ?? []).map((n) => fold(n, options)))
  const byFirst = new Map<string, { label: string; tokens: string[] }[]>()
  for (const [label, phrases] of Object.entries(lists.phrases)) {
    for (const phrase of phrases) {
      const tokens = words(phrase, options)
      if (tokens.length === 0) continue
      const list = byFirst.get(tokens[0]!) ?? []
      list.push({ label, tokens })
      byFirst.set(tokens[0]!, list)
    }
  }
  return (text) => {
    const found: PhraseMatch[] = []
    for (const clause of clauses(text)) {
      const w = words(clause, options)
      for (let i = 0; i < w.length; i++) {
        for (const e of byFirst.get(w[i]!) ?? []) {
          let j = 1
          while (j < e.tokens.length && w[i + j] === e.tokens[j]) j++
          if (j < e.tokens.length) continue
          found.push({
            label: e.label,
            phrase: e.tokens.join(' '),
            negated: negatedAt(w, i, negators, reach),
          })
        }
      }
    }
    return found
  }
}

/** Whether one of `negators` is among the `reach` words before `words[index]`. */
export function negatedAt(
  wordList: readonly string[],
  index: number,
  negators: ReadonlySet<string>,
  reach: number,
): boolean {
  for (let j = Math.max(0, index - reach); j < index; j++) {
    if (negators.has(wordList[j]!)) return true
  }
  return false
}
