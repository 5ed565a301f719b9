/**
 * Loads a partner's module folder (`manifest.json`, the entry compiled as `bundle build` compiles
 * it, JSON assets) as a runnable, unsigned bundle: the partner's edit-run loop and the reference modules' tests. Node only.
 * Installing in a vault always goes through a signed bundle instead.
 */

import { readCappedFile } from '../bundle/file.ts'
import { DEFAULT_BUNDLE_LIMITS } from '../bundle/format.ts'
import { join, resolve } from 'node:path'
import { sha256Hex, stableJson } from '../digest.ts'
import { ModuleLoadError } from '../errors.ts'
import { buildBundle, type BuildOptions } from '../bundle/build.ts'
import { bundleJavaScript, compileAssemblyScript } from '../bundle/compile.ts'
import type { PartnerKey } from '../bundle/keys.ts'
import { parseManifest } from '../manifest/index.ts'
import type { Manifest } from '../manifest/types.ts'
import type { RunnableBundle } from '../pipeline/types.ts'

async function readText(path: string, what: string): Promise<string> {
  try {
    return new TextDecoder().decode(
      await readCappedFile(path, DEFAULT_BUNDLE_LIMITS.maxPayloadBytes),
    )
  } catch (e) {
    throw new ModuleLoadError(`cannot read ${what} at ${path}`, { cause: e })
  }
}

/**
 * Reads a module folder, validating its manifest (`parseManifest` unless another validator is
 * given). The digest is the SHA-256 of the manifest, code and assets, prefixed `dev-` so it can never be
 * mistaken for a signed bundle's digest.
 */
export async function loadModuleFolder(
  dir: string,
  validate: (raw: unknown) => Manifest = (raw) => parseManifest(raw),
): Promise<RunnableBundle> {
  const root = resolve(dir)
  let raw: unknown
  try {
    raw = JSON.parse(await readText(join(root, 'manifest.json'), 'manifest'))
  } catch (e) {
    if (e instanceof ModuleLoadError) throw e
    throw new ModuleLoadError(`manifest.json in ${root} is not valid JSON`, { cause: e })
  }
  const manifest = validate(raw)
  const entryPath = resolve(root, manifest.entry)
  if (!entryPath.startsWith(root))
    throw new ModuleLoadError('the entry must be inside the module folder')
  const code =
    manifest.engine === 'wasm'
      ? await readCappedFile(entryPath, DEFAULT_BUNDLE_LIMITS.maxPayloadBytes)
      : await readText(entryPath, 'entry file')
  const assets: Record<string, unknown> = {}
  for (const name of manifest.assets ?? []) {
    const path = resolve(root, name)
    if (!path.startsWith(root))
      throw new ModuleLoadError(`asset '${name}' is outside the module folder`)
    try {
      assets[name] = JSON.parse(await readText(path, `asset ${name}`))
    } catch (e) {
      if (e instanceof ModuleLoadError) throw e
      throw new ModuleLoadError(`asset '${name}' is not valid JSON`, { cause: e })
    }
  }
  const digest =
    'dev-' +
    sha256Hex(
      stableJson({
        manifest,
        code: sha256Hex(typeof code === 'string' ? code : code),
        assets,
      }),
    )
  return { manifest, code, assets, digest }
}

/**
 * Compiles and signs a module folder into bundle bytes (what `sealpost bundle build` writes):
 * for demos, tests and hosts that ship reference bundles.
 */
export async function signModuleFolder(
  dir: string,
  key: PartnerKey,
  options: BuildOptions = {},
): Promise<Uint8Array> {
  const root = resolve(dir)
  const raw: unknown = JSON.parse(await readText(join(root, 'manifest.json'), 'manifest'))
  const manifest = parseManifest(raw)
  const code =
    manifest.engine === 'quickjs'
      ? await bundleJavaScript(root, manifest.entry)
      : manifest.entry.endsWith('.wasm')
        ? await readCappedFile(resolve(root, manifest.entry), DEFAULT_BUNDLE_LIMITS.maxPayloadBytes)
        : await compileAssemblyScript(root, manifest.entry)
  const assets: Record<string, Uint8Array> = {}
  for (const name of manifest.assets ?? []) {
    const path = resolve(root, name)
    if (!path.startsWith(root))
      throw new ModuleLoadError(`asset '${name}' is outside the module folder`)
    assets[name] = await readCappedFile(path, DEFAULT_BUNDLE_LIMITS.maxPayloadBytes)
  }
  return buildBundle({ manifest: raw, code, assets }, key, options)
}
