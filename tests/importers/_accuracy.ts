/**
 * Accuracy of the transaction categoriser and the sport normaliser on the hand-labelled sets in
 * tests/fixtures/labelled, shared by the test (which asserts the goal) and bench/importers/accuracy.ts
 * (which prints the table).
 */
import { readdirSync, readFileSync } from 'node:fs'
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
  readonly mcc?: string
  readonly counterparty?: string
  readonly expected: string
}

/** One held-out line: where it comes from is `owner/repo:path@commit`, not a fixture of ours. */
export type HeldOutTransaction = Omit<LabelledTransaction, 'fixture'> & { readonly source: string }

/** The two halves of a split held-out set: `dev` may be tuned on, `test` is only measured. */
export type HeldOutSplit = 'dev' | 'test'

/** One line of a split held-out set (the second or a later one), as the categoriser reads it. */
export type SplitHeldOutTransaction = Omit<LabelledTransaction, 'fixture'> & {
  readonly source: string
  readonly split: HeldOutSplit
}

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

/** The numbers of the split held-out sets there are files for (2, 3, …), in order. */
export function splitHeldOutSets(): number[] {
  const dir = new URL('../fixtures/labelled/', import.meta.url)
  const sets = new Set<number>()
  for (const f of readdirSync(dir)) {
    const m = /^transactions_heldout([2-9])_.*\.json$/.exec(f)
    if (m) sets.add(Number(m[1]))
  }
  return [...sets].sort((a, b) => a - b)
}

/**
 * The rows of one split of held-out set `set` (2, 3, …), from every `transactions_heldout<set>_*.json`
 * (none yet: an empty list). Only the rows of the split asked for leave this function: the
 * `test` rows are for the final measurement (`accuracy.ts --final`) and nothing else.
 */
export function splitHeldOutTransactions(
  set: number,
  split: HeldOutSplit,
): SplitHeldOutTransaction[] {
  const dir = new URL('../fixtures/labelled/', import.meta.url)
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(`transactions_heldout${set}_`) && f.endsWith('.json'))
    .sort()
  const out: SplitHeldOutTransaction[] = []
  for (const file of files) {
    const doc = JSON.parse(readFileSync(labelled(file), 'utf8')) as unknown
    const rows = Array.isArray(doc) ? doc : ((doc as { rows?: unknown }).rows ?? [])
    if (!Array.isArray(rows)) throw new TypeError(`${file}: no rows`)
    for (const raw of rows as Record<string, unknown>[]) {
      if (raw['split'] !== split) continue
      out.push(splitHeldOutRow(raw, file, split))
    }
  }
  return out
}

function splitHeldOutRow(
  raw: Record<string, unknown>,
  file: string,
  split: HeldOutSplit,
): SplitHeldOutTransaction {
  const text = (key: string): string | undefined => {
    const v = raw[key]
    if (v === undefined || v === null || v === '') return undefined
    return typeof v === 'string' ? v : String(v)
  }
  const amount = Number(raw['amount'])
  const expected = text('expected') ?? text('label') ?? text('category')
  if (!Number.isFinite(amount) || expected === undefined)
    throw new TypeError(`${file}: a row without amount or label`)
  const optional = (key: string, value: string | undefined): Record<string, string> =>
    value === undefined ? {} : { [key]: value }
  return {
    lang: text('lang') ?? text('language') ?? 'unknown',
    source: text('source') ?? file,
    split,
    description: text('description') ?? '',
    amount,
    expected,
    ...optional('memo', text('memo')),
    ...optional('counterparty', text('counterparty')),
    ...optional('bankCategory', text('bankCategory')),
    ...optional('type', text('type')),
    ...optional('mcc', text('mcc')),
  }
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
        ...(row.mcc !== undefined ? { mcc: row.mcc } : {}),
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
