/**
 * The person's policy over every run (docs/contracts.md "Consent", "Outputs an auditor can bound"): a live
 * consent, the personalization dial (1–3), a bit budget per partner per day across all of that
 * partner's bundles, one run for a `once` consent, and revocation that stops every future run at
 * once (optionally queueing a deletion request to the partner). Runs are refused BEFORE they
 * execute; the budget is charged the output's bit bound, never the actual output.
 *
 * @example
 * const policy = new SharingPolicy({ store, book, deletions: courier })
 * const permit = await policy.authorize(bundle, now) // throws a named refusal
 * // …run the bundle, deliver the output…
 * await policy.revoke(bundle.manifest.id, later, { delete: true })
 */

import { ANSWER_BIT, isBits, outputBitBound, runBitBound } from '../manifest/index.ts'
import { UnboundedOutputError } from '../manifest/errors.ts'
import type { SealpostError } from '../../sandbox/errors.ts'
import type { ConsentBook, ConsentChange } from './book.ts'
import type { ConsentSubject } from './check.ts'
import {
  BudgetSpentError,
  ConsentStateError,
  NoConsentError,
  PersonalizationError,
} from './errors.ts'
import type { ConsentRecord } from './record.ts'
import type {
  AuditSink,
  DeletionRequest,
  DeletionRequestSink,
  DocStore,
  PersonalizationLevel,
} from './types.ts'

const SETTINGS_DOC = 'policy/settings'
const LEDGER_DOC = 'policy/ledger'
// Bounds are sums of logarithms: allow float rounding when comparing against the budget.
const BITS_EPSILON = 1e-9

/** Options of `SharingPolicy`; limits are explicit with safe defaults. */
export interface SharingPolicyOptions {
  readonly store: DocStore
  readonly book: ConsentBook
  /** Where `revoke(…, { delete: true })` queues the deletion request (delivery's `Courier`). */
  readonly deletions?: DeletionRequestSink
  readonly audit?: AuditSink
  /** The dial before the person sets it (default 2). */
  readonly defaultDial?: PersonalizationLevel
  /** Calendar day of a time, the budget's period (default: the UTC date, `YYYY-MM-DD`). */
  readonly dayOf?: (now: number) => string
  /** Days of spending history kept (default 31). */
  readonly keepDays?: number
}

/** What a permitted run was charged; the pipeline runs only with one of these. */
export interface RunPermit {
  readonly record: ConsentRecord
  readonly bundleId: string
  readonly partnerId: string
  readonly day: string
  /**
   * What the run can say: the output's bit bound, plus the answer bit for a trigger run (0 for
   * `local` and `share`, which the bit budget does not meter).
   */
  readonly chargedBits: number
  /** Of `chargedBits`, the "answered or not" bit a trigger run keeps even when it answers null. */
  readonly answerBits: number
  /** What is left of the partner's budget today after this charge. */
  readonly leftBits: number
}

/** A partner's spending on one day. */
export interface BudgetSpending {
  readonly partnerId: string
  readonly day: string
  readonly spentBits: number
  readonly runs: number
}

/** The result of a revocation. */
export interface Revocation {
  readonly change: ConsentChange
  /** The deletion request queued, when `delete` was asked (never for a `local` bundle). */
  readonly deletion?: DeletionRequest
}

interface Settings {
  dial?: PersonalizationLevel
}

interface Ledger {
  /** partner id → day → spending */
  spent: Record<string, Record<string, { bits: number; runs: number }>>
  /** bundle id → number of events of the record when its `once` consent was used */
  onceUsed: Record<string, number>
}

function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10)
}

function aLevel(level: unknown, name: string): PersonalizationLevel {
  if (level !== 1 && level !== 2 && level !== 3) throw new RangeError(`${name} must be 1, 2 or 3`)
  return level
}

/** The policy engine; see the module comment. */
export class SharingPolicy {
  readonly #store: DocStore
  readonly #book: ConsentBook
  readonly #deletions: DeletionRequestSink | undefined
  readonly #audit: AuditSink | undefined
  readonly #defaultDial: PersonalizationLevel
  readonly #dayOf: (now: number) => string
  readonly #keepDays: number
  #queue: Promise<unknown> = Promise.resolve()

  constructor(options: SharingPolicyOptions) {
    if (!options?.store || !options.book)
      throw new TypeError('options must hold a store and a book')
    this.#store = options.store
    this.#book = options.book
    this.#deletions = options.deletions
    this.#audit = options.audit
    this.#defaultDial = aLevel(options.defaultDial ?? 2, 'options.defaultDial')
    this.#dayOf = options.dayOf ?? utcDay
    const keep = options.keepDays ?? 31
    if (!Number.isInteger(keep) || keep < 1)
      throw new RangeError('options.keepDays must be an integer ≥ 1')
    this.#keepDays = keep
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => undefined)
    return run
  }

  /** The personalization dial: bundles above it are refused. */
  async dial(): Promise<PersonalizationLevel> {
    const s = await this.#store.getDoc<Settings>(SETTINGS_DOC)
    return s?.dial ?? this.#defaultDial
  }

  /** Sets the dial (1 basic, 2 intermediate, 3 deep). */
  setDial(level: PersonalizationLevel): Promise<void> {
    const l = aLevel(level, 'level')
    return this.#serial(async () => {
      const s = (await this.#store.getDoc<Settings>(SETTINGS_DOC)) ?? {}
      await this.#store.putDoc(SETTINGS_DOC, { ...s, dial: l })
    })
  }

  async #ledger(): Promise<Ledger> {
    return (await this.#store.getDoc<Ledger>(LEDGER_DOC)) ?? { spent: {}, onceUsed: {} }
  }

  /** What `partnerId` has spent on the day of `now`. */
  async spending(partnerId: string, now: number): Promise<BudgetSpending> {
    await this.#queue
    const day = this.#dayOf(now)
    const s = (await this.#ledger()).spent[partnerId]?.[day]
    return { partnerId, day, spentBits: s?.bits ?? 0, runs: s?.runs ?? 0 }
  }

  /**
   * Checks everything before a run and charges the partner's budget the output's bit bound. Throws
   * SEALPOST_NO_CONSENT / _CONSENT_REVOKED / _CONSENT_EXPIRED / _PERSONALIZATION / _BUDGET_SPENT;
   * each refusal is written to the audit log.
   */
  authorize(bundle: ConsentSubject, now: number): Promise<RunPermit> {
    return this.#serial(async () => {
      try {
        return await this.#authorize(bundle, now)
      } catch (error) {
        const code = (error as Partial<SealpostError>).code
        if (typeof code === 'string') {
          await this.#audit?.append(
            'refusal',
            {
              code,
              reason: (error as Error).message,
              partner: bundle.manifest.partner.id,
              bundleId: bundle.manifest.id,
              bundleDigest: bundle.digest,
            },
            now,
          )
        }
        throw error
      }
    })
  }

  /**
   * Gives back the output's share of what a trigger run was charged when it answered null
   * (nothing to report). The answer bit stays spent: whether a push got an answer is itself
   * something the partner learns. Returns the bits that stay charged.
   */
  refund(permit: RunPermit): Promise<number> {
    return this.#serial(async () => {
      const ledger = await this.#ledger()
      const day = ledger.spent[permit.partnerId]?.[permit.day]
      const back = permit.chargedBits - permit.answerBits
      if (!day || !isBits(day.bits) || !isBits(back)) return permit.chargedBits
      day.bits = Math.max(0, day.bits - back)
      await this.#store.putDoc(LEDGER_DOC, ledger)
      return permit.answerBits
    })
  }

  async #authorize(bundle: ConsentSubject, now: number): Promise<RunPermit> {
    const m = bundle.manifest
    const record = await this.#book.check(bundle, now)
    const dial = await this.dial()
    if (m.personalization > dial) throw new PersonalizationError(m.id, m.personalization, dial)
    const ledger = await this.#ledger()
    if (record.recurrence === 'once' && ledger.onceUsed[m.id] === record.events.length) {
      throw new NoConsentError(`consent for ${m.id} covered one run, which has happened`)
    }
    const partnerId = m.partner.id
    const day = this.#dayOf(now)
    const spentToday = ledger.spent[partnerId]?.[day] ?? { bits: 0, runs: 0 }
    const charge = m.mode === 'private' ? runBitBound(m) : 0
    if (!isBits(charge)) {
      // Refused at build and install already; a bundle that got here anyway is refused again.
      const f = outputBitBound(m.output).fields.find((x) => !isBits(x.bits))
      throw new UnboundedOutputError(f?.path ?? '(output)', f?.why ?? 'not a finite bound')
    }
    const answerBits = m.mode === 'private' && m.schedule.kind === 'trigger' ? ANSWER_BIT : 0
    // Fail closed: a budget or a day's spending that is not a finite number ≥ 0 (a ledger written
    // before bounds were checked, NaN stored as null) counts as the whole budget spent.
    const budget = isBits(record.bitBudgetPerDay) ? record.bitBudgetPerDay : 0
    const spent = isBits(spentToday.bits) ? spentToday.bits : budget
    const runs = Number.isSafeInteger(spentToday.runs) ? spentToday.runs : 0
    const left = Math.max(0, budget - spent)
    if (charge > left + BITS_EPSILON) throw new BudgetSpentError(partnerId, charge, left)
    const days = {
      ...(ledger.spent[partnerId] ?? {}),
      [day]: { bits: spent + charge, runs: runs + 1 },
    }
    ledger.spent[partnerId] = Object.fromEntries(
      Object.entries(days)
        .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
        .slice(0, this.#keepDays),
    )
    if (record.recurrence === 'once') ledger.onceUsed[m.id] = record.events.length
    await this.#store.putDoc(LEDGER_DOC, ledger)
    return {
      record,
      bundleId: m.id,
      partnerId,
      day,
      chargedBits: charge,
      answerBits,
      leftBits: Math.max(0, left - charge),
    }
  }

  /**
   * Withdraws consent for `bundleId`: every future run is refused at once. With `delete: true`, a
   * deletion request for what the partner received is queued to it.
   */
  revoke(
    bundleId: string,
    now: number,
    options: { readonly delete?: boolean } = {},
  ): Promise<Revocation> {
    return this.#serial(async () => {
      if (options.delete && !this.#deletions) {
        throw new ConsentStateError(
          'deletion was asked, but no delivery is set up to send the request',
        )
      }
      const change = await this.#book.withdraw(bundleId, now)
      const r = change.record
      // A local bundle never sent anything: there is nothing for a partner to delete.
      if (!options.delete || r.mode === 'local') return { change }
      const deletion: DeletionRequest = {
        partnerId: r.partnerId,
        bundleId: r.bundleId,
        bundleDigest: r.bundleDigest,
        contractDigest: r.notice.contractDigest,
        requestedAt: now,
      }
      await this.#deletions!.queueDeletionRequest(deletion)
      return { change, deletion }
    })
  }
}
