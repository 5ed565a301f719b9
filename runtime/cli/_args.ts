/** A small, strict argument parser: positionals, `--flag`, `--key value` and `--key=value`. */

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

/**
 * Parses `argv` against the flags a command accepts. `valued` flags take a value, `boolean` flags do
 * not; anything else is a usage error naming the flag.
 */
export function parseArgs(
  argv: readonly string[],
  spec: { valued?: readonly string[]; boolean?: readonly string[] },
): ParsedArgs {
  const valued = new Set(spec.valued ?? [])
  const booleans = new Set(spec.boolean ?? [])
  const positionals: string[] = []
  const flags = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
    if (booleans.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`)
      flags.set(name, true)
    } else if (valued.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1)
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`)
      flags.set(name, value)
    } else {
      throw new UsageError(`unknown option --${name}`)
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
