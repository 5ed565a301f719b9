/**
 * Compiles a partner's module folder into bundle code (Node only: it reads the folder).
 * JavaScript: the entry and its local imports bundled into one ES module source by esbuild; a bare
 * import (`lodash`, `node:fs`) or a path outside the folder is refused, so a bundle is
 * self-contained. AssemblyScript (`engine: wasm`): the entry compiled in memory by asc; only the
 * `.wasm` binary is kept, never JS glue. Never bytecode: QuickJS receives source.
 */

import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importPeer } from '../../sandbox/_peer.ts'
import type { Manifest } from '../manifest/types.ts'
import { ModuleCompileError } from './errors.ts'
import { readCappedFile } from './file.ts'
import { DEFAULT_BUNDLE_LIMITS } from './format.ts'
import { SealpostError } from '../../sandbox/errors.ts'

/** The package's own root: `sealpost/guest` resolves inside it, wherever the module folder lives. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The guest standard library a JavaScript module may import as `sealpost/guest` (inlined). */
export const GUEST_LIBRARY_DIR = resolve(PACKAGE_ROOT, 'guest')
// From the sources its TypeScript, compiled (the published package) its JavaScript.
const GUEST_ENTRY = resolve(
  GUEST_LIBRARY_DIR,
  import.meta.url.endsWith('.ts') ? 'index.ts' : 'index.js',
)

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`))
}

/** JavaScript bundled for a run, with the source map that turns `module.js:L:C` back into the partner's files. */
export interface BundledJavaScript {
  readonly code: string
  /** esbuild's source map (version 3) of `code`, paths relative to the module folder. */
  readonly sourceMap: string
}

/**
 * Bundles `entry` (inside `root`) and its relative imports, plus `sealpost/guest` when imported,
 * into one ESM source text: what is signed stays one self-contained file.
 */
export async function bundleJavaScript(root: string, entry: string): Promise<string> {
  return (await bundleJavaScriptWithMap(root, entry)).code
}

/** `bundleJavaScript` with its source map, for `bundle test`'s file:line in guest errors. */
export async function bundleJavaScriptWithMap(
  root: string,
  entry: string,
): Promise<BundledJavaScript> {
  const { build } = await importPeer(
    'esbuild',
    'building a JavaScript module',
    () => import('esbuild'),
  )
  const dir = resolve(root)
  const entryPath = resolve(dir, entry)
  if (!inside(dir, entryPath))
    throw new ModuleCompileError(`entry ${entry} is outside the module folder`)
  let result
  try {
    result = await build({
      entryPoints: [entryPath],
      absWorkingDir: dir,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
      outfile: 'module.js',
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'silent',
      charset: 'utf8',
      legalComments: 'none',
      plugins: [
        {
          name: 'sealpost-self-contained',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              if (args.kind === 'entry-point') return undefined
              const p = args.path
              // The guest library is inlined like a local file (`import { monthKey } from 'sealpost/guest'`).
              if (p === 'sealpost/guest') return { path: GUEST_ENTRY }
              if (!p.startsWith('./') && !p.startsWith('../') && !p.startsWith('/')) {
                return {
                  errors: [
                    {
                      text: `bare import '${p}' refused: a module must be self-contained (only 'sealpost/guest' is inlined)`,
                    },
                  ],
                }
              }
              const target = resolve(args.resolveDir, p)
              if (inside(GUEST_LIBRARY_DIR, args.importer) && inside(GUEST_LIBRARY_DIR, target))
                return undefined
              if (!inside(dir, target)) {
                return { errors: [{ text: `import '${p}' reaches outside the module folder` }] }
              }
              return undefined
            })
          },
        },
      ],
    })
  } catch (e) {
    const first = (e as { errors?: { text: string }[] }).errors?.[0]?.text
    throw new ModuleCompileError(first ?? `cannot bundle ${entry}`, { cause: e })
  }
  const out = result.outputFiles.find((f) => f.path.endsWith('.js'))
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'))
  if (!out || !map) throw new ModuleCompileError(`esbuild produced no output for ${entry}`)
  // The trailing `//# sourceMappingURL=` comment is for tools; the signed code does not carry it.
  const code = out.text.replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, '\n')
  return { code, sourceMap: map.text }
}

/**
 * Compiles an AssemblyScript `entry` (inside `root`) to WebAssembly bytes with the wasm engine's
 * own compiler settings (imported, bounded memory; no JS glue), so a bundle holds exactly what the
 * engine admits; a module it would refuse fails here, with the reason.
 */
export async function compileAssemblyScript(
  root: string,
  entry: string,
  options: CompileModuleOptions = {},
): Promise<Uint8Array> {
  const dir = resolve(root)
  const entryPath = resolve(dir, entry)
  if (!inside(dir, entryPath))
    throw new ModuleCompileError(`entry ${entry} is outside the module folder`)
  const { compileAssemblyScript: compileForEngine } = await import('../../sandbox/wasm/compile.ts')
  try {
    return await compileForEngine(
      entryPath,
      options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir },
    )
  } catch (e) {
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e)
    throw new ModuleCompileError(`AssemblyScript did not compile: ${detail}`, { cause: e })
  }
}

export interface CompileModuleOptions {
  /** Keep compiled AssemblyScript binaries here, reused while their sources are unchanged. */
  readonly cacheDir?: string
}

/**
 * The code a bundle of this manifest carries, compiled from the folder exactly as
 * `sealpost bundle build` does: JavaScript bundled into one ES module; AssemblyScript compiled to
 * wasm (an entry ending in `.wasm` is taken as already compiled).
 */
export async function compileModuleCode(
  root: string,
  manifest: Pick<Manifest, 'engine' | 'entry'>,
  options: CompileModuleOptions = {},
): Promise<{ code: string | Uint8Array; sourceMap?: string }> {
  if (manifest.engine === 'quickjs') return bundleJavaScriptWithMap(root, manifest.entry)
  const dir = resolve(root)
  const entryPath = resolve(dir, manifest.entry)
  if (!inside(dir, entryPath))
    throw new ModuleCompileError(`entry ${manifest.entry} is outside the module folder`)
  if (manifest.entry.endsWith('.wasm')) {
    try {
      return { code: await readCappedFile(entryPath, DEFAULT_BUNDLE_LIMITS.maxPayloadBytes) }
    } catch (e) {
      if (e instanceof SealpostError) throw e
      throw new ModuleCompileError(`cannot read the entry ${manifest.entry} in ${dir}`, {
        cause: e,
      })
    }
  }
  return { code: await compileAssemblyScript(root, manifest.entry, options) }
}
