/**
 * Vite plugin: a guard, not a swap. Browser builds pick the runtime's browser adapters through the
 * `browser` condition of package.json `imports` (`#platform/*`); this plugin only fails the build
 * when some `node:*` import still reaches the bundle, naming the file that pulled it in.
 */

import { relative } from 'node:path'
import type { Plugin } from 'vite'

/** The plugin; `repoRoot` is the repository's absolute path. */
export function browserOnlyPlugin(repoRoot: string): Plugin {
  return {
    name: 'sealpost-browser-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.startsWith('node:')) {
        const from = importer ? relative(repoRoot, importer) : 'the entry'
        this.error(`${from} imports ${source}, which does not exist in browsers`)
      }
      return undefined
    },
  }
}
