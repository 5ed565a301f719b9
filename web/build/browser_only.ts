/**
 * Vite plugin of the web app. The runtime's browser adapters need no plugin: they are chosen by the
 * `browser` condition of package.json `imports` (`#platform/*`). This plugin keeps two things: the
 * web app's own swap of noble's JavaScript scrypt for ROMix in WebAssembly (no native scrypt in
 * browsers, see docs/web-app.md), and a guard that fails the build when some `node:*` import still
 * reaches the bundle, naming the file that pulled it in.
 */

import { relative, resolve } from 'node:path'
import type { Plugin } from 'vite'

/** Packages replaced in the web app's bundle → their replacement (repo-relative). */
export const PACKAGE_SWAPS: Readonly<Record<string, string>> = {
  '@noble/hashes/scrypt.js': 'web/src/runtime/scrypt/_noble_scrypt_swap.ts',
}

/** Options of the plugin. */
export interface BrowserOnlyOptions {
  /** Keep noble's JavaScript scrypt (only to measure the difference: bench/web-unlock.ts). */
  readonly nobleScrypt?: boolean
}

/** The plugin; `repoRoot` is the repository's absolute path. */
export function browserOnlyPlugin(repoRoot: string, settings: BrowserOnlyOptions = {}): Plugin {
  return {
    name: 'sealpost-browser-only',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source.startsWith('node:')) {
        const from = importer ? relative(repoRoot, importer) : 'the entry'
        this.error(`${from} imports ${source}, which does not exist in browsers`)
      }
      if (!importer) return undefined
      const swap = PACKAGE_SWAPS[source]
      if (swap === undefined) return undefined
      if (settings.nobleScrypt && source === '@noble/hashes/scrypt.js') return undefined
      return this.resolve(resolve(repoRoot, swap), importer, { ...options, skipSelf: true })
    },
  }
}
