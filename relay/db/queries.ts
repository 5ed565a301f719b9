/**
 * Every query the relay runs, in one module. Each function takes the database or an open
 * transaction; none keeps state. Queues use `FOR UPDATE SKIP LOCKED`, so any number of relay
 * processes can serve one database without handing the same envelope to two pullers at once.
 */

import type {
  DirectoryPartner,
  EnvelopeState,
  Offer,
  StatementLine,
} from '../../runtime/relay/protocol.ts'
import type { SqlExecutor } from './database.ts'

// ---- partners -----------------------------------------------------------------------------------

interface PartnerRow {
  id: string
  name: string
  key_id: string
  signing_public: string
  sealing_public: string
  admitted_at: number
}

const PARTNER_COLUMNS = 'id, name, key_id, signing_public, sealing_public, admitted_at'

const partnerOf = (r: PartnerRow): DirectoryPartner => ({
  id: r.id,
  name: r.name,
  keyId: r.key_id,
  signingPublic: r.signing_public,
  sealingPublic: r.sealing_public,
  admittedAt: Number(r.admitted_at),
})

/**
 * Admits (or re-admits with a new key and name) a partner directly, as the operator's
 * `relay partner add` does: it counts as an admission issued at `admittedAt`, so an admission
 * document issued before it cannot roll its key back.
 */
export async function admitPartner(db: SqlExecutor, p: DirectoryPartner): Promise<void> {
  await db.query(
    `INSERT INTO partners (id, name, key_id, signing_public, sealing_public, admitted_at,
       admission_issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (id) DO UPDATE SET name = $2, key_id = $3, signing_public = $4,
       sealing_public = $5, admitted_at = $6,
       admission_issued_at = GREATEST(partners.admission_issued_at, $6)`,
    [p.id, p.name, p.keyId, p.signingPublic, p.sealingPublic, p.admittedAt],
  )
}

/**
 * Applies an operator-signed admission inside `tx`: `replayed` when this document (by digest)
 * was applied before, `stale` when the partner's key was set by an admission issued at or after
 * this one (the caller rolls back). One statement decides each, so two relays applying admissions
 * of one partner at once serialize on its row.
 */
export async function applyAdmission(
  tx: SqlExecutor,
  a: { digest: string; partner: DirectoryPartner; issuedAt: number },
): Promise<'applied' | 'replayed' | 'stale'> {
  const p = a.partner
  const fresh = await tx.query(
    `INSERT INTO admissions (digest, partner_id, key_id, issued_at, applied_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (digest) DO NOTHING RETURNING digest`,
    [a.digest, p.id, p.keyId, a.issuedAt, p.admittedAt],
  )
  if (fresh.length === 0) return 'replayed'
  const set = await tx.query(
    `INSERT INTO partners (id, name, key_id, signing_public, sealing_public, admitted_at,
       admission_issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET name = $2, key_id = $3, signing_public = $4,
       sealing_public = $5, admitted_at = $6, admission_issued_at = $7
     WHERE partners.admission_issued_at < $7 RETURNING id`,
    [p.id, p.name, p.keyId, p.signingPublic, p.sealingPublic, p.admittedAt, a.issuedAt],
  )
  return set.length === 1 ? 'applied' : 'stale'
}

/** One admitted partner, or undefined. */
export async function partnerById(
  db: SqlExecutor,
  id: string,
): Promise<DirectoryPartner | undefined> {
  const rows = await db.query<PartnerRow>(`SELECT ${PARTNER_COLUMNS} FROM partners WHERE id = $1`, [
    id,
  ])
  return rows[0] ? partnerOf(rows[0]) : undefined
}

/** Every admitted partner, by id. */
export async function listPartners(db: SqlExecutor): Promise<DirectoryPartner[]> {
  return (await db.query<PartnerRow>(`SELECT ${PARTNER_COLUMNS} FROM partners ORDER BY id`)).map(
    partnerOf,
  )
}

// ---- directory ----------------------------------------------------------------------------------

/** The latest signed directory, or undefined. */
export async function latestDirectory(
  db: SqlExecutor,
): Promise<{ version: number; document: string; expiresAt: number } | undefined> {
  const rows = await db.query<{ version: number; document: string; expires_at: number }>(
    'SELECT version, document, expires_at FROM directory_versions ORDER BY version DESC LIMIT 1',
  )
  const r = rows[0]
  return r
    ? { version: r.version, document: r.document, expiresAt: Number(r.expires_at) }
    : undefined
}

/** Stores a signed directory; false when another process stored that version first. */
export async function insertDirectory(
  db: SqlExecutor,
  version: number,
  document: string,
  expiresAt: number,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO directory_versions (version, document, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (version) DO NOTHING RETURNING version`,
    [version, document, expiresAt],
  )
  return rows.length === 1
}

// ---- bundles ------------------------------------------------------------------------------------

interface BundleRow {
  digest: string
  partner_id: string
  bundle_id: string
  version: string
  size: number
  published_at: number
  withdrawn_at: number | null
}

const offerOf = (r: BundleRow): Offer => ({
  digest: r.digest,
  partnerId: r.partner_id,
  bundleId: r.bundle_id,
  version: r.version,
  size: r.size,
  publishedAt: Number(r.published_at),
  ...(r.withdrawn_at !== null ? { withdrawnAt: Number(r.withdrawn_at) } : {}),
})

const OFFER_COLUMNS = 'digest, partner_id, bundle_id, version, size, published_at, withdrawn_at'

/** Stores a published bundle; publishing the same digest again changes nothing. */
export async function insertBundle(
  db: SqlExecutor,
  b: Omit<Offer, 'withdrawnAt' | 'size'> & { bytes: Uint8Array },
): Promise<Offer> {
  await db.query(
    `INSERT INTO bundles (digest, partner_id, bundle_id, version, bytes, size, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (digest) DO NOTHING`,
    [b.digest, b.partnerId, b.bundleId, b.version, b.bytes, b.bytes.length, b.publishedAt],
  )
  return (await offerByDigest(db, b.digest))!
}

/** One offer by digest. */
export async function offerByDigest(db: SqlExecutor, digest: string): Promise<Offer | undefined> {
  const rows = await db.query<BundleRow>(`SELECT ${OFFER_COLUMNS} FROM bundles WHERE digest = $1`, [
    digest,
  ])
  return rows[0] ? offerOf(rows[0]) : undefined
}

/** Offers, newest last; withdrawn ones too (devices must hear of a withdrawal). */
export async function listOffers(db: SqlExecutor, partnerId?: string): Promise<Offer[]> {
  const rows =
    partnerId === undefined
      ? await db.query<BundleRow>(
          `SELECT ${OFFER_COLUMNS} FROM bundles ORDER BY published_at, digest`,
        )
      : await db.query<BundleRow>(
          `SELECT ${OFFER_COLUMNS} FROM bundles WHERE partner_id = $1 ORDER BY published_at, digest`,
          [partnerId],
        )
  return rows.map(offerOf)
}

/** A bundle's bytes, unless it was withdrawn. */
export async function bundleBytes(
  db: SqlExecutor,
  digest: string,
): Promise<Uint8Array | undefined> {
  const rows = await db.query<{ bytes: Uint8Array }>(
    'SELECT bytes FROM bundles WHERE digest = $1 AND withdrawn_at IS NULL',
    [digest],
  )
  return rows[0]?.bytes
}

/** Withdraws a partner's own bundle; undefined when it has no bundle with this digest. */
export async function withdrawBundle(
  db: SqlExecutor,
  partnerId: string,
  digest: string,
  at: number,
): Promise<Offer | undefined> {
  await db.query(
    `UPDATE bundles SET withdrawn_at = $3 WHERE digest = $1 AND partner_id = $2
     AND withdrawn_at IS NULL`,
    [digest, partnerId, at],
  )
  const offer = await offerByDigest(db, digest)
  return offer?.partnerId === partnerId ? offer : undefined
}

// ---- pseudonyms and nonces ---------------------------------------------------------------------

/** The partner a pseudonym is bound to, if it has posted. */
export async function pseudonymPartner(
  db: SqlExecutor,
  pseudonym: string,
): Promise<string | undefined> {
  const rows = await db.query<{ partner_id: string }>(
    'SELECT partner_id FROM pseudonyms WHERE pseudonym = $1',
    [pseudonym],
  )
  return rows[0]?.partner_id
}

/** Records a nonce; false when this caller already used it (a replay). */
export async function useNonce(
  db: SqlExecutor,
  caller: string,
  nonce: string,
  created: number,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO nonces (caller, nonce, created) VALUES ($1, $2, $3)
     ON CONFLICT (caller, nonce) DO NOTHING RETURNING 1 AS ok`,
    [caller, nonce, created],
  )
  return rows.length === 1
}

/** Forgets nonces older than `before` (outside the window, a replay is refused by its time). */
export async function purgeNonces(db: SqlExecutor, before: number): Promise<void> {
  await db.query('DELETE FROM nonces WHERE created < $1', [before])
}

// ---- envelopes ----------------------------------------------------------------------------------

/** An envelope row, without its body. */
export interface EnvelopeRecord {
  readonly id: string
  readonly partnerId: string
  readonly pseudonym: string
  readonly bucket: number
  readonly digest: string
  readonly billable: boolean
  readonly state: EnvelopeState
  readonly postedAt: number
  readonly settledAt?: number
  readonly cents?: number
}

export interface EnvelopeRow {
  id: string
  partner_id: string
  pseudonym: string
  bucket: number
  digest: string
  billable: boolean
  state: EnvelopeState
  posted_at: number
  settled_at: number | null
  cents: number | null
}

export const ENVELOPE_COLUMNS =
  'id, partner_id, pseudonym, bucket, digest, billable, state, posted_at, settled_at, cents'

export const envelopeOf = (r: EnvelopeRow): EnvelopeRecord => ({
  id: r.id,
  partnerId: r.partner_id,
  pseudonym: r.pseudonym,
  bucket: r.bucket,
  digest: r.digest,
  billable: r.billable,
  state: r.state,
  postedAt: Number(r.posted_at),
  ...(r.settled_at !== null ? { settledAt: Number(r.settled_at) } : {}),
  ...(r.cents !== null ? { cents: r.cents } : {}),
})

/** One envelope by id. */
export async function envelopeById(
  db: SqlExecutor,
  id: string,
  lock = false,
): Promise<EnvelopeRecord | undefined> {
  const rows = await db.query<EnvelopeRow>(
    `SELECT ${ENVELOPE_COLUMNS} FROM envelopes WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  )
  return rows[0] ? envelopeOf(rows[0]) : undefined
}

/** Every envelope a pseudonym posted, oldest first (its receipts). */
export async function envelopesOfPseudonym(
  db: SqlExecutor,
  pseudonym: string,
  settledSince: number,
): Promise<EnvelopeRecord[]> {
  const rows = await db.query<EnvelopeRow>(
    `SELECT ${ENVELOPE_COLUMNS} FROM envelopes WHERE pseudonym = $1
     AND (state = 'queued' OR settled_at >= $2) ORDER BY posted_at, id`,
    [pseudonym, settledSince],
  )
  return rows.map(envelopeOf)
}

/**
 * The rows an inbox pull leases ($1 partner, $2 now, $3 limit): read through the partial index
 * `envelopes_queued` (migration 004), in its order, however many settled rows the table holds.
 */
export const LEASE_INBOX_SQL = `SELECT id, pseudonym, body, posted_at FROM envelopes
     WHERE partner_id = $1 AND state = 'queued' AND leased_until <= $2 AND expires_at > $2
     ORDER BY posted_at, id LIMIT $3 FOR UPDATE SKIP LOCKED`

/** Queued envelopes past retention ($1 now) become expired (the sweep; `envelopes_queued_expiry`). */
export const EXPIRE_SQL = `UPDATE envelopes SET state = 'expired', settled_at = $1, cents = 0, body = NULL
     WHERE state = 'queued' AND expires_at <= $1 RETURNING id`

/**
 * Leases up to `limit` queued envelopes of a partner for `leaseMs`: each is handed to one puller
 * at a time (SKIP LOCKED), and comes back after the lease if it is not acknowledged.
 */
export async function leaseInbox(
  db: SqlExecutor,
  partnerId: string,
  limit: number,
  now: number,
  leaseMs: number,
): Promise<{ id: string; pseudonym: string; body: string; postedAt: number }[]> {
  const rows = await db.query<{ id: string; pseudonym: string; body: string; posted_at: number }>(
    LEASE_INBOX_SQL,
    [partnerId, now, limit],
  )
  if (rows.length > 0) {
    await db.query('UPDATE envelopes SET leased_until = $2 WHERE id = ANY($1::text[])', [
      rows.map((r) => r.id),
      now + leaseMs,
    ])
  }
  return rows.map((r) => ({
    id: r.id,
    pseudonym: r.pseudonym,
    body: r.body,
    postedAt: Number(r.posted_at),
  }))
}

/** Settles an envelope (its body is dropped: the relay keeps no ciphertext it no longer needs). */
export async function settleEnvelope(
  db: SqlExecutor,
  id: string,
  state: Exclude<EnvelopeState, 'queued'>,
  at: number,
  cents: number,
): Promise<void> {
  await db.query(
    `UPDATE envelopes SET state = $2, settled_at = $3, cents = $4, body = NULL, leased_until = 0
     WHERE id = $1`,
    [id, state, at, cents],
  )
}

/** Expires queued envelopes past their retention; returns how many. */
export async function expireEnvelopes(db: SqlExecutor, now: number): Promise<number> {
  const rows = await db.query(EXPIRE_SQL, [now])
  return rows.length
}

// ---- meter --------------------------------------------------------------------------------------

/** A partner's meter lines for a year, by pseudonym. */
export async function meterLines(
  db: SqlExecutor,
  partnerId: string,
  year: number,
): Promise<StatementLine[]> {
  const rows = await db.query<{ pseudonym: string; transfers: number; cents: number }>(
    `SELECT pseudonym, transfers, cents FROM meter WHERE partner_id = $1 AND year = $2
     ORDER BY pseudonym`,
    [partnerId, year],
  )
  return rows.map((r) => ({ pseudonym: r.pseudonym, transfers: r.transfers, cents: r.cents }))
}

// ---- pushes -------------------------------------------------------------------------------------

/** Queues a partner's push for a pseudonym. */
export async function insertPush(
  db: SqlExecutor,
  p: { id: string; partnerId: string; pseudonym: string; body: string; postedAt: number },
): Promise<void> {
  await db.query(
    `INSERT INTO pushes (id, partner_id, pseudonym, body, posted_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO NOTHING`,
    [p.id, p.partnerId, p.pseudonym, p.body, p.postedAt],
  )
}

/** Pushes waiting for a pseudonym, oldest first. */
export async function pushesFor(
  db: SqlExecutor,
  pseudonym: string,
  limit: number,
): Promise<{ id: string; partnerId: string; body: string; postedAt: number }[]> {
  const rows = await db.query<{ id: string; partner_id: string; body: string; posted_at: number }>(
    `SELECT id, partner_id, body, posted_at FROM pushes WHERE pseudonym = $1
     ORDER BY posted_at, id LIMIT $2`,
    [pseudonym, limit],
  )
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partner_id,
    body: r.body,
    postedAt: Number(r.posted_at),
  }))
}

/** Deletes pushes the pseudonym received; others' ids are ignored. Returns how many. */
export async function deletePushes(
  db: SqlExecutor,
  pseudonym: string,
  ids: readonly string[],
): Promise<number> {
  const rows = await db.query(
    'DELETE FROM pushes WHERE pseudonym = $1 AND id = ANY($2::text[]) RETURNING id',
    [pseudonym, [...ids]],
  )
  return rows.length
}
