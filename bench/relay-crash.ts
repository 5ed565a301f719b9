/**
 * The kill -9 reliability run at a larger size than the test's (tests/relay/crash.test.ts):
 * `node bin/run-ts.js bench/relay-crash.ts [--kills N] [--per-round N] [--only pglite|postgres]`.
 * Prints one JSON line of figures per database.
 */

import { crashRun } from '../tests/relay/_crash.ts'
import { postgresBinaries } from '../tests/_helpers/postgres.ts'

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const kills = Number(arg('kills') ?? 30)
const perRound = Number(arg('per-round') ?? 20)
const only = arg('only')
for (const backend of ['pglite', 'postgres'] as const) {
  if (only !== undefined && only !== backend) continue
  if (backend === 'postgres' && postgresBinaries() === undefined) {
    console.log(JSON.stringify({ backend, skipped: 'no PostgreSQL binaries' }))
    continue
  }
  const started = Date.now()
  const f = await crashRun({ backend, kills, perRound, seed: 7 })
  console.log(JSON.stringify({ ...f, seconds: Math.round((Date.now() - started) / 1000) }))
}
