/**
 * The runtime a host app embeds: one person's vault, the partners they trust, the bundles they
 * installed, their consents and policy, the sandbox, the outbox and the bill, and the audit log
 * that records all of it. Every state change is persisted in the encrypted vault.
 *
 * @example
 * await using rt = createRuntime({ vault })
 * await rt.trust(publicKeyText)
 * const { bundleId } = await rt.install(bundleBytes)
 * await rt.consent(bundleId)
 * const outcome = await rt.run(bundleId) // validated, noised, sealed, queued; audited
 */

import { createSandbox, type Sandbox } from '../../sandbox/index.ts'
import { DEFAULT_LIMITS, type SandboxLimits } from '../../sandbox/limits.ts'
import { AuditLog, whatLeft, type AuditEntry, type DepartedOutput } from '../audit/index.ts'
import {
  installCheck,
  parsePublicKey,
  readBundle,
  TrustStore,
  verifyBundle,
  type PartnerPublicKey,
  type VerifiedBundle,
} from '../bundle/index.ts'
import {
  applyNoise,
  buildContract,
  contractDigest,
  ConsentBook,
  renderContract,
  SharingPolicy,
  type ConsentChange,
  type Contract,
  type DocStore,
  type PersonalizationLevel,
} from '../consent/index.ts'
import type { NoiseRandom } from '../consent/noise.ts'
import { canonicalize } from '../crypto/jcs.ts'
import { fromBase64, toBase64 } from '../delivery/_base64.ts'
import { Courier, type OutboxEntry, type Statement } from '../delivery/index.ts'
import { outputBitBound, windowStart } from '../manifest/index.ts'
import { runBundle, viewRequests, type RunResult } from '../pipeline/run.ts'
import { collectionLayout } from '../collections.ts'
import type { Vault, VaultRecord } from '../vault/index.ts'
import { RuntimeStateError, UnknownBundleError } from './errors.ts'
import { RuntimeEvents, type RuntimeEventMap } from './events.ts'
import { verifyPush, type SignedPush } from './push.ts'
import { syncWithRelay, type RelaySettings, type SyncReport } from './sync.ts'

const TRUST_DOC = 'host/trust'
const BUNDLE_DOC = (id: string): string => `host/bundles/${id}`
const PROVENANCE_DOC = 'host/provenance'

export interface RuntimeOptions {
  /** The person's opened vault: where views come from and where all state is kept. */
  readonly vault: Vault
  /** A sandbox to run bundles in; by default the runtime creates (and disposes) its own. */
  readonly sandbox?: Sandbox
  /** The host's policy limits; a manifest may only tighten them. */
  readonly limits?: SandboxLimits
  /** The clock (ms since epoch); runs see it as `input.now`. */
  readonly clock?: () => number
  /** Randomness for runtime-applied noise (tests pass `noiseRandom(seed)`). */
  readonly noiseRandom?: NoiseRandom
  /** The relay to sync with (`sync()`): its URL and the operator key the device pins. */
  readonly relay?: RelaySettings
}

/** What installing a bundle did. */
export interface InstallResult {
  readonly bundleId: string
  readonly version: string
  readonly digest: string
  readonly partnerId: string
  /** Whether an existing consent carried over to this version (it did not widen anything). */
  readonly consentCarried: boolean
  /** Why a consent did not carry over (empty when it did or when there was none). */
  readonly widenings: readonly string[]
}

/** One run, as the person sees it afterwards. */
export interface RunOutcome {
  readonly bundleId: string
  readonly mode: 'private' | 'share' | 'local'
  /** What the module answered, after validation and runtime-applied noise. */
  readonly output: unknown
  readonly read: RunResult['read']
  /** The output's bit bound, charged to the partner's daily budget (0 for local and share). */
  readonly bits: number
  /** The sealed envelope queued for the partner (absent for `local`). */
  readonly envelope?: OutboxEntry
  readonly stats: RunResult['stats']
}

/** A one-off share's output, shown before anything is sent. */
export interface Preview {
  readonly bundleId: string
  readonly output: unknown
  readonly read: RunResult['read']
  /** Sends exactly this output (charging the budget); nothing leaves before. */
  send(): Promise<RunOutcome>
  /** Declines: nothing is sent, the decision is logged. */
  decline(): Promise<void>
}

/** Adapts the vault's document API to the consent and delivery layers' DocStore. */
function docStore(vault: Vault): DocStore {
  return {
    getDoc: <T>(name: string) => vault.getDoc(name) as Promise<T | undefined>,
    putDoc: (name, value) => vault.putDoc(name, value),
  }
}

/** The embedded runtime. Create it with `createRuntime`; dispose it when done. */
export class SealpostRuntime {
  readonly vault: Vault
  readonly consents: ConsentBook
  readonly policy: SharingPolicy
  readonly courier: Courier
  readonly log: AuditLog
  readonly events = new RuntimeEvents()
  readonly #store: DocStore
  readonly #sandbox: Sandbox
  readonly #ownsSandbox: boolean
  readonly #limits: SandboxLimits
  readonly #clock: () => number
  readonly #noiseRandom: NoiseRandom | undefined
  readonly #relay: RelaySettings | undefined
  readonly #bundles = new Map<string, VerifiedBundle>()
  #trust: Promise<TrustStore> | undefined
  #disposed = false

  constructor(options: RuntimeOptions) {
    if (!options?.vault) throw new TypeError('options.vault must be an opened vault')
    this.vault = options.vault
    this.#store = docStore(options.vault)
    this.#sandbox = options.sandbox ?? createSandbox()
    this.#ownsSandbox = options.sandbox === undefined
    this.#limits = options.limits ?? DEFAULT_LIMITS
    this.#clock = options.clock ?? Date.now
    this.#noiseRandom = options.noiseRandom
    this.#relay = options.relay
    this.log = new AuditLog(this.#store)
    this.consents = new ConsentBook(this.#store, { audit: this.log })
    this.courier = new Courier({
      store: this.#store,
      sealingKeyOf: async (partnerId) => (await this.#sealingKey(partnerId))?.sealingPublic,
      audit: this.log,
    })
    this.policy = new SharingPolicy({
      store: this.#store,
      book: this.consents,
      deletions: this.courier,
      audit: this.log,
    })
  }

  #live(): void {
    if (this.#disposed) throw new RuntimeStateError('the runtime was disposed')
  }

  /** The trust store, loaded from the vault once. */
  #trustStore(): Promise<TrustStore> {
    this.#trust ??= this.vault
      .getDoc(TRUST_DOC)
      .then((json) => (json === undefined ? new TrustStore() : TrustStore.fromJSON(json)))
    return this.#trust
  }

  async #saveTrust(store: TrustStore): Promise<void> {
    await this.vault.putDoc(TRUST_DOC, store.toJSON())
  }

  async #sealingKey(partnerId: string): Promise<PartnerPublicKey | undefined> {
    const store = await this.#trustStore()
    return store.keys().find((k) => k.key.partnerId === partnerId && k.revokedAt === undefined)?.key
  }

  // ---- trust and install ---------------------------------------------------------------------

  /** Trusts a partner's public key (the `ID.pub` file's text, or the parsed key). */
  async trust(key: string | PartnerPublicKey): Promise<PartnerPublicKey> {
    this.#live()
    const pub = typeof key === 'string' ? parsePublicKey(key) : key
    const store = await this.#trustStore()
    const now = this.#clock()
    store.add(pub, now)
    await this.#saveTrust(store)
    await this.log.append('trust', { partner: pub.partnerId, keyId: pub.keyId, action: 'add' }, now)
    return pub
  }

  /** Revokes a trusted key: bundles signed with it can no longer be installed or run. */
  async revokeKey(keyId: string): Promise<boolean> {
    this.#live()
    const store = await this.#trustStore()
    const now = this.#clock()
    const revoked = store.revoke(keyId, now)
    await this.#saveTrust(store)
    await this.log.append('trust', { keyId, action: 'revoke' }, now)
    return revoked
  }

  /**
   * Verifies and installs a signed bundle: trusted, unrevoked key; no rollback; consent carried
   * over only when the new version widens nothing.
   */
  async install(bytes: Uint8Array): Promise<InstallResult> {
    this.#live()
    const now = this.#clock()
    const store = await this.#trustStore()
    const verified = verifyBundle(readBundle(bytes), store, { now })
    installCheck(verified, store)
    const previous = await this.#load(verified.manifest.id).catch(() => undefined)
    await this.vault.putDoc(BUNDLE_DOC(verified.manifest.id), toBase64(bytes))
    store.recordInstall(verified)
    await this.#saveTrust(store)
    this.#bundles.set(verified.manifest.id, verified)
    const carried = previous
      ? await this.consents.onNewVersion(previous.manifest, verified, now)
      : { carried: false, widenings: [] }
    await this.log.append(
      'install',
      {
        bundleId: verified.manifest.id,
        version: verified.manifest.version,
        bundleDigest: verified.digest,
        partner: verified.partnerId,
        keyId: verified.keyId,
      },
      now,
    )
    this.events.emit('install', { bundleId: verified.manifest.id, digest: verified.digest })
    return {
      bundleId: verified.manifest.id,
      version: verified.manifest.version,
      digest: verified.digest,
      partnerId: verified.partnerId,
      consentCarried: carried.carried,
      widenings: carried.widenings.map((w) => w.message),
    }
  }

  /** An installed bundle, re-verified from its stored bytes on first use. */
  async #load(bundleId: string): Promise<VerifiedBundle> {
    const cached = this.#bundles.get(bundleId)
    if (cached) return cached
    const stored = await this.vault.getDoc(BUNDLE_DOC(bundleId))
    if (typeof stored !== 'string') throw new UnknownBundleError(bundleId)
    const verified = verifyBundle(
      readBundle(fromBase64(stored, 'bundle')),
      await this.#trustStore(),
      { now: this.#clock() },
    )
    this.#bundles.set(bundleId, verified)
    return verified
  }

  /** Every installed bundle. */
  async installed(): Promise<VerifiedBundle[]> {
    const names = this.vault.docNames().filter((n) => n.startsWith('host/bundles/'))
    return Promise.all(names.map((n) => this.#load(n.slice('host/bundles/'.length))))
  }

  // ---- contract and consent ------------------------------------------------------------------

  /** The contract a person reads before consenting, as data. */
  async contract(bundleId: string, options: { expiresAt?: number } = {}): Promise<Contract> {
    return buildContract(await this.#load(bundleId), options)
  }

  /** The contract as text, in English or French. */
  async contractText(bundleId: string, lang: 'en' | 'fr' = 'en'): Promise<string> {
    return renderContract(await this.contract(bundleId), lang)
  }

  /** Records the person's consent to exactly this bundle version; returns the signed receipt. */
  async consent(bundleId: string, options: { expiresAt?: number } = {}): Promise<ConsentChange> {
    this.#live()
    const change = await this.consents.give(await this.#load(bundleId), this.#clock(), options)
    this.events.emit('consent', { bundleId, status: change.record.status })
    return change
  }

  /** Records a refusal. */
  async refuse(bundleId: string): Promise<ConsentChange> {
    const change = await this.consents.refuse(await this.#load(bundleId), this.#clock())
    this.events.emit('consent', { bundleId, status: change.record.status })
    return change
  }

  /** Withdraws consent: every future run is refused; with `delete`, asks the partner to delete. */
  async revoke(bundleId: string, options: { delete?: boolean } = {}): Promise<void> {
    this.#live()
    await this.policy.revoke(bundleId, this.#clock(), { delete: options.delete ?? false })
    this.events.emit('revoke', { bundleId, deletion: options.delete ?? false })
  }

  /** The personalization dial (1 basic – 3 deep): bundles above it do not run. */
  dial(): Promise<PersonalizationLevel> {
    return this.policy.dial()
  }

  /** Sets the personalization dial. */
  setDial(level: PersonalizationLevel): Promise<void> {
    return this.policy.setDial(level)
  }

  // ---- running -------------------------------------------------------------------------------

  async #execute(
    bundle: VerifiedBundle,
    now: number,
    trigger?: { collection: string; firstRow: number },
  ): Promise<RunResult> {
    try {
      return await runBundle(
        {
          source: this.vault,
          sandbox: this.#sandbox,
          consent: await this.consents.current(bundle.manifest.id),
          limits: this.#limits,
        },
        bundle,
        { now, ...(trigger ? { trigger } : {}) },
      )
    } catch (e) {
      await this.#refused(bundle.manifest.id, e, now)
      throw e
    }
  }

  async #refused(bundleId: string, e: unknown, now: number): Promise<void> {
    const code = (e as { code?: unknown })?.code
    await this.log.append(
      'refusal',
      {
        bundleId,
        code: typeof code === 'string' ? code : 'SEALPOST_UNKNOWN',
        reason: String((e as Error)?.message ?? e),
      },
      now,
    )
    this.events.emit('refusal', { bundleId, code: typeof code === 'string' ? code : 'unknown' })
  }

  /**
   * Noise the schema asks for, applied after validation and outside partner code; the result is
   * rebuilt from its RFC 8785 canonical form, so the key order the module chose is gone from
   * everything downstream (the envelope seals the canonical bytes, the outbox and log show them).
   */
  #noised(bundle: VerifiedBundle, output: unknown): unknown {
    const noised = applyNoise(
      output,
      bundle.manifest.output,
      this.#noiseRandom ? { random: this.#noiseRandom } : {},
    )
    return JSON.parse(canonicalize(noised)) as unknown
  }

  async #deliver(
    bundle: VerifiedBundle,
    result: RunResult,
    output: unknown,
    bits: number,
    now: number,
  ): Promise<RunOutcome> {
    const mode = bundle.manifest.mode
    let envelope: OutboxEntry | undefined
    if (mode !== 'local') {
      envelope = await this.courier.send({
        bundle,
        output,
        contractDigest: contractDigest(buildContract(bundle)),
        now,
        bits,
      })
    }
    await this.log.append(
      'run',
      {
        bundleId: bundle.manifest.id,
        bundleDigest: bundle.digest,
        partner: bundle.partnerId,
        mode,
        bits,
        read: result.read.map((r) => ({
          collection: r.collection,
          fields: r.fields,
          rows: r.rows,
        })),
        ...(envelope ? { envelopeId: envelope.envelope.id } : {}),
      },
      now,
    )
    const outcome: RunOutcome = {
      bundleId: bundle.manifest.id,
      mode,
      output,
      read: result.read,
      bits,
      ...(envelope ? { envelope } : {}),
      stats: result.stats,
    }
    this.events.emit('run', outcome)
    return outcome
  }

  /**
   * Runs an installed bundle now: policy (consent, dial, budget) → consented views → sandbox →
   * validation → noise → sealed envelope in the outbox (nothing leaves for `local`).
   */
  async run(bundleId: string, options: { now?: number } = {}): Promise<RunOutcome> {
    this.#live()
    const now = options.now ?? this.#clock()
    const bundle = await this.#load(bundleId)
    const permit = await this.#authorize(bundle, now)
    const result = await this.#execute(bundle, now)
    return this.#deliver(
      bundle,
      result,
      this.#noised(bundle, result.output),
      permit.chargedBits,
      now,
    )
  }

  async #authorize(bundle: VerifiedBundle, now: number) {
    try {
      return await this.policy.authorize(bundle, now)
    } catch (e) {
      // The policy has already logged the refusal; the host hears of it as an event.
      const code = (e as { code?: unknown })?.code
      this.events.emit('refusal', {
        bundleId: bundle.manifest.id,
        code: typeof code === 'string' ? code : 'unknown',
      })
      throw e
    }
  }

  /**
   * Runs a bundle and shows its exact output before anything is sent (one-off shares). The
   * consent must be live; the budget is charged only on `send()`.
   */
  async preview(bundleId: string, options: { now?: number } = {}): Promise<Preview> {
    this.#live()
    const now = options.now ?? this.#clock()
    const bundle = await this.#load(bundleId)
    await this.consents.check(bundle, now)
    const result = await this.#execute(bundle, now)
    const output = this.#noised(bundle, result.output)
    let decided = false
    const decide = (): void => {
      if (decided) throw new RuntimeStateError('this preview was already sent or declined')
      decided = true
    }
    return {
      bundleId,
      output,
      read: result.read,
      send: async () => {
        decide()
        const permit = await this.#authorize(bundle, now)
        return this.#deliver(bundle, result, output, permit.chargedBits, now)
      },
      decline: async () => {
        decide()
        await this.log.append(
          'refusal',
          { bundleId, code: 'DECLINED_AFTER_PREVIEW' },
          this.#clock(),
        )
      },
    }
  }

  /**
   * Runs every `recurring` bundle that is due: consent live and its last run at least `every`
   * ago (or never run). Refusals are logged and skipped; returns the runs made. Hosts call this
   * from their own timer or on app start.
   */
  async runDue(options: { now?: number } = {}): Promise<RunOutcome[]> {
    this.#live()
    const now = options.now ?? this.#clock()
    const lastRun = new Map<string, number>()
    for (const e of await this.log.entries('run')) {
      const id = e.details.bundleId
      if (typeof id === 'string') lastRun.set(id, Math.max(lastRun.get(id) ?? -Infinity, e.time))
    }
    const out: RunOutcome[] = []
    for (const bundle of await this.installed()) {
      const s = bundle.manifest.schedule
      if (s.kind !== 'recurring') continue
      const consent = await this.consents.current(bundle.manifest.id)
      if (!consent || (consent.status !== 'given' && consent.status !== 'renewed')) continue
      const last = lastRun.get(bundle.manifest.id)
      if (last !== undefined && windowStart(s.every, now) < last) continue
      try {
        out.push(await this.run(bundle.manifest.id, { now }))
      } catch {
        // Refused or failed: the audit log has the reason; the next bundle still runs.
      }
    }
    return out
  }

  // ---- data in: ingest and partner push --------------------------------------------------------

  /**
   * Stores records and fires the trigger bundles that watch the collection, each seeing its
   * window with `input.trigger.firstRow` at the first newly ingested row. A trigger run that is
   * refused (no consent, budget) is logged, not thrown; one that answers `null` ("nothing to
   * report") sends nothing, costs nothing and gets its bits back. Returns the runs that sent.
   */
  async ingest(
    collection: string,
    records: readonly VaultRecord[],
  ): Promise<{ added: number; duplicates: number; triggered: RunOutcome[] }> {
    this.#live()
    const counts = await this.vault.ingest(collection, records)
    const triggered = counts.added > 0 ? await this.#fireTriggers(collection, records) : []
    return { ...counts, triggered }
  }

  async #fireTriggers(collection: string, records: readonly VaultRecord[]): Promise<RunOutcome[]> {
    const now = this.#clock()
    const out: RunOutcome[] = []
    for (const bundle of await this.installed()) {
      const s = bundle.manifest.schedule
      if (s.kind !== 'trigger' || s.on !== collection) continue
      const consent = await this.consents.current(bundle.manifest.id)
      if (!consent || (consent.status !== 'given' && consent.status !== 'renewed')) continue
      try {
        const permit = await this.#authorize(bundle, now)
        const firstRow = await this.#firstNewRow(bundle, collection, records, now)
        const result = await this.#execute(bundle, now, { collection, firstRow })
        if (result.output === null) {
          // Nothing to report on these records: nothing is sealed or billed, the bits go back.
          await this.policy.refund(permit)
          await this.log.append(
            'run',
            {
              bundleId: bundle.manifest.id,
              bundleDigest: bundle.digest,
              partner: bundle.partnerId,
              mode: bundle.manifest.mode,
              bits: 0,
              quiet: true,
            },
            now,
          )
          continue
        }
        out.push(
          await this.#deliver(
            bundle,
            result,
            this.#noised(bundle, result.output),
            permit.chargedBits,
            now,
          ),
        )
      } catch {
        // Refusals and guest failures are in the audit log; a trigger never breaks an ingest.
      }
    }
    return out
  }

  /** Index, in the trigger collection's view, of the first row at or after the earliest new record. */
  async #firstNewRow(
    bundle: VerifiedBundle,
    collection: string,
    records: readonly VaultRecord[],
    now: number,
  ): Promise<number> {
    const timeField = collectionLayout(collection).timeField
    const earliest = Math.min(...records.map((r) => r[timeField] as number))
    const request = viewRequests(bundle, now).find((r) => r.collection === collection)
    if (!request) return 0
    const frame = await this.vault.view({ ...request, fields: [timeField] })
    const t = frame.columns[timeField]
    if (!t || (t.kind !== 'time' && t.kind !== 'number')) return 0
    let i = 0
    while (i < t.values.length && t.values[i]! < earliest) i++
    return i
  }

  /**
   * A trusted partner delivers signed records (the "sync" button: the person's own copy of their
   * purchases, an airline's flight status). Verified, validated, stored with provenance; triggers
   * fire as for any ingest.
   */
  async push(
    signed: SignedPush,
  ): Promise<{ added: number; duplicates: number; triggered: RunOutcome[] }> {
    this.#live()
    const now = this.#clock()
    const pub = verifyPush(signed, await this.#trustStore())
    const result = await this.ingest(signed.collection, signed.records)
    const provenance = ((await this.vault.getDoc(PROVENANCE_DOC)) ?? []) as unknown[]
    provenance.push({
      partner: pub.partnerId,
      keyId: pub.keyId,
      collection: signed.collection,
      signedAt: signed.signedAt,
      receivedAt: now,
      ids: signed.records.map((r) => r.id),
    })
    await this.vault.putDoc(PROVENANCE_DOC, provenance)
    await this.log.append(
      'install',
      {
        action: 'push',
        partner: pub.partnerId,
        keyId: pub.keyId,
        collection: signed.collection,
        records: signed.records.length,
        added: result.added,
      },
      now,
    )
    return result
  }

  /**
   * Syncs with the relay (host/sync.ts): posts the outbox, collects signed receipts (delivered
   * envelopes are metered), withdraws envelopes whose consent was revoked, applies partner pushes.
   */
  async sync(relay: RelaySettings | undefined = this.#relay): Promise<SyncReport> {
    this.#live()
    if (!relay)
      throw new RuntimeStateError(
        'no relay configured: createRuntime({ relay: { url, operatorKey } })',
      )
    return syncWithRelay(this, relay, this.#clock)
  }

  /** Where each pushed record came from. */
  async provenance(): Promise<unknown[]> {
    return ((await this.vault.getDoc(PROVENANCE_DOC)) ?? []) as unknown[]
  }

  // ---- what left, the outbox and the bill ------------------------------------------------------

  /** Envelopes waiting for the relay, or all of them. */
  async outbox(options: { pending?: boolean } = {}): Promise<OutboxEntry[]> {
    const all = await this.courier.outbox.list()
    return options.pending ? all.filter((e) => e.status === 'pending') : all
  }

  /** The relay delivered an envelope: it is metered and logged. */
  async delivered(envelopeId: string): Promise<void> {
    await this.courier.delivered(envelopeId, this.#clock())
    this.events.emit('delivery', { envelopeId })
  }

  /** This year's statement for one partner. */
  billing(partnerId: string, year?: number): Promise<Statement> {
    return this.courier.meter.statement(partnerId, year ?? new Date(this.#clock()).getUTCFullYear())
  }

  /** Partners with metered transfers. */
  billedPartners(): Promise<string[]> {
    return this.courier.meter.partners()
  }

  /** The audit log's entries. */
  entries(): Promise<AuditEntry[]> {
    return this.log.entries()
  }

  /** What left about the person, to whom, under which contract. */
  async whatLeft(): Promise<DepartedOutput[]> {
    return whatLeft(await this.log.entries())
  }

  /** Subscribes to runtime events; returns the unsubscribe function. */
  on<K extends keyof RuntimeEventMap>(
    event: K,
    handler: (payload: RuntimeEventMap[K]) => void,
  ): () => void {
    return this.events.on(event, handler)
  }

  /** Bundle limits default to the design's; the bit bound of an installed bundle's output. */
  async bitBound(bundleId: string): Promise<number> {
    return outputBitBound((await this.#load(bundleId)).manifest.output).bits
  }

  /** Disposes the sandbox if the runtime created it. The vault stays open (the host owns it). */
  async dispose(): Promise<void> {
    if (this.#disposed) return
    this.#disposed = true
    if (this.#ownsSandbox) await this.#sandbox.dispose()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose()
  }
}

/** Creates the runtime over an opened vault. */
export function createRuntime(options: RuntimeOptions): SealpostRuntime {
  return new SealpostRuntime(options)
}
