/**
 * The vault's two hot paths on location-like records (5 columns: id text, at time, lat, lon,
 * place category), 1M records (100k in quick mode), memory storage, native XChaCha on Node:
 *
 * - view/*: building a consented frame of the whole span. Reference: all 5 columns. Variants:
 *   2 of 5 columns (at + lat; target ≤ 0.5× the reference), and 2 of 5 over a 10% time window
 *   (zone maps skip the other chunks).
 * - import/*: `vault.ingest` of every record into a new vault (validate, dedup, sort, encode,
 *   seal, commit). Reference: memory storage; variant: a folder on disk (temp file, fsync,
 *   rename). The records/s figure is printed on stderr.
 *
 * Every variant is checked against the others before timing.
 */

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { columnValue } from '../sandbox/frame/codec.ts'
import type { Frame } from '../sandbox/frame/types.ts'
import type { JsonSchema } from '../runtime/manifest/types.ts'
import { memoryStorage, openFsStorage } from '../runtime/storage/index.ts'
import type { Storage } from '../runtime/storage/index.ts'
import { createVault, LIGHT_SCRYPT } from '../runtime/vault/index.ts'
import type { BenchFile, BenchSuiteReport, BenchVariant } from './_report.ts'
import { timeAsync, type Timing } from './_timing.ts'

const SCHEMAS: Record<string, JsonSchema> = {
  pings: {
    type: 'object',
    'x-time': 'at',
    additionalProperties: false,
    required: ['id', 'at', 'lat', 'lon'],
    properties: {
      id: { type: 'string', minLength: 1, 'x-kind': 'text' },
      at: { type: 'integer', 'x-kind': 'time' },
      lat: { type: 'number', minimum: -90, maximum: 90, 'x-kind': 'number' },
      lon: { type: 'number', minimum: -180, maximum: 180, 'x-kind': 'number' },
      place: { type: 'string', 'x-kind': 'category' },
    },
  },
}
const ALL = ['id', 'at', 'lat', 'lon', 'place']
const T0 = Date.UTC(2023, 0, 1)
const SPAN = 3 * 365 * 86_400_000

/** Deterministic pings, one every ~SPAN/n ms with jitter, around a few places. */
function makePings(n: number): Record<string, unknown>[] {
  let s = 12345
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
  const places = ['home', 'work', 'gym', 'bakery', 'park', 'station']
  return Array.from({ length: n }, (_, i) => ({
    id: `ping-${i.toString(36).padStart(6, '0')}`,
    at: T0 + Math.floor(((i + rand()) * SPAN) / n),
    lat: 48.8 + rand() * 0.2,
    lon: 2.25 + rand() * 0.2,
    place: places[Math.floor(rand() * places.length)]!,
  }))
}

function sameColumns(a: Frame, b: Frame, fields: readonly string[]): void {
  if (a.length !== b.length) throw new Error(`variants disagree: ${a.length} vs ${b.length} rows`)
  for (const f of fields) {
    for (let i = 0; i < a.length; i += 997) {
      if (columnValue(a.columns[f]!, i) !== columnValue(b.columns[f]!, i)) {
        throw new Error(`variants disagree on ${f} at row ${i}`)
      }
    }
  }
}

/** Long async operations (an import of 1M records takes seconds): few samples. */
function timeLong(name: string, fn: () => Promise<void>, quick: boolean): Promise<Timing> {
  return timeAsync(name, fn, {
    iterations: quick ? 2 : 5,
    time: quick ? 500 : 10_000,
    warmupIterations: 1,
    warmupTime: 0,
  })
}

function report(
  suite: string,
  reference: string,
  timings: Record<string, Timing>,
): BenchSuiteReport {
  const ref = timings[reference]!
  const variants: BenchVariant[] = Object.entries(timings).map(([name, t]) => ({
    name,
    ms: t.ms,
    ratio: t.ms / ref.ms,
    rme: t.rme,
  }))
  return { suite, reference, variants }
}

export const run: BenchFile = async ({ quick }) => {
  const n = quick ? 100_000 : 1_000_000
  const label = quick ? '100k' : '1M'
  const records = makePings(n)
  const opts = { scrypt: LIGHT_SCRYPT, schemas: SCHEMAS }

  // ---- views --------------------------------------------------------------------------------
  const vault = await createVault(memoryStorage(), 'bench', opts)
  await vault.ingest('pings', records)
  const whole = { collection: 'pings', from: T0, to: T0 + SPAN + 1 }
  const recent = { collection: 'pings', from: T0 + SPAN * 0.9, to: T0 + SPAN + 1 }
  const all = await vault.view({ ...whole, fields: ALL })
  const two = await vault.view({ ...whole, fields: ['at', 'lat'] })
  const windowed = await vault.view({ ...recent, fields: ['at', 'lat'] })
  if (all.length !== n) throw new Error(`view has ${all.length} rows, expected ${n}`)
  sameColumns(all, two, ['at', 'lat'])
  const tail = Math.round(n * 0.1)
  if (Math.abs(windowed.length - tail) > 2) throw new Error(`window has ${windowed.length} rows`)
  const views: Record<string, Timing> = {}
  const t = { quick }
  views['all-5-columns'] = await timeAsync(
    'all',
    async () => void (await vault.view({ ...whole, fields: ALL })),
    t,
  )
  views['2-of-5-columns'] = await timeAsync(
    'two',
    async () => void (await vault.view({ ...whole, fields: ['at', 'lat'] })),
    t,
  )
  views['2-of-5-columns, 10% window'] = await timeAsync(
    'window',
    async () => void (await vault.view({ ...recent, fields: ['at', 'lat'] })),
    t,
  )
  vault.close()

  // ---- import -------------------------------------------------------------------------------
  const dirs: string[] = []
  const importInto = async (storage: Storage): Promise<number> => {
    const v = await createVault(storage, 'bench', opts)
    const { added } = await v.ingest('pings', records)
    v.close()
    return added
  }
  const freshDir = async (): Promise<Storage> => {
    const dir = await mkdtemp(join(tmpdir(), 'sp-bench-'))
    dirs.push(dir)
    return openFsStorage(join(dir, 'vault'))
  }
  if ((await importInto(memoryStorage())) !== n || (await importInto(await freshDir())) !== n) {
    throw new Error('import variants disagree')
  }
  const imports: Record<string, Timing> = {}
  try {
    imports['ingest-memory'] = await timeLong(
      'memory',
      async () => void (await importInto(memoryStorage())),
      quick,
    )
    imports['ingest-fs'] = await timeLong(
      'fs',
      async () => void (await importInto(await freshDir())),
      quick,
    )
  } finally {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  }
  for (const [name, timing] of Object.entries(imports)) {
    process.stderr.write(
      `vault import ${label} ${name}: ${Math.round(n / (timing.ms / 1000)).toLocaleString('en-US')} records/s\n`,
    )
  }
  return [
    report(`vault-view/${label}`, 'all-5-columns', views),
    report(`vault-import/${label}`, 'ingest-memory', imports),
  ]
}
