/**
 * `sealpost relay partner add ID.pub --name N (--data DIR | --database URL)`: admits a partner
 * (or updates its key and name); the directory served next carries it, under a new version.
 * With `--data`, run it while the relay is stopped: PGlite is one process's database.
 */

import { admitPartner } from '../../../relay/db/queries.ts'
import { toHex } from '../../crypto/bytes.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { readPublicKeyArg } from '../_input.ts'
import { openRelayDatabase, RELAY_DB_FLAGS } from './_relay_open.ts'

export const relayPartnerAddCommand: Command = {
  name: ['relay', 'partner', 'add'],
  usage: 'relay partner add ID.pub --name NAME (--data DIR | --database URL) [--json]',
  summary: 'admit a partner to the relay',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: [...RELAY_DB_FLAGS, 'name'], boolean: ['json'] })
    const file = positional(args, 0, 'ID.pub')
    if (args.positionals.length > 1) throw new UsageError('relay partner add takes one ID.pub')
    const name = flagValue(args, 'name')
    if (!name) throw new UsageError('missing --name NAME')
    const pub = await readPublicKeyArg(file, io)
    const db = await openRelayDatabase(args, io)
    try {
      await admitPartner(db, {
        id: pub.partnerId,
        name,
        keyId: pub.keyId,
        signingPublic: toHex(pub.signingPublic),
        sealingPublic: toHex(pub.sealingPublic),
        admittedAt: Date.now(),
      })
    } finally {
      await db.close()
    }
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ partnerId: pub.partnerId, keyId: pub.keyId, name }))
      return 0
    }
    io.out(`admitted ${pub.partnerId} (${name}), key id ${pub.keyId}`)
    return 0
  },
}
