/**
 * Metering and billing (docs/contracts.md "Delivery and billing"), outside partner code: each delivered
 * transfer costs the partner 10 cents, capped at $3 per partner per person (pseudonym) per calendar
 * year, so the 31st transfer of a year costs nothing. Amounts are integer cents.
 *
 * @example
 * const meter = new Meter(store)
 * await meter.record('stridewear', pseudonym, Date.now()) // { cents: 10, … }
 * await meter.statement('stridewear', 2026)
 */

import type { DocStore } from '../consent/types.ts'

const BILLING_DOC = 'delivery/billing'

/** Prices in integer cents; limits are explicit options with the design's defaults. */
export interface MeterOptions {
  /** Cents per delivered transfer (default 10). */
  readonly priceCents?: number
  /** Cents per partner per pseudonym per calendar year at most (default 300). */
  readonly yearlyCapCents?: number
  /** Calendar year of a time (default: the UTC year). */
  readonly yearOf?: (at: number) => number
}

/** One metered transfer. */
export interface MeteredTransfer {
  readonly partnerId: string
  readonly pseudonym: string
  readonly year: number
  /** What this transfer cost: the price, less once the cap is reached, then 0. */
  readonly cents: number
  /** Transfers this year for this partner and pseudonym, this one included. */
  readonly transfers: number
  /** Cents billed this year for this partner and pseudonym, this one included. */
  readonly yearCents: number
}

/** One line of a statement: a person (pseudonym) and what their transfers cost this year. */
export interface StatementLine {
  readonly pseudonym: string
  readonly transfers: number
  readonly cents: number
}

/** What a partner owes for a calendar year. */
export interface Statement {
  readonly partnerId: string
  readonly year: number
  readonly lines: readonly StatementLine[]
  readonly transfers: number
  readonly totalCents: number
}

type Ledger = Record<string, Record<string, Record<string, { transfers: number; cents: number }>>>

function aCents(v: number, name: string): number {
  if (!Number.isSafeInteger(v) || v < 0)
    throw new RangeError(`${name} must be an integer number of cents ≥ 0`)
  return v
}

/** The delivery meter of one vault; see the module comment. */
export class Meter {
  readonly #store: DocStore
  readonly #price: number
  readonly #cap: number
  readonly #yearOf: (at: number) => number
  #queue: Promise<unknown> = Promise.resolve()

  constructor(store: DocStore, options: MeterOptions = {}) {
    this.#store = store
    this.#price = aCents(options.priceCents ?? 10, 'options.priceCents')
    this.#cap = aCents(options.yearlyCapCents ?? 300, 'options.yearlyCapCents')
    this.#yearOf = options.yearOf ?? ((at) => new Date(at).getUTCFullYear())
  }

  /** Meters one delivered transfer to `partnerId` for `pseudonym` at `at` (ms since epoch). */
  record(partnerId: string, pseudonym: string, at: number): Promise<MeteredTransfer> {
    if (typeof partnerId !== 'string' || partnerId === '')
      throw new TypeError('partnerId must be a non-empty string')
    if (typeof pseudonym !== 'string' || pseudonym === '')
      throw new TypeError('pseudonym must be a non-empty string')
    if (!Number.isFinite(at)) throw new RangeError('at must be ms since epoch')
    const run = this.#queue.then(async () => {
      const ledger = (await this.#store.getDoc<Ledger>(BILLING_DOC)) ?? {}
      const year = this.#yearOf(at)
      const partner = (ledger[partnerId] ??= {})
      const y = (partner[String(year)] ??= {})
      const line = (y[pseudonym] ??= { transfers: 0, cents: 0 })
      const cents = Math.max(0, Math.min(this.#price, this.#cap - line.cents))
      line.transfers += 1
      line.cents += cents
      await this.#store.putDoc(BILLING_DOC, ledger)
      return { partnerId, pseudonym, year, cents, transfers: line.transfers, yearCents: line.cents }
    })
    this.#queue = run.catch(() => undefined)
    return run
  }

  /** What `partnerId` owes for `year` (default: the year of `Date.now()`), line by pseudonym. */
  async statement(partnerId: string, year: number = this.#yearOf(Date.now())): Promise<Statement> {
    await this.#queue
    const ledger = (await this.#store.getDoc<Ledger>(BILLING_DOC)) ?? {}
    const y = ledger[partnerId]?.[String(year)] ?? {}
    const lines = Object.keys(y)
      .sort()
      .map((pseudonym) => ({ pseudonym, ...y[pseudonym]! }))
    return {
      partnerId,
      year,
      lines,
      transfers: lines.reduce((s, l) => s + l.transfers, 0),
      totalCents: lines.reduce((s, l) => s + l.cents, 0),
    }
  }

  /** Every partner with metered transfers, sorted. */
  async partners(): Promise<string[]> {
    await this.#queue
    return Object.keys((await this.#store.getDoc<Ledger>(BILLING_DOC)) ?? {}).sort()
  }
}
