/** A relay for tests: in-process on PGlite or on a throwaway PostgreSQL, and clients wired to it. */

import { createRelayApp, type Relay } from '../../relay/app.ts'
import type { RelayLimits } from '../../relay/_context.ts'
import { openPglite, openPostgres, type RelayDatabase } from '../../relay/db/database.ts'
import { migrate } from '../../relay/db/migrate.ts'
import { admitPartner } from '../../relay/db/queries.ts'
import { OperatorKey } from '../../relay/operator_key.ts'
import { toHex } from '../../runtime/crypto/bytes.ts'
import type { PartnerKey } from '../../runtime/bundle/index.ts'
import { postgresBinaries, startPostgres, type TestPostgres } from '../_helpers/postgres.ts'

/** The databases every relay suite runs against. */
export const BACKENDS = ['pglite', 'postgres'] as const
export type Backend = (typeof BACKENDS)[number]

/** Whether a backend can run here; PostgreSQL needs its server binaries. */
export function backendAvailable(kind: Backend): boolean {
  if (kind === 'pglite') return true
  const ok = postgresBinaries() !== undefined
  if (!ok) console.warn('relay tests on PostgreSQL skipped: no initdb/pg_ctl on this machine')
  return ok
}

/** An open, migrated database of `kind`, and how to get rid of it. */
export async function openBackend(kind: Backend): Promise<{
  db: RelayDatabase
  url?: string
  connect(): Promise<RelayDatabase>
  stop(): Promise<void>
}> {
  if (kind === 'pglite') {
    const db = await openPglite()
    await migrate(db)
    return {
      db,
      connect: async () => db,
      stop: () => db.close(),
    }
  }
  const pg: TestPostgres = (await startPostgres())!
  const db = await openPostgres(pg.url)
  await migrate(db)
  const extra: RelayDatabase[] = []
  return {
    db,
    url: pg.url,
    async connect() {
      const d = await openPostgres(pg.url)
      extra.push(d)
      return d
    },
    async stop() {
      for (const d of extra) await d.close()
      await db.close()
      await pg.stop()
    },
  }
}

/** Empties every table (between tests). */
export async function resetDatabase(db: RelayDatabase): Promise<void> {
  await db.exec(
    'TRUNCATE partners, directory_versions, bundles, pseudonyms, envelopes, meter, pushes, nonces, admissions',
  )
}

/** Admits a partner key as the CLI's `relay partner add` does. */
export async function admit(
  db: RelayDatabase,
  key: PartnerKey,
  name: string,
  at: number,
): Promise<void> {
  await admitPartner(db, {
    id: key.partnerId,
    name,
    keyId: key.keyId,
    signingPublic: toHex(key.publicKey.signingPublic),
    sealingPublic: toHex(key.publicKey.sealingPublic),
    admittedAt: at,
  })
}

/** A relay app over `db` with a settable clock; `fetch` calls it in-process. */
export function relayOver(
  db: RelayDatabase,
  operatorKey: OperatorKey,
  clock: { now: number },
  limits: Partial<RelayLimits> = {},
): { relay: Relay; fetch: typeof globalThis.fetch } {
  const relay = createRelayApp({ db, operatorKey, clock: () => clock.now, limits })
  const fetch: typeof globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) =>
    relay.app.request(
      input instanceof Request ? input : String(input),
      init,
    )) as typeof globalThis.fetch
  return { relay, fetch }
}
