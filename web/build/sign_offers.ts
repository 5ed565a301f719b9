/**
 * Signs the reference modules in `algorithms/` with demo partner keys, for the browser app: prints
 * `{ offers: [{ partnerId, publicKey, bundle }] }` (bundle in base64) on stdout. Run by the Vite
 * plugin in `web/build/offers.ts` (Node side: esbuild bundles each module, as `sealpost bundle
 * build` does). Keys are kept in KEY_DIR so rebuilds sign with the same demo keys and a vault
 * created with one build keeps its installed bundles under the next.
 *
 * Usage: node bin/run-ts.js web/build/sign_offers.ts ALGORITHMS_DIR KEY_DIR
 */

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  generatePartnerKey,
  parsePartnerKey,
  publicKeyFile,
  type PartnerKey,
} from '../../runtime/bundle/index.ts'
import { signModuleFolder } from '../../runtime/dev/module_folder.ts'

/** The demo key of a partner: read from `keyDir`, or generated and saved there (mode 0600). */
async function demoKey(keyDir: string, partnerId: string): Promise<PartnerKey> {
  const path = join(keyDir, `${partnerId}.key`)
  try {
    return parsePartnerKey(await readFile(path, 'utf8'))
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e
  }
  const key = generatePartnerKey(partnerId)
  await mkdir(keyDir, { recursive: true })
  await writeFile(path, key.toKeyFile(), { mode: 0o600 })
  return key
}

const [algorithms, keyDir] = process.argv.slice(2)
if (!algorithms || !keyDir) {
  console.error('usage: sign_offers.ts ALGORITHMS_DIR KEY_DIR')
  process.exit(2)
}
const offers = []
for (const entry of (await readdir(algorithms, { withFileTypes: true })).sort((a, b) =>
  a.name.localeCompare(b.name),
)) {
  if (!entry.isDirectory()) continue
  const dir = join(algorithms, entry.name)
  let manifest: { partner?: { id?: unknown }; engine?: unknown }
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))
  } catch {
    continue // not a module folder
  }
  // The browser app offers JavaScript modules; AssemblyScript ones need the compiler toolchain.
  if (manifest.engine !== 'quickjs' || typeof manifest.partner?.id !== 'string') continue
  const key = await demoKey(keyDir, manifest.partner.id)
  try {
    const bundle = await signModuleFolder(dir, key)
    offers.push({
      module: entry.name,
      partnerId: key.partnerId,
      publicKey: publicKeyFile(key.publicKey),
      bundle: Buffer.from(bundle).toString('base64'),
    })
  } catch (e) {
    // One module that does not build (a partner's work in progress) must not take the app down.
    process.stderr.write(`sign_offers: skipped ${entry.name}: ${(e as Error).message}\n`)
  } finally {
    key.dispose()
  }
}
process.stdout.write(JSON.stringify({ offers }))
