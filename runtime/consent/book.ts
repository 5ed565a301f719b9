/**
 * The consent book: every consent record of the vault, its lifecycle (give, refuse, withdraw,
 * renew, expire, carry over to a new version) and a signed receipt for each change. State lives in
 * a DocStore; operations are serialized so concurrent calls never lose an update.
 *
 * @example
 * const book = new ConsentBook(store)
 * const { receipt } = await book.give(bundle, Date.now(), { expiresAt })
 * await book.check(bundle, Date.now()) // the record, or a named refusal
 */

import type { Manifest } from '../manifest/types.ts'
import { outputSchemaDigest, scopeDigest } from '../policy/consent.ts'
import { assertConsent, type ConsentSubject } from './check.ts'
import { buildContract, type Contract, type ContractOptions } from './contract.ts'
import { ConsentStateError } from './errors.ts'
import { DeviceSigner, issueReceipt, type ConsentReceipt } from './receipt.ts'
import {
  applyEvent,
  consentEvent,
  newConsentRecord,
  rebindRecord,
  type ConsentMethod,
  type ConsentRecord,
  type ConsentStatus,
} from './record.ts'
import type { AuditSink, DocStore } from './types.ts'
import { wideningsOf, type Widening } from './widening.ts'

const RECORDS_DOC = 'consent/records'
const RECEIPTS_DOC = 'consent/receipts'

/** A record after a change, with the receipt the person keeps. */
export interface ConsentChange {
  readonly record: ConsentRecord
  readonly receipt: ConsentReceipt
}

/** What happened to the consent when a new bundle version arrived. */
export interface NewVersionOutcome {
  /** True when the consent now binds the new version (a `renewed` event). */
  readonly carried: boolean
  /** Why fresh consent is needed (empty when carried, or when there was no live consent). */
  readonly widenings: readonly Widening[]
  readonly change?: ConsentChange
}

/** Options of `ConsentBook`. */
export interface ConsentBookOptions {
  /** Where consent decisions are logged (the audit log). */
  readonly audit?: AuditSink
}

type Records = Record<string, ConsentRecord>

/** Every consent of one vault; see the module comment. */
export class ConsentBook {
  readonly #store: DocStore
  readonly #audit: AuditSink | undefined
  #queue: Promise<unknown> = Promise.resolve()

  constructor(store: DocStore, options: ConsentBookOptions = {}) {
    if (!store || typeof store.getDoc !== 'function' || typeof store.putDoc !== 'function') {
      throw new TypeError('store must be a DocStore')
    }
    this.#store = store
    this.#audit = options.audit
  }

  /** Runs `task` after every earlier operation (a lost update would lose a withdrawal). */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => undefined)
    return run
  }

  // Read each time, never cached: a key made in a step that then failed was never stored, and
  // another process may have made the device key first.
  #signer(): Promise<DeviceSigner> {
    return DeviceSigner.open(this.#store)
  }

  /** The device's Ed25519 public key: what verifies this book's receipts. */
  async devicePublicKey(): Promise<Uint8Array> {
    using signer = await this.#signer()
    return signer.publicKey.slice()
  }

  async #records(): Promise<Records> {
    return (await this.#store.getDoc<Records>(RECORDS_DOC)) ?? {}
  }

  async #save(record: ConsentRecord, at: number): Promise<ConsentChange> {
    const records = await this.#records()
    records[record.bundleId] = record
    const receipt = await this.#signer().then((signer) => {
      using device = signer
      return issueReceipt(device, record, at)
    })
    const receipts = (await this.#store.getDoc<ConsentReceipt[]>(RECEIPTS_DOC)) ?? []
    receipts.push(receipt)
    // Records first: a crash between the two loses a receipt, never the state change itself.
    await this.#store.putDoc(RECORDS_DOC, records)
    await this.#store.putDoc(RECEIPTS_DOC, receipts)
    const last = record.events[record.events.length - 1]!
    await this.#audit?.append(
      record.status === 'withdrawn' ? 'revoke' : 'consent',
      {
        status: record.status,
        method: last.method,
        partner: record.partnerId,
        bundleId: record.bundleId,
        bundleDigest: record.bundleDigest,
        scopeDigest: record.scopeDigest,
        outputSchemaDigest: record.outputSchemaDigest,
        contractDigest: record.notice.contractDigest,
        bitBudgetPerDay: record.bitBudgetPerDay,
        mode: record.mode,
      },
      at,
    )
    return { record, receipt }
  }

  /** The contract the person is asked to consent to (the same `give` records). */
  contract(bundle: ConsentSubject, options: ContractOptions = {}): Contract {
    return buildContract(bundle, options)
  }

  async #decide(
    bundle: ConsentSubject,
    now: number,
    status: 'given' | 'refused',
    options: ContractOptions,
  ): Promise<ConsentChange> {
    const contract = buildContract(bundle, options)
    if (contract.expiresAt !== undefined && contract.expiresAt <= now) {
      throw new RangeError('options.expiresAt must be after now')
    }
    using signer = await this.#signer()
    const event = consentEvent(bundle.manifest, contract, status, now, 'explicit')
    const existing = (await this.#records())[bundle.manifest.id]
    const record = !existing
      ? newConsentRecord(contract, event, signer.subjectId)
      : status === 'given'
        ? rebindRecord(existing, contract, event)
        : applyEvent(existing, event)
    return this.#save(record, now)
  }

  /** Records that the person gave consent to exactly this bundle (digest, scope, outputs). */
  give(bundle: ConsentSubject, now: number, options: ContractOptions = {}): Promise<ConsentChange> {
    return this.#serial(() => this.#decide(bundle, now, 'given', options))
  }

  /** Records that the person refused this bundle; runs stay refused. */
  refuse(bundle: ConsentSubject, now: number): Promise<ConsentChange> {
    return this.#serial(() => this.#decide(bundle, now, 'refused', {}))
  }

  async #transition(
    bundleId: string,
    now: number,
    status: ConsentStatus,
    method: ConsentMethod,
    allowed: readonly ConsentStatus[],
  ): Promise<ConsentChange> {
    const record = (await this.#records())[bundleId]
    if (!record) throw new ConsentStateError(`there is no consent for ${bundleId}`)
    if (!allowed.includes(record.status)) {
      throw new ConsentStateError(
        `consent for ${bundleId} is ${record.status}: it cannot become ${status}`,
      )
    }
    const last = record.events[record.events.length - 1]!
    const { expiresAt: _drop, ...binding } = last
    const event = {
      ...binding,
      ...(record.expiresAt !== undefined ? { expiresAt: record.expiresAt } : {}),
      status,
      at: now,
      method,
    }
    return this.#save(applyEvent(record, event), now)
  }

  /** Withdraws consent: every future run of the bundle is refused at once. */
  withdraw(bundleId: string, now: number): Promise<ConsentChange> {
    return this.#serial(() =>
      this.#transition(bundleId, now, 'withdrawn', 'explicit', ['given', 'renewed', 'expired']),
    )
  }

  /** Same as `withdraw` (the CLI's word). */
  revoke(bundleId: string, now: number): Promise<ConsentChange> {
    return this.withdraw(bundleId, now)
  }

  /**
   * The person renews a given, renewed or expired consent for this bundle (for example with a new
   * expiry): a `renewed` event bound to the bundle's digests. A withdrawn or refused consent needs
   * `give` instead.
   */
  renew(
    bundle: ConsentSubject,
    now: number,
    options: ContractOptions = {},
  ): Promise<ConsentChange> {
    return this.#serial(async () => {
      const record = (await this.#records())[bundle.manifest.id]
      if (!record || !['given', 'renewed', 'expired'].includes(record.status)) {
        throw new ConsentStateError(
          `consent for ${bundle.manifest.id} is ${record?.status ?? 'missing'}: give it instead of renewing`,
        )
      }
      const contract = buildContract(bundle, {
        bitBudgetPerDay: options.bitBudgetPerDay ?? record.bitBudgetPerDay,
        ...(options.expiresAt !== undefined ? { expiresAt: options.expiresAt } : {}),
      })
      const event = consentEvent(bundle.manifest, contract, 'renewed', now, 'explicit')
      return this.#save(rebindRecord(record, contract, event), now)
    })
  }

  /** Marks a consent whose expiry has passed as `expired`; ConsentStateError if it has not. */
  expire(bundleId: string, now: number): Promise<ConsentChange> {
    return this.#serial(async () => {
      const record = (await this.#records())[bundleId]
      if (record?.expiresAt === undefined || now < record.expiresAt) {
        throw new ConsentStateError(`consent for ${bundleId} has not reached its expiry`)
      }
      return this.#transition(bundleId, now, 'expired', 'expiry', ['given', 'renewed'])
    })
  }

  /** Marks every live consent past its expiry as `expired`; returns the changes. */
  expireDue(now: number): Promise<ConsentChange[]> {
    return this.#serial(async () => {
      const out: ConsentChange[] = []
      for (const r of Object.values(await this.#records())) {
        const due = r.expiresAt !== undefined && now >= r.expiresAt
        if (due && (r.status === 'given' || r.status === 'renewed')) {
          out.push(
            await this.#transition(r.bundleId, now, 'expired', 'expiry', ['given', 'renewed']),
          )
        }
      }
      return out
    })
  }

  /** The record for `bundleId`, or undefined. */
  async current(bundleId: string): Promise<ConsentRecord | undefined> {
    await this.#queue
    return (await this.#records())[bundleId]
  }

  /** Every record, sorted by bundle id. */
  async all(): Promise<ConsentRecord[]> {
    await this.#queue
    const records = await this.#records()
    return Object.keys(records)
      .sort()
      .map((k) => records[k]!)
  }

  /** Every receipt issued, oldest first (optionally for one bundle). */
  async receipts(bundleId?: string): Promise<ConsentReceipt[]> {
    await this.#queue
    const all = (await this.#store.getDoc<ConsentReceipt[]>(RECEIPTS_DOC)) ?? []
    return bundleId === undefined ? all : all.filter((r) => r.service.bundleId === bundleId)
  }

  /** The live record for exactly this bundle, or a named refusal (see `assertConsent`). */
  async check(bundle: ConsentSubject, now: number): Promise<ConsentRecord> {
    return assertConsent(await this.current(bundle.manifest.id), bundle, now)
  }

  /**
   * A new version of an installed bundle arrived. If it does not widen reads, outputs or the
   * contract, a live consent carries over (a `renewed` event bound to the new digests). Otherwise
   * the record stays bound to the old version, so runs of the new one are refused until the person
   * consents again.
   */
  onNewVersion(
    oldManifest: Manifest,
    newBundle: ConsentSubject,
    now: number,
  ): Promise<NewVersionOutcome> {
    return this.#serial(async () => {
      const id = newBundle.manifest.id
      if (oldManifest.id !== id)
        throw new TypeError('oldManifest must be an earlier version of newBundle')
      const widenings = wideningsOf(oldManifest, newBundle.manifest)
      const record = (await this.#records())[id]
      const live =
        record !== undefined &&
        (record.status === 'given' || record.status === 'renewed') &&
        (record.expiresAt === undefined || now < record.expiresAt) &&
        record.scopeDigest === scopeDigest(oldManifest) &&
        record.outputSchemaDigest === outputSchemaDigest(oldManifest)
      if (!live || widenings.length > 0) return { carried: false, widenings }
      const contract = buildContract(newBundle, {
        bitBudgetPerDay: record.bitBudgetPerDay,
        ...(record.expiresAt !== undefined ? { expiresAt: record.expiresAt } : {}),
      })
      const event = consentEvent(newBundle.manifest, contract, 'renewed', now, 'carried-over')
      const change = await this.#save(rebindRecord(record, contract, event), now)
      return { carried: true, widenings, change }
    })
  }
}
