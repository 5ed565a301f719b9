import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Reference modules import the guest library by its package name, as partners do; tests load
  // them natively, so the name resolves to the source here (bundle build inlines it instead).
  resolve: {
    alias: { 'sealpost/guest': fileURLToPath(new URL('./guest/index.ts', import.meta.url)) },
  },
  test: {
    include: ['tests/**/*.test.ts', 'algorithms/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
})
