/**
 * The end-to-end story `sealpost demo` tells (and `npm start` runs): a generated person with an
 * encrypted vault, partners who send their signed algorithm instead of asking for data, the
 * contract each shows, the consent, what each run read, what left sealed, what never left, the
 * bill, and a revocation. Returns lines so the CLI prints them and tests read them.
 */

import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { createSandbox } from '../../sandbox/index.ts'
import { generatePartnerKey, publicKeyFile, type PartnerKey } from '../bundle/index.ts'
import { signModuleFolder } from '../dev/module_folder.ts'
import { createRuntime, signPush, type RunOutcome } from '../host/index.ts'
import { generatePersona, type PersonaProfile } from '../persona/index.ts'
import { memoryStorage } from '../storage/index.ts'
import { createVault, LIGHT_SCRYPT, type ScryptParams } from '../vault/index.ts'

/** The reference modules the demo walks through, in order; those not present are skipped. */
export const DEMO_MODULES = [
  'shoe-size',
  'favorite-sport',
  'running-shoe-age',
  'top-brand',
  'loan-prequalification',
  'research-panel',
  'spending-insights',
  'social-post-review',
  'medical-summary',
  'flight-delay-care',
  'coffee-trigger',
] as const

export interface DemoOptions {
  readonly seed?: number
  readonly scale?: number
  /** The demo's "today"; fixed by default so the story is reproducible. */
  readonly now?: number
  /** The vault's scrypt cost (the default is the real one; tests pass a light one). */
  readonly scrypt?: ScryptParams
  /** Only these modules (default: every module in DEMO_MODULES that exists). */
  readonly modules?: readonly string[]
}

export interface DemoReport {
  readonly lines: string[]
  /** One outcome per module that ran, in order. */
  readonly results: RunOutcome[]
}

const number = new Intl.NumberFormat('en-GB')
const day = (t: number): string => new Date(t).toISOString().slice(0, 10)
const modulesRoot = fileURLToPath(new URL('../../algorithms/', import.meta.url))

function describeWindow(from: number, now: number): string {
  const days = Math.round((now - from) / 86_400_000)
  return days >= 365 ? `the last ${Math.round(days / 365)} year(s)` : `the last ${days} days`
}

/** What the generator built into the person, for module `name`: the answer to expect. */
function groundTruth(name: string, profile: PersonaProfile): string | undefined {
  if (name === 'shoe-size') return `EU ${profile.shoeSize.eu} feet (${profile.shoeSize.labels.us})`
  if (name === 'favorite-sport') return `${profile.favoriteSport} as their sport`
  return undefined
}

/** Runs the demo and returns its report. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoReport> {
  const now = options.now ?? Date.UTC(2026, 10, 1, 9, 0, 0)
  const lines: string[] = []
  const say = (line = ''): void => {
    lines.push(line)
  }
  await using sandbox = createSandbox()
  // The sandbox Worker starts while the person and their vault are made.
  const ready = sandbox.warmUp()
  const persona = generatePersona({ seed: options.seed ?? 42, scale: options.scale ?? 1, now })
  const profile = persona.profile
  const who = profile.givenName
  const vault = await createVault(memoryStorage(), `demo passphrase of ${profile.name}`, {
    scrypt: options.scrypt ?? LIGHT_SCRYPT,
  })
  try {
    let total = 0
    for (const [name, records] of Object.entries(persona.collections)) {
      total += (await vault.ingest(name, records)).added
    }
    say(
      'sealpost demo: partners send their algorithm to your data; only a small, consented answer leaves.',
    )
    say()
    say(`Meet ${profile.name} from ${profile.city.name}, a generated person.`)
    const counts = Object.entries(persona.collections)
      .filter(([, c]) => c.length > 0)
      .map(([name, c]) => `${number.format(c.length)} ${name}`)
    say(`Their encrypted vault holds ${number.format(total)} records: ${counts.join(', ')}.`)

    await ready
    const clock = { now }
    await using rt = createRuntime({ vault, sandbox, clock: () => clock.now })
    const keys = new Map<string, PartnerKey>()
    const wanted = (options.modules ?? DEMO_MODULES).filter((m) =>
      existsSync(join(modulesRoot, m, 'manifest.json')),
    )
    const results: RunOutcome[] = []
    let step = 0
    for (const name of wanted) {
      const { partner } = await readAsset<{ partner: { id: string } }>(name, 'manifest.json')
      const partnerId = partner.id
      let key = keys.get(partnerId)
      if (!key) {
        key = generatePartnerKey(partnerId)
        keys.set(partnerId, key)
        await rt.trust(publicKeyFile(key.publicKey))
      }
      const installed = await rt.install(await signModuleFolder(join(modulesRoot, name), key))
      const contract = await rt.contract(installed.bundleId)
      const bundle = (await rt.installed()).find((b) => b.manifest.id === installed.bundleId)!
      const m = bundle.manifest
      step++
      say()
      say(`${step}. ${m.partner.name}: "${m.purpose}"${m.offer ? ` (offer: ${m.offer})` : ''}`)
      for (const r of contract.reads) {
        say(`   Reads: ${r.collection} (${r.fields.join(', ')}).`)
      }
      const mode =
        m.mode === 'local'
          ? 'nothing leaves: the answer is for ' + who + ' alone'
          : m.mode === 'share'
            ? 'the records themselves leave, after ' + who + ' sees them'
            : `only the answer leaves, at most ${contract.totalBits === null ? '?' : contract.totalBits.toFixed(1)} bits`
      say(`   Mode ${m.mode}: ${mode}.`)
      const dial = await rt.dial()
      if (m.personalization > dial) {
        say(
          `   This one needs personalization level ${m.personalization}; ${who} turns the dial up from ${dial}.`,
        )
        await rt.setDial(m.personalization)
      }
      await rt.consent(installed.bundleId)
      let outcome: RunOutcome
      try {
        if (m.schedule.kind === 'trigger') {
          outcome = await triggerStory(rt, name, m.schedule.on, profile, clock.now, key, say)
        } else if (m.mode === 'share') {
          const preview = await rt.preview(installed.bundleId)
          say(`   ${who} consents, sees the exact summary first, and sends it.`)
          outcome = await preview.send()
        } else {
          say(`   ${who} reads the contract and consents.`)
          outcome = await rt.run(installed.bundleId)
        }
      } catch (e) {
        say(`   Refused: ${(e as Error).message}`)
        continue
      }
      results.push(outcome)
      for (const r of outcome.read) {
        say(
          `   Ran sealed in the sandbox: saw ${number.format(r.rows)} ${r.collection}` +
            (Number.isFinite(r.from)
              ? ` since ${day(r.from)} (${describeWindow(r.from, r.to)})`
              : ' (all time)') +
            `, ${r.fields.length} fields.`,
        )
      }
      const shown = JSON.stringify(outcome.output)
      const clipped = shown.length > 160 ? `${shown.slice(0, 157)}...` : shown
      if (outcome.mode === 'local') say(`   Shown to ${who} only: ${clipped}`)
      else say(`   Left the device, sealed to ${m.partner.name}: ${clipped}`)
      const truth = groundTruth(name, profile)
      if (truth) say(`   (The generator gave ${who} ${truth}.)`)
    }

    // The relay carries the envelopes; each delivery is metered.
    for (const entry of await rt.outbox({ pending: true })) {
      await rt.delivered(entry.envelope.id)
    }
    say()
    say('The relay delivered the sealed envelopes without seeing inside. The bill:')
    for (const partnerId of await rt.billedPartners()) {
      const s = await rt.billing(partnerId, new Date(now).getUTCFullYear())
      say(`   ${partnerId}: ${s.transfers} transfer(s), $${(s.totalCents / 100).toFixed(2)}`)
    }
    const first = results.find((r) => r.mode === 'private')
    if (first) {
      await rt.revoke(first.bundleId, { delete: true })
      say()
      say(`${who} revokes ${first.bundleId} and asks for deletion; a deletion request is queued.`)
      try {
        await rt.run(first.bundleId)
        say('   (unexpected: it ran)')
      } catch (e) {
        say(`   The next run is refused: ${(e as Error).message}`)
      }
    }
    const verified = await rt.log.verify()
    const left = (await rt.whatLeft()).length
    say()
    say(
      `${left} answer(s) left ${who}'s device; ${number.format(total)} records stayed home.` +
        ` The audit log (${(await rt.entries()).length} entries) ${verified.ok ? 'verifies' : 'is BROKEN'}.`,
    )
    return { lines, results }
  } finally {
    vault.close()
  }
}

/** Great-circle distance in metres. */
function haversine(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h))
}

/** A JSON file of a reference module's folder. */
async function readAsset<T>(module: string, name: string): Promise<T> {
  return JSON.parse(await readFile(join(modulesRoot, module, name), 'utf8')) as T
}

/**
 * A trigger module's story: new records arrive (a friend's message; the airline's signed flight
 * status) and the runtime runs the module on them, incrementally.
 */
async function triggerStory(
  rt: ReturnType<typeof createRuntime>,
  name: string,
  collection: string,
  profile: PersonaProfile,
  now: number,
  partnerKey: PartnerKey,
  say: (line?: string) => void,
): Promise<RunOutcome> {
  const who = profile.givenName
  let triggered: RunOutcome[]
  if (collection === 'messages') {
    // Where the person is: walking past the partner's nearest shop.
    const shops = await readAsset<{ id: string; lat: number; lon: number }[]>(name, 'shops.json')
    const shop = shops.reduce((best, s) =>
      haversine(s, profile.home) < haversine(best, profile.home) ? s : best,
    )
    await rt.ingest('locations', [
      {
        id: `demo-${name}-here`,
        at: now - 5 * 60_000,
        lat: shop.lat,
        lon: shop.lon,
        source: 'demo',
      },
    ])
    const text = profile.language === 'fr' ? 'On va prendre un café ?' : 'Want to grab a coffee?'
    say(`   ${who} consents. Near ${shop.id}, a message arrives: "${text}"`)
    ;({ triggered } = await rt.ingest('messages', [
      {
        id: `demo-${name}-msg`,
        sentAt: now,
        platform: 'whatsapp',
        conversation: 'Camille',
        sender: 'Camille',
        fromMe: false,
        text,
      },
    ]))
  } else if (collection === 'flights') {
    // The person waited at the airport; the airline pushes the flight's status, signed.
    const { airports } = await readAsset<{
      airports: Record<string, { lat: number; lon: number }>
    }>(name, 'airports.json')
    const origin = profile.homeAirport
    const at = airports[origin]
    const departsAt = now - 4 * 3_600_000
    if (at) {
      await rt.ingest('locations', [
        {
          id: `demo-${name}-gate`,
          at: departsAt - 60_000,
          lat: at.lat,
          lon: at.lon,
          source: 'demo',
        },
      ])
    }
    const flight = {
      id: `demo-${name}-flight`,
      departsAt,
      arrivesAt: departsAt + 8 * 3_600_000,
      flightNumber: 'SW 412',
      carrier: 'SW',
      origin,
      destination: origin === 'CDG' ? 'JFK' : 'CDG',
      status: 'delayed',
      delayMin: 215,
    }
    say(
      `   ${who} consents. ${partnerKey.partnerId} pushes a signed status: ${flight.flightNumber} from ${origin} is 3 h 35 late.`,
    )
    ;({ triggered } = await rt.push(signPush(partnerKey, 'flights', [flight], now)))
  } else {
    throw new Error(`no demo record for a trigger on ${collection}`)
  }
  const outcome = triggered.find((o) => o.bundleId.endsWith(name))
  if (!outcome) throw new Error('the trigger did not run (the audit log says why)')
  return outcome
}
