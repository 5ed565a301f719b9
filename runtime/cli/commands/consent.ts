/**
 * `sealpost consent VAULT BUNDLE_ID [--recurring] [--until DATE] [--yes] [--lang en|fr] [--json]`:
 * records the person's consent to exactly this bundle version and keeps the device-signed receipt.
 * Without `--yes` the contract is shown and the person answers y/N on the terminal (a "no" is
 * recorded as a refusal); off a terminal, `--yes` is required. A bundle that runs more than once
 * (recurring or on new data) needs `--recurring`, so that nobody agrees to repeated runs unawares.
 *
 * `--json`: `{ "bundleId", "bundleVersion", "status", "recurrence", "expiresAt", "contractDigest",
 * "receipt": ConsentReceipt }` (`expiresAt` ms since epoch, or null until withdrawn).
 */

import { renderContract, type ContractSchedule } from '../../consent/contract.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { askYesNo, isInteractive } from './_confirm.ts'
import { clockFromEnv, isoDay, PASSPHRASE_FLAGS, timeFlag, withRuntime } from './_vault_common.ts'
import { langFlag } from './contract.ts'
import { DeclinedError } from './errors.ts'

function scheduleWords(s: ContractSchedule): string {
  switch (s.kind) {
    case 'once':
      return 'once'
    case 'recurring':
      return `every ${s.every}`
    case 'trigger':
      return `on new ${s.on}`
  }
}

export const consentCommand: Command = {
  name: ['consent'],
  usage: 'consent VAULT BUNDLE_ID [--recurring] [--until DATE] [--yes] [--lang en|fr] [--json]',
  summary: 'consent to a bundle (shows the contract and asks, unless --yes)',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['until', 'lang', ...PASSPHRASE_FLAGS],
      boolean: ['recurring', 'yes', 'json'],
    })
    const path = positional(args, 0, 'VAULT folder')
    const bundleId = positional(args, 1, 'BUNDLE_ID')
    if (args.positionals.length > 2) throw new UsageError('consent takes a vault and a bundle id')
    const lang = langFlag(flagValue(args, 'lang'))
    const until = timeFlag(args, 'until')
    const yes = args.flags.has('yes')
    if (!yes && !isInteractive()) {
      throw new UsageError(
        `not on a terminal: read the contract with 'sealpost contract ${path} ${bundleId}', then pass --yes`,
      )
    }
    const now = clockFromEnv(io)()
    if (until !== undefined && until <= now) {
      throw new UsageError(`--until must be after now (${new Date(now).toISOString()})`)
    }
    const options = until === undefined ? {} : { expiresAt: until }
    const change = await withRuntime(path, args, io, async (rt) => {
      const contract = await rt.contract(bundleId, options)
      const repeats = contract.schedule.kind !== 'once'
      if (repeats && !args.flags.has('recurring')) {
        throw new UsageError(
          `${bundleId} runs ${scheduleWords(contract.schedule)} until you withdraw: add --recurring to agree to repeated runs`,
        )
      }
      if (!repeats && args.flags.has('recurring')) {
        throw new UsageError(`${bundleId} runs once: --recurring does not apply`)
      }
      if (!yes) {
        for (const line of renderContract(contract, lang).trimEnd().split('\n')) io.out(line)
        io.out('')
        const question = lang === 'fr' ? 'Consentez-vous à ce contrat ?' : 'Do you consent?'
        if (!(await askYesNo(question))) {
          await rt.refuse(bundleId)
          throw new DeclinedError(
            `you declined: ${bundleId} will not run (your refusal is recorded)`,
          )
        }
      }
      return rt.consent(bundleId, options)
    })
    const { record, receipt } = change
    if (args.flags.has('json')) {
      io.out(
        JSON.stringify({
          bundleId: record.bundleId,
          bundleVersion: record.bundleVersion,
          status: record.status,
          recurrence: record.recurrence,
          expiresAt: record.expiresAt ?? null,
          contractDigest: record.notice.contractDigest,
          receipt,
        }),
      )
      return 0
    }
    const till =
      record.expiresAt === undefined ? 'until you withdraw it' : `until ${isoDay(record.expiresAt)}`
    io.out(
      `consent ${record.status}: ${record.bundleId} ${record.bundleVersion} (${record.partnerId}), ${record.recurrence}, ${till}`,
    )
    io.out(`  contract ${record.notice.contractDigest}`)
    io.out(
      `  receipt ${receipt.receiptId}, signed by this device (key ${receipt.devicePublicKey.slice(0, 16)}…)`,
    )
    return 0
  },
}
