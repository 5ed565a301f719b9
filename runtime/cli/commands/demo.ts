/** `sealpost demo`: the end-to-end story on a generated persona (what `npm start` runs). */

import { flagValue, parseArgs, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { runDemo } from '../../demo/story.ts'

function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`)
  return n
}

export const demoCommand: Command = {
  name: ['demo'],
  usage: 'demo [--seed N] [--scale S]',
  summary: 'the end-to-end story on a generated persona',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['seed', 'scale'] })
    if (args.positionals.length > 0) throw new UsageError('demo takes no arguments')
    const seed = numberFlag(flagValue(args, 'seed'), 'seed')
    const scale = numberFlag(flagValue(args, 'scale'), 'scale')
    const report = await runDemo({
      ...(seed !== undefined ? { seed } : {}),
      ...(scale !== undefined ? { scale } : {}),
    })
    for (const line of report.lines) io.out(line)
    return 0
  },
}
