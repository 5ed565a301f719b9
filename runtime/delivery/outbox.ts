/**
 * The outbox: sealed envelopes waiting for the relay, with their delivery status, kept in the
 * DocStore (the vault encrypts it). Entries keep local metadata the relay never sees (kind,
 * bundle, the output that left) so the person can see what left and the audit log can cite it.
 *
 * Status moves `pending` → `delivered`, `pending` ⇄ `failed` (a failed attempt is retried), and
 * `pending`/`failed` → `cancelled` (consent withdrawn before the envelope left: it must never be
 * handed to the relay, and is withdrawn from it if it already was), `pending`/`failed` →
 * `returned` (the relay settled it undelivered). `pending()` is exactly what may still be sent. In the host runtime every
 * change here is part of one atomic step with the budget, the meter and the audit log (see
 * docs/integrity.md); used on its own, each call is one DocStore write.
 */

import type { DocStore } from '../consent/types.ts'
import { randomBytes } from '../crypto/random.ts'
import type { EnvelopeKind, SealedEnvelope } from './envelope.ts'
import { OutboxStateError } from './errors.ts'

const OUTBOX_DOC = 'delivery/outbox'

/**
 * Where an envelope is in its delivery. `cancelled`: consent was withdrawn before it left, it
 * must never be handed over. `returned`: the relay settled it without delivery (the partner could
 * not open it, the person withdrew it from the relay, or it expired there); never retried.
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled' | 'returned'

/** Device-side facts about an envelope (never sent in the clear). */
export interface OutboxMeta {
  readonly kind: EnvelopeKind
  readonly partnerId: string
  readonly bundleId: string
  readonly bundleDigest: string
  readonly contractDigest: string
  readonly pseudonym: string
  /** SHA-256 hex of the output's JSON. */
  readonly outputDigest: string
  /** The size bucket the relay sees. */
  readonly bucket: number
  /** The output that left, as the partner will read it (kept on the device for the person). */
  readonly output: unknown
  /** The bit bound charged for it, when the policy metered it. */
  readonly bits?: number
}

/** One envelope in the outbox. */
export interface OutboxEntry {
  readonly envelope: SealedEnvelope
  readonly meta: OutboxMeta
  readonly status: DeliveryStatus
  /** ms since epoch */
  readonly queuedAt: number
  readonly deliveredAt?: number
  readonly attempts: number
  /** ms since epoch of the latest delivery attempt. */
  readonly lastAttemptAt?: number
  readonly lastError?: string
  /** ms since epoch, when cancelled. */
  readonly cancelledAt?: number
}

/** A DocStore-backed list of envelopes; operations are serialized. */
export class Outbox {
  readonly #store: DocStore
  #queue: Promise<unknown> = Promise.resolve()

  constructor(store: DocStore) {
    if (!store || typeof store.getDoc !== 'function')
      throw new TypeError('store must be a DocStore')
    this.#store = store
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #entries(): Promise<OutboxEntry[]> {
    return (await this.#store.getDoc<OutboxEntry[]>(OUTBOX_DOC)) ?? []
  }

  /** Queues a sealed envelope as pending. */
  add(envelope: SealedEnvelope, meta: OutboxMeta, queuedAt: number): Promise<OutboxEntry> {
    return this.#serial(async () => {
      const entries = await this.#entries()
      if (entries.some((e) => e.envelope.id === envelope.id)) {
        throw new OutboxStateError(`envelope ${envelope.id} is already in the outbox`)
      }
      const entry: OutboxEntry = { envelope, meta, status: 'pending', queuedAt, attempts: 0 }
      entries.push(entry)
      await this.#store.putDoc(OUTBOX_DOC, entries)
      return entry
    })
  }

  async #update(
    id: string,
    change: (e: OutboxEntry) => OutboxEntry,
  ): Promise<{ before: OutboxEntry; after: OutboxEntry }> {
    const entries = await this.#entries()
    const i = entries.findIndex((e) => e.envelope.id === id)
    if (i < 0) throw new OutboxStateError(`no envelope ${id} in the outbox`)
    const before = entries[i]!
    const after = change(before)
    entries[i] = after
    await this.#store.putDoc(OUTBOX_DOC, entries)
    return { before, after }
  }

  /**
   * Marks an envelope delivered (the relay acknowledged it). Delivering twice is an error, and so
   * is delivering a cancelled one, unless `afterCancel`: the relay's signed receipt says the
   * partner acknowledged it before the withdrawal reached the relay (the relay decides that race
   * in one transaction); the entry keeps its `cancelledAt`, and the device bills it as the relay does.
   */
  markDelivered(
    id: string,
    at: number,
    options: { afterCancel?: boolean } = {},
  ): Promise<OutboxEntry> {
    return this.#serial(async () => {
      const { after } = await this.#update(id, (e) => {
        if (e.status === 'delivered')
          throw new OutboxStateError(`envelope ${id} was already delivered`)
        if (e.status === 'cancelled' && options.afterCancel !== true)
          throw new OutboxStateError(`envelope ${id} was cancelled: it must not be delivered`)
        const { lastError: _drop, ...rest } = e
        return {
          ...rest,
          status: 'delivered',
          deliveredAt: at,
          lastAttemptAt: at,
          attempts: e.attempts + 1,
        }
      })
      return after
    })
  }

  /** Records a failed delivery attempt; the envelope can be retried. */
  markFailed(id: string, at: number, reason: string): Promise<OutboxEntry> {
    return this.#serial(async () => {
      const { after } = await this.#update(id, (e) => {
        if (e.status === 'delivered')
          throw new OutboxStateError(`envelope ${id} was already delivered`)
        if (e.status === 'cancelled') throw new OutboxStateError(`envelope ${id} was cancelled`)
        return {
          ...e,
          status: 'failed',
          attempts: e.attempts + 1,
          lastAttemptAt: at,
          lastError: String(reason),
        }
      })
      return after
    })
  }

  /** Marks an envelope returned (see `DeliveryStatus`); never billed, never retried. */
  markReturned(id: string, at: number, reason: string): Promise<OutboxEntry> {
    return this.#serial(async () => {
      const { after } = await this.#update(id, (e) => {
        if (e.status === 'delivered' || e.status === 'returned')
          throw new OutboxStateError(`envelope ${id} was already ${e.status}`)
        return { ...e, status: 'returned', lastAttemptAt: at, lastError: String(reason) }
      })
      return after
    })
  }

  /**
   * Cancels every envelope still waiting (pending or failed) that `which` selects; returns them.
   * A cancelled envelope never leaves (`pending()` no longer lists it, delivering it is an error).
   */
  cancel(
    which: (entry: OutboxEntry) => boolean,
    at: number,
    reason: string,
  ): Promise<OutboxEntry[]> {
    return this.#serial(async () => {
      const entries = await this.#entries()
      const cancelled: OutboxEntry[] = []
      const next = entries.map((e) => {
        if ((e.status !== 'pending' && e.status !== 'failed') || !which(e)) return e
        const after: OutboxEntry = {
          ...e,
          status: 'cancelled',
          cancelledAt: at,
          lastError: String(reason),
        }
        cancelled.push(after)
        return after
      })
      if (cancelled.length > 0) await this.#store.putDoc(OUTBOX_DOC, next)
      return cancelled
    })
  }

  /** Envelopes still to deliver (pending or failed), oldest first: exactly what may be sent. */
  async pending(): Promise<OutboxEntry[]> {
    await this.#queue
    return (await this.#entries()).filter((e) => e.status === 'pending' || e.status === 'failed')
  }

  /** Every entry, oldest first. */
  async list(): Promise<OutboxEntry[]> {
    await this.#queue
    return this.#entries()
  }

  /** One entry by envelope id, or undefined. */
  async get(id: string): Promise<OutboxEntry | undefined> {
    return (await this.list()).find((e) => e.envelope.id === id)
  }
}

/** Options of `sendPlan`. */
export interface SendPlanOptions {
  /** Each envelope waits a random delay below this (default 10 minutes). */
  readonly maxDelayMs?: number
  /** A uniform number in [0, 1) (default: from the platform's CSPRNG). */
  readonly random?: () => number
}

function cryptoRandom(): number {
  const b = randomBytes(6)
  return (
    (b[0]! * 2 ** 40 +
      b[1]! * 2 ** 32 +
      b[2]! * 2 ** 24 +
      b[3]! * 2 ** 16 +
      b[4]! * 2 ** 8 +
      b[5]!) /
    2 ** 48
  )
}

/**
 * How to hand a batch of waiting envelopes to the relay without linking them: in a shuffled order,
 * each after its own random delay, sorted by delay (post each at `delayMs` after the start). Envelopes
 * to different partners posted in one burst would let colluding partners join pseudonyms by time.
 */
export function sendPlan(
  entries: readonly OutboxEntry[],
  options: SendPlanOptions = {},
): { readonly entry: OutboxEntry; readonly delayMs: number }[] {
  const maxDelayMs = options.maxDelayMs ?? 600_000
  if (!(maxDelayMs >= 0)) throw new RangeError('options.maxDelayMs must be >= 0')
  const random = options.random ?? cryptoRandom
  return entries
    .map((entry) => ({ entry, delayMs: Math.floor(random() * maxDelayMs) }))
    .sort((a, b) => a.delayMs - b.delayMs)
}
