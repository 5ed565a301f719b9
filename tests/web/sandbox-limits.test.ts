/**
 * Browser Workers have no `resourceLimits`: in Chromium, the sandbox must still end a guest that
 * blows its heap or never stops with a typed error, and the page must live on — QuickJS's memory
 * limit, the wasm memory maximum, the interrupt-driven soft deadline, and terminate-and-respawn of
 * the Worker at the hard deadline. A Worker that allocates on its own heap (a bug in the Worker,
 * not a guest) is terminated at the hard deadline too, and the page keeps running.
 */
import { createServer, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostileModule } from '../hostile/_wasm.ts'
import { CHROMIUM_PATH, hasChromium, repoRoot } from './_browser.ts'

let server: Server | undefined
let context: BrowserContext | undefined
let profile: string | undefined
let page: Page

/** The `?url` import of the QuickJS wasm (Vite syntax) as the path this server serves it at. */
const wasmUrl: Plugin = {
  name: 'wasm-url',
  setup(b) {
    b.onResolve({ filter: /\?url$/ }, () => ({ path: 'quickjs-url', namespace: 'stub' }))
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export default "/quickjs.wasm"',
    }))
  },
}

async function bundle(entry: string): Promise<Uint8Array> {
  const out = await build({
    entryPoints: [join(repoRoot, entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['sealpost-source', 'browser'],
    write: false,
    logLevel: 'silent',
    plugins: [wasmUrl],
  })
  return out.outputFiles[0]!.contents
}

beforeAll(async () => {
  if (!hasChromium) return
  const files: Record<string, [string, Uint8Array | string]> = {
    '/page.js': ['text/javascript', await bundle('tests/web/_sandbox_page.ts')],
    '/worker.js': ['text/javascript', await bundle('sandbox/_browser_worker_main.ts')],
    '/quickjs.wasm': [
      'application/wasm',
      readFileSync(
        createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm'),
      ),
    ],
    '/': [
      'text/html',
      '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>',
    ],
  }
  server = createServer((req, res) => {
    const [type, body] = files[req.url ?? '/'] ?? files['/']!
    res.writeHead(200, { 'content-type': type })
    res.end(body)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
  profile = await mkdtemp(join(tmpdir(), 'sealpost-sandbox-limits-'))
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  page = context.pages()[0] ?? (await context.newPage())
  await page.goto(url)
  await page.waitForFunction(() => 'sealpostSandbox' in globalThis)
}, 120_000)

afterAll(async () => {
  await context?.close()
  await new Promise((r) => (server ? server.close(r) : r(undefined)))
  if (profile) await rm(profile, { recursive: true, force: true })
})

interface Ended {
  readonly ok: boolean
  readonly code?: string
  readonly hard?: boolean
  readonly output?: string
  readonly workersStarted: number
}
interface SandboxPage {
  js(code: string): Promise<Ended>
  wasm(bytes: number[]): Promise<Ended>
  heapBomb(deadlineMs: number): Promise<Ended>
  ticks(): number
}
type PageGlobal = { sealpostSandbox: SandboxPage }

const js = (code: string) =>
  page.evaluate((c) => (globalThis as unknown as PageGlobal).sealpostSandbox.js(c), code)
const wasm = (bytes: Uint8Array) =>
  page.evaluate((b) => (globalThis as unknown as PageGlobal).sealpostSandbox.wasm(b), [...bytes])
const ticks = () =>
  page.evaluate(() => (globalThis as unknown as PageGlobal).sealpostSandbox.ticks())

/** The page still runs its own timers and answers: its thread was never taken. */
async function pageLives(): Promise<void> {
  const before = await ticks()
  await new Promise((r) => setTimeout(r, 300))
  expect(await ticks()).toBeGreaterThan(before)
}

describe.skipIf(!hasChromium)('the browser sandbox in Chromium', () => {
  it('runs a module, then ends a QuickJS heap blow-up at its memory limit', async () => {
    expect(await js('export function analyze() { return 6 * 7 }')).toMatchObject({
      ok: true,
      output: '42',
    })
    const r = await js(
      'export function analyze() { const a = []; for (;;) a.push(new Float64Array(1 << 20)) }',
    )
    expect(r).toMatchObject({ ok: false, code: 'SEALPOST_GUEST_OUT_OF_MEMORY', hard: false })
    await pageLives()
  })

  it('ends a string-doubling bomb and a deep recursion with their codes', async () => {
    const bomb = await js('export function analyze() { let s = "x"; for (;;) s = s + s }')
    expect(bomb).toMatchObject({ ok: false, code: 'SEALPOST_GUEST_OUT_OF_MEMORY' })
    const deep = await js(
      'export function analyze() { const f = (n) => f(n + 1) + 1; return f(0) }',
    )
    expect(deep).toMatchObject({ ok: false, code: 'SEALPOST_GUEST_STACK_OVERFLOW' })
    await pageLives()
  })

  it('keeps a wasm module inside its declared memory maximum', async () => {
    // loop { memory.grow 1 != -1 → again } then read past the end: the grow stops at the
    // maximum (16 pages) and the out-of-bounds load traps.
    const grow = hostileModule({
      analyzePrefix: [
        ...[0x03, 0x40, 0x41, 0x01, 0x40, 0x00, 0x41, 0x7f, 0x47, 0x0d, 0x00, 0x0b],
        ...[0x41, 0x80, 0x80, 0xc0, 0x00, 0x28, 0x02, 0x00, 0x1a],
      ],
    })
    const r = await wasm(grow)
    expect(r.ok).toBe(false)
    expect(r.code).toMatch(/^SEALPOST_GUEST_(ERROR|OUT_OF_MEMORY)$/)
    await pageLives()
  })

  it('stops a JavaScript endless loop at the soft deadline, in the same Worker', async () => {
    const before = (await js('export function analyze() { return 1 }')).workersStarted
    const r = await js('export function analyze() { for (;;) { try { for (;;) {} } catch {} } }')
    expect(r).toMatchObject({ ok: false, code: 'SEALPOST_GUEST_TIMEOUT', hard: false })
    expect(r.workersStarted).toBe(before)
  })

  it('terminates a wasm endless loop at the hard deadline and respawns the Worker', async () => {
    const before = (await js('export function analyze() { return 1 }')).workersStarted
    const r = await wasm(hostileModule({ analyzePrefix: [0x03, 0x40, 0x0c, 0x00, 0x0b] }))
    expect(r).toMatchObject({ ok: false, code: 'SEALPOST_GUEST_TIMEOUT', hard: true })
    await pageLives()
    const next = await js('export function analyze() { return 2 }')
    expect(next).toMatchObject({ ok: true, output: '2', workersStarted: before + 1 })
  })

  it('terminates a Worker that allocates on its own heap at the hard deadline; the page lives', async () => {
    // Nothing a guest does reaches the Worker's own heap (QuickJS and wasm guests live in bounded
    // wasm memories). A Worker bug that does is ended at the hard deadline (the default 2 s +
    // 250 ms here). Past it, Chromium would crash the whole page: with a 60 s deadline this
    // stand-in took the tab down ("Target crashed") about 13 s in, since browser Workers have no
    // resourceLimits.
    const r = await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).sealpostSandbox.heapBomb(2_000),
    )
    expect(r).toMatchObject({ ok: false, code: 'SEALPOST_GUEST_TIMEOUT', hard: true })
    await pageLives()
    expect(await js('export function analyze() { return 3 }')).toMatchObject({ output: '3' })
  }, 120_000)
})
