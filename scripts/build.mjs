#!/usr/bin/env node
/**
 * `npm run build`: the published package in dist/.
 *
 * 1. tsc (tsconfig.build.json) emits ESM JavaScript and .d.ts for entries/, runtime/ and sandbox/,
 *    relative `.ts` imports rewritten to `.js` (in the declarations too); the collection schemas
 *    are copied as JSON modules.
 * 2. esbuild bundles the browser sandbox Worker into one file, dist/sandbox/browser-worker.js, next
 *    to the QuickJS wasm it loads (`new URL('./quickjs.wasm', import.meta.url)`), so any bundler
 *    (or none) can serve both as plain assets.
 * 3. The two browser adapters that name an asset through Vite's `?url` in the sources get the
 *    standard `new URL(…, import.meta.url)` form instead, next to a copy of the asset.
 * 4. The reference modules (without tests and fixtures) for `sealpost demo`.
 * 5. The manifest validators precompiled (ajv's standalone code: the manifest schema and the JSON
 *    Schema meta-schema output schemas are checked against) in place of their compile-on-first-use
 *    source, `#manifest-validator` in package.json `imports`.
 * 6. The CLI and the Node sandbox Worker bundled by esbuild (see bundleForNode below): a fresh
 *    `sealpost` process or Worker parses a few files instead of hundreds of small modules.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')
const require = createRequire(import.meta.url)
const PRECOMPILED_MANIFEST_VALIDATOR = join(dist, 'runtime/manifest/_manifest_validator.js')

rmSync(dist, { recursive: true, force: true })

// 1. JavaScript and declarations.
execFileSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
)

// tsc keeps `.ts` in the declarations' relative imports; a host's tsc wants the `.js` it resolves
// to the `.d.ts` beside it.
for (const file of readdirSync(dist, { recursive: true })) {
  if (!file.endsWith('.d.ts')) continue
  const path = join(dist, file)
  const text = readFileSync(path, 'utf8')
  const fixed = text.replace(/((?:from|import)\s*\(?\s*')(\.{1,2}\/[^']*)\.ts'/g, "$1$2.js'")
  if (fixed !== text) writeFileSync(path, fixed)
}

// 2. The browser sandbox Worker, self-contained.
const quickjsWasm = require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm')
await build({
  entryPoints: [join(root, 'sandbox/_browser_worker_main.ts')],
  outfile: join(dist, 'sandbox/browser-worker.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['sealpost-source', 'browser'],
  legalComments: 'inline',
  logLevel: 'warning',
  plugins: [
    {
      name: 'asset-url',
      setup(b) {
        b.onResolve({ filter: /\?url$/ }, (args) => ({ path: args.path, namespace: 'asset-url' }))
        b.onLoad({ filter: /.*/, namespace: 'asset-url' }, (args) => {
          if (!args.path.includes('quickjs-wasmfile-release-sync')) {
            throw new Error(`no asset rule for ${args.path}`)
          }
          return { contents: `export default new URL('./quickjs.wasm', import.meta.url).href` }
        })
      },
    },
  ],
})
cpSync(quickjsWasm, join(dist, 'sandbox/quickjs.wasm'))

// 3. Asset URLs in the compiled browser adapters.
function replaceOnce(file, from, to) {
  const path = join(dist, file)
  const text = readFileSync(path, 'utf8')
  if (text.split(from).length !== 2) throw new Error(`${file}: expected one '${from}'`)
  writeFileSync(path, text.replace(from, to))
}
replaceOnce(
  'sandbox/_browser_platform.js',
  "new URL('./_browser_worker_main.ts', import.meta.url)",
  "new URL('./browser-worker.js', import.meta.url)",
)
replaceOnce(
  'runtime/importers/_sql_wasm_browser.js',
  "import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';",
  "const sqlWasmUrl = new URL('./sql-wasm.wasm', import.meta.url).href;",
)
cpSync(
  join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm'),
  join(dist, 'runtime/importers/sql-wasm.wasm'),
)
// The worker sources are replaced by the bundle above.
for (const f of ['_browser_worker_main.js', '_browser_worker_main.d.ts']) {
  rmSync(join(dist, 'sandbox', f), { force: true })
}

// 4. Reference modules for the demo: manifests, code, assets.
cpSync(join(root, 'algorithms'), join(dist, 'algorithms'), {
  recursive: true,
  filter: (src) => !/(^|[\\/])fixtures$|\.test\.ts$/.test(src),
})

// 5. The manifest validators, precompiled; the generator itself is not shipped.
const generator = join(dist, 'runtime/manifest/_manifest_validator_standalone')
const { manifestValidatorModule } = await import(pathToFileURL(generator + '.js').href)
await build({
  stdin: { contents: manifestValidatorModule(), resolveDir: root, loader: 'js' },
  outfile: PRECOMPILED_MANIFEST_VALIDATOR,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  logLevel: 'warning',
})
for (const ext of ['.js', '.d.ts']) rmSync(generator + ext)

// 6. The CLI and the Node sandbox Worker, each bundled.
await bundleForNode()

if (!existsSync(join(dist, 'entries/host.js'))) throw new Error('dist/entries/host.js is missing')
console.error('built dist/')

/**
 * The CLI (`runtime/cli/main.ts`, commands split into chunks loaded when they run) into dist/cli/,
 * every chunk beside the entry, and the Node sandbox Worker into one file at the place of its tsc output,
 * dist/sandbox/_node_worker_main.js, where the host spawns it from. Dependencies stay imports of
 * node_modules (the optional peers must stay optional; their absence is reported by name).
 *
 * Each source's `import.meta.url` becomes the URL of its compiled twin in dist/, so what the code
 * finds beside itself (the Worker file, the guest library, the reference modules) resolves exactly
 * as from the tsc output, wherever the bundle's chunks sit.
 */
async function bundleForNode() {
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    conditions: ['sealpost-source'],
    legalComments: 'inline',
    logLevel: 'warning',
    plugins: [compiledTwinUrls(), precompiledManifestValidator()],
  }
  await build({
    ...common,
    entryPoints: { sealpost: join(root, 'runtime/cli/main.ts') },
    outdir: join(dist, 'cli'),
    splitting: true,
  })
  await build({
    ...common,
    entryPoints: [join(root, 'sandbox/_node_worker_main.ts')],
    outfile: join(dist, 'sandbox/_node_worker_main.js'),
    allowOverwrite: true,
  })
}

/** esbuild plugin: `#manifest-validator` is the precompiled one, not the sources' compile-on-use. */
function precompiledManifestValidator() {
  return {
    name: 'precompiled-manifest-validator',
    setup(b) {
      b.onResolve({ filter: /^#manifest-validator$/ }, () => ({
        path: PRECOMPILED_MANIFEST_VALIDATOR,
      }))
    },
  }
}

/** esbuild plugin: `import.meta.url` in a source under the root names its compiled file in dist/. */
function compiledTwinUrls() {
  return {
    name: 'compiled-twin-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8')
        if (!text.includes('import.meta.url')) return undefined
        const rel = relative(root, args.path)
        if (rel.startsWith('..')) return undefined
        // Relative to the output folder (every chunk sits in it), so the package can live anywhere.
        const out = b.initialOptions.outdir ?? dirname(b.initialOptions.outfile)
        const from = relative(out, join(dist, rel.replace(/\.ts$/, '.js')))
        return {
          contents: text.replaceAll(
            'import.meta.url',
            `new URL(${JSON.stringify(from.split(sep).join('/'))}, import.meta.url).href`,
          ),
          loader: 'ts',
        }
      })
    },
  }
}
