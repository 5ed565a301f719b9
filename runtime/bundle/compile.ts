/**
 * Compiles a partner's module folder into bundle code (Node only: it reads the folder).
 * JavaScript: the entry and its local imports bundled into one ES module source by esbuild; a bare
 * import (`lodash`, `node:fs`) or a path outside the folder is refused, so a bundle is
 * self-contained. AssemblyScript (`engine: wasm`): the entry compiled in memory by asc; only the
 * `.wasm` binary is kept, never JS glue. Never bytecode: QuickJS receives source.
 */

import { isAbsolute, relative, resolve, sep } from 'node:path'
import { importPeer } from '../../sandbox/_peer.ts'
import { ModuleCompileError } from './errors.ts'

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`))
}

/** Bundles `entry` (inside `root`) and its relative imports into one ESM source text. */
export async function bundleJavaScript(root: string, entry: string): Promise<string> {
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
              if (!p.startsWith('./') && !p.startsWith('../') && !p.startsWith('/')) {
                return {
                  errors: [{ text: `bare import '${p}' refused: a module must be self-contained` }],
                }
              }
              if (!inside(dir, resolve(args.resolveDir, p))) {
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
  const out = result.outputFiles[0]
  if (!out) throw new ModuleCompileError(`esbuild produced no output for ${entry}`)
  return out.text
}

/**
 * Compiles an AssemblyScript `entry` (inside `root`) to WebAssembly bytes with the wasm engine's
 * own compiler settings (imported, bounded memory; no JS glue), so a bundle holds exactly what the
 * engine admits; a module it would refuse fails here, with the reason.
 */
export async function compileAssemblyScript(root: string, entry: string): Promise<Uint8Array> {
  const dir = resolve(root)
  const entryPath = resolve(dir, entry)
  if (!inside(dir, entryPath))
    throw new ModuleCompileError(`entry ${entry} is outside the module folder`)
  const { compileAssemblyScript: compileForEngine } = await import('../../sandbox/wasm/compile.ts')
  try {
    return await compileForEngine(entryPath)
  } catch (e) {
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e)
    throw new ModuleCompileError(`AssemblyScript did not compile: ${detail}`, { cause: e })
  }
}
