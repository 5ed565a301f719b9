/**
 * `sealpost run VAULT BUNDLE_ID [--json] [--preview [--yes]]`: runs an installed bundle now, under
 * the person's policy (live consent, dial, daily bit budget): consented views, sandbox, validation,
 * runtime noise, and the answer sealed to the partner in the outbox (`local` bundles: nothing
 * leaves). With `--preview` the exact answer is shown first and sent only on a yes (`--yes` sends
 * without asking; off a terminal it is required).
 *
 * `--json`: `{ "bundleId", "mode", "output", "bits", "read": [{ "collection", "fields", "from",
 * "to", "rows" }], "envelope": null | { "id", "to", "kind", "bucket" }, "stats" }` (`from`/`to` ISO
 * times, `from` null for all history; `stats` timings in ms).
 */

import type { RunOutcome } from '../../host/index.ts'
import { parseArgs, positional, UsageError } from '../_args.ts'
import type { CliIO, Command } from '../_command.ts'
import { askYesNo, isInteractive } from './_confirm.ts'
import { PASSPHRASE_FLAGS, withRuntime } from './_vault_common.ts'
import { DeclinedError } from './errors.ts'

const iso = (t: number): string | null => (Number.isFinite(t) ? new Date(t).toISOString() : null)

/** The outcome as the documented JSON. */
function outcomeJson(o: RunOutcome): unknown {
  const e = o.envelope
  return {
    bundleId: o.bundleId,
    mode: o.mode,
    output: o.output,
    bits: o.bits,
    read: o.read.map((r) => ({
      collection: r.collection,
      fields: r.fields,
      from: iso(r.from),
      to: iso(r.to),
      rows: r.rows,
    })),
    envelope: e
      ? { id: e.envelope.id, to: e.envelope.to, kind: e.meta.kind, bucket: e.meta.bucket }
      : null,
    stats: o.stats,
  }
}

function printReads(io: CliIO, read: RunOutcome['read']): void {
  for (const r of read) {
    io.out(`  read ${r.rows} rows of ${r.collection} (${r.fields.join(', ')})`)
  }
}

function printOutcome(io: CliIO, o: RunOutcome, vaultPath: string): void {
  io.out(`${o.bundleId} (${o.mode}) answered: ${JSON.stringify(o.output)}`)
  printReads(io, o.read)
  if (o.mode === 'private') io.out(`  at most ${o.bits.toFixed(2)} bits, charged to today's budget`)
  if (!o.envelope) {
    io.out('  local: the answer stays on this device')
    return
  }
  io.out(
    `  sealed for ${o.envelope.envelope.to}: envelope ${o.envelope.envelope.id} is in the outbox` +
      ` (${o.envelope.meta.bucket}-byte bucket)`,
  )
  io.out(`  hand it to the relay: sealpost outbox ${vaultPath} --export FILE`)
}

export const runCommand: Command = {
  name: ['run'],
  usage: 'run VAULT BUNDLE_ID [--json] [--preview [--yes]]',
  summary: 'run an installed bundle now; the answer is sealed to the partner',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: [...PASSPHRASE_FLAGS],
      boolean: ['json', 'preview', 'yes'],
    })
    const path = positional(args, 0, 'VAULT folder')
    const bundleId = positional(args, 1, 'BUNDLE_ID')
    if (args.positionals.length > 2) throw new UsageError('run takes a vault and a bundle id')
    const preview = args.flags.has('preview')
    const yes = args.flags.has('yes')
    if (yes && !preview) throw new UsageError('--yes goes with --preview')
    if (preview && !yes && !isInteractive()) {
      throw new UsageError('not on a terminal: --preview needs --yes to send')
    }
    const outcome = await withRuntime(
      path,
      args,
      io,
      async (rt) => {
        if (!preview) return rt.run(bundleId)
        const p = await rt.preview(bundleId)
        if (!args.flags.has('json')) {
          io.out(`${bundleId} would send: ${JSON.stringify(p.output)}`)
          printReads(io, p.read)
        }
        if (yes || (await askYesNo('Send exactly this?'))) return p.send()
        await p.decline()
        throw new DeclinedError(`you declined: nothing from ${bundleId} was sent`)
      },
      { warmSandbox: true },
    )
    if (args.flags.has('json')) io.out(JSON.stringify(outcomeJson(outcome)))
    else printOutcome(io, outcome, path)
    return 0
  },
}
