/**
 * The browser host app (`npm run web`, `npm run web:build`). Mode `e2e` (the Chromium tests) makes
 * new vaults with a light scrypt setting; every other mode uses the strong default.
 */

import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { defaultClientConditions, defineConfig } from 'vite'
import { browserOnlyPlugin } from './build/browser_only.ts'
import { offersPlugin } from './build/offers.ts'
import { serviceWorkerPlugin } from './build/service_worker.ts'

const webRoot = fileURLToPath(new URL('.', import.meta.url))
const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const keyDir = join(repoRoot, 'node_modules/.cache/sealpost-web/keys')

// SEALPOST_WEB_KDF=noble keeps noble's JavaScript scrypt: only bench/web-unlock.ts sets it.
const nobleScrypt = process.env['SEALPOST_WEB_KDF'] === 'noble'
const plugins = () => [
  browserOnlyPlugin(repoRoot, { nobleScrypt }),
  offersPlugin({ repoRoot, keyDir }),
]

export default defineConfig({
  root: webRoot,
  // `sealpost-source`: package.json `imports` resolve to the TypeScript sources (the browser
  // adapters through the `browser` condition), not to a compiled dist/.
  resolve: { conditions: ['sealpost-source', ...defaultClientConditions] },
  base: './',
  plugins: [...plugins(), serviceWorkerPlugin()],
  worker: { format: 'es', plugins },
  build: { outDir: join(webRoot, 'dist'), emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
