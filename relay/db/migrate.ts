/**
 * Numbered plain-SQL migrations (`migrations/NNN_name.sql`), applied in order at start, each in
 * its own transaction with its version recorded. Two relay processes starting on one database
 * both try; the primary key on the version lets exactly one record it and the other retry-read.
 */

import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { RelayDatabase } from './database.ts'

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))

/** The migrations shipped with this relay, by version. */
export async function listMigrations(): Promise<{ version: number; name: string; sql: string }[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
  files.sort()
  return Promise.all(
    files.map(async (name) => ({
      version: Number(name.slice(0, 3)),
      name,
      sql: await readFile(MIGRATIONS_DIR + name, 'utf8'),
    })),
  )
}

/** Applies the migrations `db` has not seen; returns the versions applied now. */
export async function migrate(db: RelayDatabase): Promise<number[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL)',
  )
  const applied: number[] = []
  for (const m of await listMigrations()) {
    const done = await db.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version])
    if (done.length > 0) continue
    try {
      await db.transaction(async (tx) => {
        // Claim the version first: a concurrent migrator blocks here, then fails on the key.
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ])
        for (const statement of splitStatements(m.sql)) await tx.query(statement)
      })
      applied.push(m.version)
    } catch (e) {
      const again = await db.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        m.version,
      ])
      if (again.length === 0) throw e // not a lost race: a real failure
    }
  }
  return applied
}

/** The statements of a migration file: split on `;` at line ends, comments dropped. */
function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}
