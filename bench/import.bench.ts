/**
 * Import throughput: `vault.ingest` of every record into a new vault (validate, deduplicate, sort,
 * encode each column, seal, commit), interleaved round by round with its reference:
 *
 * - `seal (native AEAD)` (reference): sealing, with the vault's AEAD, the column bytes the import
 *   writes (encoded once beforehand): the cipher's share of any import.
 * - `ingest (memory)`: a memory store.
 * - `ingest (folder)` (full mode): a folder on disk (temp file, fsync, rename per object).
 *
 * Collections: `pings` (fixed width: id, time, two numbers, a category; target ≥ 250k records/s)
 * and `posts` (the catalogue's schema, free text of 40–280 characters). Records per second are
 * in the notes. Sizes: pings 100k (quick) or 100k and 1M, posts 20k (quick) or 100k.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { encodeField } from '../sandbox/frame/column_bytes.ts'
import { collectionSchema } from '../runtime/collections.ts'
import type { JsonSchema } from '../runtime/manifest/types.ts'
import { memoryStorage, openFsStorage } from '../runtime/storage/index.ts'
import type { Storage } from '../runtime/storage/index.ts'
import { createVault, LIGHT_SCRYPT } from '../runtime/vault/index.ts'
import { resolveCollection } from '../runtime/vault/_collections.ts'
import { sealObject, vaultAead } from '../runtime/vault/_seal.ts'
import type { BenchFile, BenchSuiteReport } from './_report.ts'
import { interleave, variantsFrom, type BenchFn } from './_timing.ts'
import { makePings, PINGS_SCHEMA, sizeLabel } from './_pings.ts'

const CHUNK_ROWS = 16_384
const WORDS = [
  'the', 'run', 'this', 'morning', 'was', 'great', 'café', 'with', 'friends', 'new', 'shoes',
  'naïve', 'question', 'about', 'trains', 'in', 'Zürich', 'weekend', 'hike', '🏃', 'coffee',
  'review', 'of', 'my', 'favourite', 'brand', 'never', 'again', 'love', 'it', '#running',
] // prettier-ignore

/** Deterministic posts in time order: a few sentences each, some accents and emoji. */
function makePosts(n: number): Record<string, unknown>[] {
  let s = 99
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
  const t0 = Date.UTC(2020, 0, 1)
  return Array.from({ length: n }, (_, i) => {
    const words: string[] = []
    const length = 40 + Math.floor(rand() * 240)
    let chars = 0
    while (chars < length) {
      const w = WORDS[Math.floor(rand() * WORDS.length)]!
      words.push(w)
      chars += w.length + 1
    }
    return {
      id: `post-${i}`,
      postedAt: t0 + i * 3_600_000,
      platform: rand() < 0.6 ? 'x' : 'mastodon',
      text: words.join(' '),
      lang: rand() < 0.8 ? 'en' : 'fr',
      likes: Math.floor(rand() * 50),
    }
  })
}

/** The column bytes an import of `records` writes (chunks of CHUNK_ROWS, every schema field). */
function columnBytes(name: string, schema: JsonSchema, records: Record<string, unknown>[]) {
  const { layout, fields } = resolveCollection(name, { [name]: schema })
  const out: Uint8Array[] = []
  for (let at = 0; at < records.length; at += CHUNK_ROWS) {
    const part = records.slice(at, at + CHUNK_ROWS)
    for (const f of fields) out.push(encodeField(layout.kinds[f]!, part, f))
  }
  return out
}

export const run: BenchFile = async ({ quick }) => {
  const posts = collectionSchema('posts')
  if (!posts) throw new Error('no posts schema in the catalogue')
  const cases: { name: string; schema: JsonSchema; n: number; make: (n: number) => Record<string, unknown>[] }[] = [
    { name: 'pings', schema: PINGS_SCHEMA, n: 100_000, make: makePings },
    ...(quick ? [] : [{ name: 'pings', schema: PINGS_SCHEMA, n: 1_000_000, make: makePings }]),
    { name: 'posts', schema: posts, n: quick ? 20_000 : 100_000, make: makePosts },
  ] // prettier-ignore
  const aead = vaultAead()
  const key = new Uint8Array(32).fill(7)
  const ad = new Uint8Array(40)
  const reports: BenchSuiteReport[] = []
  const dirs: string[] = []
  try {
    for (const c of cases) {
      const records = c.make(c.n)
      const schemas = { [c.name]: c.schema }
      const importInto = async (storage: Storage): Promise<number> => {
        const vault = await createVault(storage, 'bench', { scrypt: LIGHT_SCRYPT, schemas })
        const { added } = await vault.ingest(c.name, records)
        vault.close()
        return added
      }
      const freshDir = async (): Promise<Storage> => {
        const dir = await mkdtemp(join(tmpdir(), 'sp-bench-'))
        dirs.push(dir)
        return openFsStorage(join(dir, 'vault'))
      }
      if ((await importInto(memoryStorage())) !== c.n) throw new Error('import lost records')
      const plain = columnBytes(c.name, c.schema, records)
      let sink = 0
      const variants: Record<string, BenchFn> = {
        'seal (native AEAD)': () => {
          for (const p of plain) sink ^= sealObject(aead, key, p, ad).length
        },
        'ingest (memory)': async () => void (sink ^= await importInto(memoryStorage())),
      }
      if (!quick) {
        variants['ingest (folder)'] = async () => {
          sink ^= await importInto(await freshDir())
          for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
        }
      }
      const measured = await interleave(variants, { quick }, { roundMs: 0 })
      if (sink === -1) console.log(sink)
      const rows = variantsFrom(measured, 'seal (native AEAD)')
      const mb = plain.reduce((s, p) => s + p.length, 0) / 1e6
      const notes = rows
        .filter((v) => v.name.startsWith('ingest'))
        .map((v) => {
          const perSecond = Math.round(c.n / (v.ms / 1000))
          const goal =
            c.name === 'pings'
              ? ` (target ≥ 250,000: ${perSecond >= 250_000 ? 'met' : 'missed'})`
              : ''
          return `${v.name}: ${perSecond.toLocaleString('en-US')} records/s${goal}`
        })
      notes.push(`${mb.toFixed(1)} MB of columns sealed per import`)
      reports.push({
        suite: `import/${c.name}/${sizeLabel(c.n)}`,
        reference: 'seal (native AEAD)',
        variants: rows,
        notes,
      })
    }
  } finally {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  }
  return reports
}
