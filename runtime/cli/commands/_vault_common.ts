/**
 * What the vault commands share: the passphrase, the scrypt flag, opening, date parsing, and the
 * host runtime over an opened vault (with its clock).
 */

import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { flagValue, UsageError } from '../_args.ts'
import type { ParsedArgs } from '../_args.ts'
import type { CliIO } from '../_command.ts'
import { readPassphrase } from '../_passphrase.ts'
// Re-exported: where command files have always found them.
export { progressPrinter, readFileArg } from '../_input.ts'
import { createRuntime, type SealpostRuntime } from '../../host/index.ts'
import { createSandbox } from '../../../sandbox/index.ts'
import { openVaultAt, STRONG_SCRYPT } from '../../vault/index.ts'
import type { ScryptParams, Vault } from '../../vault/index.ts'

/** Flags every vault command accepts. */
export const PASSPHRASE_FLAGS = ['passphrase-file'] as const

/** Opens the vault folder with the passphrase from env, file or prompt. */
export async function openFromArgs(path: string, args: ParsedArgs, io: CliIO): Promise<Vault> {
  return openVaultAt(path, await readPassphrase(args, io))
}

/** The environment variable that fixes the runtime's clock, for tests and demos only. */
export const NOW_ENV = 'SEALPOST_NOW'

/**
 * The runtime's clock: the real time, or the fixed time in `SEALPOST_NOW` (an ISO date or ms since
 * epoch), so that tests and demos run against a generated person's dates.
 */
export function clockFromEnv(io: CliIO): () => number {
  const raw = io.env[NOW_ENV]
  if (raw === undefined || raw === '') return Date.now
  const t = /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw)
  if (!Number.isFinite(t)) {
    throw new UsageError(`${NOW_ENV} must be an ISO date (2026-01-02) or ms since epoch`)
  }
  return () => t
}

export interface WithRuntimeOptions {
  /**
   * Start the sandbox Worker (thread start, QuickJS compile) before the passphrase's key
   * derivation and the vault's reads, so the two overlap: for commands that surely run a guest.
   */
  readonly warmSandbox?: boolean
}

/**
 * Opens the vault, runs `use` with a host runtime over it, then disposes the runtime (its sandbox
 * Worker) and closes the vault, whatever happened.
 */
export async function withRuntime<T>(
  path: string,
  args: ParsedArgs,
  io: CliIO,
  use: (runtime: SealpostRuntime) => Promise<T>,
  options: WithRuntimeOptions = {},
): Promise<T> {
  const clock = clockFromEnv(io)
  const sandbox = options.warmSandbox === true ? createSandbox() : undefined
  // A Worker that cannot start fails the run itself, with the run's error.
  sandbox?.warmUp().catch(() => undefined)
  try {
    const vault = await openFromArgs(path, args, io)
    const runtime = createRuntime({ vault, clock, ...(sandbox ? { sandbox } : {}) })
    try {
      return await use(runtime)
    } finally {
      try {
        await runtime.dispose()
      } finally {
        vault.close()
      }
    }
  } finally {
    await sandbox?.dispose()
  }
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

/**
 * The one clock rule of the partner's commands (`vault generate`, `bundle test`): `--now DATE`,
 * else `SEALPOST_NOW`, else the current time. A vault generated and a module tested with the same
 * rule see the same dates, so windows that end "now" find the generated records.
 */
export function runTime(args: ParsedArgs, io: CliIO): number {
  return timeFlag(args, 'now') ?? clockFromEnv(io)()
}

/** ISO date of ms since epoch, or '-' for none. */
export function isoDay(t: number | null): string {
  return t === null ? '-' : new Date(t).toISOString().slice(0, 10)
}

/**
 * Writes `text` to `path` for the person's eyes only: created with mode 0600, replaced when it
 * exists, and never through a symbolic link planted at that name (O_NOFOLLOW).
 */
export async function writePrivateFile(path: string, text: string): Promise<void> {
  const flags =
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0)
  const handle = await open(path, flags, 0o600).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ELOOP') throw new UsageError(`${path} is a symbolic link: not written`)
    throw e
  })
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
}
