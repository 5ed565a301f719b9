/**
 * Loads a partner's module folder (`manifest.json`, the entry compiled as `bundle build` compiles
 * it, JSON assets) as a runnable, unsigned bundle: the partner's edit-run loop and the reference modules' tests. Node only.
 * Installing in a vault always goes through a signed bundle instead.
 */

import { readCappedFile } from '../bundle/file.ts'
import { DEFAULT_BUNDLE_LIMITS } from '../bundle/format.ts'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { sha256Hex, stableJson } from '../digest.ts'
import { ModuleLoadError } from '../errors.ts'
import { buildBundle, type BuildOptions } from '../bundle/build.ts'
import { compileModuleCode } from '../bundle/compile.ts'
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

/** Compiled AssemblyScript is kept here between runs of `bundle test` (keyed by source digests). */
const DEV_CACHE_DIR = join(tmpdir(), 'sealpost-dev-cache')

/** A module folder loaded for local runs: a runnable bundle plus what maps errors back to files. */
export interface DevBundle extends RunnableBundle {
  /** The folder it was loaded from (absolute). */
  readonly root: string
  /** Source map of the bundled JavaScript (quickjs engine only). */
  readonly sourceMap?: string
}

/**
 * Reads a module folder, validating its manifest (`parseManifest` unless another validator is
 * given) and compiling its entry exactly as `bundle build` does (JavaScript bundled with its local
 * imports and `sealpost/guest`; AssemblyScript compiled to wasm). The digest is the SHA-256 of the
 * manifest, code and assets, prefixed `dev-` so it can never be mistaken for a signed bundle's digest.
 */
export async function loadModuleFolder(
  dir: string,
  validate: (raw: unknown) => Manifest = (raw) => parseManifest(raw),
): Promise<DevBundle> {
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
  const { code, sourceMap } = await compileModuleCode(root, manifest, { cacheDir: DEV_CACHE_DIR })
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
        code: sha256Hex(code),
        assets,
      }),
    )
  return { manifest, code, assets, digest, root, ...(sourceMap === undefined ? {} : { sourceMap }) }
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
  const { code } = await compileModuleCode(root, manifest)
  const assets: Record<string, Uint8Array> = {}
  for (const name of manifest.assets ?? []) {
    const path = resolve(root, name)
    if (!path.startsWith(root))
      throw new ModuleLoadError(`asset '${name}' is outside the module folder`)
    assets[name] = await readCappedFile(path, DEFAULT_BUNDLE_LIMITS.maxPayloadBytes)
  }
  return buildBundle({ manifest: raw, code, assets }, key, options)
}
