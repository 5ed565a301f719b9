/**
 * The relay's one database interface, over PGlite (embedded PostgreSQL in wasm, durable in a data
 * folder) or a PostgreSQL server through `pg`. Queries take `$1` parameters and return plain rows;
 * `transaction` runs a callback inside BEGIN…COMMIT and retries it on serialization failures and
 * deadlocks, which a server reports under concurrency and PGlite never does.
 */

import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'

/** Something that runs SQL: the database or an open transaction. */
export interface SqlExecutor {
  query<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]>
}

/** An open relay database. Close it when done. */
export interface RelayDatabase extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres'
  /** Runs `fn` in one transaction; committed durably before it resolves. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>
  /** Runs several `;`-separated statements (migrations). */
  exec(sql: string): Promise<void>
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/** SQLSTATEs worth a retry: serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01'])
const MAX_TRANSACTION_ATTEMPTS = 5

/** Opens (creating it when absent) an embedded database in `dataDir`, or in memory without one. */
export async function openPglite(dataDir?: string): Promise<RelayDatabase> {
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir)
  const close = async (): Promise<void> => {
    if (!db.closed) await db.close()
  }
  return {
    kind: 'pglite',
    async query<R extends object>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<R>(sql, params as unknown[])).rows
    },
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async <R extends object>(sql: string, params: readonly unknown[] = []) =>
            (await tx.query<R>(sql, params as unknown[])).rows,
        }),
      ),
    exec: async (sql) => {
      await db.exec(sql)
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}

// pg returns int8 as text by default: timestamps (ms) and counters fit a double exactly.
pg.types.setTypeParser(20, (v) => Number(v))

function toPgParams(params: readonly unknown[]): unknown[] {
  return params.map((p) =>
    p instanceof Uint8Array && !Buffer.isBuffer(p)
      ? Buffer.from(p.buffer, p.byteOffset, p.byteLength)
      : p,
  )
}

function fromPgRow<R>(row: R): R {
  // bytea comes back as Buffer; hand out plain Uint8Array views as PGlite does.
  for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
    if (Buffer.isBuffer(v))
      (row as Record<string, unknown>)[k] = new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
  }
  return row
}

/** Options of `openPostgres`. */
export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  readonly maxConnections?: number
}

/** Connects to a PostgreSQL server (`postgres://user@host:port/db`). */
export async function openPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<RelayDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 })
  // A broken idle connection must not crash the process; the next query gets a fresh one.
  pool.on('error', () => undefined)
  await pool.query('SELECT 1')
  let closed = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await pool.end()
  }
  return {
    kind: 'postgres',
    async query<R extends object>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, toPgParams(params))).rows.map((r) => fromPgRow(r as R))
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect()
        try {
          await client.query('BEGIN')
          const result = await fn({
            query: async <R extends object>(sql: string, params: readonly unknown[] = []) =>
              (await client.query(sql, toPgParams(params))).rows.map((r) => fromPgRow(r as R)),
          })
          await client.query('COMMIT')
          return result
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined)
          const code = (e as { code?: unknown }).code
          if (attempt < MAX_TRANSACTION_ATTEMPTS && typeof code === 'string' && RETRYABLE.has(code))
            continue
          throw e
        } finally {
          client.release()
        }
      }
    },
    exec: async (sql) => {
      await pool.query(sql)
    },
    close,
    [Symbol.asyncDispose]: close,
  }
}
