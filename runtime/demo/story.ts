/**
 * The end-to-end story `sealpost demo` tells (and `npm start` runs): a generated person with an
 * encrypted vault, partners who send their signed algorithm instead of asking for data, the
 * contract each shows, the consent, what each run read, what left sealed, what never left, the
 * bill, and a revocation. Everything between the device and the partners goes over HTTP through a
 * relay served in-process on a loopback port, on PGlite in a temporary folder: the operator admits
 * the partners, they publish signed bundles, the device lists offers (every byte checked), syncs,
 * the partners pull and open their answers, the airline pushes, and the bill is the relay's signed
 * statement. Returns lines so the CLI prints them and tests read them.
 */

import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { createSandbox } from '../../sandbox/index.ts'
import { startRelay, type RunningRelay } from '../../relay/serve.ts'
import { admitPartner } from '../../relay/db/queries.ts'
import { OperatorKey } from '../../relay/operator_key.ts'
import { fromHex, toHex } from '../crypto/bytes.ts'
import { openEnvelope, type EnvelopePayload } from '../delivery/index.ts'
import { DeviceRelayClient, PartnerRelayClient } from '../relay/index.ts'
import type { PartnerStatement } from '../relay/protocol.ts'
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
  /** What each partner opened from its relay inbox, in order. */
  readonly opened: ReadonlyMap<string, EnvelopePayload[]>
  /** The relay's signed statement per billed partner, and the device's own bill lines. */
  readonly statements: ReadonlyMap<string, PartnerStatement>
  readonly deviceBills: ReadonlyMap<string, PartnerStatement['lines']>
  /** The relay's loopback URL and data folder (closed and removed by the time it returns). */
  readonly relayUrl: string
  readonly relayFolder: string
}

/** The relay side of the demo: the server, and each partner's client and key. */
interface DemoRelay {
  readonly running: RunningRelay
  readonly partners: Map<string, { key: PartnerKey; client: PartnerRelayClient }>
  readonly opened: Map<string, EnvelopePayload[]>
  /** Envelopes the device's syncs posted, and delivery receipts they collected, so far. */
  posted: number
  delivered: number
  readonly say: (line?: string) => void
}

/** Each partner pulls its inbox, opens every envelope with its sealing key and acknowledges it. */
async function partnersPull(
  relay: DemoRelay,
  clock: { now: number },
  only?: string,
): Promise<number> {
  let n = 0
  for (const [partnerId, { key, client }] of relay.partners) {
    if (only !== undefined && partnerId !== only) continue
    const items = await client.pullInbox()
    if (items.length === 0) continue
    const opened = await Promise.all(
      items.map((i) => openEnvelope(i.envelope, key.sealingSecret())),
    )
    relay.opened.set(partnerId, [...(relay.opened.get(partnerId) ?? []), ...opened])
    clock.now += 1_000
    await client.ack(items.map((i) => ({ id: i.envelope.id, outcome: 'opened' as const })))
    const shown = opened.map((p) => {
      if (p.kind === 'deletion-request') return 'a deletion request'
      const text = JSON.stringify(p.output)
      return text.length > 100 ? `${text.slice(0, 97)}...` : text
    })
    relay.say(
      `   ${partnerId} pulls ${items.length} envelope(s) from its inbox and opens them with its key: ${shown.join(', ')}`,
    )
    n += items.length
  }
  return n
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
    // The operator's relay: a loopback port, PGlite in a temporary folder, the demo's clock.
    const folder = await mkdtemp(join(tmpdir(), 'sealpost-demo-relay-'))
    const operator = OperatorKey.generate()
    const running = await startRelay({
      dataDir: join(folder, 'db'),
      operatorKey: operator,
      clock: () => clock.now,
      sweepEveryMs: 0,
      log: () => undefined,
    })
    try {
      const relay: DemoRelay = {
        running,
        partners: new Map(),
        opened: new Map(),
        posted: 0,
        delivered: 0,
        say,
      }
      const relaySettings = {
        url: running.url,
        operatorKey: toHex(operator.publicKey),
        clock: () => clock.now,
      }
      await using rt = createRuntime({
        vault,
        sandbox,
        clock: () => clock.now,
        relay: relaySettings,
      })
      const wanted = (options.modules ?? DEMO_MODULES).filter((m) =>
        existsSync(join(modulesRoot, m, 'manifest.json')),
      )
      // The operator admits each partner; each partner publishes its signed bundles.
      for (const name of wanted) {
        const { partner } = await readAsset<{ partner: { id: string; name: string } }>(
          name,
          'manifest.json',
        )
        let entry = relay.partners.get(partner.id)
        if (!entry) {
          const key = generatePartnerKey(partner.id)
          await admitPartner(running.db, {
            id: key.partnerId,
            name: partner.name,
            keyId: key.keyId,
            signingPublic: toHex(key.publicKey.signingPublic),
            sealingPublic: toHex(key.publicKey.sealingPublic),
            admittedAt: clock.now,
          })
          const client = new PartnerRelayClient({
            url: running.url,
            key,
            operatorKey: operator.publicKey,
            clock: () => clock.now,
          })
          entry = { key, client }
          relay.partners.set(partner.id, entry)
        }
        await entry.client.publish(await signModuleFolder(join(modulesRoot, name), entry.key))
      }
      say()
      say(
        `The operator's relay listens on ${running.url} (PGlite in a temporary folder). It admits ` +
          `${relay.partners.size} partner(s); they publish ${wanted.length} signed bundle(s).`,
      )
      const device = new DeviceRelayClient({ ...relaySettings, operatorKey: operator.publicKey })
      const offers = await device.offers()
      say(
        `${who}'s device lists ${offers.length} offer(s) from the registry, checking every byte ` +
          `against the partner keys in the operator-signed directory.`,
      )

      const results: RunOutcome[] = []
      const trusted = new Set<string>()
      let step = 0
      for (const name of wanted) {
        const { id: bundleId, partner } = await readAsset<{ id: string; partner: { id: string } }>(
          name,
          'manifest.json',
        )
        const partnerId = partner.id
        const key = relay.partners.get(partnerId)!.key
        if (!trusted.has(partnerId)) {
          const listed = (await device.partnerKey(partnerId))!
          await rt.trust({
            partnerId: listed.id,
            keyId: listed.keyId,
            signingPublic: fromHex(listed.signingPublic),
            sealingPublic: fromHex(listed.sealingPublic),
          })
          trusted.add(partnerId)
        }
        const offer = offers.find((o) => o.bundleId === bundleId)
        if (!offer) throw new Error(`the registry does not offer ${bundleId}`)
        const installed = await rt.install(await device.downloadBundle(offer))
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
            outcome = await triggerStory(rt, name, m.schedule.on, profile, clock, key, relay)
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
        else say(`   Sealed to ${m.partner.name}, waiting in the outbox: ${clipped}`)
        const truth = groundTruth(name, profile)
        if (truth) say(`   (The generator gave ${who} ${truth}.)`)
      }

      // The device syncs: envelopes posted, partners pull and open, signed receipts come back.
      clock.now += 60_000
      relay.posted += (await rt.sync()).posted
      say()
      say(
        `${who}'s device syncs: ${relay.posted} sealed envelope(s) posted to the relay in all, which cannot open them.`,
      )
      await partnersPull(relay, clock)
      relay.delivered += (await rt.sync()).delivered
      say(
        `Its syncs collected ${relay.delivered} operator-signed delivery receipt(s); each delivery is metered.`,
      )
      const bills = await billFromRelay(rt, relay, new Date(clock.now).getUTCFullYear())
      const first = results.find((r) => r.mode === 'private')
      if (first) {
        await rt.revoke(first.bundleId, { delete: true })
        say()
        say(`${who} revokes ${first.bundleId} and asks for deletion.`)
        try {
          await rt.run(first.bundleId)
          say('   (unexpected: it ran)')
        } catch (e) {
          say(`   The next run is refused: ${(e as Error).message}`)
        }
        clock.now += 60_000
        await rt.sync()
        await partnersPull(relay, clock)
        const acked = await rt.sync()
        say(`   The partner acknowledged ${acked.deletionAcks} deletion request(s); never billed.`)
      }
      const verified = await rt.log.verify()
      const left = (await rt.whatLeft()).length
      say()
      say(
        `${left} answer(s) left ${who}'s device; ${number.format(total)} records stayed home.` +
          ` The audit log (${(await rt.entries()).length} entries) ${verified.ok ? 'verifies' : 'is BROKEN'}.`,
      )
      return {
        lines,
        results,
        opened: relay.opened,
        statements: bills.statements,
        deviceBills: bills.device,
        relayUrl: running.url,
        relayFolder: folder,
      }
    } finally {
      await running.close()
      await rm(folder, { recursive: true, force: true })
    }
  } finally {
    vault.close()
  }
}

/** The bill: each partner's statement, signed by the operator, next to the device's own. */
async function billFromRelay(
  rt: ReturnType<typeof createRuntime>,
  relay: DemoRelay,
  year: number,
): Promise<{
  statements: Map<string, PartnerStatement>
  device: Map<string, PartnerStatement['lines']>
}> {
  const statements = new Map<string, PartnerStatement>()
  const device = new Map<string, PartnerStatement['lines']>()
  relay.say("The bill, from the relay's signed statements:")
  for (const partnerId of await rt.billedPartners()) {
    const statement = await relay.partners.get(partnerId)!.client.statement(year)
    const mine = await rt.billing(partnerId, year)
    statements.set(partnerId, statement)
    device.set(partnerId, mine.lines)
    const agrees = JSON.stringify(mine.lines) === JSON.stringify(statement.lines)
    relay.say(
      `   ${partnerId}: ${statement.transfers} transfer(s), $${(statement.totalCents / 100).toFixed(2)}` +
        (agrees ? " (the device's own bill agrees)" : " (the device's bill DIFFERS)"),
    )
  }
  return { statements, device }
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
  clock: { now: number },
  partnerKey: PartnerKey,
  relay: DemoRelay,
): Promise<RunOutcome> {
  const now = clock.now
  const say = relay.say
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
    const destination = origin === 'CDG' ? 'JFK' : 'CDG'
    // The outbound trip, on time, imported from the booking email: the trigger runs and its
    // answer is the airline's first word from this person (and how it learns the pseudonym).
    const earlier = {
      id: `demo-${name}-earlier`,
      departsAt: now - 40 * 3_600_000,
      arrivesAt: now - 32 * 3_600_000,
      flightNumber: 'SW 411',
      carrier: 'SW',
      origin: destination,
      destination: origin,
      status: 'landed',
      delayMin: 0,
    }
    const before = await rt.ingest('flights', [earlier])
    const band = (before.triggered[0]?.output as { delayBand?: string } | undefined)?.delayBand
    clock.now += 60_000
    relay.posted += (await rt.sync()).posted
    say(
      `   ${who} consents. The outbound ${earlier.flightNumber} (${band}) is answered; the device syncs.`,
    )
    await partnersPull(relay, clock, partnerKey.partnerId)
    const pseudonym = relay.opened.get(partnerKey.partnerId)!.at(-1)!.pseudonym
    const flight = {
      id: `demo-${name}-flight`,
      departsAt,
      arrivesAt: departsAt + 8 * 3_600_000,
      flightNumber: 'SW 412',
      carrier: 'SW',
      origin,
      destination,
      status: 'delayed',
      delayMin: 215,
    }
    const { client } = relay.partners.get(partnerKey.partnerId)!
    await client.push(pseudonym, signPush(partnerKey, 'flights', [flight], clock.now))
    say(
      `   ${partnerKey.partnerId} pushes a signed status through the relay to that pseudonym: ${flight.flightNumber} from ${origin} is 3 h 35 late.`,
    )
    clock.now += 60_000
    const synced = await rt.sync()
    relay.posted += synced.posted
    relay.delivered += synced.delivered
    say(`   ${who}'s device syncs: ${synced.pushesApplied} push(es) applied; the trigger fires.`)
    triggered = [...synced.triggered]
  } else {
    throw new Error(`no demo record for a trigger on ${collection}`)
  }
  const outcome = triggered.find((o) => o.bundleId.endsWith(name))
  if (!outcome) throw new Error('the trigger did not run (the audit log says why)')
  return outcome
}
