/**
 * The `sealpost` command line. Each command lives in its own file under `commands/` and is listed
 * here explicitly, by name, and imported only when it runs. Errors print as one line; exit 0 on success, 1 when refused, 2 on wrong usage,
 * 70 on an internal error (a bug).
 */

import { MissingPeerError, oneLine, printable, SealpostError } from '../../sandbox/errors.ts'
import { VERSION } from '../version.ts'
import { UsageError, wantsHelp } from './_args.ts'
import type { CliIO, Command } from './_command.ts'

/**
 * A command, loaded only when it runs (or for the full help): `sealpost --version` or `run` does not
 * pay for every other command's imports.
 */
interface CommandEntry {
  readonly name: readonly string[]
  readonly load: () => Promise<Command>
}

function lazy(name: readonly string[], load: () => Promise<Command>): CommandEntry {
  return { name, load }
}

const commands: readonly CommandEntry[] = [
  lazy(['init'], async () => (await import('./commands/init.ts')).initCommand),
  lazy(
    ['bundle', 'test'],
    async () => (await import('./commands/bundle-test.ts')).bundleTestCommand,
  ),
  lazy(['demo'], async () => (await import('./commands/demo.ts')).demoCommand),
  lazy(['keygen'], async () => (await import('./commands/keygen.ts')).keygenCommand),
  lazy(
    ['bundle', 'build'],
    async () => (await import('./commands/bundle-build.ts')).bundleBuildCommand,
  ),
  lazy(
    ['bundle', 'verify'],
    async () => (await import('./commands/bundle-verify.ts')).bundleVerifyCommand,
  ),
  lazy(['audit'], async () => (await import('./commands/audit.ts')).auditCommand),
  lazy(['vault', 'init'], async () => (await import('./commands/vault-init.ts')).vaultInitCommand),
  lazy(
    ['vault', 'import'],
    async () => (await import('./commands/vault-import.ts')).vaultImportCommand,
  ),
  lazy(
    ['vault', 'generate'],
    async () => (await import('./commands/vault-generate.ts')).vaultGenerateCommand,
  ),
  lazy(
    ['vault', 'stats'],
    async () => (await import('./commands/vault-stats.ts')).vaultStatsCommand,
  ),
  lazy(
    ['vault', 'search'],
    async () => (await import('./commands/vault-search.ts')).vaultSearchCommand,
  ),
  lazy(
    ['vault', 'export'],
    async () => (await import('./commands/vault-export.ts')).vaultExportCommand,
  ),
  lazy(
    ['vault', 'rekey'],
    async () => (await import('./commands/vault-rekey.ts')).vaultRekeyCommand,
  ),
  lazy(['trust'], async () => (await import('./commands/trust.ts')).trustCommand),
  lazy(['install'], async () => (await import('./commands/install.ts')).installCommand),
  lazy(['contract'], async () => (await import('./commands/contract.ts')).contractCommand),
  lazy(['consent'], async () => (await import('./commands/consent.ts')).consentCommand),
  lazy(['run'], async () => (await import('./commands/run.ts')).runCommand),
  lazy(['revoke'], async () => (await import('./commands/revoke.ts')).revokeCommand),
  lazy(['log'], async () => (await import('./commands/log.ts')).logCommand),
  lazy(['billing'], async () => (await import('./commands/billing.ts')).billingCommand),
  lazy(['open'], async () => (await import('./commands/open.ts')).openCommand),
  lazy(['outbox'], async () => (await import('./commands/outbox.ts')).outboxCommand),
  lazy(['dial'], async () => (await import('./commands/dial.ts')).dialCommand),
  lazy(['relay', 'init'], async () => (await import('./commands/relay-init.ts')).relayInitCommand),
  lazy(
    ['relay', 'serve'],
    async () => (await import('./commands/relay-serve.ts')).relayServeCommand,
  ),
  lazy(
    ['relay', 'partner', 'add'],
    async () => (await import('./commands/relay-partner-add.ts')).relayPartnerAddCommand,
  ),
  lazy(
    ['relay', 'partner', 'admit'],
    async () => (await import('./commands/relay-partner-admit.ts')).relayPartnerAdmitCommand,
  ),
  lazy(
    ['relay', 'partner', 'submit'],
    async () => (await import('./commands/relay-partner-submit.ts')).relayPartnerSubmitCommand,
  ),
  lazy(['publish'], async () => (await import('./commands/publish.ts')).publishCommand),
  lazy(['inbox'], async () => (await import('./commands/inbox.ts')).inboxCommand),
  lazy(['statement'], async () => (await import('./commands/statement.ts')).statementCommand),
  lazy(['sync'], async () => (await import('./commands/sync.ts')).syncCommand),
]

/** Every command, loaded, with the name it is listed under (help, tests). */
export async function loadCommands(): Promise<{ listedAs: readonly string[]; command: Command }[]> {
  return Promise.all(commands.map(async (e) => ({ listedAs: e.name, command: await e.load() })))
}

/**
 * Loads a command's module. One that imports an optional peer the app did not install (the relay's
 * server packages, say) is refused by name; every other command still works.
 */
async function loadEntry(entry: CommandEntry): Promise<Command> {
  try {
    return await entry.load()
  } catch (e) {
    const code = (e as { code?: unknown })?.code
    if (code !== 'ERR_MODULE_NOT_FOUND') throw e
    const missing = /Cannot find (?:package|module) '([^']+)'/.exec((e as Error).message)?.[1]
    throw new MissingPeerError(missing ?? 'a package', `sealpost ${entry.name.join(' ')}`, {
      cause: e,
    })
  }
}

/** Exit code of a bug (sysexits' EX_SOFTWARE): neither a refusal nor wrong usage. */
export const EXIT_INTERNAL = 70

async function usage(io: CliIO): Promise<void> {
  io.out('usage: sealpost COMMAND [ARGS]')
  io.out('')
  for (const entry of commands) {
    const c = await loadEntry(entry).catch(() => undefined)
    if (c === undefined)
      io.out(`  ${entry.name.join(' ').padEnd(58)} (needs a package that is not installed)`)
    else io.out(`  ${c.usage.padEnd(58)} ${c.summary}`)
  }
  io.out('')
  io.out('sealpost help COMMAND (or COMMAND --help) for one command; sealpost --version')
}

/** The longest command whose words start `words`, so `bundle build` wins over `bundle`. */
function findCommand(words: readonly string[]): CommandEntry | undefined {
  return [...commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find((c) => c.name.every((w, i) => words[i] === w))
}

function commandHelp(c: Command, io: CliIO): void {
  io.out(`usage: sealpost ${c.usage}`)
  io.out('')
  io.out(c.summary)
  if (c.details !== undefined) {
    io.out('')
    for (const line of c.details) io.out(line)
  }
  io.out('')
  io.out('Every command: --help; -- ends the options; - reads standard input where a FILE is read.')
  io.out('Exit 0 on success, 1 when refused (one line: MESSAGE [CODE]), 2 on wrong usage.')
}

/**
 * `io` where each `out`, `err` or `progress` call prints exactly one line, whatever it quotes: a
 * path, a name or an id a person or a file supplied (`vault init 'a<LF>sealpost: done'`), a
 * manifest value, a guest's text. Newlines, carriage returns, ANSI escapes, bidi controls and lone
 * surrogates come out as `\uXXXX` (the escaping of error messages, uncapped). Commands that print
 * several lines call `out` once per line.
 */
export function printableIO(io: CliIO): CliIO {
  const progress = io.progress
  return {
    ...io,
    out: (line) => io.out(printable(line)),
    err: (line) => io.err(printable(line)),
    ...(progress === undefined
      ? {}
      : { progress: (line: string | null) => progress(line === null ? null : printable(line)) }),
  }
}

/** Runs the CLI with `argv` (without the node and script paths) and returns the exit code. */
export async function main(argv: readonly string[], given: CliIO = processIO()): Promise<number> {
  const io = printableIO(given)
  const first = argv[0]
  if (first === '--version' || first === '-v' || first === 'version') {
    io.out(argv.includes('--json') ? JSON.stringify({ version: VERSION }) : `sealpost ${VERSION}`)
    return 0
  }
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    const topic = first === 'help' ? argv.slice(1) : []
    if (topic.length > 0) {
      const entry = findCommand(topic)
      if (entry === undefined || entry.name.length !== topic.length) {
        io.err(`sealpost: no command '${topic.join(' ')}' (try 'sealpost help')`)
        return 2
      }
      commandHelp(await entry.load(), io)
      return 0
    }
    await usage(io)
    return first === undefined ? 2 : 0
  }
  const entry = findCommand(argv)
  if (!entry) {
    io.err(`sealpost: unknown command '${argv.slice(0, 2).join(' ')}' (try 'sealpost help')`)
    return 2
  }
  let match: Command
  try {
    match = await loadEntry(entry)
  } catch (e) {
    if (!(e instanceof SealpostError)) throw e
    io.err(`sealpost: ${e.message} [${e.code}]`)
    return 1
  }
  const rest = argv.slice(entry.name.length)
  if (wantsHelp(rest)) {
    commandHelp(match, io)
    return 0
  }
  try {
    return await match.run(rest, io)
  } catch (e) {
    io.progress?.(null)
    if (e instanceof UsageError) {
      io.err(`sealpost ${match.name.join(' ')}: ${oneLine(e.message, 1000)}`)
      io.err(`usage: sealpost ${match.usage}`)
      return 2
    }
    if (e instanceof SealpostError) {
      io.err(`sealpost: ${e.message} [${e.code}]`)
      return 1
    }
    // The system refused a path, or a file is not text: the person's to fix, not a bug.
    const refusal = systemRefusal(e)
    if (refusal !== undefined && io.env['SEALPOST_DEBUG'] !== '1') {
      io.err(`sealpost: ${oneLine(refusal, 1000)}`)
      return 1
    }
    // A bug: one line a person can report; the stack only when asked for.
    if (io.env['SEALPOST_DEBUG'] === '1') {
      for (const line of ((e as Error)?.stack ?? String(e)).split('\n')) io.err(line)
      if (refusal !== undefined) return 1
    } else {
      const message = e instanceof Error ? e.message : String(e)
      io.err(`sealpost: internal error: ${oneLine(message)} (SEALPOST_DEBUG=1 shows where)`)
    }
    return EXIT_INTERNAL
  } finally {
    io.progress?.(null)
  }
}

/** Error codes of the file system that describe the path a person gave, not a fault of sealpost. */
const PATH_ERRORS = new Set([
  'EACCES',
  'EEXIST',
  'EISDIR',
  'ELOOP',
  'EMFILE',
  'ENAMETOOLONG',
  'ENOENT',
  'ENOSPC',
  'ENOTDIR',
  'ENOTEMPTY',
  'EPERM',
  'EROFS',
])

/** The one line for a failure the system reports about the person's input; undefined for a bug. */
function systemRefusal(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code
  if (!(e instanceof Error) || typeof code !== 'string') return undefined
  if (PATH_ERRORS.has(code)) return `${e.message} [${code}]`
  if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA')
    return `a file that should be UTF-8 text is not (binary, or another encoding) [${code}]`
  return undefined
}

/**
 * The process's streams as CLI I/O. On a terminal, progress is one status line on stderr,
 * rewritten in place and cleared before anything else is printed; off a terminal there is none.
 */
export function processIO(): CliIO {
  const tty = process.stderr.isTTY === true
  let shown = false
  const clear = (): void => {
    if (shown) process.stderr.write('\r\x1b[K')
    shown = false
  }
  return {
    out: (line) => {
      clear()
      process.stdout.write(line + '\n')
    },
    err: (line) => {
      clear()
      process.stderr.write(line + '\n')
    },
    env: process.env,
    ...(tty
      ? {
          progress: (line: string | null) => {
            if (line === null) return clear()
            const width = process.stderr.columns ?? 80
            process.stderr.write('\r\x1b[K' + line.slice(0, Math.max(10, width - 1)))
            shown = true
          },
        }
      : {}),
  }
}

/**
 * The `sealpost` executable: runs `main` over the process's streams. A reader that goes away
 * (`sealpost log V | head`) ends the command quietly: EPIPE is not an error.
 */
export async function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0)
      throw e
    })
  }
  try {
    process.exitCode = await main(argv)
  } catch (e) {
    // Only a failure before a command runs (loading it) gets here: one line too.
    const message = e instanceof Error ? e.message : String(e)
    process.stderr.write(
      process.env['SEALPOST_DEBUG'] === '1'
        ? `${(e as Error)?.stack ?? message}\n`
        : `sealpost: internal error: ${oneLine(message)} (SEALPOST_DEBUG=1 shows where)\n`,
    )
    process.exitCode = EXIT_INTERNAL
  }
}
