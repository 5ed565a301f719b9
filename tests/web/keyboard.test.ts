/**
 * The browser app with the keyboard alone, in Chromium: create the vault, import a file through
 * the file picker, consent, preview, send and withdraw, reaching every control with Tab and
 * using it with Enter or Space, each focused control visibly outlined.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { hasChromium, openHostApp, repoRoot, type HostAppSession } from './_browser.ts'

const PASSPHRASE = 'correct horse battery staple'
const GPX = join(repoRoot, 'tests/fixtures/wearables/run.gpx')
const SHOE = 'com-stridewear-shoe-size'
const TIMEOUT = 120_000
const MAX_TABS = 300

/**
 * Presses Tab until the element `id` has the focus (failing after MAX_TABS presses) and checks
 * that the focus can be seen there.
 */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) {
      const outline = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement
        const style = getComputedStyle(el)
        // A visually hidden file input shows its focus on its "Choose files…" label.
        const label = el.matches('input[type=file]') ? (el as HTMLInputElement).labels?.[0] : null
        const shown = label ? getComputedStyle(label) : style
        return shown.outlineStyle !== 'none' && parseFloat(shown.outlineWidth) >= 2
      })
      expect({ id, outline }).toEqual({ id, outline: true })
      return
    }
    await page.keyboard.press('Tab')
  }
  throw new Error(`#${id} cannot be reached with Tab`)
}

describe.skipIf(!hasChromium)(
  'the browser app with the keyboard alone',
  { timeout: TIMEOUT },
  () => {
    let s: HostAppSession
    let page: Page

    beforeAll(async () => {
      s = await openHostApp()
      page = s.page
      await page.goto(s.url)
    }, 240_000)
    afterAll(async () => {
      await s?.close()
    })

    it('creates a vault, imports, consents, previews, sends and withdraws', async () => {
      await page.waitForSelector('#passphrase')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('passphrase')
      await page.keyboard.type(PASSPHRASE)
      await page.keyboard.press('Tab')
      await page.keyboard.type(PASSPHRASE)
      await page.keyboard.press('Enter')
      await page.waitForSelector('main[data-view=data][aria-busy=false]', { timeout: TIMEOUT })

      // The file picker, opened from the keyboard.
      await tabTo(page, 'import-file')
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.keyboard.press('Space'),
      ])
      await chooser.setFiles(GPX)
      await page.waitForSelector('li[data-collection=activities]', { timeout: TIMEOUT })

      // The Offers tab: nav buttons come before the screen in the tab order.
      await page.evaluate(() => document.getElementById('main')!.focus())
      await page.keyboard.press('Shift+Tab')
      for (let i = 0; i < 10; i++) {
        const view = await page.evaluate(
          () => (document.activeElement as HTMLElement | null)?.dataset['view'],
        )
        if (view === 'offers') break
        await page.keyboard.press('Shift+Tab')
      }
      await page.keyboard.press('Enter')
      await page.waitForSelector('main[data-view=offers][aria-busy=false]', { timeout: TIMEOUT })

      await tabTo(page, `consent-${SHOE}`)
      await page.keyboard.press('Enter')
      await page.waitForSelector(`#preview-${SHOE}`, { timeout: TIMEOUT })
      // After the decision the card's status has the focus, so the person stays where they were.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`status-${SHOE}`)
      await tabTo(page, `preview-${SHOE}`)
      await page.keyboard.press('Enter')
      await page.waitForSelector(`#send-${SHOE}`, { timeout: TIMEOUT })
      // The preview hands the focus to "Send this answer".
      await page.waitForFunction((id) => document.activeElement?.id === `send-${id}`, SHOE)
      expect(await page.textContent(`#result-${SHOE} .answer-sentence`)).toMatch(
        /^Your shoe size: /,
      )
      await page.keyboard.press('Enter')
      await page.waitForSelector(`#status-${SHOE}[data-status=used]`, { timeout: TIMEOUT })

      await tabTo(page, `delete-${SHOE}`)
      await page.keyboard.press('Space')
      expect(await page.isChecked(`#delete-${SHOE}`)).toBe(true)
      await tabTo(page, `revoke-${SHOE}`)
      await page.keyboard.press('Enter')
      await page.waitForSelector(`#status-${SHOE}[data-status=withdrawn]`, { timeout: TIMEOUT })
      expect(s.errors).toEqual([])
    })
  },
)
