/**
 * sealpost as a host app meets it: the packed tarball installed offline into a fresh app, then
 * (a) the embedding example run by package name in plain .mjs on Node, (b) a strict TypeScript
 * host type-checked without the DOM library, (c) a browser host bundled with esbuild and with Vite
 * and run in Chromium to a sealed answer in a Worker. It also records what the install weighs.
 */
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { promisify } from 'node:util'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildBundle, generatePartnerKey, publicKeyFile } from '../../runtime/bundle/index.ts'
import { openEnvelope } from '../../runtime/delivery/index.ts'
import type { SealedEnvelope } from '../../runtime/delivery/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { CHROMIUM_PATH, hasChromium } from '../web/_browser.ts'
import { installIntoFreshApp, repoRoot, sizeOf, type InstalledApp } from './_consumer.ts'

const run = promisify(execFile)
const SETUP_TIMEOUT = 300_000
const SPORT = 'com.stridewear.favorite-sport'
let app: InstalledApp

beforeAll(async () => {
  app = await installIntoFreshApp()
  mkdirSync(join(repoRoot, 'tests/artifacts'), { recursive: true })
}, SETUP_TIMEOUT)

afterAll(() => rmSync(app.dir, { recursive: true, force: true }))

describe('the installed package', () => {
  it('installs only the runtime: no partner toolchain, relay, TypeScript loader or sql.js', () => {
    const modules = join(app.dir, 'node_modules')
    for (const absent of [
      'esbuild',
      'assemblyscript',
      'binaryen',
      'tsx',
      'typescript',
      'hono',
      '@electric-sql/pglite',
      'pg',
      'sql.js',
    ]) {
      expect(existsSync(join(modules, absent)), absent).toBe(false)
    }
    expect(existsSync(join(modules, 'sealpost/dist/entries/host.js'))).toBe(true)
    const sealpostBytes = sizeOf(join(modules, 'sealpost'))
    writeFileSync(
      join(repoRoot, 'tests/artifacts/package-install.json'),
      JSON.stringify(
        { installBytes: app.installBytes, sealpostBytes, packages: app.packages },
        null,
        2,
      ),
    )
    expect(app.installBytes).toBeLessThan(40 * 1024 * 1024)
    expect(app.installBytes).toBeGreaterThan(sealpostBytes)
  })

  it('ships no TypeScript sources, tests or fixtures', async () => {
    const { stdout } = await run('tar', ['tzf', app.tarball], { maxBuffer: 16 << 20 })
    const files = stdout.split('\n').filter(Boolean)
    expect(files).toContain('package/LICENSE')
    expect(files).toContain('package/dist/sandbox/browser-worker.js')
    expect(files).toContain('package/dist/sandbox/quickjs.wasm')
    // AssemblyScript sources of the reference modules are module sources, not ours to compile.
    const sources = files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))
    expect(
      sources.filter((f) => !/^package\/dist\/algorithms\/[\w-]+\/assembly\//.test(f)),
    ).toEqual([])
    expect(files.filter((f) => /(^|\/)(tests|fixtures)\//.test(f))).toEqual([])
  })

  it('runs the embedding example by package name in plain .mjs on Node', async () => {
    cpSync(join(repoRoot, 'examples/embed.mjs'), join(app.dir, 'embed.mjs'))
    const { stdout } = await run(process.execPath, ['embed.mjs'], { cwd: app.dir })
    const result = JSON.parse(stdout)
    expect(result.contract).toMatch(
      /^StrideWear \(stridewear\) asks to run com\.stridewear\.shoe-size/,
    )
    expect(result.output).toEqual({ euSize: 42 })
    expect(result.opened).toEqual(result.output)
    expect(result.totalCents).toBe(10)
  })

  it('runs its CLI as compiled JavaScript', async () => {
    const { stdout } = await run(join(app.dir, 'node_modules/.bin/sealpost'), ['--version'], {
      cwd: app.dir,
    })
    expect(stdout.trim()).toMatch(/^sealpost \d+\.\d+\.\d+$/)
    const help = await run(join(app.dir, 'node_modules/.bin/sealpost'), ['audit', '--help'])
    expect(help.stdout).toContain('usage: sealpost audit')
  })

  it('runs a bundle with its installed CLI: the bundled commands and sandbox Worker', async () => {
    const bin = join(app.dir, 'node_modules/.bin/sealpost')
    const dir = join(app.dir, 'person')
    mkdirSync(dir)
    const partner = generatePartnerKey('stridewear')
    const sport = await loadModuleFolder(join(repoRoot, 'algorithms/favorite-sport'))
    const bundle = buildBundle({ manifest: sport.manifest, code: sport.code as string }, partner)
    writeFileSync(join(dir, 'favorite-sport.bundle'), bundle)
    writeFileSync(join(dir, 'stridewear.pub'), publicKeyFile(partner.publicKey))
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SEALPOST_PASSPHRASE: 'host app',
      SEALPOST_NOW: '2026-01-02T09:00:00Z',
    }
    // Nothing of the checkout may help: no TypeScript loader, no source fallback.
    delete env['SEALPOST_DIST']
    delete env['NODE_OPTIONS']
    const cli = (args: string[]) => run(bin, args, { cwd: dir, env })
    await cli(['vault', 'init', 'vault', '--scrypt-n', '1024'])
    await cli(['vault', 'generate', 'vault', '--scale', '0.1'])
    await cli(['trust', 'vault', 'stridewear.pub'])
    await cli(['install', 'vault', 'favorite-sport.bundle'])
    await cli(['consent', 'vault', SPORT, '--recurring', '--yes'])
    const { stdout } = await cli(['run', 'vault', SPORT, '--json'])
    const outcome = JSON.parse(stdout) as { envelope: SealedEnvelope | null; output: unknown }
    expect(outcome.output).toEqual({ favoriteSport: expect.any(String) })
    expect(outcome.envelope?.to).toBe('stridewear')
    const modules = join(app.dir, 'node_modules/sealpost/dist')
    // The CLI is one bundle split by command, and the Worker one file: few modules to load.
    expect(existsSync(join(modules, 'cli/sealpost.js'))).toBe(true)
    expect(readFileSync(join(modules, 'sandbox/_node_worker_main.js'), 'utf8')).not.toMatch(
      /^import .* from '\.\.?\//m,
    )
  }, 120_000)

  it('says which optional peer a partner feature needs', async () => {
    const script = `import { signModuleFolder, generatePartnerKey } from 'sealpost/partner'
      try { await signModuleFolder('node_modules/sealpost/dist/algorithms/shoe-size', generatePartnerKey('stridewear')) }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }`
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: app.dir,
    })
    expect(JSON.parse(stdout)).toEqual({
      code: 'SEALPOST_MISSING_PEER',
      message: 'building a JavaScript module needs the package esbuild: npm install esbuild',
    })
  })

  it('type-checks a strict TypeScript host without the DOM library', async () => {
    for (const f of ['host.ts', 'tsconfig.json'])
      cpSync(join(repoRoot, 'tests/package/app', f), join(app.dir, f))
    const config = JSON.parse(readFileSync(join(app.dir, 'tsconfig.json'), 'utf8'))
    // Node's own types, as a Node host has them installed.
    config.compilerOptions.typeRoots = [join(repoRoot, 'node_modules/@types')]
    writeFileSync(join(app.dir, 'tsconfig.json'), JSON.stringify(config))
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc')
    const r = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app.dir }).catch(
      (e: { stdout: string }) => ({ stdout: e.stdout, failed: true }),
    )
    expect(r.stdout).toBe('')
  })
})

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
}

/** Serves `dir` on 127.0.0.1 (a random port). */
async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(
      join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)),
    )
    const file = path.endsWith('/') ? join(path, 'index.html') : path
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    })
    res.end(readFileSync(file))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return { url: `http://127.0.0.1:${address.port}/`, server }
}

describe.skipIf(!hasChromium)('a browser host app (Chromium)', () => {
  const partner = generatePartnerKey('stridewear')
  let bundle: Uint8Array
  const servers: Server[] = []
  const browser = hasChromium
    ? chromium.launch({
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu'],
      })
    : undefined

  beforeAll(async () => {
    const shoe = await loadModuleFolder(join(repoRoot, 'algorithms/shoe-size'))
    bundle = buildBundle({ manifest: shoe.manifest, code: shoe.code as string }, partner)
    for (const f of ['index.html', 'main.js', 'host-worker.js']) {
      cpSync(join(repoRoot, 'tests/package/app', f), join(app.dir, 'web', f))
    }
  }, SETUP_TIMEOUT)

  afterAll(async () => {
    for (const s of servers) s.close()
    await (await browser)?.close()
  })

  /** Serves a built app with the partner's files, and waits for the Worker's sealed answer. */
  async function runInChromium(outDir: string): Promise<void> {
    writeFileSync(join(outDir, 'shoe-size.bundle'), bundle)
    writeFileSync(join(outDir, 'stridewear.pub'), publicKeyFile(partner.publicKey))
    const { url, server } = await serve(outDir)
    servers.push(server)
    const page = await (await browser)!.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(url)
    await page.waitForFunction(
      () => (window as { sealpostResult?: unknown }).sealpostResult,
      null,
      {
        timeout: 60_000,
      },
    )
    const result = (await page.evaluate(
      () => (window as { sealpostResult?: unknown }).sealpostResult,
    )) as {
      ok: boolean
      error?: string
      output?: unknown
      envelope?: SealedEnvelope
    }
    await page.close()
    expect(result.error).toBeUndefined()
    expect(errors).toEqual([])
    expect(result.output).toEqual({ euSize: 42 })
    // Sealed in the browser; only the partner's key opens it.
    expect((await openEnvelope(result.envelope!, partner.sealingSecret())).output).toEqual({
      euSize: 42,
    })
  }

  it('bundled with esbuild (the sandbox worker and wasm copied beside the bundle)', async () => {
    const { build } = await import('esbuild')
    const web = join(app.dir, 'web')
    const outDir = join(app.dir, 'out-esbuild')
    await build({
      entryPoints: [join(web, 'main.js'), join(web, 'host-worker.js')],
      outdir: outDir,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      absWorkingDir: app.dir,
      logLevel: 'error',
    })
    cpSync(join(web, 'index.html'), join(outDir, 'index.html'))
    for (const f of ['browser-worker.js', 'quickjs.wasm']) {
      cpSync(join(app.dir, 'node_modules/sealpost/dist/sandbox', f), join(outDir, f))
    }
    await runInChromium(outDir)
  }, 120_000)

  it('bundled with Vite (workers and wasm found through new URL(…, import.meta.url))', async () => {
    const { build } = await import('vite')
    const outDir = join(app.dir, 'out-vite')
    await build({
      root: join(app.dir, 'web'),
      configFile: false,
      logLevel: 'error',
      base: './',
      worker: { format: 'es' },
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    })
    await runInChromium(outDir)
  }, 120_000)
})
