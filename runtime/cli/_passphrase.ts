/**
 * Where the CLI gets a passphrase: the environment (`SEALPOST_PASSPHRASE`), a file
 * (`--passphrase-file`, first line), or a hidden prompt when stdin is a terminal. Never a flag
 * value: command lines end up in shell history and `ps`.
 */

import { readFile } from 'node:fs/promises'
import { flagValue, UsageError } from './_args.ts'
import type { ParsedArgs } from './_args.ts'
import type { CliIO } from './_command.ts'

export interface PassphraseSource {
  /** Environment variable (default `SEALPOST_PASSPHRASE`). */
  readonly env?: string
  /** Flag naming a file (default `passphrase-file`). */
  readonly fileFlag?: string
  /** Prompt shown on a terminal. */
  readonly prompt?: string
  /** Ask twice on a terminal (new passphrases). */
  readonly confirm?: boolean
}

/** The passphrase from env, file or terminal prompt; UsageError when none is available. */
export async function readPassphrase(
  args: ParsedArgs,
  io: CliIO,
  source: PassphraseSource = {},
): Promise<string> {
  const env = source.env ?? 'SEALPOST_PASSPHRASE'
  const fileFlag = source.fileFlag ?? 'passphrase-file'
  const file = flagValue(args, fileFlag)
  if (file !== undefined) {
    const text = await readFile(file, 'utf8').catch((e: unknown) => {
      throw new UsageError(`--${fileFlag}: cannot read ${file}: ${(e as Error).message}`)
    })
    const line = text.split(/\r?\n/)[0] ?? ''
    if (line === '') throw new UsageError(`--${fileFlag}: ${file} has an empty first line`)
    return line
  }
  const fromEnv = io.env[env]
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  if (process.stdin.isTTY !== true) {
    throw new UsageError(`no passphrase: set ${env}, pass --${fileFlag} FILE, or run on a terminal`)
  }
  const prompt = source.prompt ?? 'Vault passphrase: '
  const first = await promptHidden(prompt)
  if (first === '') throw new UsageError('the passphrase must not be empty')
  if (source.confirm === true && (await promptHidden('Repeat it: ')) !== first) {
    throw new UsageError('the two passphrases differ')
  }
  return first
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin
  process.stderr.write(prompt)
  return new Promise((resolve, reject) => {
    let value = ''
    const done = (result: string | Error): void => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      process.stderr.write('\n')
      if (typeof result === 'string') resolve(result)
      else reject(result)
    }
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(value)
        if (ch === '\u0003') return done(new UsageError('cancelled'))
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else value += ch
      }
    }
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}
