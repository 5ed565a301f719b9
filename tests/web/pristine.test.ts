/**
 * Restored and pooled instances in Chromium: the sandbox's browser Worker runs a module that writes
 * globals, builtins, its module state, the heap and the stack, and the next run finds none of it;
 * the same after a timeout and an out-of-memory; and a wasm module's memory and globals are zeros
 * in every run. The page (`_pristine_page/`) is built by Vite as the host app is.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { build, defaultClientConditions, preview, type PreviewServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_PATH, hasChromium, repoRoot } from './_browser.ts'
import { PRISTINE, WASM_PRISTINE } from '../sandbox/_pristine.ts'

let server: PreviewServer | undefined
let context: BrowserContext | undefined
let outDir: string | undefined
let profile: string | undefined
let url = ''

beforeAll(async () => {
  if (!hasChromium) return
  outDir = await mkdtemp(join(tmpdir(), 'sealpost-pristine-'))
  const config = {
    root: join(repoRoot, 'tests/web/_pristine_page'),
    configFile: false as const,
    logLevel: 'warn' as const,
    base: './',
    resolve: { conditions: ['sealpost-source', ...defaultClientConditions] },
    worker: { format: 'es' as const },
    build: { outDir, emptyOutDir: true, target: 'es2022' },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  }
  await build(config)
  server = await preview(config)
  url = server.resolvedUrls?.local[0] ?? ''
  profile = await mkdtemp(join(tmpdir(), 'sealpost-chromium-'))
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
}, 120_000)

afterAll(async () => {
  await context?.close()
  await server?.close()
  for (const dir of [outDir, profile]) if (dir) await rm(dir, { recursive: true, force: true })
})

interface Answer {
  readonly output?: unknown
  readonly code?: string
  readonly reused?: boolean
}
type PageGlobal = {
  sealpostPristine: { quickjs(): Promise<Answer[]>; wasm(): Promise<Answer[]> }
}

describe.skipIf(!hasChromium)('runs in the browser sandbox Worker', () => {
  it('start from the pristine state: QuickJS snapshots and the pooled wasm memory', async () => {
    const page = await context!.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(url)
    await page.waitForFunction(() => 'sealpostPristine' in globalThis)
    const quickjs = await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).sealpostPristine.quickjs(),
    )
    const marker = { ...PRISTINE, rows: 1, sport: 'running' }
    const fine = { calls: 1, leak: 1 }
    expect(quickjs).toEqual([
      { output: marker, reused: false },
      { output: marker, reused: true },
      { output: marker, reused: true },
      { output: fine, reused: false },
      { code: 'SEALPOST_GUEST_TIMEOUT' },
      { output: fine, reused: true },
      { code: 'SEALPOST_GUEST_OUT_OF_MEMORY' },
      // After out of memory the instance was dropped: a new snapshot, pristine as well.
      { output: fine, reused: false },
    ])
    const wasm = await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).sealpostPristine.wasm(),
    )
    const w = { output: WASM_PRISTINE, reused: false }
    expect(wasm).toEqual([w, w, { code: 'SEALPOST_GUEST_ERROR' }, w])
    expect(errors).toEqual([])
  }, 120_000)
})
