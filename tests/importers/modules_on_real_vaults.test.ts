/**
 * Reference modules run on encrypted vaults filled only through the importers, from the exports in
 * tests/fixtures (see PROVENANCE.md and PROVENANCE-importers.md), each checked against an answer
 * worked out by hand from those files:
 *
 * - shoe-size: order history and order e-mails. No public order history or order e-mail with a
 *   licence exists, so these are the synthetic files in Amazon's and the shops' real formats.
 * - coffee-trigger: the real WhatsApp exports and the real Google location timeline, plus one
 *   hand-written chat in WhatsApp's Android format (no public chat arranges a coffee).
 * - flight-delay-care: the real TripIt calendar, plus a hand-written Takeout `Records.json` with a
 *   fix at the departure airport (no public location history is near those flights).
 * - medical-summary: the real IPS bundle (HL7's International Patient Summary example).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
// @ts-expect-error plain JavaScript module without types
import { toEuSize as toEuSizeUntyped } from '../../algorithms/shoe-size/index.js'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { importFile, sourceFromBytes } from '../../runtime/importers/index.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'
import type { Vault } from '../../runtime/vault/index.ts'
import { createSandbox } from '../../sandbox/index.ts'
import { emptyVault } from './_vault.ts'

const toEuSize = toEuSizeUntyped as (text: string) => number | undefined
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

const fixture = (rel: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../fixtures/${rel}`, import.meta.url)))
const moduleDir = (name: string): string =>
  fileURLToPath(new URL(`../../algorithms/${name}/`, import.meta.url))

/** A vault holding what the importers read from `files` (paths under tests/fixtures). */
async function vaultOf(files: readonly string[]): Promise<Vault> {
  const vault = await emptyVault()
  for (const rel of files) {
    const name = rel.split('/').pop() ?? rel
    await vault.ingestAll(importFile(sourceFromBytes(name, fixture(rel))))
  }
  return vault
}

async function run(
  module: string,
  vault: Vault,
  now: string,
  trigger?: { collection: string; firstRow: number },
): Promise<unknown> {
  const bundle = await loadModuleFolder(moduleDir(module))
  const at = Date.parse(now)
  const result = await runBundle(
    { source: vault, sandbox, consent: giveConsent(bundle, at) },
    bundle,
    { now: at, ...(trigger ? { trigger } : {}) },
  )
  return result.output
}

describe('shoe-size on order histories and order e-mails', () => {
  const files = [
    'purchases/synthetic_amazon_Retail.OrderHistory.1.csv',
    'purchases/synthetic_orders.mbox',
    'purchases/synthetic_order_jsonld_es.eml',
    'purchases/synthetic_order_microdata_en.eml',
  ]

  it('reads every size the importers write, fractions of EU sizes included', async () => {
    using vault = await vaultOf(files)
    const footwear = (await vault.search({ collection: 'purchases', limit: 100 }))
      .filter((p) => p['category'] === 'footwear')
      .map((p) => [new Date(p['orderedAt'] as number).toISOString().slice(0, 10), p['size']])
      .sort()
    // By hand: EU = (4 × UK + 94) / 3, US men's = UK + 1, US women's = UK + 2, rounded.
    expect(footwear.map(([day, size]) => [day, size, toEuSize(String(size))])).toEqual([
      ['2022-03-14', 'EU 42.5', 43],
      ['2023-04-02', 'UK 8', 42], // 126 / 3 = 42
      ['2024-01-08', 'US W 9.5', 41], // UK 7.5: 124 / 3 = 41.33
      ['2024-01-15', 'EU 42 2/3', 43], // the French receipt's "pointure 42 2/3"
      ['2024-03-09', 'EU 42', 42],
      ['2024-05-14', 'US 9.5', 43], // UK 8.5: 128 / 3 = 42.67
      ['2024-06-02', 'EU 42 2/3', 43], // Amazon's "EU 42 2/3"
      ['2024-06-18', 'EU 43', 43], // "maat 43"
    ])
  })

  it('answers EU 43: the six most recent pairs vote 43, 43, 43, 42, 43, 41', async () => {
    using vault = await vaultOf(files)
    expect(await run('shoe-size', vault, '2024-07-01T00:00:00Z')).toEqual({ euSize: 43 })
  })

  it('answers EU 42 in spring 2023, when only the first two pairs were bought (tie: the newer)', async () => {
    using vault = await vaultOf(files)
    expect(await run('shoe-size', vault, '2023-05-01T00:00:00Z')).toEqual({ euSize: 42 })
  })
})

describe('coffee-trigger on real chats and a real location timeline', () => {
  const real = [
    'messages/whatsapp_android_ddmmyy_24hrs.txt',
    'messages/whatsapp_ios_bracket_mmddyy_24hrs.txt',
    'location/device_timeline_test-data.json',
  ]

  it('finds no invitation in the real chats (their last message is lorem ipsum)', async () => {
    using vault = await vaultOf(real)
    expect(await run('coffee-trigger', vault, '2021-12-30T22:05:00Z')).toEqual({
      triggered: false,
      shopId: null,
    })
  })

  it('recognises the invitation; no shop within 500 m of the last fix (934 m from SoHo)', async () => {
    using vault = await vaultOf([...real, 'messages/synthetic_whatsapp_android_coffee_invite.txt'])
    // 09:21 UTC: the last 30 minutes hold the three messages of 09:02, 09:04 and 09:20; the new
    // one is the third. The last fix, 09:15, is at 40.716776, -74.009974: 933.6 m from the
    // new-york-soho shop (40.7233, -74.003), the nearest; the radius is 500 m.
    expect(
      await run('coffee-trigger', vault, '2023-10-01T09:21:00Z', {
        collection: 'messages',
        firstRow: 2,
      }),
    ).toEqual({ triggered: true, shopId: null })
    // A trigger run on the first, greeting message answers nothing.
    expect(
      await run('coffee-trigger', vault, '2023-10-01T09:03:00Z', {
        collection: 'messages',
        firstRow: 0,
      }),
    ).toBeNull()
  })
})

describe('flight-delay-care on a real TripIt calendar', () => {
  // US 403 PHX → SFO departs 2011-10-11 14:45 UTC (the calendar's first flight).
  const trigger = { collection: 'flights', firstRow: 0 }

  it('without any location: not at the airport, delay unknown, no EU261 (US domestic)', async () => {
    using vault = await vaultOf(['calendar/node-ical_tripit-location-escaping.ics'])
    expect(await run('flight-delay-care', vault, '2011-10-11T15:00:00Z', trigger)).toEqual({
      atAirport: false,
      delayBand: 'unknown',
      compensationEur: 0,
    })
  })

  it('at the airport with the 13:40 fix 529 m from PHX (the 11:05 one is outside the 3 h)', async () => {
    using vault = await vaultOf([
      'calendar/node-ical_tripit-location-escaping.ics',
      'location/synthetic_takeout_Records_phx.json',
    ])
    expect(await run('flight-delay-care', vault, '2011-10-11T15:00:00Z', trigger)).toEqual({
      atAirport: true,
      delayBand: 'unknown',
      compensationEur: 0,
    })
  })
})

describe('medical-summary on the real IPS bundle', () => {
  it('sends the allergies, the active and in-remission conditions and the current medications', async () => {
    using vault = await vaultOf(['health/ips_Bundle-IPS-examples-Bundle-with-immunization.json'])
    const output = (await run('medical-summary', vault, '2026-05-01T08:00:00Z')) as {
      resourceType: string
      type: string
      timestamp: string
      entry: { resource: Record<string, unknown> }[]
    }
    expect(output.resourceType).toBe('Bundle')
    expect(output.timestamp).toBe('2026-05-01T08:00:00Z')
    const summary = output.entry.map(({ resource: r }) => {
      const code = (r['code'] ?? r['medicationCodeableConcept']) as
        { coding?: { code: string }[]; text?: string } | undefined
      const status =
        (r['clinicalStatus'] as { coding: { code: string }[] } | undefined)?.coding[0]?.code ??
        r['status']
      const since =
        r['onsetDateTime'] ??
        (r['effectivePeriod'] as { start?: string } | undefined)?.start ??
        r['effectiveDateTime'] ??
        null
      return [r['resourceType'], code?.coding?.[0]?.code ?? code?.text, status, since]
    })
    expect(summary).toEqual(HAND_WORKED)
  })
})

/**
 * From the bundle by hand: two allergies (penicillin, active, high, since 2010; "no known food
 * allergy", active), two conditions (menopausal flushing, active since 2015; breast cancer, in
 * remission, which a doctor must know), two medication statements (anastrozole since 2015-03,
 * Cimicifuga extract since 2016-01, both active). The observations and immunizations stay out.
 */
const HAND_WORKED: unknown[] = [
  ['AllergyIntolerance', '373270004', 'active', '2010'], // penicillin
  ['AllergyIntolerance', '429625007', 'active', null], // no known food allergy
  ['Condition', '198436008', 'active', '2015'], // menopausal flushing
  ['Condition', '254837009', 'remission', '2015-01'], // breast cancer
  ['MedicationStatement', '108774000', 'active', '2015-03'], // anastrozole
  ['MedicationStatement', '412588001', 'active', '2016-01'], // Cimicifuga racemosa extract
]
