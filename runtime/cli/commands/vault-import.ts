/** `sealpost vault import VAULT FILE [--format F]`: read a person's export file into the vault. */

import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'
import { importFile, sourceFromFile } from '../../importers/index.ts'
import type { ArchiveEntryReport, ImportReport } from '../../importers/index.ts'
import { oneLine } from '../../../sandbox/errors.ts'
import { progressPrinter, STDIN, stdinSource } from '../_input.ts'
import { openFromArgs } from './_vault_common.ts'

export const vaultImportCommand: Command = {
  name: ['vault', 'import'],
  usage: 'vault import VAULT FILE|- [--format F] [--json]',
  summary:
    'import an export file or stdin (format detected unless given); re-importing adds nothing',
  async run(argv, io) {
    const args = parseArgs(argv, { valued: ['passphrase-file', 'format'], boolean: ['json'] })
    const path = positional(args, 0, 'VAULT folder')
    const file = positional(args, 1, 'FILE to import')
    if (args.positionals.length > 2)
      throw new UsageError('vault import takes a folder and one file')
    const format = flagValue(args, 'format')
    using vault = await openFromArgs(path, args, io)
    const source = file === STDIN ? stdinSource(io) : sourceFromFile(file)
    // An archive reports each entry: imported (with its format and counts) or skipped and why.
    // A file's importer may say how it read it (a bank CSV: which preset, which rows it skipped);
    // an archive entry's report comes just before the entry's own, and takes its path.
    const entries: ArchiveEntryReport[] = []
    const reports: ImportReport[] = []
    const byEntry = new Map<ArchiveEntryReport, ImportReport[]>()
    let pending: ImportReport[] = []
    const onReport = (r: ImportReport): void => void pending.push(r)
    const onEntry = (e: ArchiveEntryReport): void => {
      entries.push(e)
      const own = e.status === 'imported' ? pending.map((r) => ({ ...r, file: e.path })) : []
      byEntry.set(e, own)
      reports.push(...own)
      pending = []
    }
    const records = importFile(
      source,
      format === undefined ? { onEntry, onReport } : { format, onEntry, onReport },
    )
    const counts = await vault.ingestAll(records, { onProgress: progressPrinter(io, file) })
    reports.push(...pending)
    if (args.flags.has('json')) {
      io.out(
        JSON.stringify({
          file,
          generation: vault.generation,
          collections: counts,
          ...(entries.length > 0 ? { entries } : {}),
          ...(reports.length > 0 ? { reports } : {}),
        }),
      )
      return 0
    }
    const names = Object.keys(counts).sort()
    if (names.length === 0) io.out(`${file}: no records`)
    for (const name of names) {
      const c = counts[name]!
      io.out(`${name}: ${c.added} added, ${c.duplicates} already in the vault`)
    }
    if (entries.length === 0) for (const r of reports) io.out(reportLine(r))
    if (entries.length > 0) {
      const imported = entries.filter((e) => e.status === 'imported').length
      io.out(
        `${entries.length} archive entries: ${imported} imported, ${entries.length - imported} skipped`,
      )
      for (const e of entries) {
        io.out(`  ${entryLine(e)}`)
        for (const r of byEntry.get(e) ?? []) io.out(`    ${reportLine(r)}`)
      }
    }
    return 0
  },
}

/**
 * One line of the archive report: `imported Takeout/…/Records.json (takeout-location: 12 locations)`.
 * Paths and reasons come from the file: written as one printable line.
 */
function entryLine(e: ArchiveEntryReport): string {
  if (e.status === 'imported') {
    const counts = Object.entries(e.counts ?? {})
      .map(([collection, n]) => `${n} ${collection}`)
      .join(', ')
    return `imported ${oneLine(e.path, 500)} (${e.format}: ${counts === '' ? 'no records' : counts})`
  }
  return `skipped  ${oneLine(e.path, 500)}: ${oneLine(e.reason ?? 'no reason given', 500)}`
}

/** `read as Revolut; 3 rows skipped: 2 not completed (PENDING), 1 not completed (DECLINED)`. */
export function reportLine(r: ImportReport): string {
  const total = r.skipped.reduce((n, s) => n + s.rows, 0)
  const readAs = `read as ${oneLine(r.readAs, 200)}`
  if (total === 0) return readAs
  const reasons =
    r.skipped.length === 1
      ? oneLine(r.skipped[0]?.reason ?? '', 200)
      : r.skipped.map((s) => `${s.rows} ${oneLine(s.reason, 200)}`).join(', ')
  return `${readAs}; ${total} ${total === 1 ? 'row' : 'rows'} skipped: ${reasons}`
}
