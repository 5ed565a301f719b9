/**
 * "What left about me, to whom, under which contract": the deliveries in the audit log, each with
 * the consent it left under (the latest consent entry for that bundle at or before it).
 */

import type { AuditEntry } from './log.ts'

/** One transfer that left the device. */
export interface DepartedOutput {
  readonly seq: number
  /** ms since epoch of the delivery */
  readonly time: number
  readonly partner: string
  readonly pseudonym: string | undefined
  readonly kind: string
  readonly bundleId: string
  readonly bundleDigest: string | undefined
  readonly contractDigest: string | undefined
  readonly output: unknown
  readonly outputDigest: string | undefined
  /** The bit bound charged, when the policy metered it. */
  readonly bits: number | undefined
  /** The seq of the consent entry it left under (the latest for the bundle before it), if any. */
  readonly consentSeq: number | undefined
  /** The status that consent entry recorded. */
  readonly consentStatus: string | undefined
}

/** Which deliveries to list. */
export interface DepartedFilter {
  readonly partner?: string
  readonly bundleId?: string
  /** ms since epoch, inclusive */
  readonly since?: number
  /** ms since epoch, exclusive */
  readonly until?: number
}

/** Per partner: how many transfers, how many bits at most, under which contracts. */
export interface DepartedSummary {
  readonly partner: string
  readonly transfers: number
  readonly bits: number
  readonly bundles: readonly string[]
  readonly contracts: readonly string[]
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** Every delivery in `entries` matching `filter`, oldest first, with the consent it left under. */
export function whatLeft(
  entries: readonly AuditEntry[],
  filter: DepartedFilter = {},
): DepartedOutput[] {
  const consent = new Map<string, AuditEntry>()
  const out: DepartedOutput[] = []
  for (const e of entries) {
    const d = e.details
    const bundleId = str(d.bundleId)
    if ((e.kind === 'consent' || e.kind === 'revoke') && bundleId) consent.set(bundleId, e)
    if (e.kind !== 'delivery' || !bundleId) continue
    const partner = str(d.partner) ?? ''
    if (filter.partner !== undefined && partner !== filter.partner) continue
    if (filter.bundleId !== undefined && bundleId !== filter.bundleId) continue
    if (filter.since !== undefined && e.time < filter.since) continue
    if (filter.until !== undefined && e.time >= filter.until) continue
    const c = consent.get(bundleId)
    out.push({
      seq: e.seq,
      time: e.time,
      partner,
      pseudonym: str(d['pseudonym']),
      kind: str(d['kind']) ?? 'output',
      bundleId,
      bundleDigest: str(d.bundleDigest),
      contractDigest: str(d.contractDigest),
      output: d['output'],
      outputDigest: str(d.outputDigest),
      bits: typeof d.bits === 'number' ? d.bits : undefined,
      consentSeq: c?.seq,
      consentStatus: str(c?.details['status']),
    })
  }
  return out
}

/** `whatLeft` grouped by partner, sorted by partner id. */
export function summarizeLeft(departed: readonly DepartedOutput[]): DepartedSummary[] {
  const by = new Map<
    string,
    { transfers: number; bits: number; bundles: Set<string>; contracts: Set<string> }
  >()
  for (const d of departed) {
    const s = by.get(d.partner) ?? {
      transfers: 0,
      bits: 0,
      bundles: new Set(),
      contracts: new Set(),
    }
    s.transfers++
    s.bits += d.bits ?? 0
    s.bundles.add(d.bundleId)
    if (d.contractDigest) s.contracts.add(d.contractDigest)
    by.set(d.partner, s)
  }
  return [...by.keys()].sort().map((partner) => {
    const s = by.get(partner)!
    return {
      partner,
      transfers: s.transfers,
      bits: s.bits,
      bundles: [...s.bundles].sort(),
      contracts: [...s.contracts].sort(),
    }
  })
}
