import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// `sealpost-source` makes package.json `imports` (`#platform/*`) resolve to the TypeScript sources
// instead of the compiled dist/ files a published package uses.
const conditions = ['sealpost-source', ...defaultServerConditions]

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['tests/**/*.test.ts', 'algorithms/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
})
