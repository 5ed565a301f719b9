/** The shape every CLI command file exports. */

export interface CliIO {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  /**
   * Progress of a long step, shown in place on a terminal (`null` clears it); absent when stderr is
   * not a terminal, so pipes and logs stay quiet.
   */
  readonly progress?: (line: string | null) => void
  /** What `-` reads, where a command reads a file (default: the process's standard input). */
  readonly stdin?: AsyncIterable<Uint8Array>
}

export interface Command {
  /** Words after `sealpost`, for example `['bundle', 'build']`. */
  readonly name: readonly string[]
  /** Usage line shown in `sealpost help` and `sealpost CMD --help`. */
  readonly usage: string
  readonly summary: string
  /** More lines for `sealpost help CMD`: what the options mean, examples. */
  readonly details?: readonly string[]
  /** Runs the command; returns the exit code (0 success, 1 refused, 2 wrong usage). */
  run(argv: readonly string[], io: CliIO): Promise<number>
}
