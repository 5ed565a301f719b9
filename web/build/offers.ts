/**
 * Vite plugin: the virtual module `virtual:sealpost-offers`, the reference bundles of `algorithms/`
 * signed with demo partner keys at build time (on Node, where esbuild bundles each module). The
 * browser gets only signed bundle bytes and public keys; the secret keys stay on the build machine.
 */

import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { join } from 'node:path'
import type { Plugin } from 'vite'

const VIRTUAL_ID = 'virtual:sealpost-offers'
const RESOLVED_ID = '\0' + VIRTUAL_ID

/** Options of `offersPlugin`. */
export interface OffersPluginOptions {
  /** The repository root (holds `algorithms/` and `bin/run-ts.js`). */
  readonly repoRoot: string
  /** Where demo partner keys are kept between builds. */
  readonly keyDir: string
}

/** Serves `virtual:sealpost-offers`: `export const offers: DemoOffer[]`. */
export function offersPlugin(options: OffersPluginOptions): Plugin {
  let signed: Promise<string> | undefined
  const sign = async (): Promise<string> => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        join(options.repoRoot, 'bin/run-ts.js'),
        join(options.repoRoot, 'web/build/sign_offers.ts'),
        join(options.repoRoot, 'algorithms'),
        options.keyDir,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    )
    if (stderr.trim() !== '') console.warn(stderr.trim())
    return stdout
  }
  return {
    name: 'sealpost-offers',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined
    },
    // In the dev server, an edited module is signed again and the page reloads.
    configureServer(server) {
      const algorithms = join(options.repoRoot, 'algorithms')
      server.watcher.add(algorithms)
      server.watcher.on('change', (file) => {
        if (!file.startsWith(algorithms)) return
        signed = undefined
        const module = server.moduleGraph.getModuleById(RESOLVED_ID)
        if (module) server.moduleGraph.invalidateModule(module)
        server.ws.send({ type: 'full-reload' })
      })
    },
    async load(id) {
      if (id !== RESOLVED_ID) return undefined
      signed ??= sign()
      const { offers } = JSON.parse(await signed) as { offers: unknown[] }
      return `export const offers = ${JSON.stringify(offers)}\n`
    },
  }
}
