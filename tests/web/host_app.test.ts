/**
 * The browser host app end to end, in real Chromium: a vault created in IndexedDB behind a
 * passphrase, a real export imported through the file input, a generated person whose answers are
 * known, consent to partners read in plain words, a preview that is exactly what is sent and is
 * shown as a sentence, local answers drawn as charts and lists, the timeline of what left,
 * revocation with deletion and the refused next run, the bill in the partner's currency, hostile
 * modules stopped while the page answers clicks, locking, and the vault unlocked again after a
 * reload. Every screen is checked and photographed at 1280×900 and 390×844.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import type { Page } from 'playwright-core'
import { importFile, sourceFromBytes } from '../../runtime/importers/index.ts'
import { personaProfile } from '../../runtime/persona/index.ts'
import { collectionLabel } from '../../web/src/ui/_format.ts'
import {
  DESKTOP,
  hasChromium,
  openHostApp,
  PHONE,
  repoRoot,
  screenshot,
  type HostAppSession,
} from './_browser.ts'

const PASSPHRASE = 'correct horse battery staple'
const GPX = join(repoRoot, 'tests/fixtures/wearables/run.gpx')
const CSV = join(repoRoot, 'tests/fixtures/bank/csv2ofx_schwab-checking.csv')
const TWEETS = join(repoRoot, 'tests/fixtures/social/x_archive_tweets.js')
/** Two posts a recruiter might object to, written into a real X archive's first two tweets. */
const FLAGGED_TEXTS = ['What a shitshow of a meeting', 'Weekend plans: smoking weed by the lake']
const SEED = 3
const SCALE = 0.3
const SHOE = 'com-stridewear-shoe-size'
const SPORT = 'com-stridewear-favorite-sport'
const PANEL = 'org-openmovementpanel-weekly-activity'
const SPENDING = 'com-clearledger-spending-insights'
const POSTS = 'com-cleanslate-social-post-review'
const E2E_TIMEOUT = 120_000
const VIEWS = [
  ['data', 'My data'],
  ['offers', 'Offers'],
  ['left', 'What left about me'],
  ['settings', 'Settings and bill'],
  ['safety', 'Safety check'],
] as const

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
    .map((c) => `${collectionLabel(c, 'en').toLowerCase()}: ${counts[c]} added`)
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

/** The exact JSON behind an answer (in its "as data" disclosure), once it appears. */
async function shownJson(page: Page, selector: string): Promise<unknown> {
  await page.waitForSelector(selector, { state: 'attached', timeout: E2E_TIMEOUT })
  return JSON.parse(((await page.textContent(selector)) ?? '').trim())
}

/** The text a person sees in an element, without the "exact answer as data" disclosures. */
async function readable(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => {
    const copy = el.cloneNode(true) as HTMLElement
    for (const raw of copy.querySelectorAll('details.raw')) raw.remove()
    return copy.textContent ?? ''
  })
}

/** Whether an element takes space on the page (not `display: none`, here or above). */
async function displayed(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (el) => (el as HTMLElement).offsetParent !== null)
}

/** axe-core's browser build, injected into the page to check each screen. */
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** axe-core's serious and critical violations on the current screen, as `rule: targets`. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ content: AXE_SOURCE })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
}

/** Layout facts of the current screen that a phone must satisfy. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const nav = document.getElementById('nav')!
    const tops = [...nav.querySelectorAll('button')].map((b) => b.getBoundingClientRect().top)
    const small = [...document.querySelectorAll('button, .button, select, input[type=search]')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44)
      .map(({ el }) => el.id || el.textContent?.trim() || el.tagName)
    const unlabelled = [...document.querySelectorAll('input, select')]
      .filter(
        (el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'),
      )
      .map((el) => el.id || el.tagName)
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id)
    return {
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
      navRows: new Set(tops.map((t) => Math.round(t))).size,
      small,
      unlabelled,
      duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i),
    }
  })
}

describe.skipIf(!hasChromium)('the browser host app in Chromium', { timeout: E2E_TIMEOUT }, () => {
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

  it('creates a vault behind a passphrase, with no navigation or Lock before it exists', async () => {
    await page.waitForSelector('#passphrase')
    expect(await text(page, 'main h1')).toBe('Create your vault')
    // The `hidden` attribute wins over the nav's and the buttons' display rules.
    expect(await displayed(page, '#nav')).toBe(false)
    expect(await displayed(page, '#lock')).toBe(false)
    await screenshot(page, 'desktop-create')
    await page.setViewportSize(PHONE)
    expect((await layout(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width)
    await screenshot(page, 'phone-create')
    await page.setViewportSize(DESKTOP)
    await page.fill('#passphrase', PASSPHRASE)
    await page.fill('#passphrase-again', PASSPHRASE + '!')
    await page.click('main button[type=submit]')
    expect(await text(page, '#passphrase-error')).toBe('The two passphrases differ.')
    await page.fill('#passphrase-again', PASSPHRASE)
    await page.click('main button[type=submit]')
    await page.waitForSelector('nav button[data-view=data]', { timeout: E2E_TIMEOUT })
    await page.waitForSelector('#summary p, #summary ul')
    expect(await text(page, '#summary')).toMatch(/Your vault is empty/)
    expect(await displayed(page, '#nav')).toBe(true)
    expect(await displayed(page, '#lock')).toBe(true)
  })

  it('imports a real GPX export through the file input, as the CLI reads it', async () => {
    const expected = await nodeImportCounts(GPX)
    expect(expected['activities']).toBe(1)
    await page.setInputFiles('#import-file', GPX)
    expect(await statusMatching(page, /^run\.gpx:/)).toBe(importedLine('run.gpx', expected))
    await page.waitForSelector('li[data-collection=locations]')
    expect(await text(page, 'li[data-collection=locations] .num')).toBe(
      expected['locations']!.toLocaleString('en-GB'),
    )
    expect(await text(page, 'li[data-collection=locations] strong')).toBe('Places and tracks')
    // The same file again adds nothing: records are deduplicated by their stable ids.
    await page.setInputFiles('#import-file', GPX)
    expect(await statusMatching(page, /^run\.gpx: workouts: 0 added/)).toMatch(
      /workouts: 0 added, 1 already there/,
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

  it('searches the vault, showing labels and date-only rows without a made-up time', async () => {
    await page.selectOption('#search-collection', 'activities')
    await page.fill('#search-text', '')
    await page.click('form[role=search] button[type=submit]')
    await page.waitForSelector('#search-results .record')
    expect(await text(page, '#search-count')).toBe('1 record in workouts')
    expect(await page.locator('#search-results .record').count()).toBe(1)
    await page.selectOption('#search-collection', 'transactions')
    await page.click('form[role=search] button[type=submit]')
    await page.waitForSelector('#search-count >> text=/in bank transactions/')
    const found = await text(page, '#search-results')
    // Bank statements carry days, not times: no "12:00 AM", no field names, amounts in dollars.
    expect(await page.locator('#search-results .record').count()).toBeGreaterThan(0)
    expect(found).not.toMatch(/12:00|AM|PM|bookedAt|counterparty|null/)
    expect(found).toMatch(/Amount/)
    expect(found).toMatch(/US\$|\$/)
    const times = await page.locator('#search-results .record-time').allTextContents()
    expect(times.length).toBeGreaterThan(0)
    for (const t of times) expect(t).not.toMatch(/:/)
  })

  it('keeps the made-up person behind the demo switch, then generates one', async () => {
    expect(await page.locator('#demo-tools').count()).toBe(0)
    await go(page, 'settings', 'Settings and bill')
    await page.check('#demo-switch')
    await go(page, 'data', 'My data')
    // Navigation cleared the previous screen's message.
    expect(await text(page, '#status')).toBe('')
    await page.fill('#persona-seed', String(SEED))
    await page.fill('#persona-scale', String(SCALE))
    await page.click('form[aria-label="Generate a person"] button[type=submit]')
    const status = await statusMatching(page, /^generated person #3:/)
    expect(status).toMatch(/purchases: \d+ added/)
    expect(status).toMatch(/workouts: \d+ added/)
  })

  it('shows each offer with a contract in plain words, in English and in French', async () => {
    await go(page, 'offers', 'Offers')
    await page.waitForSelector(`#offer-${SHOE}`)
    expect(await text(page, `#title-${SHOE}`)).toBe('StrideWear')
    await page.click(`#offer-${SHOE} details.contract-box summary`)
    const en = await readable(page, `#contract-${SHOE}`)
    expect(en).toMatch(/What it reads on your device/)
    expect(en).toMatch(/Purchases: order date, category, size — the last 3 years/)
    expect(en).toMatch(/Your shoe size: a number from 30 to 50, or nothing/)
    expect(en).toMatch(/no more than \d+ yes-or-no questions/)
    expect(en).not.toMatch(/\bbits?\b|\bnull\b|orderedAt|euSize|stridewear\b/)
    // The runtime's exact text, with its bit bounds, is one click away for the curious.
    expect(await text(page, `#contract-${SHOE} .exact-contract`)).toMatch(/bits/)
    await page.check(`#lang-${SHOE}-fr`)
    const fr = await readable(page, `#contract-${SHOE}`)
    expect(fr).toMatch(/Ce qui est lu sur votre appareil/)
    expect(fr).toMatch(/Achats : |Achats: /)
    expect(fr).not.toMatch(/\bbits?\b|\bnull\b|orderedAt/)
    expect(await page.getAttribute(`#contract-${SHOE} .contract`, 'lang')).toBe('fr')
    expect(await page.getAttribute(`#status-${SHOE}`, 'data-status')).toBe('none')
    // A local offer sends nothing: its contract says so.
    await page.click(`#offer-${SPENDING} details.contract-box summary`)
    expect(await readable(page, `#contract-${SPENDING}`)).toMatch(/Nothing leaves your device/)
  })

  it('previews a one-off share as a sentence, then sends exactly the previewed answer', async () => {
    await page.click(`#consent-${SHOE}`)
    await page.waitForSelector(`#preview-${SHOE}`)
    expect(await page.getAttribute(`#status-${SHOE}`, 'data-status')).toBe('given')
    await page.click(`#preview-${SHOE}`)
    const previewed = await shownJson(page, `#preview-output-${SHOE}`)
    expect(previewed).toEqual({ euSize: profile.shoeSize.eu })
    expect(await text(page, `#result-${SHOE} .answer-sentence`)).toBe(
      `Your shoe size: EU ${profile.shoeSize.eu}`,
    )
    expect(await readable(page, `#result-${SHOE}`)).not.toMatch(/[{}]|euSize/)
    await page.click(`#send-${SHOE}`)
    expect(await shownJson(page, `#output-${SHOE}`)).toEqual(previewed)
    // The one-off consent is used: the card says so and offers neither Preview nor "You agreed".
    await page.waitForSelector(`#status-${SHOE}[data-status=used]`)
    expect(await text(page, `#status-${SHOE}`)).not.toMatch(/You agreed/)
    expect(await page.locator(`#preview-${SHOE}`).count()).toBe(0)
  })

  it('refuses to preview a used one-off consent without running the module', async () => {
    const code = await page.evaluate(async (bundleId) => {
      const client = (
        globalThis as unknown as {
          sealpostClient: { call(m: string, ...a: unknown[]): Promise<unknown> }
        }
      ).sealpostClient
      return client.call('preview', bundleId).then(
        () => 'previewed',
        (e: { code?: string }) => e.code,
      )
    }, 'com.stridewear.shoe-size')
    expect(code).toBe('SEALPOST_CONSENT_USED')
    await go(page, 'offers', 'Offers')
    expect(await page.getAttribute(`#status-${SHOE}`, 'data-status')).toBe('used')
    expect(await text(page, `#consent-${SHOE}`)).toBe('Agree to share once more')
    expect(await page.locator(`#preview-${SHOE}`).count()).toBe(0)
  })

  it('runs recurring offers of two partners after consent, answers in words', async () => {
    await page.click(`#consent-${SPORT}`)
    await page.click(`#run-${SPORT}`, { timeout: E2E_TIMEOUT })
    expect(await shownJson(page, `#output-${SPORT}`)).toEqual({
      favoriteSport: profile.favoriteSport,
    })
    expect(await text(page, `#result-${SPORT} .answer-sentence`)).toMatch(
      /^Your favourite sport: [A-Z]/,
    )
    await page.click(`#consent-${PANEL}`)
    await page.click(`#run-${PANEL}`, { timeout: E2E_TIMEOUT })
    const manifest = JSON.parse(
      await readFile(join(repoRoot, 'algorithms/research-panel/manifest.json'), 'utf8'),
    ) as { output: { required: string[] } }
    const answer = (await shownJson(page, `#output-${PANEL}`)) as Record<string, unknown>
    expect(Object.keys(answer).sort()).toEqual([...manifest.output.required].sort())
    const words = await readable(page, `#result-${PANEL} .answer`)
    expect(words).toMatch(/Active minutes per week/)
    expect(words).not.toMatch(/weeklyActiveMinutes|[{}]/)
    // Status messages are one short line, never the whole answer.
    expect((await text(page, '#status')).length).toBeLessThanOrEqual(160)
  })

  it('draws local spending as charts and lists flagged posts, with nothing to delete', async () => {
    // A local offer keeps everything here: it never offers to ask a partner to delete anything.
    await page.click(`#consent-${SPENDING}`)
    await page.waitForSelector(`#run-${SPENDING}`)
    expect(await page.locator(`#delete-${SPENDING}`).count()).toBe(0)
    await page.click(`#run-${SPENDING}`)
    const spending = (await shownJson(page, `#output-${SPENDING}`)) as {
      totalPerMonth: number[]
      categories: { category: string }[]
    }
    expect(await page.locator(`#result-${SPENDING} svg.bars rect.bar`).count()).toBe(12)
    const heights = await page
      .locator(`#result-${SPENDING} svg.bars rect.bar`)
      .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-value'))))
    expect(heights).toEqual(spending.totalPerMonth)
    expect(await page.locator(`#result-${SPENDING} .ranking li`).count()).toBe(
      spending.categories.length,
    )
    expect(await readable(page, `#result-${SPENDING}`)).not.toMatch(/[{}]|totalPerMonth/)

    // CleanSlate's review is a level-3 ("deep") offer: raise the dial for it, then lower it again.
    await go(page, 'settings', 'Settings and bill')
    await page.check('#dial-3')
    await statusMatching(page, /^Personalization set to Deep/)
    // A real X archive whose first two tweets now say something a recruiter might object to.
    let archive = await readFile(TWEETS, 'utf8')
    for (const flagged of FLAGGED_TEXTS) {
      archive = archive.replace(
        /"full_text" : "(?!What a|Weekend)[^"]*"/,
        `"full_text" : "${flagged}"`,
      )
    }
    await go(page, 'data', 'My data')
    await page.setInputFiles('#import-file', {
      name: 'tweets.js',
      mimeType: 'text/javascript',
      buffer: Buffer.from(archive),
    })
    await statusMatching(page, /^tweets\.js: .*social posts: \d+ added/)
    await go(page, 'offers', 'Offers')
    await page.click(`#consent-${POSTS}`)
    await page.waitForSelector(`#run-${POSTS}`)
    expect(await page.locator(`#delete-${POSTS}`).count()).toBe(0)
    await page.click(`#run-${POSTS}`)
    const review = (await shownJson(page, `#output-${POSTS}`)) as {
      flaggedCount: number
      flagged: { postId: string }[]
    }
    expect(review.flaggedCount).toBeGreaterThanOrEqual(FLAGGED_TEXTS.length)
    const items = page.locator(`#result-${POSTS} .answer-list > li`)
    expect(await items.count()).toBe(Math.min(review.flagged.length, 50))
    // Each flagged post shows its own words (from the vault), not its id.
    const quoted = await page.locator(`#result-${POSTS} .answer-list > li .linked q`).count()
    expect(quoted).toBe(Math.min(review.flagged.length, 50))
    const shown = await readable(page, `#result-${POSTS}`)
    expect(shown).not.toContain(review.flagged[0]!.postId)
    for (const flagged of FLAGGED_TEXTS) expect(shown).toContain(flagged)
    expect(shown).toMatch(/Why\s*swearing/)
    await screenshot(page, 'desktop-local-answers')
    await go(page, 'settings', 'Settings and bill')
    await page.check('#dial-2')
    await statusMatching(page, /^Personalization set to Intermediate/)
  })

  it('lists what left, to whom, in words', async () => {
    await go(page, 'left', 'What left about me')
    const left = page.locator('#timeline li[data-kind=left]')
    expect(await left.count()).toBe(3)
    const all = await page.$$eval('#timeline li[data-kind=left]', (lis) =>
      lis.map((li) => {
        const copy = li.cloneNode(true) as HTMLElement
        for (const raw of copy.querySelectorAll('details.raw')) raw.remove()
        return copy.textContent ?? ''
      }),
    )
    expect(
      all.some(
        (t) => t.includes('StrideWear') && t.includes(`Your shoe size: EU ${profile.shoeSize.eu}`),
      ),
    ).toBe(true)
    expect(all.some((t) => t.includes('Your favourite sport'))).toBe(true)
    expect(all.some((t) => t.includes('Open Movement Panel'))).toBe(true)
    for (const t of all) expect(t).not.toMatch(/[{}]|euSize|stridewear\b/)
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
    expect(await page.getAttribute(`#result-${PANEL} .refused`, 'data-code')).toBe(
      'SEALPOST_CONSENT_REVOKED',
    )
    expect(await text(page, `#result-${PANEL} .refused`)).not.toMatch(/SEALPOST_/)
    await go(page, 'left', 'What left about me')
    expect(await page.locator('#timeline li[data-kind=deletion]').count()).toBe(1)
    expect(await page.locator('#timeline li[data-kind=refusal]').count()).toBe(1)
    // "Consent withdrawn" rows are timeline rows, not the offer card's withdraw box.
    expect(
      await page.$eval('#timeline li[data-kind=revoke]', (li) => getComputedStyle(li).display),
    ).toBe('list-item')
    // Nothing more left.
    expect(await page.locator('#timeline li[data-kind=left]').count()).toBe(3)
  })

  it('bills each partner by name, in its currency, 10 cents per delivered answer', async () => {
    await go(page, 'settings', 'Settings and bill')
    const row = async (partner: string) => ({
      name: await text(page, `#bills li[data-partner=${partner}] .bill-partner`),
      count: await text(page, `#bills li[data-partner=${partner}] .bill-count`),
      total: await text(page, `#bills li[data-partner=${partner}] .bill-total`),
    })
    expect(await row('stridewear')).toEqual({
      name: 'StrideWear',
      count: '2 answers',
      total: '€0.20',
    })
    expect(await row('open-movement-panel')).toEqual({
      name: 'Open Movement Panel',
      count: '1 answer',
      total: '€0.10',
    })
  })

  it('lowers the personalization dial, and offers above it say they will not run', async () => {
    expect(await page.isChecked('#dial-2')).toBe(true)
    await page.check('#dial-1')
    await statusMatching(page, /^Personalization set to Basic/)
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
  })

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`fits every screen at ${viewport.width}×${viewport.height}: no sideways scroll, one nav row, big tap targets`, async () => {
      await page.setViewportSize(viewport)
      for (const [view, heading] of VIEWS) {
        await go(page, view, heading)
        if (view === 'offers') {
          // Draw the widest content there is: the spending charts and the flagged posts.
          await page.click(`#run-${SPENDING}`)
          await page.waitForSelector(`#result-${SPENDING} svg.bars`, { timeout: E2E_TIMEOUT })
          await page.click(`#offer-${SHOE} details.contract-box summary`)
        }
        if (view === 'data') {
          await page.selectOption('#search-collection', 'transactions')
          await page.click('form[role=search] button[type=submit]')
          await page.waitForSelector('#search-results .record')
        }
        const l = await layout(page)
        expect({ view, scroll: l.scrollWidth <= l.innerWidth }).toEqual({ view, scroll: true })
        expect({ view, navRows: l.navRows }).toEqual({ view, navRows: 1 })
        expect({ view, small: l.small }).toEqual({ view, small: [] })
        expect({ view, unlabelled: l.unlabelled }).toEqual({ view, unlabelled: [] })
        expect({ view, duplicateIds: l.duplicateIds }).toEqual({ view, duplicateIds: [] })
        // axe-core: no serious or critical accessibility violation on any screen.
        expect({ view, axe: await accessibilityViolations(page) }).toEqual({ view, axe: [] })
        await screenshot(page, `${size}-${view}`)
      }
      await page.setViewportSize(DESKTOP)
    })
  }

  it('locks: no nav, no Lock, and a locked screen always leads back to unlocking', async () => {
    await page.click('#lock')
    await page.waitForSelector('#passphrase')
    expect(await text(page, 'main h1')).toBe('Unlock your vault')
    expect(await displayed(page, '#nav')).toBe(false)
    expect(await displayed(page, '#lock')).toBe(false)
    // Even if a screen is reached while locked, it leads to the unlock form, not to a code.
    await page.evaluate(() => {
      document.getElementById('nav')!.hidden = false
    })
    await page.click('nav button[data-view=offers]')
    await statusMatching(page, /^Your vault is locked\. Unlock it to continue\.$/)
    await page.waitForSelector('#passphrase')
    expect(await text(page, 'main')).not.toMatch(/SEALPOST_/)
    expect(await displayed(page, '#nav')).toBe(false)
    await page.fill('#passphrase', PASSPHRASE)
    await page.click('main button[type=submit]')
    await page.waitForSelector('li[data-collection=activities]', { timeout: E2E_TIMEOUT })
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
    await screenshot(page, 'desktop-wrong-passphrase')
    await page.fill('#passphrase', PASSPHRASE)
    await page.click('main button[type=submit]')
    await page.waitForSelector('li[data-collection=activities]', { timeout: E2E_TIMEOUT })
    await go(page, 'offers', 'Offers')
    await page.waitForSelector(`#status-${PANEL}`)
    expect(await page.getAttribute(`#status-${PANEL}`, 'data-status')).toBe('withdrawn')
    expect(await page.getAttribute(`#status-${SPORT}`, 'data-status')).toBe('given')
    await go(page, 'left', 'What left about me')
    expect(await page.locator('#timeline li[data-kind=left]').count()).toBe(3)
  })

  it('speaks French when the person switches: tabs, headings, contracts, answers, money, dates', async () => {
    await page.selectOption('#lang-switch', 'fr')
    await page.waitForSelector('main[data-view=left][aria-busy=false]')
    expect(await page.getAttribute('html', 'lang')).toBe('fr')
    expect(await page.locator('nav button').allTextContents()).toEqual([
      'Données',
      'Offres',
      'Parti',
      'Réglages',
      'Sûreté',
    ])
    expect(await text(page, 'main h1')).toBe('Ce qui est parti de chez moi')
    const sentences = await page.locator('#timeline .answer-sentence').allTextContents()
    expect(sentences).toContain(`Votre pointure : ${profile.shoeSize.eu} (EU)`)
    await go(page, 'offers', 'Offres')
    await page.click(`#offer-${SHOE} details.contract-box summary`)
    expect(await page.isChecked(`#lang-${SHOE}-fr`)).toBe(true)
    expect(await readable(page, `#contract-${SHOE}`)).toMatch(/Ce qui est lu sur votre appareil/)
    expect(await text(page, `#status-${SHOE}`)).toBe(
      'Partagé une fois, comme convenu. Rien d’autre ne sera envoyé.',
    )
    expect(await text(page, `#consent-${SHOE}`)).toBe('Accepter de partager encore une fois')
    await go(page, 'settings', 'Réglages et facture')
    // French money: a comma, and a (narrow) no-break space before the euro sign.
    expect(await text(page, '#bills li[data-partner=stridewear] .bill-total')).toMatch(
      /^0,20[\u00a0\u202f]€$/,
    )
    await page.setViewportSize(PHONE)
    const l = await layout(page)
    expect({ scroll: l.scrollWidth <= l.innerWidth, navRows: l.navRows }).toEqual({
      scroll: true,
      navRows: 1,
    })
    await screenshot(page, 'phone-settings-fr')
    await go(page, 'offers', 'Offres')
    await screenshot(page, 'phone-offers-fr')
    await page.setViewportSize(DESKTOP)
    await page.selectOption('#lang-switch', 'en')
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Offers')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
  })

  it('is installable and works offline once loaded', async () => {
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel=manifest]')!
      return (await fetch(link.href)).json()
    })
    expect(manifest).toMatchObject({ display: 'standalone', start_url: './' })
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    )
    // The service worker has cached the whole build: the app opens and unlocks with no network.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await s.context.setOffline(true)
    try {
      await page.reload()
      await page.waitForSelector('#passphrase', { timeout: E2E_TIMEOUT })
      await page.fill('#passphrase', PASSPHRASE)
      await page.click('main button[type=submit]')
      await page.waitForSelector('li[data-collection=activities]', { timeout: E2E_TIMEOUT })
      await go(page, 'offers', 'Offers')
      await page.click(`#run-${SPORT}`)
      expect(await shownJson(page, `#output-${SPORT}`)).toEqual({
        favoriteSport: profile.favoriteSport,
      })
    } finally {
      await s.context.setOffline(false)
    }
    expect(s.errors).toEqual([])
  })
})
