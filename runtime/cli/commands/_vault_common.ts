/** What the `vault *` commands share: the passphrase, the scrypt flag, opening, date parsing. */

import { flagValue, UsageError } from '../_args.ts'
import type { ParsedArgs } from '../_args.ts'
import type { CliIO } from '../_command.ts'
import { readPassphrase } from '../_passphrase.ts'
import { openVaultAt, STRONG_SCRYPT } from '../../vault/index.ts'
import type { ScryptParams, Vault } from '../../vault/index.ts'

/** Flags every vault command accepts. */
export const PASSPHRASE_FLAGS = ['passphrase-file'] as const

/** Opens the vault folder with the passphrase from env, file or prompt. */
export async function openFromArgs(path: string, args: ParsedArgs, io: CliIO): Promise<Vault> {
  return openVaultAt(path, await readPassphrase(args, io))
}

/** `--scrypt-n N` (a power of two; default 2^17). Lower values are for tests only. */
export function scryptFromArgs(args: ParsedArgs): ScryptParams {
  const raw = flagValue(args, 'scrypt-n')
  if (raw === undefined) return STRONG_SCRYPT
  const N = Number(raw)
  if (!Number.isInteger(N) || N < 1024 || N > 2 ** 20 || (N & (N - 1)) !== 0) {
    throw new UsageError('--scrypt-n must be a power of two from 1024 to 1048576')
  }
  return { ...STRONG_SCRYPT, N }
}

/** A date flag: ISO 8601 date or date-time, or ms since epoch. */
export function timeFlag(args: ParsedArgs, name: string): number | undefined {
  const raw = flagValue(args, name)
  if (raw === undefined) return undefined
  const t = /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw)
  if (!Number.isFinite(t))
    throw new UsageError(`--${name} must be an ISO date (2025-03-01) or ms since epoch`)
  return t
}

/** Progress on stderr every `every` records (long imports and generation). */
export function progressPrinter(io: CliIO, what: string, every = 50_000): (n: number) => void {
  let last = 0
  return (n) => {
    if (n - last >= every) {
      last = n
      io.err(`${what}: ${n.toLocaleString('en-US')} records read`)
    }
  }
}

/** ISO date of ms since epoch, or '-' for none. */
export function isoDay(t: number | null): string {
  return t === null ? '-' : new Date(t).toISOString().slice(0, 10)
}
