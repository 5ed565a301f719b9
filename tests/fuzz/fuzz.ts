/**
 * The fuzzer that keeps going: `npm run fuzz -- [--seconds N] [--target NAME] [--corpus DIR]
 * [--seed N]` runs every target (or one) for N seconds each (default 30) with fresh random inputs,
 * and saves each crash it finds to `tests/fuzz/corpus/` (or DIR) as a JSON file, which
 * `corpus.test.ts` then replays in every test run. Exit 1 when it found a crash, 2 on wrong usage.
 * CI runs it for a few minutes; run it for hours on demand.
 */
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { fuzzTargets } from './_fuzz_run.ts'
import { FUZZ_TARGETS, type FuzzTarget } from './_targets.ts'

const USAGE = `usage: npm run fuzz -- [--seconds N] [--target NAME] [--corpus DIR] [--seed N]

  --seconds N    time per target (default 30); every target runs in turn
  --target NAME  one target: ${Object.keys(FUZZ_TARGETS).join(', ')}
  --corpus DIR   where crashing inputs are saved (default tests/fuzz/corpus/)
  --seed N       fast-check seed, to replay a run

Exit 0 when no target crashed, 1 when one did (its input saved), 2 on wrong usage.`

function usageError(message: string): never {
  console.error(`fuzz: ${message}`)
  console.error(USAGE)
  process.exit(2)
}

let values: { seconds: string; target?: string; corpus?: string; seed?: string; help?: boolean }
try {
  values = parseArgs({
    options: {
      seconds: { type: 'string', default: '30' },
      target: { type: 'string' },
      corpus: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values as typeof values
} catch (e) {
  usageError((e as Error).message)
}
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
const seconds = Number(values.seconds)
if (!(seconds > 0 && Number.isFinite(seconds))) usageError('--seconds must be a positive number')
const seed = values.seed === undefined ? undefined : Number(values.seed)
if (seed !== undefined && !Number.isSafeInteger(seed)) usageError('--seed must be an integer')
let targets: Record<string, FuzzTarget> = { ...FUZZ_TARGETS }
if (values.target !== undefined) {
  const one = FUZZ_TARGETS[values.target]
  if (!one) usageError(`no fuzz target '${values.target}'`)
  targets = { [values.target]: one }
}

const started = Date.now()
const outcomes = await fuzzTargets(targets, {
  seconds,
  corpus: values.corpus ?? fileURLToPath(new URL('./corpus/', import.meta.url)),
  ...(seed === undefined ? {} : { seed }),
  log: (line) => console.log(line),
})
const crashes = outcomes.filter((o) => o.crash !== undefined).length
const runs = outcomes.reduce((n, o) => n + o.runs, 0)
console.log(
  `${outcomes.length} target(s), ${runs} runs in ${((Date.now() - started) / 1000).toFixed(0)} s: ` +
    (crashes === 0 ? 'no crash' : `${crashes} crash(es), inputs saved (exit 1)`),
)
process.exitCode = crashes > 0 ? 1 : 0
