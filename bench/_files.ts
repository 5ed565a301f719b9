/** The benchmark files, listed explicitly; each exports `run: BenchFile`. */

export const BENCH_FILES: Record<string, () => Promise<unknown>> = {
  'favorite-sport': () => import('./favorite-sport.bench.ts'),
  'favorite-sport-wasm': () => import('./favorite-sport-wasm.bench.ts'),
  aead: () => import('./aead.bench.ts'),
  vault: () => import('./vault.bench.ts'),
  'coffee-trigger': () => import('./coffee-trigger.bench.ts'),
  modules: () => import('./modules.bench.ts'),
  'cold-start': () => import('./cold-start.bench.ts'),
  relay: () => import('./relay.bench.ts'),
}
