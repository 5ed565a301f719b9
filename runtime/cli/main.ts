/**
 * The `sealpost` command line. Each command lives in its own file under `commands/` and is listed
 * here explicitly. Errors print as one line; exit 0 on success, 1 when refused, 2 on wrong usage,
 * 70 on an internal error (a bug).
 */

import { oneLine, SealpostError } from '../../sandbox/errors.ts'
import { VERSION } from '../version.ts'
import { UsageError, wantsHelp } from './_args.ts'
import type { CliIO, Command } from './_command.ts'
import { bundleTestCommand } from './commands/bundle-test.ts'
import { demoCommand } from './commands/demo.ts'
import { auditCommand } from './commands/audit.ts'
import { bundleBuildCommand } from './commands/bundle-build.ts'
import { bundleVerifyCommand } from './commands/bundle-verify.ts'
import { keygenCommand } from './commands/keygen.ts'
import { vaultInitCommand } from './commands/vault-init.ts'
import { vaultImportCommand } from './commands/vault-import.ts'
import { vaultGenerateCommand } from './commands/vault-generate.ts'
import { vaultStatsCommand } from './commands/vault-stats.ts'
import { vaultSearchCommand } from './commands/vault-search.ts'
import { vaultExportCommand } from './commands/vault-export.ts'
import { vaultRekeyCommand } from './commands/vault-rekey.ts'
import { trustCommand } from './commands/trust.ts'
import { installCommand } from './commands/install.ts'
import { contractCommand } from './commands/contract.ts'
import { consentCommand } from './commands/consent.ts'
import { runCommand } from './commands/run.ts'
import { revokeCommand } from './commands/revoke.ts'
import { logCommand } from './commands/log.ts'
import { billingCommand } from './commands/billing.ts'
import { openCommand } from './commands/open.ts'
import { outboxCommand } from './commands/outbox.ts'
import { dialCommand } from './commands/dial.ts'
import { relayInitCommand } from './commands/relay-init.ts'
import { relayServeCommand } from './commands/relay-serve.ts'
import { relayPartnerAddCommand } from './commands/relay-partner-add.ts'
import { publishCommand } from './commands/publish.ts'
import { inboxCommand } from './commands/inbox.ts'
import { statementCommand } from './commands/statement.ts'
import { syncCommand } from './commands/sync.ts'
import { initCommand } from './commands/init.ts'

const commands: readonly Command[] = [
  initCommand,
  bundleTestCommand,
  demoCommand,
  keygenCommand,
  bundleBuildCommand,
  bundleVerifyCommand,
  auditCommand,
  vaultInitCommand,
  vaultImportCommand,
  vaultGenerateCommand,
  vaultStatsCommand,
  vaultSearchCommand,
  vaultExportCommand,
  vaultRekeyCommand,
  trustCommand,
  installCommand,
  contractCommand,
  consentCommand,
  runCommand,
  revokeCommand,
  logCommand,
  billingCommand,
  openCommand,
  outboxCommand,
  dialCommand,
  relayInitCommand,
  relayServeCommand,
  relayPartnerAddCommand,
  publishCommand,
  inboxCommand,
  statementCommand,
  syncCommand,
]

/** Exit code of a bug (sysexits' EX_SOFTWARE): neither a refusal nor wrong usage. */
export const EXIT_INTERNAL = 70

function usage(io: CliIO): void {
  io.out('usage: sealpost COMMAND [ARGS]')
  io.out('')
  for (const c of commands) io.out(`  ${c.usage.padEnd(58)} ${c.summary}`)
  io.out('')
  io.out('sealpost help COMMAND (or COMMAND --help) for one command; sealpost --version')
}

/** The longest command whose words start `words`, so `bundle build` wins over `bundle`. */
function findCommand(words: readonly string[]): Command | undefined {
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

/** Runs the CLI with `argv` (without the node and script paths) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const first = argv[0]
  if (first === '--version' || first === '-v' || first === 'version') {
    io.out(argv.includes('--json') ? JSON.stringify({ version: VERSION }) : `sealpost ${VERSION}`)
    return 0
  }
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    const topic = first === 'help' ? argv.slice(1) : []
    if (topic.length > 0) {
      const c = findCommand(topic)
      if (c === undefined || c.name.length !== topic.length) {
        io.err(`sealpost: no command '${topic.join(' ')}' (try 'sealpost help')`)
        return 2
      }
      commandHelp(c, io)
      return 0
    }
    usage(io)
    return first === undefined ? 2 : 0
  }
  const match = findCommand(argv)
  if (!match) {
    io.err(`sealpost: unknown command '${argv.slice(0, 2).join(' ')}' (try 'sealpost help')`)
    return 2
  }
  const rest = argv.slice(match.name.length)
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
    // A bug: one line a person can report; the stack only when asked for.
    if (io.env['SEALPOST_DEBUG'] === '1') io.err((e as Error)?.stack ?? String(e))
    else {
      const message = e instanceof Error ? e.message : String(e)
      io.err(`sealpost: internal error: ${oneLine(message)} (SEALPOST_DEBUG=1 shows where)`)
    }
    return EXIT_INTERNAL
  } finally {
    io.progress?.(null)
  }
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
  process.exitCode = await main(argv)
}
