/**
 * Command-line arguments on `node:util`'s `parseArgs`: positionals, `--flag`, `--key value`,
 * `--key=value`, and `--` ending the options (everything after it is positional, so a file named
 * `--json` can be given as `-- --json`). `-` is an ordinary positional: commands that read a file
 * read standard input for it.
 */

import { parseArgs as parseNodeArgs } from 'node:util'
import { SealpostError } from '../../sandbox/errors.ts'

/** Wrong usage of the CLI: exit code 2. */
export class UsageError extends SealpostError {
  constructor(message: string) {
    super('SEALPOST_USAGE', message)
  }
}

export interface ParsedArgs {
  readonly positionals: string[]
  readonly flags: ReadonlyMap<string, string | true>
}

/** The flags a command accepts: `valued` ones take a value, `boolean` ones do not. */
export interface ArgsSpec {
  readonly valued?: readonly string[]
  readonly boolean?: readonly string[]
}

/**
 * Parses `argv` against the flags a command accepts; anything else is a usage error naming the
 * flag. A valued flag's value may not itself look like a long option (`--out --json` is a
 * mistake, not a file named `--json`); use `--out=--json` for that.
 */
export function parseArgs(argv: readonly string[], spec: ArgsSpec): ParsedArgs {
  const valued = new Set(spec.valued ?? [])
  const booleans = new Set(spec.boolean ?? [])
  const options: Record<string, { type: 'string' | 'boolean' }> = {}
  for (const name of valued) options[name] = { type: 'string' }
  for (const name of booleans) options[name] = { type: 'boolean' }
  // strict: false so that we word the errors ourselves (Node's wording differs across versions).
  const { tokens } = parseNodeArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  })
  const positionals: string[] = []
  const flags = new Map<string, string | true>()
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value)
    if (token.kind !== 'option') continue
    const { name, rawName } = token
    if (booleans.has(name) && rawName.startsWith('--')) {
      if (token.value !== undefined) throw new UsageError(`--${name} takes no value`)
      flags.set(name, true)
    } else if (valued.has(name) && rawName.startsWith('--')) {
      const value = token.value
      if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('--')))
        throw new UsageError(`--${name} needs a value`)
      flags.set(name, value)
    } else {
      throw new UsageError(`unknown option ${rawName}`)
    }
  }
  return { positionals, flags }
}

/** The value of a valued flag, or undefined. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name)
  return typeof v === 'string' ? v : undefined
}

/** The positional at `index`, or a usage error naming what is missing. */
export function positional(args: ParsedArgs, index: number, what: string): string {
  const v = args.positionals[index]
  if (v === undefined) throw new UsageError(`missing ${what}`)
  return v
}

/**
 * Whether `argv` asks for help (`--help` or `-h` before any `--`): every command answers it
 * without running.
 */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false
    if (arg === '--help' || arg === '-h') return true
  }
  return false
}
