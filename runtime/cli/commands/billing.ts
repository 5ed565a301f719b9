/**
 * `sealpost billing VAULT [--year Y] [--json]`: what each partner owes for the transfers delivered
 * from this vault in a calendar year (10 cents each, capped at $3 per partner per person per year).
 *
 * `--json`: `{ "year", "statements": [{ "partnerId", "year", "lines": [{ "pseudonym",
 * "transfers", "cents" }], "transfers", "totalCents" }], "totalCents" }`: partners with transfers that year, sorted by id.
 */

import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { clockFromEnv, PASSPHRASE_FLAGS, withRuntime } from './_vault_common.ts'

const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`

export const billingCommand: Command = {
  name: ['billing'],
  usage: 'billing VAULT [--year Y] [--json]',
  summary: "each partner's statement for delivered transfers",
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['year', ...PASSPHRASE_FLAGS], boolean: ['json'] })
    const path = positional(args, 0, 'VAULT folder')
    if (args.positionals.length > 1) throw new UsageError('billing takes one vault')
    const rawYear = flagValue(args, 'year')
    const year =
      rawYear === undefined ? new Date(clockFromEnv(io)()).getUTCFullYear() : Number(rawYear)
    if (!Number.isInteger(year) || year < 1970 || year > 9999) {
      throw new UsageError(`--year must be a year such as 2026, got '${rawYear}'`)
    }
    const all = await withRuntime(path, args, io, async (rt) => {
      const partners = [...(await rt.billedPartners())].sort()
      return Promise.all(partners.map((p) => rt.billing(p, year)))
    })
    const statements = all.filter((s) => s.transfers > 0)
    const total = statements.reduce((sum, s) => sum + s.totalCents, 0)
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ year, statements, totalCents: total }))
      return 0
    }
    if (statements.length === 0) {
      io.out(`${year}: no delivered transfers, nothing billed`)
      return 0
    }
    io.out(`${year}: ${dollars(total)} billed to ${statements.length} partner(s)`)
    for (const s of statements) {
      io.out(
        `  ${s.partnerId.padEnd(20)} ${String(s.transfers).padStart(4)} transfer(s)  ${dollars(s.totalCents)}`,
      )
    }
    return 0
  },
}
