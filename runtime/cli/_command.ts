/** The shape every CLI command file exports. */

export interface CliIO {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
}

export interface Command {
  /** Words after `sealpost`, for example `['bundle', 'build']`. */
  readonly name: readonly string[]
  /** Usage line shown in `sealpost help`. */
  readonly usage: string
  readonly summary: string
  /** Runs the command; returns the exit code (0 success, 1 refused, 2 wrong usage). */
  run(argv: readonly string[], io: CliIO): Promise<number>
}
