/**
 * `sealpost open FILE --key ID.key [--json]`: the partner's side. Opens the sealed envelopes in FILE
 * (one envelope as JSON, an array of them, or an outbox exported with `sealpost outbox VAULT
 * --export FILE`) with the partner's secret sealing key. Envelopes addressed to other partners are
 * skipped; one addressed to this partner that does not open (wrong key, altered) is refused.
 *
 * `--json`: `{ "partnerId", "opened": [{ "id", "kind", "bundleId", "bundleDigest", "pseudonym",
 * "output", "sentAt", "contractDigest" }], "skipped": N }`.
 */

import { KeyFileError } from '../../bundle/errors.ts'
import { parsePartnerKey } from '../../bundle/keys.ts'
import { utf8Decode, wipe } from '../../crypto/bytes.ts'
import {
  EnvelopeMalformedError,
  EnvelopeOpenError,
  openEnvelope,
  type EnvelopePayload,
  type SealedEnvelope,
} from '../../delivery/index.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { readFileArg } from './_vault_common.ts'
import { OUTBOX_EXPORT_FORMAT } from './outbox.ts'

/** Envelope files larger than this are refused before they are read. */
const MAX_ENVELOPE_FILE_BYTES = 256 * 1024 * 1024
const MAX_KEY_FILE_BYTES = 4096

/** The envelopes in a parsed file: one, an array, or an exported outbox. */
function envelopesIn(parsed: unknown, file: string): readonly SealedEnvelope[] {
  if (Array.isArray(parsed)) return parsed as SealedEnvelope[]
  if (typeof parsed === 'object' && parsed !== null) {
    const o = parsed as { format?: unknown; envelopes?: unknown; version?: unknown }
    if (o.format === OUTBOX_EXPORT_FORMAT && Array.isArray(o.envelopes)) {
      return o.envelopes as SealedEnvelope[]
    }
    if (o.version !== undefined) return [parsed as SealedEnvelope]
  }
  throw new EnvelopeMalformedError(
    `${file} holds no envelope, array of envelopes or ${OUTBOX_EXPORT_FORMAT} export`,
  )
}

export const openCommand: Command = {
  name: ['open'],
  usage: 'open FILE_OR_OUTBOX --key ID.key [--json]',
  summary: "partner side: open the sealed envelopes addressed to the key's partner",
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['key'], boolean: ['json'] })
    const file = positional(args, 0, 'envelope FILE')
    if (args.positionals.length > 1) throw new UsageError('open takes one file')
    const keyPath = flagValue(args, 'key')
    if (keyPath === undefined) throw new UsageError('missing --key ID.key')
    const bytes = await readFileArg(
      file,
      'envelope file',
      MAX_ENVELOPE_FILE_BYTES,
      (size) => new EnvelopeMalformedError(`${file} is ${size} bytes: too large to be envelopes`),
      io,
    )
    let parsed: unknown
    try {
      parsed = JSON.parse(utf8Decode(bytes))
    } catch (cause) {
      throw new EnvelopeMalformedError(`${file} is not JSON`, { cause })
    }
    const envelopes = envelopesIn(parsed, file)
    const keyBytes = await readFileArg(
      keyPath,
      'key file',
      MAX_KEY_FILE_BYTES,
      (size) => new KeyFileError(`${keyPath} is ${size} bytes: too long to be a key file`),
    )
    using key = parsePartnerKey(utf8Decode(keyBytes), keyPath)
    const mine = envelopes.filter((e) => e?.to === key.partnerId)
    if (envelopes.length > 0 && mine.length === 0) {
      throw new EnvelopeOpenError(
        `none of the ${envelopes.length} envelope(s) in ${file} is addressed to ${key.partnerId}`,
      )
    }
    const secret = key.sealingSecret()
    const opened: (EnvelopePayload & { id: string })[] = []
    try {
      for (const e of mine) opened.push({ id: e.id, ...(await openEnvelope(e, secret)) })
    } finally {
      wipe(secret)
    }
    const skipped = envelopes.length - mine.length
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ partnerId: key.partnerId, opened, skipped }))
      return 0
    }
    io.out(
      `${opened.length} envelope(s) for ${key.partnerId} opened` +
        (skipped > 0 ? `, ${skipped} for other partners skipped` : ''),
    )
    for (const p of opened) {
      io.out(
        `${p.id}  ${p.kind}  ${p.bundleId}  from ${p.pseudonym}  sent ${new Date(p.sentAt).toISOString()}`,
      )
      io.out(`    ${JSON.stringify(p.output)}`)
    }
    return 0
  },
}
