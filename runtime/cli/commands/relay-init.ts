/**
 * `sealpost relay init --data DIR`: the operator's key for a new relay: DIR/operator.key (secret,
 * mode 0600) and DIR/operator.pub (devices pin it). Never overwrites an existing key.
 */

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { OperatorKey } from '../../../relay/operator_key.ts'
import { KeyFileError } from '../../bundle/errors.ts'
import { flagValue, parseArgs, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'

export const relayInitCommand: Command = {
  name: ['relay', 'init'],
  usage: 'relay init --data DIR [--json]',
  summary: "create a relay's operator key in DIR",
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['data'], boolean: ['json'] })
    if (args.positionals.length > 0)
      throw new UsageError('relay init takes no positional arguments')
    const dir = flagValue(args, 'data')
    if (!dir) throw new UsageError('missing --data DIR')
    await mkdir(dir, { recursive: true })
    using key = OperatorKey.generate()
    const keyPath = join(dir, 'operator.key')
    try {
      await writeFile(keyPath, key.toKeyFile(), { mode: 0o600, flag: 'wx' })
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw new KeyFileError(`${keyPath} already exists; refusing to overwrite the operator key`)
      throw e
    }
    await writeFile(join(dir, 'operator.pub'), key.toPublicFile())
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ operatorKey: key.publicKeyHex, data: dir }))
      return 0
    }
    io.out(`relay operator key ${key.publicKeyHex}`)
    io.out(`  secret  ${keyPath} (mode 0600)`)
    io.out(
      `  public  ${join(dir, 'operator.pub')} (devices pin it: --operator or SEALPOST_OPERATOR_KEY)`,
    )
    return 0
  },
}
