/**
 * Compiles a partner's AssemblyScript module to the WebAssembly bytes the wasm engine runs, with
 * the compiler's API in memory (Node only: it reads the sources from disk). Only the binary is
 * kept: asc is never asked for JavaScript bindings, and nothing else it writes is used. The result
 * is checked against the engine's admission rules, so a module that would be refused at run time
 * fails here, with the reason.
 *
 * ```ts
 * const wasm = await compileAssemblyScript('algorithms/favorite-sport/assembly/index.ts')
 * ```
 */

import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, parse, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importPeer } from '../_peer.ts'
import { MissingPeerError, SealpostError } from '../errors.ts'
import { DEFAULT_LIMITS, memoryPages } from '../limits.ts'
import { admitModule } from './_admit.ts'
import { WasmCompileError } from './errors.ts'

export interface CompileOptions {
  /** Source of the entry file, used instead of reading `entryPath` (which still anchors imports). */
  readonly source?: string
  /** Binaryen optimisation level, 0 to 3 (default 3: the fastest code, the slowest compile). */
  readonly optimizeLevel?: 0 | 1 | 2 | 3
  /**
   * A folder to keep compiled binaries in. A cached binary is used only while every source file
   * it was compiled from still has the same SHA-256. Absent: always compile.
   */
  readonly cacheDir?: string
  /**
   * Check the binary against the engine's admission rules (default true). Only tests of the
   * engine's own refusals turn this off.
   */
  readonly check?: boolean
}

// --importMemory: the host creates the memory, so the bound is the run's limit, not a number
// baked into the binary. The incremental runtime frees garbage during long loops.
const FIXED_FLAGS = ['--importMemory', '--runtime', 'incremental', '--noColors']
const OUT_FILE = 'module.wasm'
/** This package's root: `sealpost/guest/as` resolves here, wherever the partner's folder lives. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const PACKAGE_DIRS = ['guest', join('sandbox', 'wasm', 'as')]

/**
 * asc looks for `import … from 'sealpost/guest/as'` as `node_modules/sealpost/guest/as.ts` under
 * the base folder; such paths are answered from this package, so a module folder needs no
 * `node_modules` of its own nor a relative path into this repository.
 */
function packagePath(path: string): string {
  const marker = `${sep}node_modules${sep}sealpost${sep}`
  const at = path.lastIndexOf(marker)
  if (at === -1) return path
  const rest = path.slice(at + marker.length)
  return PACKAGE_DIRS.some((d) => rest.startsWith(d + sep)) ? join(PACKAGE_ROOT, rest) : path
}
const CACHE_FORMAT = 1

interface CacheRecord {
  readonly format: number
  readonly files: Readonly<Record<string, string>>
}

/**
 * Compiles the AssemblyScript module whose entry file is `entryPath` (exports `analyze` and
 * `output_len`, see sandbox/wasm/ABI.md); resolves with the wasm bytes or rejects with
 * WasmCompileError carrying the compiler's diagnostics.
 */
export async function compileAssemblyScript(
  entryPath: string,
  options: CompileOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof entryPath !== 'string' || entryPath === '') {
    throw new TypeError('entryPath must be a path to an AssemblyScript file')
  }
  const level = options.optimizeLevel ?? 3
  if (![0, 1, 2, 3].includes(level)) throw new RangeError('options.optimizeLevel must be 0..3')
  const entry = resolve(entryPath)
  const flags = [...FIXED_FLAGS, `-O${level}`]
  const key = sha256(
    JSON.stringify({
      asc: compilerVersion(),
      flags,
      entry,
      source: options.source ?? null,
      check: options.check ?? true,
    }),
  )
  const cached = options.cacheDir ? await readCache(options.cacheDir, key, entry, options) : null
  if (cached) return cached

  // asc resolves imports relative to the importing file; rooting it at the filesystem root lets a
  // module import the glue from anywhere (`../../../sandbox/wasm/as/sealpost`).
  const root = parse(entry).root
  const files: Record<string, string> = {}
  let binary: Uint8Array | undefined
  let diagnostics = ''
  const { default: asc } = await importPeer(
    'assemblyscript',
    'compiling AssemblyScript',
    () => import('assemblyscript/asc'),
  )
  const result = await serialized(() =>
    asc.main([relative(root, entry), '--baseDir', root, '--outFile', OUT_FILE, ...flags], {
      readFile: async (name, baseDir) => {
        if (name === 'asconfig.json') return null // the project's asc config never applies
        const path = packagePath(resolve(baseDir, name))
        let text: string
        try {
          text =
            path === entry && options.source !== undefined
              ? options.source
              : await readFile(path, 'utf8')
        } catch {
          return null
        }
        files[path] = sha256(text)
        return text
      },
      writeFile: (name, contents) => {
        if (name === OUT_FILE && contents instanceof Uint8Array) binary = contents
      },
      listFiles: () => [],
      stdout: { write: () => true },
      stderr: {
        write: (chunk: string | Uint8Array) => {
          diagnostics += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)
          return true
        },
      },
    } as Parameters<typeof asc.main>[1]),
  )
  if (result.error || !binary) {
    const first = diagnostics.split('\n').find((l) => /ERROR/.test(l)) ?? result.error?.message
    throw new WasmCompileError(
      `${entryPath} does not compile: ${(first ?? 'no binary was produced').trim()}`,
      diagnostics,
      { cause: result.error ?? undefined },
    )
  }
  const bytes = new Uint8Array(binary)
  if (options.check ?? true) checkAdmission(bytes, entryPath, diagnostics)
  if (options.cacheDir) await writeCache(options.cacheDir, key, files, bytes)
  return bytes
}

// The compiler keeps global state (binaryen's module, its option parser): one compile at a time.
let compilerQueue: Promise<unknown> = Promise.resolve()
function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = compilerQueue.then(task)
  compilerQueue = run.catch(() => undefined)
  return run
}

/** Refuses at build time what the engine would refuse at run time. */
function checkAdmission(
  bytes: Uint8Array<ArrayBuffer>,
  entryPath: string,
  diagnostics: string,
): void {
  try {
    admitModule(new WebAssembly.Module(bytes), bytes, memoryPages(DEFAULT_LIMITS.memoryBytes))
  } catch (e) {
    if (e instanceof SealpostError) {
      throw new WasmCompileError(
        `${entryPath} compiles to a module the engine refuses: ${e.message}`,
        diagnostics,
        {
          cause: e,
        },
      )
    }
    throw e
  }
}

/** The installed compiler's version, part of the cache key (read without loading the compiler). */
function compilerVersion(): string {
  try {
    const pkg = createRequire(import.meta.url)('assemblyscript/package.json') as { version: string }
    return pkg.version
  } catch (e) {
    throw new MissingPeerError('assemblyscript', 'compiling AssemblyScript', { cause: e })
  }
}

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex')
}

async function readCache(
  dir: string,
  key: string,
  entry: string,
  options: CompileOptions,
): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    const record = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as CacheRecord
    if (record.format !== CACHE_FORMAT) return null
    for (const [path, digest] of Object.entries(record.files)) {
      const text =
        path === entry && options.source !== undefined
          ? options.source
          : await readFile(path, 'utf8')
      if (sha256(text) !== digest) return null
    }
    return new Uint8Array(await readFile(join(dir, `${key}.wasm`)))
  } catch {
    return null
  }
}

async function writeCache(
  dir: string,
  key: string,
  files: Readonly<Record<string, string>>,
  bytes: Uint8Array,
): Promise<void> {
  await mkdir(dir, { recursive: true })
  // Binary first, record last, each by rename: a reader never sees a record without its binary.
  const tmp = `${process.pid}-${Date.now()}.tmp`
  await writeFile(join(dir, `${key}.wasm.${tmp}`), bytes)
  await rename(join(dir, `${key}.wasm.${tmp}`), join(dir, `${key}.wasm`))
  const record: CacheRecord = { format: CACHE_FORMAT, files }
  await writeFile(join(dir, `${key}.json.${tmp}`), JSON.stringify(record))
  await rename(join(dir, `${key}.json.${tmp}`), join(dir, `${key}.json`))
}
