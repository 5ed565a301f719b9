/**
 * `sealpost vault search VAULT COLLECTION [TEXT...]`: records by time range, field filters and
 * full-text terms. `--where` takes comma-separated conditions: `category=bakery,amount>=10`.
 */

import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import type { FieldFilter } from '../../vault/index.ts'
import { openFromArgs, timeFlag } from './_vault_common.ts'

function parseValue(raw: string): string | number | boolean {
  if (raw === 'true' || raw === 'false') return raw === 'true'
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw)
  return raw
}

/** `a=b,c>=3,d<x` → where filters. */
export function parseWhere(text: string): Record<string, FieldFilter> {
  const out: Record<string, FieldFilter> = {}
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(>=|<=|>|<|=)\s*(.*?)\s*$/.exec(part)
    if (!m)
      throw new UsageError(`--where: cannot read '${part}' (use field=value, field>=value, ...)`)
    const [, field, op, raw] = m as unknown as [string, string, string, string]
    const value = parseValue(raw)
    if (op === '=') {
      out[field] = value
      continue
    }
    if (typeof value === 'boolean')
      throw new UsageError(`--where: ${field}${op} needs a number or text`)
    const prev = out[field]
    const range = typeof prev === 'object' ? { ...prev } : {}
    const key = ({ '>=': 'gte', '<=': 'lte', '>': 'gt', '<': 'lt' } as const)[op as '>=']
    out[field] = { ...range, [key]: value }
  }
  return out
}

export const vaultSearchCommand: Command = {
  name: ['vault', 'search'],
  usage:
    'vault search VAULT COLLECTION [TEXT...] [--from D] [--to D] [--where F] [--limit N] [--json]',
  summary: 'find records by time, field values and words',
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['passphrase-file', 'from', 'to', 'where', 'limit'],
      boolean: ['json'],
    })
    const path = positional(args, 0, 'VAULT folder')
    const collection = positional(args, 1, 'COLLECTION')
    const text = args.positionals.slice(2).join(' ')
    const limitRaw = flagValue(args, 'limit')
    const limit = limitRaw === undefined ? 50 : Number(limitRaw)
    if (!Number.isInteger(limit) || limit < 0)
      throw new UsageError('--limit must be a whole number')
    const where = flagValue(args, 'where')
    const from = timeFlag(args, 'from')
    const to = timeFlag(args, 'to')
    using vault = await openFromArgs(path, args, io)
    const records = await vault.search({
      collection,
      limit,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(where !== undefined ? { where: parseWhere(where) } : {}),
      ...(text !== '' ? { text } : {}),
    })
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ collection, records }))
      return 0
    }
    for (const r of records) io.out(JSON.stringify(r))
    io.err(
      `${records.length} record${records.length === 1 ? '' : 's'}${records.length === limit ? ' (limit reached)' : ''}`,
    )
    return 0
  },
}
