/**
 * Opening the relay's database and operator key from `--data DIR` or `--database URL`. The
 * database drivers (PGlite's wasm, pg) load only when a relay command runs, not at every CLI start.
 */

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RelayDatabase } from '../../../relay/db/database.ts'
import { OperatorKey } from '../../../relay/operator_key.ts'
import { KeyFileError } from '../../bundle/errors.ts'
import { flagValue, UsageError, type ParsedArgs } from '../_args.ts'
import type { CliIO } from '../_command.ts'

/** Flags of the commands that open the relay's database. */
export const RELAY_DB_FLAGS = ['data', 'database', 'operator-key'] as const

/** The database: PGlite in DIR/db, or the server at `--database` / DATABASE_URL; migrated. */
export async function openRelayDatabase(args: ParsedArgs, io: CliIO): Promise<RelayDatabase> {
  const dir = flagValue(args, 'data')
  const url =
    flagValue(args, 'database') ?? (dir === undefined ? io.env['DATABASE_URL'] : undefined)
  if (dir === undefined && url === undefined)
    throw new UsageError('missing --data DIR or --database postgres://…')
  if (dir !== undefined && flagValue(args, 'database') !== undefined)
    throw new UsageError('give --data or --database, not both')
  const { openPglite, openPostgres } = await import('../../../relay/db/database.ts')
  const { migrate } = await import('../../../relay/db/migrate.ts')
  const db = url !== undefined ? await openPostgres(url) : await openPglite(join(dir!, 'db'))
  await migrate(db)
  return db
}

/** The operator key: `--operator-key FILE`, SEALPOST_OPERATOR_KEY_FILE, or DIR/operator.key. */
export async function openOperatorKey(args: ParsedArgs, io: CliIO): Promise<OperatorKey> {
  const dir = flagValue(args, 'data')
  const path =
    flagValue(args, 'operator-key') ??
    io.env['SEALPOST_OPERATOR_KEY_FILE'] ??
    (dir !== undefined ? join(dir, 'operator.key') : undefined)
  if (path === undefined)
    throw new UsageError('missing --operator-key FILE (or SEALPOST_OPERATOR_KEY_FILE)')
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    throw new KeyFileError(`no operator key at ${path}: run 'sealpost relay init --data DIR' first`)
  }
  try {
    return OperatorKey.fromKeyFile(text)
  } catch (e) {
    throw new KeyFileError(`${path}: ${(e as Error).message}`)
  }
}
