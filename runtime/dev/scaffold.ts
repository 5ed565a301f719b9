/**
 * What `sealpost init` writes: a module folder that passes `bundle test` at once, for either
 * engine, reading one collection. Pure: returns the files, the command writes them.
 */

import { didYouMean } from '../_did_you_mean.ts'
import { defaultCollectionCatalog } from '../manifest/collections.ts'
import { ModuleLoadError } from '../errors.ts'

export type ScaffoldEngine = 'quickjs' | 'wasm'

export interface ScaffoldOptions {
  /** Partner id, as in the key files (`stridewear`). */
  readonly partnerId: string
  /** Partner name people read in the contract (`StrideWear`). */
  readonly partnerName: string
  /** Last part of the bundle id (`com.<partner>.<name>`); from the folder's name. */
  readonly moduleName: string
  readonly engine?: ScaffoldEngine
  /** The collection the module reads (default `activities`); it must have a time field. */
  readonly collection?: string
}

/** File path inside the folder → contents. */
export type ScaffoldFiles = Readonly<Record<string, string>>

/** The run time of the fixtures: fixed, so that they give the same answer on every day. */
const FIXTURE_NOW = Date.UTC(2026, 5, 1)
const DAY_MS = 86_400_000
const WINDOW_DAYS = 90

const json = (v: unknown): string => JSON.stringify(v, null, 2) + '\n'
const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z')

/** A module id segment from a folder name: 'My Module' → 'my-module'. */
export function moduleSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return /^[a-z0-9]/.test(slug) ? slug : `m-${slug || 'module'}`
}

/** The files of a new module folder. */
export function scaffoldModule(options: ScaffoldOptions): ScaffoldFiles {
  const engine = options.engine ?? 'quickjs'
  const collection = options.collection ?? 'activities'
  const catalog = defaultCollectionCatalog()
  const info = catalog.get(collection)
  if (!info) {
    throw new ModuleLoadError(
      `no collection named '${collection}'${didYouMean(collection, catalog.keys())}; the collections are ${[...catalog.keys()].join(', ')}`,
    )
  }
  const timeField = info.timeField
  if (timeField === undefined) {
    const timed = [...catalog.values()].filter((c) => c.timeField !== undefined).map((c) => c.name)
    throw new ModuleLoadError(
      `collection '${collection}' has no time field, so it has no window to start from; pick one of ${timed.join(', ')}`,
    )
  }
  const id = `com.${options.partnerId}.${moduleSlug(options.moduleName)}`
  const entry = engine === 'wasm' ? 'assembly/index.ts' : 'index.js'
  const manifest = {
    id,
    version: '0.1.0',
    partner: { id: options.partnerId, name: options.partnerName },
    engine,
    entry,
    mode: 'private',
    purpose: `Say how active your ${collection} history has been lately (replace with your own reason)`,
    offer: 'Replace with what the person gets in exchange',
    reads: [{ collection, fields: [timeField], window: `P${WINDOW_DAYS}D` }],
    output: {
      type: 'object',
      additionalProperties: false,
      required: ['recordsBand'],
      properties: {
        recordsBand: {
          enum: ['none', '1-9', '10-99', '100+'],
          description: `how many ${collection} records you have from the last ${WINDOW_DAYS} days, as a range`,
        },
      },
    },
    schedule: { kind: 'once' },
    personalization: 1,
    retentionDays: 30,
  }
  const record = (daysAgo: number): Record<string, string> => ({
    [timeField]: iso(FIXTURE_NOW - daysAgo * DAY_MS),
  })
  const files: Record<string, string> = {
    'manifest.json': json(manifest),
    'fixtures/none.json': json({
      description: `no ${collection} records: 'none'`,
      now: iso(FIXTURE_NOW),
      collections: { [collection]: [] },
      expected: { recordsBand: 'none' },
    }),
    'fixtures/a-few.json': json({
      description: `three records in the last ${WINDOW_DAYS} days: '1-9'; one from ${WINDOW_DAYS + 30} days ago is outside the window`,
      now: iso(FIXTURE_NOW),
      collections: { [collection]: [record(WINDOW_DAYS + 30), record(40), record(12), record(1)] },
      expected: { recordsBand: '1-9' },
    }),
    'README.md': [
      `# ${options.partnerName}: ${id}`,
      '',
      `- \`${entry}\` runs on the person's device; \`manifest.json\` says what it reads and what may leave.`,
      '- `npx sealpost bundle test .` runs `fixtures/*.json` and a generated person: output, bits, contract.',
      `- \`npx sealpost keygen --partner ${options.partnerId} --out ../keys\` once (keep the .key secret).`,
      `- \`npx sealpost bundle build . --key ../keys/${options.partnerId}.key --out ${moduleSlug(options.moduleName)}.bundle\` signs it.`,
      '- The manifest, the module contract and every collection: docs/partners.md in the sealpost package.',
      '',
    ].join('\n'),
  }
  if (engine === 'wasm') {
    files['assembly/index.ts'] =
      `// @ts-nocheck: AssemblyScript, compiled by \`sealpost bundle build\` (asc), not by tsc.
// ${options.partnerName}: how many ${collection} records the person has in the window, as a band.
import { Frame, jsonString, output } from 'sealpost/guest/as'
export { output_len } from 'sealpost/guest/as'

/** The run: returns the address of the output JSON (see docs/partners.md, "WebAssembly"). */
export function analyze(): usize {
  const records = Frame.open('${collection}') // null when the manifest does not read it
  const n = records ? records.length : 0
  const label = n >= 100 ? '100+' : n >= 10 ? '10-99' : n >= 1 ? '1-9' : 'none'
  return output('{"recordsBand":' + jsonString(label) + '}')
}
`
  } else {
    files['index.js'] =
      `// ${options.partnerName}: how many ${collection} records the person has in the window, as a
// band. Only the answer leaves, sealed to you; \`npx sealpost bundle test .\` shows it and the
// contract a person reads. Imports: only relative files and 'sealpost/guest' (inlined at build).
import { band } from 'sealpost/guest'

/** Lower bounds of the bands, highest first: what leaves is one of four labels (2 bits). */
const BANDS = [
  [100, '100+'],
  [10, '10-99'],
  [1, '1-9'],
  [0, 'none'],
]

/** @param {import('sealpost/guest').Input} input */
export function analyze(input) {
  const records = input.collections.${collection} // only the fields and window in manifest.json
  return { recordsBand: band(records.length, BANDS) }
}
`
  }
  return files
}
