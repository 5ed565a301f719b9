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
  DeviceSigner,
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
import type { Vault, VaultRecord, VaultTransaction } from '../vault/index.ts'
import { PushRejectedError, RuntimeStateError, UnknownBundleError } from './errors.ts'
import { RuntimeEvents, type RuntimeEventMap } from './events.ts'
import { verifyPush, type SignedPush } from './push.ts'
import { syncWithRelay, type RelaySettings, type SyncReport } from './sync.ts'

const TRUST_DOC = 'host/trust'
const BUNDLE_DOC = (id: string): string => `host/bundles/${id}`
const PROVENANCE_DOC = 'host/provenance'
const PUSH_SEEN_DOC = 'host/push-seen'

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
  /**
   * How old a partner push may be (default one day) and how far ahead of this device's clock
   * (default 5 minutes); older, later or repeated pushes are refused.
   */
  readonly pushWindow?: { readonly maxAgeMs?: number; readonly maxSkewMs?: number }
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

/**
 * The consent, delivery and audit layers' DocStore over the vault. Inside a runtime step it reads
 * and writes the step's transaction (so the step commits all of its documents at once); outside,
 * it reads the vault's committed state (a write there is its own commit).
 */
class StepDocs implements DocStore {
  readonly #vault: Vault
  tx: VaultTransaction | undefined

  constructor(vault: Vault) {
    this.#vault = vault
  }

  getDoc<T>(name: string): Promise<T | undefined> {
    return (this.tx ? this.tx.getDoc(name) : this.#vault.getDoc(name)) as Promise<T | undefined>
  }

  async putDoc(name: string, value: unknown): Promise<void> {
    if (this.tx) this.tx.putDoc(name, value)
    else await this.#vault.putDoc(name, value)
  }

  docNames(): string[] {
    return this.tx ? this.tx.docNames() : this.#vault.docNames()
  }
}

/** A refusal's code, or SEALPOST_UNKNOWN for a failure that has none. */
function codeOf(e: unknown): string {
  const code = (e as { code?: unknown })?.code
  return typeof code === 'string' ? code : 'SEALPOST_UNKNOWN'
}

/** The embedded runtime. Create it with `createRuntime`; dispose it when done. */
export class SealpostRuntime {
  readonly vault: Vault
  readonly consents: ConsentBook
  readonly policy: SharingPolicy
  readonly courier: Courier
  readonly log: AuditLog
  readonly events = new RuntimeEvents()
  readonly #store: StepDocs
  readonly #sandbox: Sandbox
  readonly #ownsSandbox: boolean
  readonly #limits: SandboxLimits
  readonly #clock: () => number
  readonly #noiseRandom: NoiseRandom | undefined
  readonly #relay: RelaySettings | undefined
  readonly #pushWindow: { readonly maxAgeMs: number; readonly maxSkewMs: number }
  readonly #bundles = new Map<string, VerifiedBundle>()
  #trust: Promise<TrustStore> | undefined
  #disposed = false
  /** Logical steps of this runtime, one at a time (the vault's lock covers other processes). */
  #steps: Promise<unknown> = Promise.resolve()
  /** The vault generation the caches above were built on. */
  #cachedAt = -1

  constructor(options: RuntimeOptions) {
    if (!options?.vault) throw new TypeError('options.vault must be an opened vault')
    this.vault = options.vault
    this.#store = new StepDocs(options.vault)
    this.#sandbox = options.sandbox ?? createSandbox()
    this.#ownsSandbox = options.sandbox === undefined
    this.#limits = options.limits ?? DEFAULT_LIMITS
    this.#clock = options.clock ?? Date.now
    this.#noiseRandom = options.noiseRandom
    this.#relay = options.relay
    this.#pushWindow = {
      maxAgeMs: options.pushWindow?.maxAgeMs ?? 86_400_000,
      maxSkewMs: options.pushWindow?.maxSkewMs ?? 300_000,
    }
    // The log's head is signed with the device key (the one that signs consent receipts), kept in
    // the vault, so an exported log that was cut or rewritten no longer verifies.
    this.log = new AuditLog(this.#store, { signer: () => DeviceSigner.open(this.#store) })
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

  /**
   * One logical step, atomic: it runs alone (this runtime's steps queue; other processes and tabs
   * wait on the vault's writer lock), on the newest committed state, and everything it writes
   * (records, outbox, budget, meter, consent, audit entries) is published as ONE vault commit when
   * it resolves. When it throws, nothing it wrote is kept; `onError` may then record the refusal in
   * a step of its own.
   */
  #step<T>(fn: () => Promise<T>, onError?: (e: unknown) => Promise<void>): Promise<T> {
    const attempt = (): Promise<T> =>
      this.vault.transaction(async (tx) => {
        if (this.vault.generation !== this.#cachedAt) this.#dropCaches()
        this.#store.tx = tx
        try {
          return await fn()
        } finally {
          this.#store.tx = undefined
        }
      })
    const run = this.#steps.then(async () => {
      this.#live()
      try {
        const value = await attempt()
        this.#cachedAt = this.vault.generation
        return value
      } catch (e) {
        // The step's writes are gone; caches may hold what it changed in memory.
        this.#dropCaches()
        if (onError) {
          await this.vault
            .transaction(async (tx) => {
              this.#store.tx = tx
              try {
                await onError(e)
              } finally {
                this.#store.tx = undefined
              }
            })
            .catch(() => undefined)
          this.#cachedAt = this.vault.generation
        }
        throw e
      }
    })
    this.#steps = run.catch(() => undefined)
    return run
  }

  /** A read, after every step queued before it (never a step's uncommitted state). */
  #read<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#steps.then(fn)
    this.#steps = run.catch(() => undefined)
    return run
  }

  #dropCaches(): void {
    this.#trust = undefined
    this.#bundles.clear()
    this.#cachedAt = -1
  }

  /** The trust store, loaded from the vault once. */
  #trustStore(): Promise<TrustStore> {
    const trust = (this.#trust ??= this.#store
      .getDoc(TRUST_DOC)
      .then((json) => (json === undefined ? new TrustStore() : TrustStore.fromJSON(json))))
    // A failed load is not kept: the next call reads again.
    trust.catch(() => {
      if (this.#trust === trust) this.#trust = undefined
    })
    return trust
  }

  async #saveTrust(store: TrustStore): Promise<void> {
    await this.#store.putDoc(TRUST_DOC, store.toJSON())
  }

  async #sealingKey(partnerId: string): Promise<PartnerPublicKey | undefined> {
    const store = await this.#trustStore()
    return store.keys().find((k) => k.key.partnerId === partnerId && k.revokedAt === undefined)?.key
  }

  // ---- trust and install ---------------------------------------------------------------------

  /** Trusts a partner's public key (the `ID.pub` file's text, or the parsed key). */
  trust(key: string | PartnerPublicKey): Promise<PartnerPublicKey> {
    this.#live()
    const pub = typeof key === 'string' ? parsePublicKey(key) : key
    return this.#step(async () => {
      const store = await this.#trustStore()
      const now = this.#clock()
      store.add(pub, now)
      await this.#saveTrust(store)
      await this.log.append(
        'trust',
        { partner: pub.partnerId, keyId: pub.keyId, action: 'add' },
        now,
      )
      return pub
    })
  }

  /** Revokes a trusted key: bundles signed with it can no longer be installed or run. */
  revokeKey(keyId: string): Promise<boolean> {
    this.#live()
    return this.#step(async () => {
      const store = await this.#trustStore()
      const now = this.#clock()
      const revoked = store.revoke(keyId, now)
      await this.#saveTrust(store)
      await this.log.append('trust', { keyId, action: 'revoke' }, now)
      // Bundles verified under the key must be verified again (and now refused).
      this.#bundles.clear()
      return revoked
    })
  }

  /**
   * Verifies and installs a signed bundle: trusted, unrevoked key; no rollback; consent carried
   * over only when the new version widens nothing.
   */
  install(bytes: Uint8Array): Promise<InstallResult> {
    this.#live()
    return this.#step(() => this.#install(bytes))
  }

  async #install(bytes: Uint8Array): Promise<InstallResult> {
    const now = this.#clock()
    const store = await this.#trustStore()
    const verified = verifyBundle(readBundle(bytes), store, { now })
    installCheck(verified, store)
    const previous = await this.#load(verified.manifest.id).catch(() => undefined)
    await this.#store.putDoc(BUNDLE_DOC(verified.manifest.id), toBase64(bytes))
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
    const stored = await this.#store.getDoc(BUNDLE_DOC(bundleId))
    if (typeof stored !== 'string') throw new UnknownBundleError(bundleId)
    const verified = verifyBundle(
      readBundle(fromBase64(stored, 'bundle')),
      await this.#trustStore(),
      { now: this.#clock() },
    )
    this.#bundles.set(bundleId, verified)
    return verified
  }

  /**
   * Every installed bundle that still verifies. One that does not (its key revoked, its signature
   * expired, its bytes damaged) is skipped, never stopping the others; `unusable()` lists why.
   */
  installed(): Promise<VerifiedBundle[]> {
    return this.#read(async () => (await this.#installed()).usable)
  }

  /** Installed bundles that no longer verify, each with the refusal's code and message. */
  unusable(): Promise<{ bundleId: string; code: string; reason: string }[]> {
    return this.#read(async () => (await this.#installed()).unusable)
  }

  async #installed(): Promise<{
    usable: VerifiedBundle[]
    unusable: { bundleId: string; code: string; reason: string }[]
  }> {
    const ids = this.#store
      .docNames()
      .filter((n) => n.startsWith('host/bundles/'))
      .map((n) => n.slice('host/bundles/'.length))
    const usable: VerifiedBundle[] = []
    const unusable: { bundleId: string; code: string; reason: string }[] = []
    for (const bundleId of ids) {
      try {
        usable.push(await this.#load(bundleId))
      } catch (e) {
        unusable.push({ bundleId, code: codeOf(e), reason: String((e as Error)?.message ?? e) })
      }
    }
    return { usable, unusable }
  }

  /** The usable bundles; each skipped one is logged (an audit refusal) and told to the host. */
  async #installedLogged(now: number): Promise<VerifiedBundle[]> {
    const { usable, unusable } = await this.#installed()
    for (const u of unusable) {
      await this.log.append(
        'refusal',
        { bundleId: u.bundleId, code: u.code, reason: `skipped: ${u.reason}` },
        now,
      )
      this.events.emit('refusal', { bundleId: u.bundleId, code: u.code })
    }
    return usable
  }

  // ---- contract and consent ------------------------------------------------------------------

  /** The contract a person reads before consenting, as data. */
  contract(bundleId: string, options: { expiresAt?: number } = {}): Promise<Contract> {
    return this.#read(async () => buildContract(await this.#load(bundleId), options))
  }

  /** The contract as text, in English or French. */
  async contractText(bundleId: string, lang: 'en' | 'fr' = 'en'): Promise<string> {
    return renderContract(await this.contract(bundleId), lang)
  }

  /** Records the person's consent to exactly this bundle version; returns the signed receipt. */
  async consent(bundleId: string, options: { expiresAt?: number } = {}): Promise<ConsentChange> {
    this.#live()
    const change = await this.#step(async () =>
      this.consents.give(await this.#load(bundleId), this.#clock(), options),
    )
    this.events.emit('consent', { bundleId, status: change.record.status })
    return change
  }

  /** Records a refusal. */
  async refuse(bundleId: string): Promise<ConsentChange> {
    this.#live()
    const change = await this.#step(async () =>
      this.consents.refuse(await this.#load(bundleId), this.#clock()),
    )
    this.events.emit('consent', { bundleId, status: change.record.status })
    return change
  }

  /**
   * Withdraws consent, in one atomic step: every future run is refused, envelopes of the bundle
   * still waiting in the outbox are cancelled (they never leave), and with `delete` a deletion
   * request to the partner is queued; the audit log records all of it.
   */
  async revoke(bundleId: string, options: { delete?: boolean } = {}): Promise<void> {
    this.#live()
    await this.#step(async () => {
      const now = this.#clock()
      await this.policy.revoke(bundleId, now, { delete: options.delete ?? false })
      const cancelled = await this.courier.outbox.cancel(
        (e) => e.meta.bundleId === bundleId && e.meta.kind !== 'deletion-request',
        now,
        'consent withdrawn',
      )
      if (cancelled.length > 0) {
        await this.log.append(
          'revoke',
          {
            bundleId,
            action: 'cancel-queued',
            envelopeIds: cancelled.map((e) => e.envelope.id),
          },
          now,
        )
      }
    })
    this.events.emit('revoke', { bundleId, deletion: options.delete ?? false })
  }

  /** The personalization dial (1 basic – 3 deep): bundles above it do not run. */
  dial(): Promise<PersonalizationLevel> {
    return this.#read(() => this.policy.dial())
  }

  /** Sets the personalization dial. */
  setDial(level: PersonalizationLevel): Promise<void> {
    return this.#step(() => this.policy.setDial(level))
  }

  // ---- running -------------------------------------------------------------------------------

  async #execute(
    bundle: VerifiedBundle,
    now: number,
    trigger?: { collection: string; firstRow: number },
  ): Promise<RunResult> {
    return runBundle(
      {
        source: this.vault,
        sandbox: this.#sandbox,
        consent: await this.consents.current(bundle.manifest.id),
        limits: this.#limits,
      },
      bundle,
      { now, ...(trigger ? { trigger } : {}) },
    )
  }

  /**
   * Records why a step was refused or failed, in a step of its own after the failed one left no
   * trace: an audit `refusal` entry, an expiry seen for the first time (so that turning the clock
   * back does not revive the consent), and the host's event.
   */
  #refusal(bundle: VerifiedBundle | string, now: number): (e: unknown) => Promise<void> {
    const bundleId = typeof bundle === 'string' ? bundle : bundle.manifest.id
    return async (e) => {
      const code = codeOf(e)
      if (code === 'SEALPOST_STORAGE_LOCKED' || code === 'SEALPOST_STORAGE_CONFLICT') return
      await this.consents.expireDue(now)
      await this.log.append(
        'refusal',
        {
          bundleId,
          code,
          reason: String((e as Error)?.message ?? e),
          ...(typeof bundle === 'string'
            ? {}
            : { partner: bundle.partnerId, bundleDigest: bundle.digest }),
        },
        now,
      )
      this.events.emit('refusal', { bundleId, code })
    }
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

  /** Seals and queues the output and logs the run: inside the run's step, so all or nothing. */
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
    return {
      bundleId: bundle.manifest.id,
      mode,
      output,
      read: result.read,
      bits,
      ...(envelope ? { envelope } : {}),
      stats: result.stats,
    }
  }

  /**
   * Runs an installed bundle now: policy (consent, dial, budget) → consented views → sandbox →
   * validation → noise → sealed envelope in the outbox (nothing leaves for `local`). One atomic
   * step: the envelope, the budget charge and the audit entry are committed together or not at all.
   */
  async run(bundleId: string, options: { now?: number } = {}): Promise<RunOutcome> {
    this.#live()
    const now = options.now ?? this.#clock()
    const outcome = await this.#step(
      async () => {
        const bundle = await this.#load(bundleId)
        const permit = await this.policy.authorize(bundle, now)
        const result = await this.#execute(bundle, now)
        return this.#deliver(
          bundle,
          result,
          this.#noised(bundle, result.output),
          permit.chargedBits,
          now,
        )
      },
      this.#refusal(bundleId, now),
    )
    this.events.emit('run', outcome)
    return outcome
  }

  /**
   * Runs a bundle and shows its exact output before anything is sent (one-off shares). The
   * consent must be live; the budget is charged only on `send()`.
   */
  async preview(bundleId: string, options: { now?: number } = {}): Promise<Preview> {
    this.#live()
    const now = options.now ?? this.#clock()
    const { bundle, result, output } = await this.#step(
      async () => {
        const bundle = await this.#load(bundleId)
        await this.consents.check(bundle, now)
        const result = await this.#execute(bundle, now)
        return { bundle, result, output: this.#noised(bundle, result.output) }
      },
      this.#refusal(bundleId, now),
    )
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
        const outcome = await this.#step(
          async () => {
            const permit = await this.policy.authorize(bundle, now)
            return this.#deliver(bundle, result, output, permit.chargedBits, now)
          },
          this.#refusal(bundle, now),
        )
        this.events.emit('run', outcome)
        return outcome
      },
      decline: async () => {
        decide()
        await this.#step(async () => {
          await this.log.append(
            'refusal',
            { bundleId, code: 'DECLINED_AFTER_PREVIEW' },
            this.#clock(),
          )
        })
      },
    }
  }

  /**
   * Runs every `recurring` bundle that is due: consent live and its last run at least `every`
   * ago (or never run). Refusals are logged and skipped, and so are bundles that no longer verify;
   * returns the runs made. Hosts call this from their own timer or on app start.
   */
  async runDue(options: { now?: number } = {}): Promise<RunOutcome[]> {
    this.#live()
    const now = options.now ?? this.#clock()
    const { bundles, lastRun } = await this.#step(async () => {
      const lastRun = new Map<string, number>()
      for (const e of await this.log.entries('run')) {
        const id = e.details.bundleId
        if (typeof id === 'string') lastRun.set(id, Math.max(lastRun.get(id) ?? -Infinity, e.time))
      }
      return { bundles: await this.#installedLogged(now), lastRun }
    })
    const out: RunOutcome[] = []
    for (const bundle of bundles) {
      const s = bundle.manifest.schedule
      if (s.kind !== 'recurring') continue
      const consent = await this.#read(() => this.consents.current(bundle.manifest.id))
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
   * report") sends nothing and gets its output's bits back, but keeps the answer bit (answered or
   * not is itself information). Returns the runs that sent.
   */
  async ingest(
    collection: string,
    records: readonly VaultRecord[],
  ): Promise<{ added: number; duplicates: number; triggered: RunOutcome[] }> {
    this.#live()
    const counts = await this.#step(() => this.#store.tx!.ingest(collection, records))
    const triggered = counts.added > 0 ? await this.#fireTriggers(collection, records) : []
    return { ...counts, triggered }
  }

  async #fireTriggers(collection: string, records: readonly VaultRecord[]): Promise<RunOutcome[]> {
    const now = this.#clock()
    const out: RunOutcome[] = []
    const bundles = await this.#step(() => this.#installedLogged(now))
    for (const bundle of bundles) {
      const s = bundle.manifest.schedule
      if (s.kind !== 'trigger' || s.on !== collection) continue
      const consent = await this.#read(() => this.consents.current(bundle.manifest.id))
      if (!consent || (consent.status !== 'given' && consent.status !== 'renewed')) continue
      try {
        const outcome = await this.#step(
          async () => {
            const permit = await this.policy.authorize(bundle, now)
            const firstRow = await this.#firstNewRow(bundle, collection, records, now)
            const result = await this.#execute(bundle, now, { collection, firstRow })
            if (result.output === null) {
              // Nothing to report on these records: nothing is sealed or billed, the output's bits
              // go back; the answer bit stays charged (whether a push got an answer is a bit).
              const kept = await this.policy.refund(permit)
              await this.log.append(
                'run',
                {
                  bundleId: bundle.manifest.id,
                  bundleDigest: bundle.digest,
                  partner: bundle.partnerId,
                  mode: bundle.manifest.mode,
                  bits: kept,
                  quiet: true,
                },
                now,
              )
              return undefined
            }
            return this.#deliver(
              bundle,
              result,
              this.#noised(bundle, result.output),
              permit.chargedBits,
              now,
            )
          },
          this.#refusal(bundle, now),
        )
        if (outcome) {
          this.events.emit('run', outcome)
          out.push(outcome)
        }
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
   * purchases, an airline's flight status). Verified (signature, freshness, never seen before),
   * validated, and stored with their provenance and an audit entry in one atomic step; triggers
   * fire as for any ingest.
   */
  async push(
    signed: SignedPush,
  ): Promise<{ added: number; duplicates: number; triggered: RunOutcome[] }> {
    this.#live()
    const now = this.#clock()
    const counts = await this.#step(async () => {
      const pub = verifyPush(signed, await this.#trustStore())
      await this.#checkFresh(signed, now)
      const counts = await this.#store.tx!.ingest(signed.collection, signed.records)
      const provenance = ((await this.#store.getDoc(PROVENANCE_DOC)) ?? []) as unknown[]
      provenance.push({
        partner: pub.partnerId,
        keyId: pub.keyId,
        collection: signed.collection,
        signedAt: signed.signedAt,
        receivedAt: now,
        ids: signed.records.map((r) => r.id),
      })
      await this.#store.putDoc(PROVENANCE_DOC, provenance)
      await this.log.append(
        'install',
        {
          action: 'push',
          partner: pub.partnerId,
          keyId: pub.keyId,
          collection: signed.collection,
          records: signed.records.length,
          added: counts.added,
        },
        now,
      )
      return counts
    })
    const triggered =
      counts.added > 0 ? await this.#fireTriggers(signed.collection, signed.records) : []
    return { ...counts, triggered }
  }

  /**
   * Replay protection for pushes: signed within the freshness window of now (a little ahead for
   * clock skew), and never accepted before (the signature names the push; ids are kept for as long
   * as the window, after which the time check alone refuses the push).
   */
  async #checkFresh(signed: SignedPush, now: number): Promise<void> {
    const { maxAgeMs, maxSkewMs } = this.#pushWindow
    if (!Number.isFinite(signed.signedAt) || signed.signedAt < now - maxAgeMs) {
      throw new PushRejectedError(
        `the push was signed at ${String(signed.signedAt)}, more than ${maxAgeMs} ms ago: too old to accept`,
      )
    }
    if (signed.signedAt > now + maxSkewMs) {
      throw new PushRejectedError('the push was signed in the future (clock skew too large)')
    }
    const seen = ((await this.#store.getDoc(PUSH_SEEN_DOC)) ?? {}) as Record<string, number>
    const id = signed.signature.toLowerCase()
    if (Object.hasOwn(seen, id)) throw new PushRejectedError('this push was already accepted')
    const kept = Object.fromEntries(
      Object.entries(seen).filter(([, signedAt]) => signedAt >= now - maxAgeMs - maxSkewMs),
    )
    kept[id] = signed.signedAt
    await this.#store.putDoc(PUSH_SEEN_DOC, kept)
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
  provenance(): Promise<unknown[]> {
    return this.#read(async () => ((await this.#store.getDoc(PROVENANCE_DOC)) ?? []) as unknown[])
  }

  // ---- what left, the outbox and the bill ------------------------------------------------------

  /** Envelopes waiting for the relay (`pending`: pending or failed), or all of them. */
  outbox(options: { pending?: boolean } = {}): Promise<OutboxEntry[]> {
    return this.#read(async () =>
      options.pending ? this.courier.outbox.pending() : this.courier.outbox.list(),
    )
  }

  /**
   * The relay delivered an envelope (at `at`, the relay's delivery time when its receipt says so):
   * marked, metered and logged in one atomic step. `afterCancel`: revocation had cancelled it, but
   * the relay's receipt says the partner acknowledged it first; it is billed as the relay bills it.
   */
  async delivered(
    envelopeId: string,
    at: number = this.#clock(),
    options: { afterCancel?: boolean } = {},
  ): Promise<void> {
    this.#live()
    await this.#step(() => this.courier.delivered(envelopeId, at, options))
    this.events.emit('delivery', { envelopeId })
  }

  /** The relay settled an envelope without delivering it (unopenable, expired): one atomic step. */
  async returned(envelopeId: string, reason: string): Promise<void> {
    this.#live()
    await this.#step(() => this.courier.returned(envelopeId, this.#clock(), reason))
  }

  /** A delivery attempt failed: the envelope stays queued for a retry (one atomic step). */
  async failed(envelopeId: string, reason: string): Promise<void> {
    this.#live()
    await this.#step(() => this.courier.failed(envelopeId, this.#clock(), reason))
  }

  /** This year's statement for one partner. */
  billing(partnerId: string, year?: number): Promise<Statement> {
    return this.#read(() =>
      this.courier.meter.statement(partnerId, year ?? new Date(this.#clock()).getUTCFullYear()),
    )
  }

  /** Partners with metered transfers. */
  billedPartners(): Promise<string[]> {
    return this.#read(() => this.courier.meter.partners())
  }

  /** The audit log's entries. */
  entries(): Promise<AuditEntry[]> {
    return this.#read(() => this.log.entries())
  }

  /** What left about the person, to whom, under which contract. */
  async whatLeft(): Promise<DepartedOutput[]> {
    return whatLeft(await this.entries())
  }

  /** Subscribes to runtime events; returns the unsubscribe function. */
  on<K extends keyof RuntimeEventMap>(
    event: K,
    handler: (payload: RuntimeEventMap[K]) => void,
  ): () => void {
    return this.events.on(event, handler)
  }

  /** Bundle limits default to the design's; the bit bound of an installed bundle's output. */
  bitBound(bundleId: string): Promise<number> {
    return this.#read(async () => outputBitBound((await this.#load(bundleId)).manifest.output).bits)
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
