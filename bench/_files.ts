/**
 * The benchmark files, listed explicitly; each exports `run: BenchFile`. `long` files run only when
 * named with `--only` (and never in `bench:check`); `check: false` keeps a file out of `bench:check`.
 */

export interface BenchEntry {
  readonly load: () => Promise<unknown>
  /** One line for `npm run bench -- --help`. */
  readonly about: string
  /** Minutes, not seconds: run only with `--only NAME`. */
  readonly long?: boolean
  /** `false`: not part of `npm run bench:check`. */
  readonly check?: boolean
}

export const BENCH_FILES: Record<string, BenchEntry | (() => Promise<unknown>)> = {
  'favorite-sport': {
    load: () => import('./favorite-sport.bench.ts'),
    about: 'favourite-sport at 10k/100k: V8 rows vs QuickJS columnar, JSON, kernel',
  },
  'favorite-sport-wasm': {
    load: () => import('./favorite-sport-wasm.bench.ts'),
    about: 'favourite-sport at 100k in the wasm engine vs V8 rows and the QuickJS kernel',
  },
  aead: {
    load: () => import('./aead.bench.ts'),
    about: 'XChaCha20-Poly1305 seal at 64 KiB / 1 MiB vs raw node:crypto ChaCha20-Poly1305',
  },
  vault: {
    load: () => import('./vault.bench.ts'),
    about: 'vault views (5 vs 2 columns, time window) and import, memory vs disk',
  },
  views: {
    load: () => import('./views.bench.ts'),
    about: 'consented views (5 cols, 2 cols, 10% window) vs decrypting their objects, 1k–1M',
  },
  'decrypt-threads': {
    load: () => import('./decrypt-threads.bench.ts'),
    about: "a view's 310 column objects decrypted on the main thread vs with 1-2 worker threads",
    check: false,
  },
  import: {
    load: () => import('./import.bench.ts'),
    about: 'vault import records/s (fixed-width pings, text posts) vs sealing their columns',
  },
  'bank-csv': {
    load: () => import('./bank-csv.bench.ts'),
    about: 'bank CSV import and categories, rows/s, vs splitting the same text in V8',
    check: false,
  },
  'coffee-trigger': {
    load: () => import('./coffee-trigger.bench.ts'),
    about: 'one trigger run per new message: p50/p99 against the detection in V8',
  },
  'sandbox-instances': {
    load: () => import('./sandbox-instances.bench.ts'),
    about:
      'per-run instance cost: QuickJS restored vs fresh vs a bare Worker echo; wasm pooled memory',
  },
  text: {
    load: () => import('./text.bench.ts'),
    about:
      'social-post-review over 10k/100k posts: text kernels vs the same scan in V8 and in QuickJS',
  },
  modules: {
    load: () => import('./modules.bench.ts'),
    about: 'every reference module through the pipeline over a generated person',
  },
  'cold-start': {
    load: () => import('./cold-start.bench.ts'),
    about: 'CLI cold start (fresh processes of dist/) vs node -e 0',
  },
  relay: {
    load: () => import('./relay.bench.ts'),
    about: 'relay envelope posts/s at concurrency 64 vs an empty route (PGlite, PostgreSQL)',
  },
  'relay-pull': {
    load: () => import('./relay-pull.bench.ts'),
    about:
      'a partner pulling and acknowledging 100k envelopes in pages of 500 (PGlite, PostgreSQL)',
    long: true,
  },
  scaling: {
    load: () => import('./scaling.bench.ts'),
    about: '1k/10k/100k/1M rows: favorite-sport, spending-insights, social-post-review, peak RSS',
    long: true,
    check: false,
  },
}

/** The entry for a name, whichever form it was listed in. */
export function benchEntry(name: string): BenchEntry | undefined {
  const e = BENCH_FILES[name]
  if (e === undefined) return undefined
  return typeof e === 'function' ? { load: e, about: '' } : e
}
