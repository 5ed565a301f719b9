/**
 * Compiles a partner's module folder into bundle code (Node only: it reads the folder).
 * JavaScript: the entry and its local imports bundled into one ES module source by esbuild; a bare
 * import (`lodash`, `node:fs`) or a path outside the folder is refused, so a bundle is
 * self-contained. AssemblyScript (`engine: wasm`): the entry compiled in memory by asc; only the
 * `.wasm` binary is kept, never JS glue. Never bytecode: QuickJS receives source.
 */

import { readFile } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { ModuleCompileError } from './errors.ts'

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`))
}

/** Bundles `entry` (inside `root`) and its relative imports into one ESM source text. */
export async function bundleJavaScript(root: string, entry: string): Promise<string> {
  const { build } = await import('esbuild')
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

/** asc flags: optimised, no JS bindings, the default incremental runtime. */
export const ASC_FLAGS: readonly string[] = [
  '--optimizeLevel',
  '3',
  '--shrinkLevel',
  '0',
  '--noColors',
]

/** Compiles an AssemblyScript `entry` (inside `root`) to WebAssembly bytes, all in memory. */
export async function compileAssemblyScript(root: string, entry: string): Promise<Uint8Array> {
  const asc = (await import('assemblyscript/asc')).default
  const dir = resolve(root)
  const entryPath = resolve(dir, entry)
  if (!inside(dir, entryPath))
    throw new ModuleCompileError(`entry ${entry} is outside the module folder`)
  let binary: Uint8Array | undefined
  const errors: string[] = []
  const sink = { write: (s: string | Uint8Array) => void errors.push(String(s)) }
  const result = await asc.main(
    [relative(dir, entryPath), '--outFile', 'module.wasm', ...ASC_FLAGS],
    {
      stdout: { write: () => undefined },
      stderr: sink,
      async readFile(filename, baseDir) {
        const path = resolve(dir, baseDir, filename)
        // Only sources inside the folder; a partner's asconfig.json may not change our flags.
        if (!inside(dir, path) || filename.endsWith('asconfig.json')) return null
        try {
          return await readFile(path, 'utf8')
        } catch {
          return null
        }
      },
      writeFile(filename, contents) {
        if (filename.endsWith('.wasm') && contents instanceof Uint8Array) binary = contents
      },
      listFiles: () => [],
    },
  )
  if (result.error || !binary) {
    const detail =
      errors
        .join('')
        .split('\n')
        .find((l) => /ERROR/.test(l)) ?? result.error?.message
    throw new ModuleCompileError(`AssemblyScript did not compile: ${detail ?? 'no output'}`, {
      cause: result.error ?? undefined,
    })
  }
  return binary
}
