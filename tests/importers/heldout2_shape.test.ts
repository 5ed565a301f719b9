/**
 * Shape of the second held-out labelled sets (`tests/fixtures/labelled/transactions_heldout2_*.json`):
 * every label is a category of the vocabulary, languages and splits are known values, every row
 * cites a listed source, and no source file has rows in both splits. It checks the files only; it
 * never runs the categoriser on them (the `test` rows are measured elsewhere and never tuned on).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { TRANSACTION_CATEGORIES } from '../../runtime/importers/categories.ts'

const DIR = new URL('../fixtures/labelled/', import.meta.url)
const labelled = (name: string): URL => new URL(name, DIR)
const LANGS = ['en', 'fr', 'de', 'es', 'nl', 'it', 'pt']
const SPLITS = ['dev', 'test']

interface Source {
  id: string
  licence: string
  split: string
}
interface Row {
  lang: string
  split: string
  source: string
  description: string
  amount: number
  expected: string
}
interface HeldOutFile {
  description: string
  sources: Source[]
  rows: Row[]
}

const files = readdirSync(DIR)
  .filter((name) => /^transactions_heldout2_.+\.json$/.test(name))
  .sort()

describe('second held-out labelled sets', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  for (const name of files) {
    describe(name, () => {
      const set = JSON.parse(readFileSync(labelled(name), 'utf8')) as HeldOutFile
      const categories = new Set<string>(TRANSACTION_CATEGORIES)
      const sources = new Map(set.sources.map((source) => [source.id, source]))

      it('says what it is and lists each source once, with a licence and a split', () => {
        expect(set.description.length).toBeGreaterThan(0)
        expect(sources.size).toBe(set.sources.length)
        for (const source of set.sources) {
          expect(source.licence, source.id).not.toBe('')
          expect(SPLITS, source.id).toContain(source.split)
        }
      })

      it('labels every row with a category of the vocabulary', () => {
        const wrong = set.rows.filter((row) => !categories.has(row.expected))
        expect(wrong.map((row) => `${row.description} → ${row.expected}`)).toEqual([])
      })

      it('gives every row a known language, a split, a description and an amount', () => {
        for (const row of set.rows) {
          expect(LANGS, row.description).toContain(row.lang)
          expect(SPLITS, row.description).toContain(row.split)
          expect(row.description.trim().length, row.source).toBeGreaterThan(0)
          expect(Number.isFinite(row.amount), row.description).toBe(true)
        }
      })

      it('cites a listed source on every row, in that source split', () => {
        for (const row of set.rows) {
          const source = sources.get(row.source)
          expect(source, `${row.description}: ${row.source}`).toBeDefined()
          expect(row.split, `${row.description}: ${row.source}`).toBe(source?.split)
        }
      })

      it('keeps each source file wholly in one split', () => {
        const splitsOf = new Map<string, Set<string>>()
        for (const row of set.rows) {
          const seen = splitsOf.get(row.source) ?? new Set<string>()
          seen.add(row.split)
          splitsOf.set(row.source, seen)
        }
        const straddling = [...splitsOf].filter(([, seen]) => seen.size > 1).map(([id]) => id)
        expect(straddling).toEqual([])
      })
    })
  }

  it('never splits one source file across two sets', () => {
    const splitOf = new Map<string, string>()
    const clashes: string[] = []
    for (const name of files) {
      const set = JSON.parse(readFileSync(labelled(name), 'utf8')) as HeldOutFile
      for (const source of set.sources) {
        const before = splitOf.get(source.id)
        if (before !== undefined && before !== source.split) clashes.push(source.id)
        splitOf.set(source.id, source.split)
      }
    }
    expect(clashes).toEqual([])
  })
})
