/**
 * The person's app through a real relay, in Chromium: a relay on a loopback port (PGlite in a
 * temp folder, CORS for the app's origin only), a partner admitted by the operator publishes a
 * reference bundle signed with its key; in the app the person sets the relay, sees the offer on
 * the registry, adds it (checked against the partner's key), consents, sends the answer, syncs
 * ("with the relay"), and the test pulls the partner's inbox with the partner's key and opens the
 * envelope: exactly the answer the app showed. The partner acknowledges it and pushes an order;
 * the next sync shows the answer delivered with the relay's receipt and the update received.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { OperatorKey } from '../../relay/operator_key.ts'
import { startRelay, type RunningRelay } from '../../relay/serve.ts'
import { admitPartner } from '../../relay/db/queries.ts'
import { generatePartnerKey, type PartnerKey } from '../../runtime/bundle/index.ts'
import { toHex } from '../../runtime/crypto/bytes.ts'
import { signModuleFolder } from '../../runtime/dev/module_folder.ts'
import { openEnvelope } from '../../runtime/delivery/index.ts'
import { signPush } from '../../runtime/host/index.ts'
import { personaProfile } from '../../runtime/persona/index.ts'
import { PartnerRelayClient } from '../../runtime/relay/index.ts'
import { hasChromium, openHostApp, repoRoot, screenshot, type HostAppSession } from './_browser.ts'

const PASSPHRASE = 'correct horse battery staple'
const SEED = 3
const SCALE = 0.3
const TIMEOUT = 120_000
/** The reference shoe-size module, published by a partner the demo build does not ship. */
const BUNDLE = 'com.trailhead.shoe-size'
const ID = 'com-trailhead-shoe-size'

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.textContent(selector)) ?? '').trim()
}

async function statusMatching(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction(
    ([source, flags]) =>
      new RegExp(source!, flags).test(document.getElementById('status')?.textContent ?? ''),
    [pattern.source, pattern.flags],
    { timeout: TIMEOUT },
  )
  return text(page, '#status')
}

async function go(page: Page, view: string): Promise<void> {
  await page.click(`nav button[data-view=${view}]`)
  await page.waitForSelector(`main[data-view=${view}][aria-busy=false]`, { timeout: TIMEOUT })
}

/** The shoe-size reference module, under the partner `trailhead`, signed with its key. */
async function trailheadBundle(key: PartnerKey, dir: string): Promise<Uint8Array> {
  const folder = join(dir, 'shoe-size')
  await cp(join(repoRoot, 'algorithms/shoe-size'), folder, { recursive: true })
  const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'))
  manifest.id = BUNDLE
  manifest.partner = { id: 'trailhead', name: 'Trailhead Outfitters' }
  await writeFile(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2))
  return signModuleFolder(folder, key)
}

describe.skipIf(!hasChromium)(
  'the web app through a relay, in Chromium',
  { timeout: TIMEOUT },
  () => {
    let s: HostAppSession
    let page: Page
    let relay: RunningRelay
    let dir: string
    const operator = OperatorKey.generate()
    const trailhead = generatePartnerKey('trailhead')
    let partner: PartnerRelayClient
    let shown: unknown
    let pseudonym: string
    const profile = personaProfile({ seed: SEED })

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'sealpost-web-relay-'))
      s = await openHostApp()
      page = s.page
      relay = await startRelay({
        dataDir: join(dir, 'db'),
        operatorKey: operator,
        allowedOrigins: [new URL(s.url).origin],
        sweepEveryMs: 0,
      })
      await admitPartner(relay.db, {
        id: 'trailhead',
        name: 'Trailhead Outfitters',
        keyId: trailhead.keyId,
        signingPublic: toHex(trailhead.publicKey.signingPublic),
        sealingPublic: toHex(trailhead.publicKey.sealingPublic),
        admittedAt: Date.now(),
      })
      partner = new PartnerRelayClient({
        url: relay.url,
        key: trailhead,
        operatorKey: operator.publicKey,
      })
      await partner.publish(await trailheadBundle(trailhead, dir))
      await page.goto(s.url)
    }, 300_000)
    afterAll(async () => {
      await s?.close()
      await relay?.close()
      operator.dispose()
      trailhead.dispose()
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    it('creates a vault with a made-up person in it', async () => {
      await page.waitForSelector('#passphrase')
      await page.fill('#passphrase', PASSPHRASE)
      await page.fill('#passphrase-again', PASSPHRASE)
      await page.click('main button[type=submit]')
      await page.waitForSelector('nav button[data-view=data]', { timeout: TIMEOUT })
      await go(page, 'settings')
      // No relay yet: answers would be handed over on the device.
      expect(await text(page, '#relay-body')).toMatch(/Without a relay/)
      await page.check('#demo-switch')
      await go(page, 'data')
      await page.fill('#persona-seed', String(SEED))
      await page.fill('#persona-scale', String(SCALE))
      await page.click('form[aria-label="Generate a person"] button[type=submit]')
      expect(await statusMatching(page, /^generated person #3:/)).toMatch(/purchases: \d+ added/)
    })

    it('refuses a malformed operator key, then keeps the relay and lists its offers', async () => {
      await go(page, 'settings')
      await page.fill('#relay-url', relay.url)
      await page.fill('#relay-key', 'not-a-key')
      await page.click('#relay-save')
      expect(await statusMatching(page, /64 hexadecimal digits/)).toMatch(/operator/)
      await page.fill('#relay-key', operator.publicKeyHex)
      await page.click('#relay-save')
      expect(await statusMatching(page, /^Relay saved/)).toBe(
        'Relay saved. Answers now wait here until you sync.',
      )
      // Settings points to the Offers screen, where the relay's offers are listed.
      expect(await text(page, '#relay-offers-where')).toMatch(/Offers screen/)
      await go(page, 'offers')
      const offer = `#relay-offers li[data-bundle="${BUNDLE}"]`
      await page.waitForSelector(`${offer} button`, { timeout: TIMEOUT })
      expect(await text(page, `${offer} .relay-partner`)).toBe('Trailhead Outfitters')
      await screenshot(page, 'desktop-relay-offers')
      await page.click(`${offer} button`)
      expect(await statusMatching(page, /now in your offers/)).toBe(
        'Trailhead Outfitters’s offer is now in your offers. Read it and decide there.',
      )
      await page.waitForSelector(`${offer} .relay-installed`, { timeout: TIMEOUT })
      // Verified and installed: its card is on the same screen, undecided.
      await page.waitForSelector(`#offer-${ID}`, { timeout: TIMEOUT })
      // Kept in the vault: the screen shows it again after leaving it.
      await go(page, 'settings')
      expect(await page.inputValue('#relay-url')).toBe(relay.url)
      expect(await page.inputValue('#relay-key')).toBe(operator.publicKeyHex)
    })

    it('consents and sends the answer, which waits on the device for the sync', async () => {
      await go(page, 'offers')
      await page.waitForSelector(`#offer-${ID}`, { timeout: TIMEOUT })
      expect(await text(page, `#title-${ID}`)).toBe('Trailhead Outfitters')
      await page.click(`#consent-${ID}`)
      await page.click(`#preview-${ID}`, { timeout: TIMEOUT })
      await page.waitForSelector(`#send-${ID}`, { timeout: TIMEOUT })
      await page.click(`#send-${ID}`)
      await page.waitForSelector(`#output-${ID}`, { state: 'attached', timeout: TIMEOUT })
      shown = JSON.parse(await text(page, `#output-${ID}`))
      expect(shown).toEqual({ euSize: profile.shoeSize.eu })
      await go(page, 'settings')
      const row = `#deliveries li[data-bundle="${BUNDLE}"]`
      expect(await page.getAttribute(row, 'data-state')).toBe('waiting')
      expect(await text(page, `${row} .delivery-state`)).toBe(
        'Answer: Waiting on this device for the next sync',
      )
    })

    it('syncs: the relay holds the envelope, and only the partner’s key opens what the app showed', async () => {
      await page.click('#sync-now')
      expect(await statusMatching(page, /^Synced:/)).toBe(
        'Synced: 1 sent, 0 delivered, 0 updates received from partners.',
      )
      const row = `#deliveries li[data-bundle="${BUNDLE}"]`
      expect(await page.getAttribute(row, 'data-state')).toBe('queued')
      const items = await partner.pullInbox()
      expect(items.length).toBe(1)
      const opened = await openEnvelope(items[0]!.envelope, trailhead.sealingSecret())
      expect(opened.output).toEqual(shown)
      expect(opened.bundleId).toBe(BUNDLE)
      pseudonym = opened.pseudonym
      const { receipts } = await partner.ack([{ id: items[0]!.envelope.id, outcome: 'opened' }])
      expect(receipts.map((r) => r.state)).toEqual(['delivered'])
    })

    it('syncs again: delivered with the relay’s receipt, and the partner’s update received', async () => {
      const order = {
        id: 'trailhead-order-1',
        orderedAt: Date.now() - 86_400_000,
        merchant: 'Trailhead Outfitters',
        category: 'shoes',
        amount: 119,
        currency: 'EUR',
      }
      await partner.push(pseudonym, signPush(trailhead, 'purchases', [order as never], Date.now()))
      await page.click('#sync-now')
      expect(await statusMatching(page, /^Synced: 0 sent/)).toBe(
        'Synced: 0 sent, 1 delivered, 1 update received from partners.',
      )
      expect(await text(page, '#sync-report')).toBe('Updates received from partners: 1.')
      const row = `#deliveries li[data-bundle="${BUNDLE}"]`
      expect(await page.getAttribute(row, 'data-state')).toBe('delivered')
      expect(await text(page, `${row} .delivery-state`)).toMatch(
        /^Answer: Delivered: the relay signed a receipt on /,
      )
      // The answer in words, as the Offers screen said it.
      expect(await text(page, `${row} .delivery-answer`)).toMatch(
        new RegExp(`\\b${profile.shoeSize.eu}\\b`),
      )
      const envelopeId = await page.getAttribute(row, 'data-envelope')
      const exact = await page.textContent(
        `#delivery-output-${envelopeId!.replace(/[^a-z0-9]+/gi, '-')}`,
      )
      expect(JSON.parse(exact ?? '')).toEqual(shown)
      // The pushed order is in the vault now, as a purchase.
      const found = await page.evaluate(async () => {
        const client = (
          globalThis as unknown as {
            sealpostClient: { call(m: string, ...a: unknown[]): Promise<unknown> }
          }
        ).sealpostClient
        return client.call('search', {
          collection: 'purchases',
          text: 'trailhead-order-1',
          limit: 5,
        })
      })
      expect((found as { merchant?: string }[]).map((r) => r.merchant)).toEqual([
        'Trailhead Outfitters',
      ])
      // The relay's meter billed the delivery to the partner; the app's bill agrees.
      const statement = await partner.statement(new Date().getUTCFullYear())
      expect(statement.totalCents).toBe(10)
      await go(page, 'offers')
      await go(page, 'settings')
      expect(await text(page, '#bills li[data-partner=trailhead] .bill-count')).toBe('1 answer')
      await screenshot(page, 'desktop-relay-sync')
      expect(s.errors).toEqual([])
    })
  },
)
