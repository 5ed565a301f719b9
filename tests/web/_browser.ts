/**
 * The browser e2e harness: builds the host app with Vite (mode `e2e`) into a temporary folder,
 * serves it with Vite's preview server on 127.0.0.1, and drives Debian's Chromium through
 * playwright-core with a fresh profile. No browser download: Chromium must be at CHROMIUM_PATH.
 */

import { existsSync, mkdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { build, preview, type PreviewServer } from 'vite'

export const CHROMIUM_PATH = '/usr/bin/chromium'
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
export const artifacts = join(repoRoot, 'tests/artifacts')

/** The two screen sizes every screen is checked and photographed at. */
export const DESKTOP = { width: 1280, height: 900 } as const
export const PHONE = { width: 390, height: 844 } as const

/** Whether the tests can run here; CI installs Chromium, so there they always do. */
export const hasChromium = existsSync(CHROMIUM_PATH)

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A built and served app and a browser on it; `close()` tears all of it down. */
export interface HostAppSession {
  readonly url: string
  readonly context: BrowserContext
  readonly page: Page
  /** Errors the page or its Workers threw (an honest run has none). */
  readonly errors: string[]
  close(): Promise<void>
}

/** Options of `openHostApp`. */
export interface OpenOptions {
  /** Vite mode: `e2e` (default) makes vaults with the light scrypt setting, `production` the strong one. */
  readonly mode?: 'e2e' | 'production'
}

/** Builds the app (mode `e2e` by default), serves it, and opens it in a fresh headless Chromium profile. */
export async function openHostApp(options: OpenOptions = {}): Promise<HostAppSession> {
  const mode = options.mode ?? 'e2e'
  const outDir = await mkdtemp(join(tmpdir(), 'sealpost-web-'))
  const profile = await mkdtemp(join(tmpdir(), 'sealpost-chromium-'))
  const configFile = join(repoRoot, 'web/vite.config.ts')
  let server: PreviewServer | undefined
  let context: BrowserContext | undefined
  try {
    await build({ configFile, mode, logLevel: 'warn', build: { outDir, emptyOutDir: true } })
    server = await preview({
      configFile,
      mode,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    })
    const url = server.resolvedUrls?.local[0]
    if (!url) throw new Error('the preview server did not report its URL')
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: DESKTOP,
    })
    const page = context.pages()[0] ?? (await context.newPage())
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    context.on('weberror', (e) => errors.push(e.error().message))
    mkdirSync(artifacts, { recursive: true })
    const opened = { server, context }
    return {
      url,
      context,
      page,
      errors,
      async close() {
        await opened.context.close()
        await opened.server.close()
        await rm(outDir, { recursive: true, force: true })
        await rm(profile, { recursive: true, force: true })
      },
    }
  } catch (e) {
    await context?.close()
    await server?.close()
    await rm(outDir, { recursive: true, force: true })
    await rm(profile, { recursive: true, force: true })
    throw e
  }
}

/** Saves a full-page screenshot as `tests/artifacts/web-NAME.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `web-${name}.png`), fullPage: true })
}
