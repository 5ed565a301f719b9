/** `sealpost publish FILE --relay URL --key ID.key [--json]`: publish a signed bundle. */

import { BundleTooLargeError } from '../../bundle/errors.ts'
import { maxBundleBytes } from '../../bundle/format.ts'
import { PartnerRelayClient } from '../../relay/client.ts'
import { parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { readFileArg } from '../_input.ts'
import { partnerKeyArg, relayUrl } from './_relay_common.ts'

export const publishCommand: Command = {
  name: ['publish'],
  usage: 'publish FILE --relay URL --key ID.key [--json]',
  summary: "partner side: publish a signed bundle to the relay's registry",
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['relay', 'key'], boolean: ['json'] })
    const file = positional(args, 0, 'bundle FILE')
    if (args.positionals.length > 1) throw new UsageError('publish takes one bundle file')
    const url = relayUrl(args)
    const bytes = await readFileArg(
      file,
      'bundle file',
      maxBundleBytes(),
      (size) => new BundleTooLargeError(`${file} is ${size} bytes, over the bundle cap`),
      io,
    )
    using key = await partnerKeyArg(args, io)
    const offer = await new PartnerRelayClient({ url, key }).publish(bytes)
    if (args.flags.has('json')) {
      io.out(JSON.stringify(offer))
      return 0
    }
    io.out(`published ${offer.bundleId} ${offer.version} (${offer.size} bytes) to ${url}`)
    io.out(`  digest ${offer.digest}`)
    return 0
  },
}
