/**
 * `sealpost init DIR --partner ID --name NAME [--engine quickjs|wasm] [--collection C]`: a new
 * module folder (manifest, entry, two fixtures, a short README) that `bundle test` passes at once.
 */

import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { ModuleLoadError } from '../../errors.ts'
import { scaffoldModule } from '../../dev/scaffold.ts'
import { flagValue, parseArgs, positional, UsageError } from '../_args.ts'
import type { Command } from '../_command.ts'

const PARTNER_ID = /^[a-z0-9][a-z0-9-]{0,62}$/

export const initCommand: Command = {
  name: ['init'],
  usage: 'init DIR --partner ID --name NAME [--engine quickjs|wasm] [--collection C] [--json]',
  summary: 'start a module folder that bundle test passes at once',
  details: [
    'DIR must not exist or be empty. The bundle id is com.ID.<folder name>.',
    '--engine quickjs (default) writes index.js; wasm writes assembly/index.ts (AssemblyScript).',
    '--collection picks what it reads (default activities); see docs/partners.md for the fields.',
    'Then: sealpost bundle test DIR',
  ],
  async run(argv, io) {
    const args = parseArgs(argv, {
      valued: ['partner', 'name', 'engine', 'collection'],
      boolean: ['json'],
    })
    const dir = resolve(positional(args, 0, 'folder DIR'))
    if (args.positionals.length > 1) throw new UsageError('init takes one folder')
    const partnerId = flagValue(args, 'partner')
    const partnerName = flagValue(args, 'name')
    if (partnerId === undefined) throw new UsageError('missing --partner ID (as in your key files)')
    if (!PARTNER_ID.test(partnerId)) {
      throw new UsageError(`--partner must be a partner id like 'stridewear' (a-z, 0-9, -)`)
    }
    if (partnerName === undefined) throw new UsageError('missing --name NAME (shown to people)')
    const engine = flagValue(args, 'engine') ?? 'quickjs'
    if (engine !== 'quickjs' && engine !== 'wasm') {
      throw new UsageError('--engine must be quickjs or wasm')
    }
    let existing: string[] = []
    try {
      existing = await readdir(dir)
    } catch {
      // absent: created below
    }
    if (existing.length > 0) {
      throw new ModuleLoadError(`${dir} is not empty; init writes only into a new or empty folder`)
    }
    const collection = flagValue(args, 'collection')
    let files
    try {
      files = scaffoldModule({
        partnerId,
        partnerName,
        moduleName: basename(dir),
        engine,
        ...(collection === undefined ? {} : { collection }),
      })
    } catch (e) {
      if (e instanceof ModuleLoadError) throw new UsageError(`--collection: ${e.message}`)
      throw e
    }
    for (const [name, text] of Object.entries(files)) {
      const path = join(dir, name)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, text, { flag: 'wx' })
    }
    const manifest = JSON.parse(files['manifest.json']!) as { id: string }
    if (args.flags.has('json')) {
      io.out(JSON.stringify({ dir, id: manifest.id, engine, files: Object.keys(files).sort() }))
      return 0
    }
    io.out(`created ${manifest.id} (${engine}) in ${dir}:`)
    for (const name of Object.keys(files).sort()) io.out(`  ${name}`)
    io.out('')
    io.out(`next: sealpost bundle test ${positional(args, 0, 'folder DIR')}`)
    return 0
  },
}
