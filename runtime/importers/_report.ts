/**
 * The import report's small pieces, shared by the importers that say how they read a file (bank CSV,
 * MT940, camt): passing the report to `options.onReport`, counting with a noun, and tallying the
 * rows left out by reason.
 */
import type { ImportReport, SkippedRows } from './types.ts'

/** Hands `report` to `options.onReport` when the caller gave one; computes it only then. */
export function sendReport(
  options: Readonly<Record<string, unknown>>,
  report: () => ImportReport,
): void {
  const onReport = options['onReport']
  if (typeof onReport === 'function') (onReport as (r: ImportReport) => void)(report())
}

/** `1 account`, `2 accounts`. */
export function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * The documents a file held, by kind: `2 MT940 statements and 1 MT942 report`; kinds with none are
 * left out, and a file with none of any is `no statement`.
 */
export function documentsRead(
  kinds: readonly (readonly [n: number, one: string, many: string])[],
): string {
  const parts = kinds.filter(([n]) => n > 0).map(([n, one, many]) => counted(n, one, many))
  return parts.length > 0 ? parts.join(' and ') : 'no statement'
}

/** Rows left out, counted by reason in the order the reasons first came. */
export class SkipTally {
  readonly #rows = new Map<string, number>()

  add(reason: string): void {
    this.#rows.set(reason, (this.#rows.get(reason) ?? 0) + 1)
  }

  list(): SkippedRows[] {
    return [...this.#rows].map(([reason, rows]) => ({ reason, rows }))
  }
}
