/**
 * The partner's commands in process: `main` driven with a capturing io, and a temp folder with a
 * fresh partner key pair made by `sealpost keygen`. Each test file passes its own `main` (imported
 * after its `vi.mock`s, which must stay in the test file to be hoisted).
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CliIO } from '../../runtime/cli/_command.ts'

type Main = (argv: readonly string[], io: CliIO) => Promise<number>

export interface CliRun {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** `cli(...argv)`: runs `main` with an empty environment and returns its exit code and output. */
export function capturingCli(main: Main): (...argv: string[]) => Promise<CliRun> {
  return async (...argv) => {
    const out: string[] = []
    const err: string[] = []
    const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), env: {} }
    const code = await main(argv, io)
    return { code, out: out.join('\n'), err: err.join('\n') }
  }
}

export interface PartnerFolder {
  /** A new temp folder; the keys are in `dir/keys`. */
  readonly dir: string
  readonly key: string
  readonly pub: string
}

/** A temp folder (`sealpost-PREFIX-…`) with `keygen --partner PARTNER` run into `dir/keys`. */
export async function partnerFolder(
  cli: (...argv: string[]) => Promise<CliRun>,
  prefix: string,
  partner: string,
): Promise<PartnerFolder> {
  const dir = await mkdtemp(join(tmpdir(), `sealpost-${prefix}-`))
  const keys = join(dir, 'keys')
  const r = await cli('keygen', '--partner', partner, '--out', keys)
  if (r.code !== 0) throw new Error(`keygen exited ${r.code}: ${r.err}`)
  return { dir, key: join(keys, `${partner}.key`), pub: join(keys, `${partner}.pub`) }
}
