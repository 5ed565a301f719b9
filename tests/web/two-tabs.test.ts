/**
 * Two Chromium tabs write one IndexedDB vault at the same time. Each tab's documents and every
 * increment of a shared counter (a read-modify-write transaction) must be there afterwards: the
 * writer lock (Web Locks) and the guarded manifest publish leave no lost update.
 */
import { createServer, type Server } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { chromium, type BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_PATH, hasChromium, repoRoot } from './_browser.ts'

const ROUNDS = 12
let server: Server | undefined
let context: BrowserContext | undefined
let profile: string | undefined
let url = ''

beforeAll(async () => {
  if (!hasChromium) return
  const bundle = await build({
    entryPoints: [join(repoRoot, 'tests/web/_two_tabs_page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['sealpost-source'],
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        // The folder backend is Node only; this page never opens one.
        name: 'no-fs',
        setup(b) {
          b.onResolve({ filter: /_fs_storage\.ts$/ }, () => ({ path: 'no-fs', namespace: 'stub' }))
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
            contents: 'export function createFsStorage() { throw new Error("no folders here") }',
          }))
        },
      },
    ],
  })
  const script = bundle.outputFiles[0]!.contents
  const page = '<!doctype html><meta charset="utf-8"><script type="module" src="/tabs.js"></script>'
  server = createServer((req, res) => {
    if (req.url === '/tabs.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' })
      res.end(script)
    } else {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(page)
    }
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
  profile = await mkdtemp(join(tmpdir(), 'sealpost-two-tabs-'))
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
}, 60_000)

afterAll(async () => {
  await context?.close()
  await new Promise((r) => (server ? server.close(r) : r(undefined)))
  if (profile) await rm(profile, { recursive: true, force: true })
})

/** The page's API (`_two_tabs_page.ts`), as seen from page.evaluate callbacks. */
interface Tabs {
  hasWebLocks(): boolean
  create(): Promise<string>
  work(tab: string, n: number): Promise<number>
  check(): Promise<{ docs: string[]; counter: unknown; readable: number }>
}
/** The page's global (callbacks run in the page, so they reach it through `globalThis`). */
type PageGlobal = { sealpostTabs: Tabs }

describe.skipIf(!hasChromium)('two browser tabs on one IndexedDB vault', () => {
  it('lose nothing when they write at the same time', async () => {
    const [a, b] = [await context!.newPage(), await context!.newPage()]
    const errors: string[] = []
    for (const p of [a, b]) {
      p.on('pageerror', (e) => errors.push(e.message))
      p.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text())
      })
      await p.goto(url)
      await p.waitForFunction(() => 'sealpostTabs' in globalThis)
    }
    const tabs = (g: typeof globalThis): Tabs =>
      (g as unknown as { sealpostTabs: Tabs }).sealpostTabs
    expect(
      await a.evaluate(() => (globalThis as unknown as PageGlobal).sealpostTabs.hasWebLocks()),
    ).toBe(true)
    await a.evaluate(() => (globalThis as unknown as PageGlobal).sealpostTabs.create())
    const generations = await Promise.all(
      [a, b].map((p, i) =>
        p
          .evaluate(([tab, n]) => (globalThis as unknown as PageGlobal).sealpostTabs.work(tab, n), [
            i === 0 ? 'a' : 'b',
            ROUNDS,
          ] as const)
          .catch((e: Error) => `tab ${i} failed: ${e.message}`),
      ),
    )
    const seen = await b.evaluate(() => (globalThis as unknown as PageGlobal).sealpostTabs.check())
    const want = ['a', 'b'].flatMap((t) =>
      Array.from({ length: ROUNDS }, (_, i) => `tab-${t}-${i}`),
    )
    // One comparison, so that a failure shows the whole picture.
    expect({
      missing: want.filter((n) => !seen.docs.includes(n)),
      counter: seen.counter,
      unreadable: seen.docs.length - seen.readable,
      // Every commit of both tabs is in one line of generations: 2 commits per round per tab.
      lastGeneration: Math.max(...generations.map(Number)),
      failures: generations.filter((g) => typeof g === 'string'),
    }).toEqual({
      missing: [],
      counter: 2 * ROUNDS,
      unreadable: 0,
      lastGeneration: 4 * ROUNDS,
      failures: [],
    })
    expect(errors).toEqual([])
  }, 120_000)
})
