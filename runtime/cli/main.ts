/**
 * The `sealpost` command line. Each command lives in its own file under `commands/` and is listed
 * here explicitly. Errors print as one line; exit 0 on success, 1 when refused, 2 on wrong usage.
 */

import { SealpostError } from '../../sandbox/errors.ts'
import { oneLine } from '../../sandbox/_one_line.ts'
import { UsageError } from './_args.ts'
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

const commands: readonly Command[] = [
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
]

function usage(io: CliIO): void {
  io.out('usage: sealpost COMMAND [ARGS]')
  io.out('')
  for (const c of commands) io.out(`  ${c.usage.padEnd(58)} ${c.summary}`)
}

/** Runs the CLI with `argv` (without the node and script paths) and returns the exit code. */
export async function main(
  argv: readonly string[],
  io: CliIO = {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    env: process.env,
  },
): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    usage(io)
    return argv.length === 0 ? 2 : 0
  }
  // Longest match first, so `bundle build` wins over a hypothetical `bundle`.
  const match = [...commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find((c) => c.name.every((w, i) => argv[i] === w))
  if (!match) {
    io.err(`sealpost: unknown command '${argv.slice(0, 2).join(' ')}' (try 'sealpost help')`)
    return 2
  }
  try {
    return await match.run(argv.slice(match.name.length), io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sealpost ${match.name.join(' ')}: ${oneLine(e.message, 1000)}`)
      io.err(`usage: sealpost ${match.usage}`)
      return 2
    }
    if (e instanceof SealpostError) {
      io.err(`sealpost: ${e.message} [${e.code}]`)
      return 1
    }
    // Anything else is a bug or an input no check caught yet: still one line, never a stack trace
    // (which would print paths and whatever the input put in the message) unless asked for.
    if (io.env['SEALPOST_DEBUG'] === '1') throw e
    const name = e instanceof Error ? e.name : 'Error'
    const message = e instanceof Error ? e.message : String(e)
    io.err(`sealpost: unexpected ${oneLine(name, 40)}: ${oneLine(message)} [SEALPOST_INTERNAL]`)
    return 1
  }
}
