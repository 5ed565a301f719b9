/**
 * A person's vault, a partner's keys and two signed reference bundles, all made with the CLI itself
 * in a temp folder; and a `cli(...)` that drives `main` with a capturing io.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CliIO } from '../../runtime/cli/_command.ts'
import { main } from '../../runtime/cli/main.ts'

export const algorithms = fileURLToPath(new URL('../../algorithms/', import.meta.url))

/** The generated persona's records end on 2026-01-01; the runs happen the day after. */
export const NOW = '2026-01-02T09:00:00Z'
export const SHOE = 'com.stridewear.shoe-size' // once, personalization 2, private
export const SPORT = 'com.stridewear.favorite-sport' // every P1M, personalization 1, private

export interface CliResult {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** Runs `sealpost ARGV` with the passphrase and clock in the environment. */
export async function cli(
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliResult> {
  const out: string[] = []
  const err: string[] = []
  const io: CliIO = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { SEALPOST_PASSPHRASE: 'correct horse battery', SEALPOST_NOW: NOW, ...env },
  }
  const code = await main(argv, io)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** Like `cli`, but expects exit 0 and parses stdout as JSON. */
export async function cliJson<T = Record<string, unknown>>(argv: readonly string[]): Promise<T> {
  const r = await cli(argv)
  if (r.code !== 0) throw new Error(`sealpost ${argv.join(' ')} exited ${r.code}: ${r.err}`)
  return JSON.parse(r.out) as T
}

export interface World {
  readonly dir: string
  readonly vault: string
  readonly key: string
  readonly pub: string
  readonly shoe: string
  readonly sport: string
}

/** Initialises a vault with a generated persona, a stridewear key pair and both bundles. */
export async function makeWorld(): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'sealpost-person-cli-'))
  const w: World = {
    dir,
    vault: join(dir, 'vault'),
    key: join(dir, 'keys', 'stridewear.key'),
    pub: join(dir, 'keys', 'stridewear.pub'),
    shoe: join(dir, 'shoe-size.bundle'),
    sport: join(dir, 'favorite-sport.bundle'),
  }
  const steps: string[][] = [
    ['vault', 'init', w.vault, '--scrypt-n', '1024'],
    ['vault', 'generate', w.vault, '--scale', '0.1'],
    ['keygen', '--partner', 'stridewear', '--out', join(dir, 'keys')],
    ['bundle', 'build', join(algorithms, 'shoe-size'), '--key', w.key, '--out', w.shoe],
    ['bundle', 'build', join(algorithms, 'favorite-sport'), '--key', w.key, '--out', w.sport],
  ]
  for (const step of steps) {
    const r = await cli(step)
    if (r.code !== 0) throw new Error(`sealpost ${step.join(' ')} exited ${r.code}: ${r.err}`)
  }
  return w
}
