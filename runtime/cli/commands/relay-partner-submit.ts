/**
 * `sealpost relay partner submit ADMISSION.json --relay URL [--operator KEY]`: posts an
 * operator-signed admission (`relay partner admit`) to the relay, which checks it against its own
 * operator key and admits the partner under a new directory version. With `--operator` (or
 * SEALPOST_OPERATOR_KEY) the document is checked here first, and so is the directory the relay
 * answers with when it had applied the document before.
 *
 * `--json` prints `{ "partnerId", "keyId", "directoryVersion", "applied" }`.
 */

import { utf8Decode } from '../../crypto/bytes.ts'
import { submitAdmission } from '../../relay/client.ts'
import { verifyDocument, type PartnerAdmission, type SignedDocument } from '../../relay/protocol.ts'
import { KeyFileError } from '../../bundle/errors.ts'
import { parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { readFileArg } from '../_input.ts'
import { operatorKeyArg, relayUrl } from './_relay_common.ts'

export const relayPartnerSubmitCommand: Command = {
  name: ['relay', 'partner', 'submit'],
  usage: 'relay partner submit ADMISSION.json --relay URL [--operator KEY] [--json]',
  summary: 'post an operator-signed admission to the relay (partner or operator)',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['relay', 'operator'], boolean: ['json'] })
    const file = positional(args, 0, 'ADMISSION.json')
    if (args.positionals.length > 1)
      throw new UsageError('relay partner submit takes one ADMISSION.json')
    const url = relayUrl(args)
    const bytes = await readFileArg(
      file,
      'admission',
      64 * 1024,
      (size) => new KeyFileError(`${file} is ${size} bytes: too long to be an admission`),
      io,
    )
    let doc: SignedDocument<PartnerAdmission>
    try {
      doc = JSON.parse(utf8Decode(bytes)) as SignedDocument<PartnerAdmission>
    } catch {
      throw new KeyFileError(`${file} is not JSON`)
    }
    if (doc?.type !== 'admission' || doc.body?.format !== 'sealpost-admission-v1')
      throw new KeyFileError(`${file} is not a sealpost-admission-v1 document`)
    const operatorKey = await operatorKeyArg(args, io)
    if (operatorKey && !verifyDocument(doc, 'admission', operatorKey))
      throw new KeyFileError(`${file} is not signed by the operator key given`)
    const r = await submitAdmission({ url, ...(operatorKey ? { operatorKey } : {}) }, doc)
    if (args.flags.has('json')) {
      io.out(JSON.stringify(r))
      return 0
    }
    io.out(
      `${r.applied ? 'admitted' : 'already admitted:'} ${r.partnerId}, key id ${r.keyId}, directory version ${r.directoryVersion}`,
    )
    return 0
  },
}
