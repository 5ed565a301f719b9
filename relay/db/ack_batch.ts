/**
 * A partner's acknowledgements, settled in one transaction per call with set-based statements
 * (a page of 500 acks was 500 transactions): lock the partner's envelopes by id, lock the meter
 * lines they bill by pseudonym, settle, meter. Locks are taken in key order (envelopes by id,
 * meter lines by pseudonym), so two relays acking for one partner at once never deadlock on each
 * other, and the meter line's lock still keeps two relays from both taking the last cents under
 * the cap. Acknowledging a settled envelope again changes nothing (its receipt is returned as is):
 * so a device's withdrawal (relay/routes/envelopes.ts, which locks the same row) and an ack racing
 * it are decided one way, by whichever transaction locks the envelope first; a withdrawn or
 * expired envelope is never metered.
 */

import type { AckOutcome, EnvelopeState } from '../../runtime/relay/protocol.ts'
import type { SqlExecutor } from './database.ts'
import { ENVELOPE_COLUMNS, envelopeOf, type EnvelopeRecord, type EnvelopeRow } from './queries.ts'

/** What settling costs: the price per delivery and the yearly cap per pseudonym. */
export interface Tariff {
  readonly priceCents: number
  readonly yearlyCapCents: number
}

/**
 * Settles `acks` of `partnerId` at `now` inside `tx`; the records after settling (in the acks'
 * order, each id once) and the ids this partner has no envelope under.
 */
export async function settleAcks(
  tx: SqlExecutor,
  partnerId: string,
  acks: readonly { readonly id: string; readonly outcome: AckOutcome }[],
  now: number,
  tariff: Tariff,
): Promise<{ records: EnvelopeRecord[]; unknown: string[] }> {
  const outcome = new Map<string, AckOutcome>()
  for (const a of acks) if (!outcome.has(a.id)) outcome.set(a.id, a.outcome)
  const ids = [...outcome.keys()].sort()
  const rows = await tx.query<EnvelopeRow & { expires_at: number }>(
    `SELECT ${ENVELOPE_COLUMNS}, expires_at FROM envelopes
     WHERE id = ANY($1::text[]) AND partner_id = $2 ORDER BY id FOR UPDATE`,
    [ids, partnerId],
  )
  const found = new Map(rows.map((r) => [r.id, envelopeOf(r)]))
  // Past its retention an envelope is expired, whether or not the sweep has marked it yet: an
  // ack that comes too late settles it as expired, never billed.
  const late = new Set(rows.filter((r) => Number(r.expires_at) <= now).map((r) => r.id))
  const settle = (id: string): EnvelopeState =>
    late.has(id) ? 'expired' : outcome.get(id) === 'opened' ? 'delivered' : 'unopenable'
  const queued = ids.map((id) => found.get(id)).filter((e) => e?.state === 'queued')
  const billed = queued.filter((e) => settle(e!.id) === 'delivered' && e!.billable)
  const year = new Date(now).getUTCFullYear()
  const cents = new Map<string, number>()
  if (billed.length > 0) {
    const pseudonyms = [...new Set(billed.map((e) => e!.pseudonym))].sort()
    await tx.query(
      `INSERT INTO meter (partner_id, pseudonym, year, transfers, cents)
       SELECT $1, p, $3, 0, 0 FROM unnest($2::text[]) AS p
       ON CONFLICT (partner_id, pseudonym, year) DO NOTHING`,
      [partnerId, pseudonyms, year],
    )
    const lines = await tx.query<{ pseudonym: string; cents: number }>(
      `SELECT pseudonym, cents FROM meter WHERE partner_id = $1 AND year = $3
       AND pseudonym = ANY($2::text[]) ORDER BY pseudonym FOR UPDATE`,
      [partnerId, pseudonyms, year],
    )
    const spent = new Map(lines.map((l) => [l.pseudonym, l.cents]))
    const transfers = new Map<string, number>()
    for (const e of billed) {
      const before = spent.get(e!.pseudonym)!
      const c = Math.max(0, Math.min(tariff.priceCents, tariff.yearlyCapCents - before))
      spent.set(e!.pseudonym, before + c)
      transfers.set(e!.pseudonym, (transfers.get(e!.pseudonym) ?? 0) + 1)
      cents.set(e!.id, c)
    }
    await tx.query(
      `UPDATE meter SET transfers = meter.transfers + t.n, cents = t.c
       FROM unnest($2::text[], $3::integer[], $4::integer[]) AS t(p, n, c)
       WHERE meter.partner_id = $1 AND meter.year = $5 AND meter.pseudonym = t.p`,
      [
        partnerId,
        pseudonyms,
        pseudonyms.map((p) => transfers.get(p)!),
        pseudonyms.map((p) => spent.get(p)!),
        year,
      ],
    )
  }
  if (queued.length > 0) {
    const settledIds = queued.map((e) => e!.id)
    const settled = await tx.query<EnvelopeRow>(
      `UPDATE envelopes SET state = t.s, settled_at = $4, cents = t.c, body = NULL, leased_until = 0
       FROM unnest($1::text[], $2::text[], $3::integer[]) AS t(id, s, c)
       WHERE envelopes.id = t.id RETURNING ${ENVELOPE_COLUMNS.split(', ')
         .map((c) => `envelopes.${c}`)
         .join(', ')}`,
      [settledIds, settledIds.map(settle), settledIds.map((id) => cents.get(id) ?? 0), now],
    )
    for (const r of settled) found.set(r.id, envelopeOf(r))
  }
  const records: EnvelopeRecord[] = []
  const unknown: string[] = []
  for (const id of outcome.keys()) {
    const e = found.get(id)
    if (e) records.push(e)
    else unknown.push(id)
  }
  return { records, unknown }
}
