/**
 * Vite plugin: keeps Node-only code out of the browser bundle. The runtime's few Node adapters are
 * swapped for their browser counterparts (the sandbox's Worker adapter, csv-parse's browser build)
 * or for stubs that say what is missing; any other `node:*` import fails the build, naming the file that pulled it in.
 */

import { relative, resolve } from 'node:path'
import type { Plugin } from 'vite'

/** Node adapter (repo-relative) → its browser replacement (repo-relative). */
export const BROWSER_SWAPS: Readonly<Record<string, string>> = {
  'sandbox/_create.ts': 'sandbox/_create_browser.ts',
  'runtime/storage/_fs_storage.ts': 'web/src/runtime/_no_fs.ts',
  'runtime/importers/_node_source.ts': 'web/src/runtime/_no_fs.ts',
  'runtime/importers/_sql_wasm_node.ts': 'web/src/runtime/_sql_wasm_browser.ts',
}

/** Packages whose Node entry imports `node:*` → their browser replacement (repo-relative). */
export const PACKAGE_SWAPS: Readonly<Record<string, string>> = {
  'csv-parse': 'web/src/runtime/_csv_parse_browser.ts',
  'csv-parse/stream': 'web/src/runtime/_csv_parse_browser.ts',
  // No native scrypt in browsers: ROMix in WebAssembly instead of noble's JavaScript (see docs/web-app.md).
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
      const swap = source.startsWith('.')
        ? BROWSER_SWAPS[relative(repoRoot, resolve(importer.split('?')[0]!, '..', source))]
        : PACKAGE_SWAPS[source]
      if (swap === undefined) return undefined
      if (settings.nobleScrypt && source === '@noble/hashes/scrypt.js') return undefined
      return this.resolve(resolve(repoRoot, swap), importer, { ...options, skipSelf: true })
    },
  }
}
