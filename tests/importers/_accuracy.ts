/**
 * Accuracy of the transaction categoriser and the sport normaliser on the hand-labelled sets in
 * tests/fixtures/labelled, shared by the test (which asserts the goal) and bench/importers/accuracy.ts
 * (which prints the table).
 */
import { readFileSync } from 'node:fs'
import { categorizeTransaction } from '../../runtime/importers/categories.ts'
import { normalizeSport } from '../../runtime/importers/_activity.ts'

/** One labelled transaction line from a real export. */
export interface LabelledTransaction {
  readonly lang: string
  readonly fixture: string
  readonly description: string
  readonly amount: number
  readonly memo?: string
  readonly bankCategory?: string
  readonly type?: string
  readonly counterparty?: string
  readonly expected: string
}

/** One held-out line: where it comes from is `owner/repo:path@commit`, not a fixture of ours. */
export type HeldOutTransaction = Omit<LabelledTransaction, 'fixture'> & { readonly source: string }

/** One labelled sport name as a source vocabulary writes it. */
export interface LabelledSport {
  readonly source: string
  readonly name: string
  readonly expected: string
}

export interface GroupAccuracy {
  readonly group: string
  readonly n: number
  readonly correct: number
  readonly accuracy: number
  readonly uncategorised: number
}

export interface Accuracy {
  readonly n: number
  readonly correct: number
  readonly accuracy: number
  readonly byGroup: readonly GroupAccuracy[]
  readonly misses: readonly { group: string; text: string; got: string; want: string }[]
}

const labelled = (name: string): URL => new URL(`../fixtures/labelled/${name}`, import.meta.url)

/** The labelled transactions the lexicon was tuned on. */
export function labelledTransactions(): LabelledTransaction[] {
  return readTransactions('transactions.json')
}

/** The held-out labelled transactions: lines from exports the lexicon was not tuned on. */
export function heldOutTransactions(): HeldOutTransaction[] {
  return readTransactions('transactions_heldout.json')
}

function readTransactions<T>(file: string): T[] {
  const doc = JSON.parse(readFileSync(labelled(file), 'utf8')) as { rows: T[] }
  return doc.rows
}

/** The labelled sport names. */
export function labelledSports(): LabelledSport[] {
  const doc = JSON.parse(readFileSync(labelled('sports.json'), 'utf8')) as { rows: LabelledSport[] }
  return doc.rows
}

function tally(
  items: readonly { group: string; text: string; got: string; want: string }[],
): Accuracy {
  const groups = new Map<string, { n: number; correct: number; uncategorised: number }>()
  const misses = []
  for (const item of items) {
    const g = groups.get(item.group) ?? { n: 0, correct: 0, uncategorised: 0 }
    g.n++
    if (item.want === 'uncategorised' || item.want === 'other') g.uncategorised++
    if (item.got === item.want) g.correct++
    else misses.push(item)
    groups.set(item.group, g)
  }
  const byGroup = [...groups.entries()].map(([group, g]) => ({
    group,
    ...g,
    accuracy: g.correct / g.n,
  }))
  const correct = items.length - misses.length
  return { n: items.length, correct, accuracy: correct / items.length, byGroup, misses }
}

/** Category accuracy per export language, on the tuning set or the given rows (the held-out set). */
export function transactionAccuracy(
  rows: readonly Omit<LabelledTransaction, 'fixture'>[] = labelledTransactions(),
): Accuracy {
  return tally(
    rows.map((row) => {
      const got = categorizeTransaction({
        description: row.description,
        amount: row.amount,
        ...(row.memo !== undefined ? { memo: row.memo } : {}),
        ...(row.bankCategory !== undefined ? { bankCategory: row.bankCategory } : {}),
        ...(row.type !== undefined ? { type: row.type } : {}),
        ...(row.counterparty !== undefined ? { counterparty: row.counterparty } : {}),
      }).category
      return { group: row.lang, text: row.description.slice(0, 60), got, want: row.expected }
    }),
  )
}

/** Sport accuracy per source vocabulary. */
export function sportAccuracy(): Accuracy {
  return tally(
    labelledSports().map((row) => ({
      group: row.source,
      text: row.name,
      got: normalizeSport(row.name),
      want: row.expected,
    })),
  )
}
