/**
 * `sealpost dial VAULT [1|2|3] [--json]`: shows or sets the personalization dial; bundles asking for
 * a deeper level than the dial do not run (1 basic, 2 intermediate — the default —, 3 deep).
 *
 * `--json`: `{ "dial": 1 | 2 | 3 }` (the level after any change).
 */

import type { PersonalizationLevel } from '../../consent/index.ts'
import { parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { PASSPHRASE_FLAGS, withRuntime } from './_vault_common.ts'

const LEVEL_NAMES: Record<PersonalizationLevel, string> = {
  1: 'basic',
  2: 'intermediate',
  3: 'deep',
}

function parseLevel(raw: string): PersonalizationLevel {
  if (raw === '1' || raw === '2' || raw === '3') return Number(raw) as PersonalizationLevel
  throw new UsageError(`the dial is 1, 2 or 3, got '${raw}'`)
}

export const dialCommand: Command = {
  name: ['dial'],
  usage: 'dial VAULT [1|2|3] [--json]',
  summary: 'show or set the personalization dial',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: [...PASSPHRASE_FLAGS], boolean: ['json'] })
    const path = positional(args, 0, 'VAULT folder')
    if (args.positionals.length > 2) throw new UsageError('dial takes a vault and a level')
    const raw = args.positionals[1]
    const level = raw === undefined ? undefined : parseLevel(raw)
    const dial = await withRuntime(path, args, io, async (rt) => {
      if (level !== undefined) await rt.setDial(level)
      return rt.dial()
    })
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ dial }))
      return 0
    }
    const verb = level === undefined ? 'is' : 'set to'
    io.out(
      `personalization dial ${verb} ${dial} (${LEVEL_NAMES[dial]}): bundles up to level ${dial} may run`,
    )
    return 0
  },
}
