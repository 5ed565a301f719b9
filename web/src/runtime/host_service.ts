/**
 * The runtime Worker's service: it owns the vault (IndexedDB, encrypted), the host runtime and the
 * sandbox, and answers the page's calls with plain data (`HostApi`). Partner code never runs here:
 * the sandbox runs it in its own Worker, which gets only the consented columns of each job.
 */

import { createSandbox, type Sandbox } from '../../../sandbox/index.ts'
import { createRuntime, type Preview, type SealpostRuntime } from '../../../runtime/host/index.ts'
import {
  createVault,
  LIGHT_SCRYPT,
  openVault,
  type ScryptParams,
  type Vault,
} from '../../../runtime/vault/index.ts'
import { openIndexedDbStorage } from '../../../runtime/storage/indexeddb.ts'
import { importFile, sourceFromBytes } from '../../../runtime/importers/index.ts'
import { generateCollection, PERSONA_COLLECTIONS } from '../../../runtime/persona/index.ts'
import type { RunOutcome } from '../../../runtime/host/index.ts'
import { NoRelayError, OneOffUsedError, UnknownPreviewError, VaultLockedError } from './errors.ts'
import type {
  BillView,
  DeliveryView,
  HostApi,
  HostResult,
  IngestReport,
  LinkedRecordView,
  OffersView,
  PreviewView,
  ProbeKind,
  ProbeView,
  RelayOfferView,
  RelaySettingsView,
  RunView,
  SearchView,
  SyncView,
  TimelineItem,
  VaultSummary,
} from './host_api.ts'
import { isProbeKind, runProbe } from './probes.ts'
import { installOffers, offerViews, oneOffUsed, type DemoOffer } from './_offers.ts'
import { billingCurrency } from './_partners.ts'
import { timelineOf } from './_timeline.ts'
import {
  deliveries,
  installRelayOffer,
  relayOffers,
  relaySettings,
  setRelaySettings,
  syncNow,
} from './_relay.ts'

export type { DemoOffer }

/** Options of the service. */
export interface HostServiceOptions {
  /** The IndexedDB database that holds the vault. */
  readonly databaseName: string
  readonly offers: readonly DemoOffer[]
  /** scrypt cost for new vaults; absent: the strong default. Light settings are for tests only. */
  readonly scrypt?: ScryptParams
  /** The clock (ms since epoch). */
  readonly clock?: () => number
}

const CAP_CENTS = 300
const MAX_SEARCH = 200
const MAX_LINKED = 200
/** Records scanned to find the ones an answer names (a person's posts, at demo scale). */
const MAX_LINK_SCAN = 100_000

/** The scrypt setting of the end-to-end build (`vite build --mode e2e`). */
export const E2E_SCRYPT = LIGHT_SCRYPT

interface Session {
  readonly vault: Vault
  readonly rt: SealpostRuntime
}

/** Wraps a call: a refusal becomes `{ ok: false, code, message }`; only its one line crosses. */
async function guarded<T>(work: () => Promise<T>): Promise<HostResult<T>> {
  try {
    return { ok: true, value: await work() }
  } catch (e) {
    const code = (e as { code?: unknown })?.code
    const message = e instanceof Error ? e.message : String(e)
    return {
      ok: false,
      code: typeof code === 'string' && code.startsWith('SEALPOST_') ? code : 'SEALPOST_HOST_ERROR',
      message,
    }
  }
}

const readView = (read: RunOutcome['read']): PreviewView['read'] =>
  read.map((r) => ({ collection: r.collection, fields: [...r.fields], rows: r.rows }))

/** The page's runtime, living in a Worker. */
export class HostService implements HostApi {
  readonly #options: HostServiceOptions
  readonly #clock: () => number
  #session: Session | undefined
  #sandbox: Sandbox | undefined
  #probeSandbox: Sandbox | undefined
  readonly #previews = new Map<string, Preview>()
  /** Offers that could not be installed in this vault, each with the reason. */
  #skippedOffers: readonly string[] = []
  #nextPreview = 1

  constructor(options: HostServiceOptions) {
    this.#options = options
    this.#clock = options.clock ?? Date.now
  }

  #live(): Session {
    if (!this.#session) throw new VaultLockedError()
    return this.#session
  }

  /** The sandbox for bundle runs, started ahead of the first run. */
  #runSandbox(): Sandbox {
    if (!this.#sandbox) {
      this.#sandbox = createSandbox()
      void this.#sandbox.warmUp().catch(() => undefined)
    }
    return this.#sandbox
  }

  status(): Promise<HostResult<{ exists: boolean; unlocked: boolean }>> {
    return guarded(async () => {
      if (this.#session) return { exists: true, unlocked: true }
      const storage = await openIndexedDbStorage(this.#options.databaseName)
      try {
        return { exists: (await storage.list()).includes('header'), unlocked: false }
      } finally {
        storage.close()
      }
    })
  }

  create(passphrase: string): Promise<HostResult<VaultSummary>> {
    return guarded(async () => {
      if (typeof passphrase !== 'string' || passphrase.length < 8) {
        throw new RangeError('passphrase must be at least 8 characters')
      }
      this.#close()
      const storage = await openIndexedDbStorage(this.#options.databaseName)
      let vault: Vault
      try {
        vault = await createVault(storage, passphrase, {
          ownsStorage: true,
          ...(this.#options.scrypt ? { scrypt: this.#options.scrypt } : {}),
        })
      } catch (e) {
        storage.close()
        throw e
      }
      return this.#start(vault)
    })
  }

  unlock(passphrase: string): Promise<HostResult<VaultSummary>> {
    return guarded(async () => {
      if (typeof passphrase !== 'string') throw new TypeError('passphrase must be a string')
      this.#close()
      const storage = await openIndexedDbStorage(this.#options.databaseName)
      let vault: Vault
      try {
        vault = await openVault(storage, passphrase, { ownsStorage: true })
      } catch (e) {
        storage.close()
        throw e
      }
      return this.#start(vault)
    })
  }

  async #start(vault: Vault): Promise<VaultSummary> {
    const rt = createRuntime({ vault, sandbox: this.#runSandbox(), clock: this.#clock })
    this.#session = { vault, rt }
    this.#skippedOffers = await installOffers(rt, vault, this.#options.offers)
    return this.#summary()
  }

  #close(): void {
    const session = this.#session
    this.#session = undefined
    this.#previews.clear()
    if (!session) return
    void session.rt.dispose()
    session.vault.close()
  }

  lock(): Promise<HostResult<null>> {
    return guarded(async () => {
      this.#close()
      return null
    })
  }

  async #summary(): Promise<VaultSummary> {
    const stats = await this.#live().vault.stats()
    return {
      vaultId: stats.vaultId,
      sealedBytes: stats.sealedBytes,
      collections: Object.entries(stats.collections)
        .filter(([, c]) => c.rows > 0)
        .map(([name, c]) => ({ name, rows: c.rows, minTime: c.minTime, maxTime: c.maxTime }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }
  }

  summary(): Promise<HostResult<VaultSummary>> {
    return guarded(() => this.#summary())
  }

  importFile(name: string, bytes: Uint8Array): Promise<HostResult<IngestReport>> {
    return guarded(async () => {
      if (typeof name !== 'string' || name === '') throw new TypeError('name must be a file name')
      if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array')
      const { vault } = this.#live()
      const counts = await vault.ingestAll(importFile(sourceFromBytes(name, bytes)))
      return { source: name, counts }
    })
  }

  generatePersona(seed: number, scale: number): Promise<HostResult<IngestReport>> {
    return guarded(async () => {
      if (!Number.isSafeInteger(seed)) throw new TypeError('seed must be an integer')
      if (!(scale > 0 && scale <= 2)) throw new RangeError('scale must be in (0, 2] in the browser')
      const { vault } = this.#live()
      // The person's generated life ends today, so every offer's window finds recent data.
      const options = { seed, scale, now: Math.floor(this.#clock()) }
      function* records(): Generator<{ collection: string; record: Record<string, unknown> }> {
        for (const collection of PERSONA_COLLECTIONS) {
          for (const record of generateCollection(collection, options)) yield { collection, record }
        }
      }
      return { source: `generated person #${seed}`, counts: await vault.ingestAll(records()) }
    })
  }

  search(query: SearchView): Promise<HostResult<Readonly<Record<string, unknown>>[]>> {
    return guarded(async () => {
      const { vault } = this.#live()
      const limit = Math.min(Math.max(1, Math.floor(query.limit)), MAX_SEARCH)
      return vault.search({
        collection: query.collection,
        limit,
        ...(query.text.trim() === '' ? {} : { text: query.text.trim() }),
      })
    })
  }

  records(collection: string, ids: readonly string[]): Promise<HostResult<LinkedRecordView[]>> {
    return guarded(async () => {
      if (typeof collection !== 'string') throw new TypeError('collection must be a string')
      if (!Array.isArray(ids) || ids.length > MAX_LINKED) {
        throw new RangeError(`ids must be an array of at most ${MAX_LINKED} record ids`)
      }
      const wanted = new Set(ids.filter((id) => typeof id === 'string'))
      const { vault } = this.#live()
      const out: LinkedRecordView[] = []
      for (const r of await vault.search({ collection, limit: MAX_LINK_SCAN })) {
        if (typeof r['id'] !== 'string' || !wanted.has(r['id'])) continue
        const text = r['text'] ?? r['title'] ?? r['description']
        const url = r['url']
        out.push({
          id: r['id'],
          ...(typeof text === 'string' ? { text } : {}),
          ...(typeof url === 'string' ? { url } : {}),
        })
      }
      return out
    })
  }

  offers(): Promise<HostResult<OffersView>> {
    return guarded(async () => ({
      offers: await offerViews(this.#live().rt),
      skipped: this.#skippedOffers,
    }))
  }

  consent(bundleId: string): Promise<HostResult<string>> {
    return guarded(async () => (await this.#live().rt.consent(bundleId)).record.status)
  }

  preview(bundleId: string): Promise<HostResult<PreviewView>> {
    return guarded(async () => {
      const { rt, vault } = this.#live()
      // A used one-off consent allows no second answer: refuse before the module runs at all.
      if (await oneOffUsed(vault, bundleId, await rt.consents.current(bundleId))) {
        throw new OneOffUsedError(bundleId)
      }
      const preview = await rt.preview(bundleId)
      const previewId = `preview-${this.#nextPreview++}`
      this.#previews.set(previewId, preview)
      return { previewId, bundleId, output: preview.output, read: readView(preview.read) }
    })
  }

  #takePreview(previewId: string): Preview {
    const preview = this.#previews.get(previewId)
    if (!preview) throw new UnknownPreviewError(previewId)
    this.#previews.delete(previewId)
    return preview
  }

  sendPreview(previewId: string): Promise<HostResult<RunView>> {
    return guarded(async () => this.#delivered(await this.#takePreview(previewId).send()))
  }

  declinePreview(previewId: string): Promise<HostResult<null>> {
    return guarded(async () => {
      await this.#takePreview(previewId).decline()
      return null
    })
  }

  run(bundleId: string): Promise<HostResult<RunView>> {
    return guarded(async () => this.#delivered(await this.#live().rt.run(bundleId)))
  }

  /**
   * Without a relay, the envelopes queued by a run or a revocation are handed over at once, which
   * meters them (the bill) and records what left (the timeline). With a relay they wait in the
   * outbox for "Sync now", and are metered when the relay's signed receipt says delivered.
   */
  async #deliverPending(): Promise<void> {
    const { rt, vault } = this.#live()
    if (await relaySettings(vault)) return
    for (const entry of await rt.outbox({ pending: true })) await rt.delivered(entry.envelope.id)
  }

  async #delivered(outcome: RunOutcome): Promise<RunView> {
    await this.#deliverPending()
    return {
      bundleId: outcome.bundleId,
      mode: outcome.mode,
      output: outcome.output,
      bits: outcome.bits,
      read: readView(outcome.read),
      envelopeId: outcome.envelope?.envelope.id,
    }
  }

  revoke(bundleId: string, deletion: boolean): Promise<HostResult<null>> {
    return guarded(async () => {
      await this.#live().rt.revoke(bundleId, { delete: deletion === true })
      await this.#deliverPending()
      return null
    })
  }

  timeline(): Promise<HostResult<TimelineItem[]>> {
    return guarded(() => timelineOf(this.#live().rt))
  }

  dial(): Promise<HostResult<1 | 2 | 3>> {
    return guarded(() => this.#live().rt.dial())
  }

  setDial(level: 1 | 2 | 3): Promise<HostResult<1 | 2 | 3>> {
    return guarded(async () => {
      if (level !== 1 && level !== 2 && level !== 3) throw new RangeError('level must be 1, 2 or 3')
      await this.#live().rt.setDial(level)
      return level
    })
  }

  bills(): Promise<HostResult<BillView[]>> {
    return guarded(async () => {
      const { rt } = this.#live()
      const names = new Map<string, string>()
      for (const b of await rt.installed())
        names.set(b.manifest.partner.id, b.manifest.partner.name)
      const partners = new Set([
        ...(await rt.billedPartners()),
        ...this.#options.offers.map((o) => o.partnerId),
      ])
      const out: BillView[] = []
      for (const partnerId of [...partners].sort()) {
        const s = await rt.billing(partnerId)
        out.push({
          partnerId,
          partnerName: names.get(partnerId) ?? partnerId,
          currency: billingCurrency(partnerId),
          transfers: s.transfers,
          totalCents: s.totalCents,
          capCents: CAP_CENTS,
        })
      }
      return out
    })
  }

  /** The relay settings, or a refusal when none are set. */
  async #relay(): Promise<RelaySettingsView> {
    const settings = await relaySettings(this.#live().vault)
    if (!settings) throw new NoRelayError()
    return settings
  }

  relaySettings(): Promise<HostResult<RelaySettingsView | null>> {
    return guarded(() => relaySettings(this.#live().vault))
  }

  setRelay(url: string, operatorKey: string): Promise<HostResult<RelaySettingsView | null>> {
    return guarded(() => setRelaySettings(this.#live().vault, url, operatorKey))
  }

  relayOffers(): Promise<HostResult<RelayOfferView[]>> {
    return guarded(async () => relayOffers(this.#live().rt, await this.#relay()))
  }

  installRelayOffer(digest: string): Promise<HostResult<{ bundleId: string }>> {
    return guarded(async () => installRelayOffer(this.#live().rt, await this.#relay(), digest))
  }

  deliveries(): Promise<HostResult<DeliveryView[]>> {
    return guarded(() => deliveries(this.#live().rt))
  }

  sync(): Promise<HostResult<SyncView>> {
    return guarded(async () => syncNow(this.#live().rt, await this.#relay()))
  }

  probe(kind: ProbeKind): Promise<HostResult<ProbeView>> {
    return guarded(async () => {
      if (!isProbeKind(kind)) throw new TypeError(`kind must name a probe, got ${String(kind)}`)
      // Probes get their own sandbox: a terminated Worker never delays a person's real runs.
      this.#probeSandbox ??= createSandbox()
      return runProbe(this.#probeSandbox, kind)
    })
  }
}
