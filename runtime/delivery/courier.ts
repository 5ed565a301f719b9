/**
 * The courier: turns a run's output (or a deletion request) into a sealed, padded envelope in the
 * outbox, addressed by the person's pseudonym for that partner; when the relay acknowledges a
 * delivery it meters the transfer and writes a `delivery` entry to the audit log.
 *
 * @example
 * const courier = new Courier({ store, sealingKeyOf: (id) => trust.get(id)?.sealingPublic })
 * const entry = await courier.send({ bundle, output, contractDigest, now })
 * await courier.delivered(entry.envelope.id, Date.now())
 */

import type { DeletionRequest, DeletionRequestSink, DocStore } from '../consent/types.ts'
import { sha256Hex, stableJson } from '../digest.ts'
import type { Manifest } from '../manifest/types.ts'
import { Meter, type MeteredTransfer } from './billing.ts'
import { envelopeBucket, sealEnvelope, type EnvelopeKind } from './envelope.ts'
import { LocalOnlyError, OutboxStateError, UnknownPartnerError } from './errors.ts'
import { Outbox, type OutboxEntry } from './outbox.ts'
import { pseudonymSecret } from './pseudonym.ts'
import { derivePseudonymKey, pseudonymOf, type PseudonymKey } from './pseudonym_key.ts'

/** Where delivery facts are logged (the audit log's `AuditLog` fits). */
export interface DeliveryAuditSink {
  append(
    kind: 'delivery' | 'refusal',
    details: Readonly<Record<string, unknown>>,
    at: number,
  ): Promise<unknown>
}

/** Options of `Courier`. */
export interface CourierOptions {
  readonly store: DocStore
  /** The partner's 32-byte X25519 sealing key, from the trust store; undefined if unknown. */
  readonly sealingKeyOf: (
    partnerId: string,
  ) => Uint8Array | undefined | Promise<Uint8Array | undefined>
  /** The meter (default: one on `store` with the design's prices). */
  readonly meter?: Meter
  readonly audit?: DeliveryAuditSink
  /** Envelope size buckets (default 256 B … 64 KiB). */
  readonly buckets?: readonly number[]
}

/** A run's output to send. */
export interface OutgoingOutput {
  readonly bundle: { readonly manifest: Manifest; readonly digest: string }
  /** The validated, noised output (or, in `share` mode, the projected records). */
  readonly output: unknown
  readonly contractDigest: string
  /** ms since epoch */
  readonly now: number
  /** The bit bound the policy charged, recorded for the audit log. */
  readonly bits?: number
}

/** Seals, queues, and accounts for what leaves; see the module comment. */
export class Courier implements DeletionRequestSink {
  readonly outbox: Outbox
  readonly meter: Meter
  readonly #store: DocStore
  readonly #sealingKeyOf: CourierOptions['sealingKeyOf']
  readonly #audit: DeliveryAuditSink | undefined
  readonly #buckets: readonly number[] | undefined

  constructor(options: CourierOptions) {
    if (!options?.store || typeof options.sealingKeyOf !== 'function') {
      throw new TypeError('options must hold a store and sealingKeyOf')
    }
    this.#store = options.store
    this.#sealingKeyOf = options.sealingKeyOf
    this.#audit = options.audit
    this.#buckets = options.buckets
    this.outbox = new Outbox(options.store)
    this.meter = options.meter ?? new Meter(options.store)
  }

  /**
   * The person's pseudonym for `partnerId`: the hex public key of `pseudonymKeyFor` (stable;
   * unlinkable across partners).
   */
  async pseudonymFor(partnerId: string): Promise<string> {
    return this.#withSecret((secret) => pseudonymOf(secret, partnerId))
  }

  /** The pseudonym's signing key for `partnerId`, for relay calls; the caller disposes it. */
  async pseudonymKeyFor(partnerId: string): Promise<PseudonymKey> {
    return this.#withSecret((secret) => derivePseudonymKey(secret, partnerId))
  }

  /**
   * Runs `use` with the pseudonym secret, read each time and wiped after: never cached, because a
   * secret made in a runtime step that then failed was never stored, and another process may have
   * made it first.
   */
  async #withSecret<T>(use: (secret: Uint8Array) => T): Promise<T> {
    const secret = await pseudonymSecret(this.#store)
    try {
      return use(secret)
    } finally {
      secret.fill(0)
    }
  }

  async #seal(
    kind: EnvelopeKind,
    partnerId: string,
    bundleId: string,
    bundleDigest: string,
    contractDigest: string,
    output: unknown,
    now: number,
    bits: number | undefined,
  ): Promise<OutboxEntry> {
    const key = await this.#sealingKeyOf(partnerId)
    if (!key) throw new UnknownPartnerError(partnerId)
    const pseudonym = await this.pseudonymFor(partnerId)
    const envelope = await sealEnvelope(
      { kind, bundleId, bundleDigest, pseudonym, output, sentAt: now, contractDigest },
      {
        partnerId,
        partnerPublicKey: key,
        ...(this.#buckets ? { buckets: this.#buckets } : {}),
      },
    )
    return this.outbox.add(
      envelope,
      {
        kind,
        partnerId,
        bundleId,
        bundleDigest,
        contractDigest,
        pseudonym,
        outputDigest: sha256Hex(stableJson(output)),
        bucket: envelopeBucket(envelope),
        output,
        ...(bits !== undefined ? { bits } : {}),
      },
      now,
    )
  }

  /** Seals a run's output to its partner and queues it (`share` bundles send kind `share`). */
  async send(outgoing: OutgoingOutput): Promise<OutboxEntry> {
    const m = outgoing.bundle.manifest
    if (m.mode === 'local') throw new LocalOnlyError(m.id)
    return this.#seal(
      m.mode === 'share' ? 'share' : 'output',
      m.partner.id,
      m.id,
      outgoing.bundle.digest,
      outgoing.contractDigest,
      outgoing.output,
      outgoing.now,
      outgoing.bits,
    )
  }

  /** Seals a deletion request to the partner and queues it (the policy calls this on revoke). */
  queueDeletionRequest(request: DeletionRequest): Promise<OutboxEntry> {
    return this.#seal(
      'deletion-request',
      request.partnerId,
      request.bundleId,
      request.bundleDigest,
      request.contractDigest,
      { request: 'delete', bundleId: request.bundleId, requestedAt: request.requestedAt },
      request.requestedAt,
      undefined,
    )
  }

  /**
   * The relay delivered envelope `id`: marks it, meters it (deletion requests are free), and logs
   * a `delivery` audit entry with what left. `afterCancel`: it was cancelled here, but the partner
   * acknowledged it before the withdrawal reached the relay (the entry records `cancelledAt`).
   */
  async delivered(
    id: string,
    at: number,
    options: { afterCancel?: boolean } = {},
  ): Promise<{ readonly entry: OutboxEntry; readonly metered?: MeteredTransfer }> {
    const entry = await this.outbox.markDelivered(id, at, options)
    const m = entry.meta
    const metered =
      m.kind === 'deletion-request'
        ? undefined
        : await this.meter.record(m.partnerId, m.pseudonym, at)
    await this.#audit?.append(
      'delivery',
      {
        kind: m.kind,
        partner: m.partnerId,
        pseudonym: m.pseudonym,
        bundleId: m.bundleId,
        bundleDigest: m.bundleDigest,
        contractDigest: m.contractDigest,
        outputDigest: m.outputDigest,
        output: m.output,
        ...(m.bits !== undefined ? { bits: m.bits } : {}),
        bucket: m.bucket,
        envelopeId: id,
        cents: metered?.cents ?? 0,
        ...(entry.cancelledAt !== undefined ? { cancelledAt: entry.cancelledAt } : {}),
      },
      at,
    )
    return metered ? { entry, metered } : { entry }
  }

  /**
   * Envelope `id` will never be delivered (the partner could not open it, it was withdrawn, or it
   * expired): marked returned, not billed, logged as a refusal (nothing was read by the partner).
   */
  async returned(id: string, at: number, reason: string): Promise<OutboxEntry> {
    const entry = await this.outbox.markReturned(id, at, reason)
    await this.#audit?.append(
      'refusal',
      {
        code: 'SEALPOST_ENVELOPE_RETURNED',
        reason,
        partner: entry.meta.partnerId,
        bundleId: entry.meta.bundleId,
        envelopeId: id,
      },
      at,
    )
    return entry
  }

  /** The relay could not deliver envelope `id`; it stays in the outbox to retry. */
  failed(id: string, at: number, reason: string): Promise<OutboxEntry> {
    if (typeof reason !== 'string') throw new OutboxStateError('reason must be a string')
    return this.outbox.markFailed(id, at, reason)
  }
}
