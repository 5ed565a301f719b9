/**
 * The browser host app end to end, in real Chromium: a vault created in IndexedDB behind a
 * passphrase, a real export imported through the file input, a generated person whose answers are
 * known, consent to two partners, a preview that is exactly what is sent, the timeline of what
 * left, revocation with deletion and the refused next run, the bill, hostile modules stopped while
 * the page answers clicks, and the vault unlocked again after a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Page } from 'playwright-core'
import { importFile, sourceFromBytes } from '../../runtime/importers/index.ts'
import { personaProfile } from '../../runtime/persona/index.ts'
import { hasChromium, openHostApp, repoRoot, screenshot, type HostAppSession } from './_browser.ts'

const PASSPHRASE = 'correct horse battery staple'
const GPX = join(repoRoot, 'tests/fixtures/wearables/run.gpx')
const CSV = join(repoRoot, 'tests/fixtures/bank/csv2ofx_schwab-checking.csv')
const SEED = 3
const SCALE = 0.3
const SHOE = 'com-stridewear-shoe-size'
const SPORT = 'com-stridewear-favorite-sport'
const PANEL = 'org-openmovementpanel-weekly-activity'
const E2E_TIMEOUT = 120_000

if (!hasChromium) {
  console.warn(
    'tests/web: skipped, /usr/bin/chromium is missing (apt-get install -y chromium; CI installs it)',
  )
}

/** What the CLI's importers read from a file, per collection (the browser must agree). */
async function nodeImportCounts(path: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  const bytes = new Uint8Array(await readFile(path))
  for await (const r of importFile(sourceFromBytes(basename(path), bytes))) {
    counts[r.collection] = (counts[r.collection] ?? 0) + 1
  }
  return counts
}

/** The status line an import of `name` ends with, from the Node counts. */
function importedLine(name: string, counts: Record<string, number>): string {
  const parts = Object.keys(counts)
    .sort()
    .map((c) => `${c}: ${counts[c]} added`)
  return `${name}: ${parts.join('; ')}`
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.textContent(selector)) ?? '').trim()
}

/** Waits until the status line matches `pattern`, and returns it. */
async function statusMatching(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    ([source, flags]) =>
      new RegExp(source!, flags).test(document.getElementById('status')?.textContent ?? ''),
    [pattern.source, pattern.flags],
    { timeout: E2E_TIMEOUT },
  )
  return text(page, '#status')
}

/** Opens a screen and waits until it has loaded its data (the shell sets aria-busy meanwhile). */
async function go(page: Page, view: string, heading: string): Promise<void> {
  await page.click(`nav button[data-view=${view}]`)
  await page.waitForSelector(`main[data-view=${view}][aria-busy=false]`, { timeout: E2E_TIMEOUT })
  expect(await text(page, 'main h1')).toBe(heading)
}

/** The JSON shown in an element, once it appears. */
async function shownJson(page: Page, selector: string): Promise<unknown> {
  await page.waitForSelector(selector, { timeout: E2E_TIMEOUT })
  return JSON.parse(await text(page, selector))
}

describe.skipIf(!hasChromium)('the browser host app in Chromium', () => {
  let s: HostAppSession
  let page: Page
  const profile = personaProfile({ seed: SEED })

  beforeAll(async () => {
    s = await openHostApp()
    page = s.page
    await page.goto(s.url)
  }, 240_000)
  afterAll(async () => {
    await s?.close()
  })

  it('creates a vault behind a passphrase, refusing two that differ', async () => {
    await page.waitForSelector('#passphrase')
    expect(await text(page, 'main h1')).toBe('Create your vault')
    await screenshot(page, '1-create')
    await page.fill('#passphrase', PASSPHRASE)
    await page.fill('#passphrase-again', PASSPHRASE + '!')
    await page.click('main button[type=submit]')
    expect(await text(page, '#passphrase-error')).toBe('The two passphrases differ.')
    await page.fill('#passphrase-again', PASSPHRASE)
    await page.click('main button[type=submit]')
    await page.waitForSelector('nav button[data-view=data]', { timeout: E2E_TIMEOUT })
    await page.waitForSelector('#summary p, #summary table')
    expect(await text(page, '#summary')).toMatch(/Your vault is empty/)
  })

  it('imports a real GPX export through the file input, as the CLI reads it', async () => {
    const expected = await nodeImportCounts(GPX)
    expect(expected['activities']).toBe(1)
    await page.setInputFiles('#import-file', GPX)
    expect(await statusMatching(page, /^run\.gpx:/)).toBe(importedLine('run.gpx', expected))
    await page.waitForSelector('tr[data-collection=locations]')
    expect(await text(page, 'tr[data-collection=locations] td.num')).toBe(
      String(expected['locations']),
    )
    // The same file again adds nothing: records are deduplicated by their stable ids.
    await page.setInputFiles('#import-file', GPX)
    expect(await statusMatching(page, /^run\.gpx: activities: 0 added/)).toMatch(
      /activities: 0 added, 1 already there/,
    )
  })

  it('imports a bank CSV dropped on the page', async () => {
    const expected = await nodeImportCounts(CSV)
    expect(expected['transactions']).toBeGreaterThan(0)
    const bytes = [...new Uint8Array(await readFile(CSV))]
    await page.evaluate(
      ([name, data]) => {
        const transfer = new DataTransfer()
        transfer.items.add(new File([new Uint8Array(data)], name, { type: 'text/csv' }))
        const zone = document.getElementById('dropzone')!
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true }))
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }))
      },
      [basename(CSV), bytes] as const,
    )
    expect(await statusMatching(page, /^csv2ofx_schwab-checking\.csv:/)).toBe(
      importedLine(basename(CSV), expected),
    )
  })

  it('searches the vault', async () => {
    await page.selectOption('#search-collection', 'activities')
    await page.fill('#search-text', '')
    await page.click('form[role=search] button[type=submit]')
    await page.waitForSelector('#search-results table')
    expect(await text(page, '#search-results p')).toBe('1 record(s) in activities')
    expect(await page.locator('#search-results tbody tr').count()).toBe(1)
  })

  it('generates a person whose shoe size and favourite sport are known', async () => {
    await page.fill('#persona-seed', String(SEED))
    await page.fill('#persona-scale', String(SCALE))
    await page.click('form[aria-label="Generate a person"] button[type=submit]')
    const status = await statusMatching(page, /^generated person #3:/)
    expect(status).toMatch(/purchases: \d+ added/)
    expect(status).toMatch(/activities: \d+ added/)
    await screenshot(page, '2-data')
  })

  it('shows each offer with its generated contract, in English and in French', async () => {
    await go(page, 'offers', 'Offers')
    await page.waitForSelector(`#offer-${SHOE}`)
    await page.click(`#offer-${SHOE} details summary`)
    const en = await text(page, `#contract-${SHOE}`)
    expect(en).toMatch(/What it reads \(nothing else is decrypted\)/)
    expect(en).toMatch(/purchases: orderedAt, category, size \(the last 3 years\)/)
    await page.check(`#lang-${SHOE}-fr`)
    const fr = await text(page, `#contract-${SHOE}`)
    expect(fr).toMatch(/Ce qui est lu/)
    expect(await page.getAttribute(`#contract-${SHOE} .contract`, 'lang')).toBe('fr')
    expect(await page.getAttribute(`#status-${SHOE}`, 'data-status')).toBe('none')
    await screenshot(page, '3-offers')
  })

  it('previews a one-off share, then sends exactly the previewed answer', async () => {
    await page.click(`#consent-${SHOE}`)
    await page.waitForSelector(`#preview-${SHOE}`)
    expect(await page.getAttribute(`#status-${SHOE}`, 'data-status')).toBe('given')
    await page.click(`#preview-${SHOE}`)
    const previewed = await shownJson(page, `#preview-output-${SHOE}`)
    expect(previewed).toEqual({ euSize: profile.shoeSize.eu })
    await screenshot(page, '4-preview')
    await page.click(`#send-${SHOE}`)
    expect(await shownJson(page, `#output-${SHOE}`)).toEqual(previewed)
  })

  it('runs recurring offers of two partners after consent', async () => {
    await page.click(`#consent-${SPORT}`)
    await page.click(`#run-${SPORT}`, { timeout: E2E_TIMEOUT })
    expect(await shownJson(page, `#output-${SPORT}`)).toEqual({
      favoriteSport: profile.favoriteSport,
    })
    await page.click(`#consent-${PANEL}`)
    await page.click(`#run-${PANEL}`, { timeout: E2E_TIMEOUT })
    const manifest = JSON.parse(
      await readFile(join(repoRoot, 'algorithms/research-panel/manifest.json'), 'utf8'),
    ) as { output: { required: string[] } }
    const answer = (await shownJson(page, `#output-${PANEL}`)) as Record<string, unknown>
    expect(Object.keys(answer).sort()).toEqual([...manifest.output.required].sort())
  })

  it('lists what left, to whom', async () => {
    await go(page, 'left', 'What left about me')
    const left = page.locator('#timeline li[data-kind=left]')
    expect(await left.count()).toBe(3)
    const all = await left.allTextContents()
    expect(
      all.some((t) => t.includes('stridewear') && t.includes(`"euSize":${profile.shoeSize.eu}`)),
    ).toBe(true)
    expect(all.some((t) => t.includes(`"favoriteSport":"${profile.favoriteSport}"`))).toBe(true)
    expect(all.some((t) => t.includes('open-movement-panel'))).toBe(true)
    await screenshot(page, '5-what-left')
  })

  it('refuses the next run after revocation, and asks the partner to delete', async () => {
    await go(page, 'offers', 'Offers')
    await page.check(`#delete-${PANEL}`)
    await page.click(`#revoke-${PANEL}`)
    await page.waitForFunction(
      (id) => document.getElementById(`status-${id}`)?.dataset['status'] === 'withdrawn',
      PANEL,
    )
    await page.click(`#run-${PANEL}`)
    await page.waitForSelector(`#result-${PANEL} .refused`, { timeout: E2E_TIMEOUT })
    expect(await text(page, `#result-${PANEL}`)).toMatch(/\[SEALPOST_CONSENT_REVOKED\]$/)
    await screenshot(page, '6-revoked')
    await go(page, 'left', 'What left about me')
    expect(await page.locator('#timeline li[data-kind=deletion]').count()).toBe(1)
    expect(await page.locator('#timeline li[data-kind=refusal]').count()).toBe(1)
    // Nothing more left.
    expect(await page.locator('#timeline li[data-kind=left]').count()).toBe(3)
  })

  it('bills each partner 10 cents per delivered answer, deletion requests free', async () => {
    await go(page, 'settings', 'Settings and bill')
    const row = async (partner: string) =>
      page.locator(`#bills tr[data-partner=${partner}] td`).allTextContents()
    expect(await row('stridewear')).toEqual(['2', '$0.20', '$3.00'])
    expect(await row('open-movement-panel')).toEqual(['1', '$0.10', '$3.00'])
  })

  it('lowers the personalization dial, and offers above it say they will not run', async () => {
    expect(await page.isChecked('#dial-2')).toBe(true)
    await page.check('#dial-1')
    await statusMatching(page, /^Personalization set to Basic/)
    await screenshot(page, '7-settings')
    await go(page, 'offers', 'Offers')
    expect(await page.locator(`#offer-${SHOE} .warning`).count()).toBe(1)
    expect(await page.locator(`#offer-${SPORT} .warning`).count()).toBe(0)
    await go(page, 'settings', 'Settings and bill')
    await page.check('#dial-2')
    await statusMatching(page, /^Personalization set to Intermediate/)
  })

  it('stops hostile modules with their codes while the page keeps answering clicks', async () => {
    await go(page, 'safety', 'Safety check')
    await page.click('#run-probe-wasm-endless-loop')
    for (let i = 0; i < 3; i++) await page.click('#click-me')
    // The clicks were handled while the module was still running in its Worker.
    expect(await page.getAttribute('#probe-wasm-endless-loop', 'data-state')).toBe('running')
    expect(await text(page, '#click-count')).toBe('3')
    const outcome = async (kind: string) => {
      await page.waitForFunction(
        (k) => document.getElementById(`probe-${k}`)?.dataset['state'] === 'done',
        kind,
        { timeout: E2E_TIMEOUT },
      )
      return {
        code: await page.getAttribute(`#probe-${kind}`, 'data-code'),
        hard: await page.getAttribute(`#probe-${kind}`, 'data-hard'),
      }
    }
    expect(await outcome('wasm-endless-loop')).toEqual({
      code: 'SEALPOST_GUEST_TIMEOUT',
      hard: 'true',
    })
    const expected = {
      'endless-loop': { code: 'SEALPOST_GUEST_TIMEOUT', hard: 'false' },
      'native-stall': { code: 'SEALPOST_GUEST_TIMEOUT', hard: 'true' },
      'memory-bomb': { code: 'SEALPOST_GUEST_OUT_OF_MEMORY', hard: 'false' },
    }
    for (const [kind, want] of Object.entries(expected)) {
      await page.click(`#run-probe-${kind}`)
      expect([kind, await outcome(kind)]).toEqual([kind, want])
    }
    await screenshot(page, '8-safety')
  })

  it('keeps the vault across a reload, refusing a wrong passphrase with a clear message', async () => {
    await page.reload()
    await page.waitForSelector('#passphrase')
    expect(await text(page, 'main h1')).toBe('Unlock your vault')
    await page.fill('#passphrase', 'wrong horse battery staple')
    await page.click('main button[type=submit]')
    await page.waitForFunction(
      () => (document.getElementById('passphrase-error')?.textContent ?? '') !== '',
      null,
      { timeout: E2E_TIMEOUT },
    )
    expect(await text(page, '#passphrase-error')).toBe(
      'That passphrase does not open this vault. Nothing was changed; try again.',
    )
    await screenshot(page, '9-wrong-passphrase')
    await page.fill('#passphrase', PASSPHRASE)
    await page.click('main button[type=submit]')
    await page.waitForSelector('tr[data-collection=activities]', { timeout: E2E_TIMEOUT })
    await go(page, 'offers', 'Offers')
    await page.waitForSelector(`#status-${PANEL}`)
    expect(await page.getAttribute(`#status-${PANEL}`, 'data-status')).toBe('withdrawn')
    expect(await page.getAttribute(`#status-${SPORT}`, 'data-status')).toBe('given')
    await go(page, 'left', 'What left about me')
    expect(await page.locator('#timeline li[data-kind=left]').count()).toBe(3)
    expect(s.errors).toEqual([])
  })
})
