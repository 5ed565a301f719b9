import { fileURLToPath } from 'node:url'
import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// `sealpost-source` makes package.json `imports` (`#platform/*`) resolve to the TypeScript sources
// instead of the compiled dist/ files a published package uses.
const conditions = ['sealpost-source', ...defaultServerConditions]

export default defineConfig({
  // Reference modules import the guest library by its package name, as partners do; tests load
  // them natively, so the name resolves to the source here (bundle build inlines it instead).
  resolve: {
    conditions,
    alias: { 'sealpost/guest': fileURLToPath(new URL('./guest/index.ts', import.meta.url)) },
  },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['tests/**/*.test.ts', 'algorithms/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
})
