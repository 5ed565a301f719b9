/**
 * The split held-out labelled sets (`tests/fixtures/labelled/transactions_heldoutN_*.json`, N ≥ 2)
 * are well formed: every label is in the transactions vocabulary, every row names a listed source,
 * each source file sits wholly in one split (dev or test), so no test row shares a file with a row
 * the categoriser may be tuned on, and no source file is in two sets, so a later set is new to the
 * categoriser tuned on an earlier one. Only the shape is checked here; no categoriser runs on these rows.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TRANSACTION_CATEGORIES } from '../../runtime/importers/categories.ts'

const LABELLED_DIR = join(import.meta.dirname, '..', 'fixtures', 'labelled')
const LANGS = ['en', 'fr', 'de', 'es', 'nl', 'it', 'pt'] as const
const SPLITS = ['dev', 'test'] as const
const OPTIONAL_TEXT_FIELDS = ['memo', 'counterparty', 'bankCategory', 'type', 'mcc'] as const

interface HeldoutSource {
  readonly id: string
  readonly licence: string
  readonly split: string
  readonly bank: string
  readonly format: string
  readonly note: string
}

interface HeldoutRow {
  readonly lang: string
  readonly split: string
  readonly source: string
  readonly description: string
  readonly amount: number
  readonly expected: string
  readonly why: string
  readonly [field: string]: unknown
}

interface HeldoutFile {
  readonly description: string
  readonly sources: readonly HeldoutSource[]
  readonly rows: readonly HeldoutRow[]
}

const files = readdirSync(LABELLED_DIR)
  .filter((name) => /^transactions_heldout[2-9]_.+\.json$/.test(name))
  .sort()

function load(name: string): HeldoutFile {
  return JSON.parse(readFileSync(join(LABELLED_DIR, name), 'utf8')) as HeldoutFile
}

describe('split held-out labelled sets', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  describe.each(files)('%s', (name) => {
    const set = load(name)
    const categories: readonly string[] = TRANSACTION_CATEGORIES
    const sourcesById = new Map(set.sources.map((source) => [source.id, source]))

    it('says what it is and lists its sources once each', () => {
      expect(typeof set.description).toBe('string')
      expect(set.description.length).toBeGreaterThan(50)
      expect(set.sources.length).toBeGreaterThan(0)
      expect(sourcesById.size).toBe(set.sources.length)
      for (const source of set.sources) {
        expect(source.id, source.id).toMatch(/^[^/\s]+\/[^:\s]+:.+@[0-9a-f]{12}$/)
        expect(SPLITS, source.id).toContain(source.split)
        expect(source.licence.length, source.id).toBeGreaterThan(0)
      }
    })

    it('labels every row with a category of the vocabulary', () => {
      expect(set.rows.length).toBeGreaterThan(0)
      for (const row of set.rows) {
        expect(categories, `${row.source}: ${row.description}`).toContain(row.expected)
      }
    })

    it('gives every row a known language, split, source and the fields the categoriser reads', () => {
      for (const row of set.rows) {
        const where = `${row.source}: ${row.description}`
        expect(LANGS, where).toContain(row.lang)
        expect(SPLITS, where).toContain(row.split)
        expect(sourcesById.has(row.source), where).toBe(true)
        expect(typeof row.description, where).toBe('string')
        expect(Number.isFinite(row.amount), where).toBe(true)
        expect(typeof row.why, where).toBe('string')
        for (const field of OPTIONAL_TEXT_FIELDS) {
          if (field in row) expect(typeof row[field], `${where} ${field}`).toBe('string')
        }
      }
    })

    it('keeps each source file wholly in one split', () => {
      for (const row of set.rows) {
        expect(row.split, `${row.source}: ${row.description}`).toBe(
          sourcesById.get(row.source)?.split,
        )
      }
    })
  })

  it('never puts one source file in two sets, nor in the first held-out set', () => {
    const setOf = new Map<string, string>()
    const firstSet = JSON.parse(
      readFileSync(join(LABELLED_DIR, 'transactions_heldout.json'), 'utf8'),
    ) as { rows: { source: string }[] }
    for (const row of firstSet.rows) setOf.set(sourceFile(row.source), 'transactions_heldout.json')
    for (const name of files) {
      const set = name.replace(/_[^_]+$/, '')
      for (const source of load(name).sources) {
        const file = sourceFile(source.id)
        const seen = setOf.get(file)
        if (seen === undefined || seen === set) setOf.set(file, set)
        else expect(`${file} in ${set}`).toBe(`${file} in ${seen}`)
      }
    }
  })

  it('never puts one source file in both splits across the sets', () => {
    const splitOf = new Map<string, string>()
    for (const name of files) {
      for (const row of load(name).rows) {
        const file = sourceFile(row.source)
        const seen = splitOf.get(file)
        if (seen === undefined) splitOf.set(file, row.split)
        else expect(row.split, file).toBe(seen)
      }
    }
  })
})

/** `owner/repo:path`, without the commit: the same file at another commit is the same source. */
function sourceFile(source: string): string {
  return source.replace(/@[0-9a-f]{7,40}$/, '')
}
