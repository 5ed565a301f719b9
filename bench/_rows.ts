/**
 * Rows for the text and scaling benchmarks at any size: a generated person's records (posts,
 * transactions, activities) repeated with fresh ids and times spread evenly over `span` ms before
 * `now`, so a module's window holds all of them. Posts get a fixture post (one that the review
 * flags) every 25 rows, so matching and the flagged list have work to do.
 */

import { readdirSync, readFileSync } from 'node:fs'
import { generateCollection } from '../runtime/persona/index.ts'

const DAY = 86_400_000

const fixtureTexts = (): string[] => {
  const dir = new URL('../algorithms/social-post-review/fixtures/', import.meta.url)
  const out: string[] = []
  for (const f of readdirSync(dir)) {
    const fixture = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as {
      collections?: { posts?: { text: string }[] }
    }
    for (const p of fixture.collections?.posts ?? []) out.push(p.text)
  }
  return out
}

const TIME_FIELD = { posts: 'postedAt', transactions: 'bookedAt', activities: 'startedAt' } as const
export type TiledCollection = keyof typeof TIME_FIELD

/** `n` rows of `collection`, in time order, the newest just before `now`. */
export function tiledRows(
  collection: TiledCollection,
  n: number,
  now: number,
  span = 300 * DAY,
): Record<string, unknown>[] {
  const base = [...generateCollection(collection, { seed: 42, scale: 30 })]
  if (base.length === 0) throw new Error(`no generated ${collection}`)
  const extra = collection === 'posts' ? fixtureTexts() : []
  const field = TIME_FIELD[collection]
  const step = span / n
  const rows = new Array<Record<string, unknown>>(n)
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = { ...base[i % base.length]! }
    row.id = `${collection}-${i}`
    row[field] = Math.floor(now - span + i * step)
    if (extra.length > 0 && i % 25 === 0) row.text = extra[(i / 25) % extra.length]!
    rows[i] = row
  }
  return rows
}
