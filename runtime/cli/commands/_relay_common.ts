/** What the relay commands share: reading the partner key, the operator key, the relay URL. */

import { readFile } from 'node:fs/promises'
import { KeyFileError } from '../../bundle/errors.ts'
import { parsePartnerKey, type PartnerKey } from '../../bundle/keys.ts'
import { fromHex, utf8Decode } from '../../crypto/bytes.ts'
import { flagValue, UsageError, type ParsedArgs } from '../_args.ts'
import type { CliIO } from '../_command.ts'
import { readFileArg } from '../_input.ts'

/** The environment variable naming the operator's public key (hex, or an operator.pub path). */
export const OPERATOR_ENV = 'SEALPOST_OPERATOR_KEY'

/** `--relay URL`, required. */
export function relayUrl(args: ParsedArgs): string {
  const url = flagValue(args, 'relay')
  if (!url) throw new UsageError('missing --relay URL')
  if (!/^https?:\/\//.test(url))
    throw new UsageError(`--relay must be an http(s) URL, got '${url}'`)
  return url
}

/** `--key ID.key`, required, parsed. The caller disposes it. */
export async function partnerKeyArg(args: ParsedArgs, io: CliIO): Promise<PartnerKey> {
  const path = flagValue(args, 'key')
  if (!path) throw new UsageError('missing --key ID.key')
  const bytes = await readFileArg(
    path,
    'key file',
    4096,
    (size) => new KeyFileError(`${path} is ${size} bytes: too long to be a key file`),
    io,
  )
  return parsePartnerKey(utf8Decode(bytes))
}

/** The operator key from `--operator` or SEALPOST_OPERATOR_KEY: hex, or an operator.pub file. */
export async function operatorKeyArg(args: ParsedArgs, io: CliIO): Promise<Uint8Array | undefined> {
  const raw = flagValue(args, 'operator') ?? io.env[OPERATOR_ENV]
  if (raw === undefined || raw === '') return undefined
  if (/^[0-9a-f]{64}$/.test(raw)) return fromHex(raw)
  let text: string
  try {
    text = await readFile(raw, 'utf8')
  } catch {
    throw new UsageError(`--operator must be 64 hex digits or an operator.pub file, got '${raw}'`)
  }
  const { parseOperatorPublicKey } = await import('../../../relay/operator_key.ts')
  try {
    return parseOperatorPublicKey(text)
  } catch (e) {
    throw new UsageError(`${raw}: ${(e as Error).message}`)
  }
}

/** Dollars of integer cents. */
export const dollars = (cents: number): string => `$${(cents / 100).toFixed(2)}`
