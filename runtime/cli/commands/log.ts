/**
 * `sealpost log VAULT|LOG.json [--verify [--device-key HEX | --vault VAULT]] [--json] [--export FILE]`:
 * what left about the person, to whom, under which contract (the deliveries in the hash-chained
 * audit log, grouped per partner); `--verify` checks the chain instead (exit 1 naming the first bad
 * entry); `--export FILE` writes the log as JSON with the head the device signed, which
 * `log --verify FILE` checks later without the vault or its passphrase: the chain, its end, and the
 * head's device signature. A rewritten log (entries dropped, hashes recomputed) no longer carries a
 * head the device signed. `--device-key HEX` requires the signature of that device;
 * `--vault VAULT` requires the signature of that vault's device and that the vault's own log
 * holds the same entry at the exported head.
 *
 * `--json`: `{ "departed": [{ "seq", "time", "partner", "pseudonym", "kind", "bundleId",
 * "bundleDigest", "contractDigest", "output", "outputDigest", "bits", "consentSeq",
 * "consentStatus" }], "summary": [{ "partner", "transfers", "bits", "bundles", "contracts" }] }`
 * (absent facts are null); with `--verify`: `{ "ok": true, "count", "head" }` or
 * `{ "ok": false, "seq", "reason" }`.
 */

import { stat } from 'node:fs/promises'
import {
  AuditLogBrokenError,
  summarizeLeft,
  verifyLog,
  whatLeft,
  type AuditEntry,
  type DepartedOutput,
  type LogVerification,
  type SignedHead,
} from '../../audit/index.ts'
import { utf8Decode } from '../../crypto/bytes.ts'
import { flagValue, parseArgs, positional, UsageError, type ParsedArgs } from '../_args.ts'
import type { CliIO, Command } from '../_command.ts'
import { PASSPHRASE_FLAGS, readFileArg, withRuntime, writePrivateFile } from './_vault_common.ts'

/** The exported log's format tag. */
export const LOG_EXPORT_FORMAT = 'sealpost-audit-log-v1'

/** An exported log: the entries and the head the vault recorded (device-signed), to detect a cut tail. */
interface LogExport {
  readonly format: typeof LOG_EXPORT_FORMAT
  readonly head: { readonly seq: number; readonly hash: string } | SignedHead
  readonly entries: readonly AuditEntry[]
}

/** Exported logs larger than this are refused before they are read. */
const MAX_LOG_FILE_BYTES = 256 * 1024 * 1024

async function readExport(file: string, io: CliIO): Promise<LogExport> {
  const bytes = await readFileArg(
    file,
    'log file',
    MAX_LOG_FILE_BYTES,
    (size) => new UsageError(`${file} is ${size} bytes, over the ${MAX_LOG_FILE_BYTES} byte cap`),
    io,
  )
  let parsed: unknown
  try {
    parsed = JSON.parse(utf8Decode(bytes))
  } catch {
    throw new UsageError(
      `${file} is not JSON: export a log with 'sealpost log VAULT --export FILE'`,
    )
  }
  const e = parsed as Partial<LogExport> | null
  const head = e?.head
  if (
    e?.format !== LOG_EXPORT_FORMAT ||
    !Array.isArray(e.entries) ||
    typeof head?.seq !== 'number' ||
    typeof head.hash !== 'string'
  ) {
    throw new UsageError(`${file} is not a ${LOG_EXPORT_FORMAT} file`)
  }
  return e as LogExport
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v)

function departedJson(d: DepartedOutput): unknown {
  return {
    seq: d.seq,
    time: d.time,
    partner: d.partner,
    pseudonym: orNull(d.pseudonym),
    kind: d.kind,
    bundleId: d.bundleId,
    bundleDigest: orNull(d.bundleDigest),
    contractDigest: orNull(d.contractDigest),
    output: orNull(d.output),
    outputDigest: orNull(d.outputDigest),
    bits: orNull(d.bits),
    consentSeq: orNull(d.consentSeq),
    consentStatus: orNull(d.consentStatus),
  }
}

const minute = (t: number): string => new Date(t).toISOString().slice(0, 16).replace('T', ' ')
const bitsText = (b: number): string => (Number.isInteger(b) ? String(b) : b.toFixed(2))

function printLeft(io: CliIO, entries: readonly AuditEntry[]): void {
  const departed = whatLeft(entries)
  const summary = summarizeLeft(departed)
  if (departed.length === 0) {
    io.out('Nothing has left this device.')
    return
  }
  io.out(`What left about you: ${departed.length} transfer(s) to ${summary.length} partner(s)`)
  for (const s of summary) {
    io.out(
      `  ${s.partner}: ${s.transfers} transfer(s), at most ${bitsText(s.bits)} bits, ` +
        `bundles ${s.bundles.join(', ')}, under contract(s) ${s.contracts.map((c) => c.slice(0, 12)).join(', ')}`,
    )
  }
  io.out('')
  for (const d of departed) {
    const consent =
      d.consentSeq === undefined
        ? 'no consent entry'
        : `consent #${d.consentSeq} ${d.consentStatus}`
    const what = d.kind === 'output' ? JSON.stringify(d.output) : d.kind
    io.out(`  ${minute(d.time)}  to ${d.partner}  ${d.bundleId}  ${what}  (${consent})`)
  }
}

/** Prints a verification; a broken chain throws the one-line refusal (exit 1). */
function report(io: CliIO, v: LogVerification, json: boolean): number {
  if (json) io.out(JSON.stringify(v))
  if (!v.ok) {
    if (json) {
      io.err(
        `sealpost: ${new AuditLogBrokenError(v.seq, v.reason).message} [SEALPOST_AUDIT_BROKEN]`,
      )
      return 1
    }
    throw new AuditLogBrokenError(v.seq, v.reason)
  }
  if (!json) {
    io.out(`ok: ${v.count} entries, hash chain intact, head ${v.head}`)
    io.out(
      v.signedBy === undefined
        ? '  the head is not signed (a log from before signed heads)'
        : `  head signed by device key ${v.signedBy}`,
    )
  }
  return 0
}

/** The device key and own head of the vault at `path`, to check an exported log against. */
async function vaultAnchor(
  path: string,
  args: ParsedArgs,
  io: CliIO,
  seq: number,
): Promise<{ devicePublicKey: string | undefined; hashAtSeq: string | undefined }> {
  return withRuntime(path, args, io, async (rt) => {
    const head = await rt.log.head()
    const entries = await rt.entries()
    return {
      devicePublicKey: 'devicePublicKey' in head ? head.devicePublicKey : undefined,
      hashAtSeq: seq === 0 ? undefined : entries[seq - 1]?.hash,
    }
  })
}

export const logCommand: Command = {
  name: ['log'],
  usage: 'log VAULT|LOG.json|- [--verify] [--json] [--export FILE]',
  summary: 'what left about you, to whom, under which contract; or verify the log',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['export', 'device-key', 'vault', ...PASSPHRASE_FLAGS],
      boolean: ['verify', 'json'],
    })
    const path = positional(args, 0, 'VAULT folder or exported log')
    if (args.positionals.length > 1) throw new UsageError('log takes one vault or log file')
    const json = args.flags.has('json')
    const verify = args.flags.has('verify')
    const exportTo = flagValue(args, 'export')
    if (exportTo !== undefined && verify) throw new UsageError('--export and --verify go apart')
    const isFile =
      path === '-' ||
      (await stat(path).then(
        (s) => s.isFile(),
        () => false,
      ))
    if (isFile) {
      if (exportTo !== undefined) throw new UsageError('--export needs a vault, not a log file')
      const exported = await readExport(path, io)
      if (verify) {
        let devicePublicKey = flagValue(args, 'device-key')
        const against = flagValue(args, 'vault')
        if (devicePublicKey !== undefined && against !== undefined) {
          throw new UsageError('--device-key and --vault go apart')
        }
        if (devicePublicKey !== undefined && !/^[0-9a-fA-F]{64}$/.test(devicePublicKey)) {
          throw new UsageError('--device-key must be 64 hex digits (an Ed25519 public key)')
        }
        if (against !== undefined) {
          const anchor = await vaultAnchor(against, args, io, exported.head.seq)
          if (anchor.devicePublicKey === undefined) {
            throw new UsageError(`the vault ${against} has no signed log head to check against`)
          }
          if (exported.head.seq > 0 && anchor.hashAtSeq !== exported.head.hash) {
            return report(
              io,
              {
                ok: false,
                seq: exported.head.seq,
                reason:
                  "the vault's own log differs at the exported head: the export was rewritten",
              },
              json,
            )
          }
          devicePublicKey = anchor.devicePublicKey
        }
        return report(
          io,
          verifyLog(exported.entries, {
            head: exported.head,
            ...(devicePublicKey !== undefined ? { devicePublicKey } : {}),
          }),
          json,
        )
      }
      if (json) {
        const departed = whatLeft(exported.entries)
        io.out(
          JSON.stringify({
            departed: departed.map(departedJson),
            summary: summarizeLeft(departed),
          }),
        )
      } else printLeft(io, exported.entries)
      return 0
    }
    return withRuntime(path, args, io, async (rt) => {
      if (verify) return report(io, await rt.log.verify(), json)
      const entries = await rt.entries()
      if (exportTo !== undefined) {
        const v = await rt.log.verify()
        if (!v.ok) throw new AuditLogBrokenError(v.seq, v.reason)
        const doc: LogExport = { format: LOG_EXPORT_FORMAT, head: await rt.log.head(), entries }
        await writePrivateFile(exportTo, JSON.stringify(doc, null, 1) + '\n')
        if (json) io.out(JSON.stringify({ exported: exportTo, count: v.count, head: v.head }))
        else io.out(`exported ${v.count} entries (head ${v.head}) to ${exportTo}`)
        return 0
      }
      const departed = whatLeft(entries)
      if (json) {
        io.out(
          JSON.stringify({
            departed: departed.map(departedJson),
            summary: summarizeLeft(departed),
          }),
        )
        return 0
      }
      printLeft(io, entries)
      const waiting = (await rt.outbox({ pending: true })).length
      if (waiting > 0) io.out(`(${waiting} sealed envelope(s) still wait in the outbox)`)
      return 0
    })
  },
}
