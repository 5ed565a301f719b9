/**
 * The fuzzer that keeps going: `npm run fuzz -- [--seconds N] [--target NAME]` runs every target
 * (or one) for N seconds each (default 30) with fresh random seeds, and saves each crash it finds
 * to `tests/fuzz/corpus/` as a JSON file, which `corpus.test.ts` then replays in every test run.
 * Exit 1 when it found a crash. CI runs it for a few minutes; run it for hours on demand.
 */
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { FUZZ_TARGETS, type FuzzInput } from './_targets.ts'

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '30' }, target: { type: 'string' } },
})
const seconds = Number(values.seconds)
if (!(seconds > 0)) throw new RangeError('--seconds must be a positive number')
const names = values.target ? [values.target] : Object.keys(FUZZ_TARGETS)
const corpus = fileURLToPath(new URL('./corpus/', import.meta.url))

let crashes = 0
for (const name of names) {
  const target = FUZZ_TARGETS[name]
  if (!target)
    throw new RangeError(`no fuzz target '${name}' (${Object.keys(FUZZ_TARGETS).join(', ')})`)
  const started = Date.now()
  let runs = 0
  const result = await fc.check(
    fc.asyncProperty(target.arbitrary, async (input: FuzzInput) => {
      runs++
      await target.check(input)
    }),
    {
      numRuns: Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit: seconds * 1000,
      markInterruptAsFailure: false,
    },
  )
  const rate = Math.round(runs / ((Date.now() - started) / 1000))
  if (result.failed && result.counterexample) {
    crashes++
    const input = result.counterexample[0] as FuzzInput
    const body = JSON.stringify({ target: name, input }, null, 1)
    const file = `${corpus}${name}-${createHash('sha256').update(body).digest('hex').slice(0, 12)}.json`
    await mkdir(corpus, { recursive: true })
    await writeFile(file, body + '\n')
    console.log(`${name}: CRASH after ${runs} runs: ${String(result.errorInstance)}`)
    console.log(`  saved ${file}`)
  } else {
    console.log(`${name}: ${runs} runs in ${seconds} s (${rate}/s), no crash`)
  }
}
process.exitCode = crashes > 0 ? 1 : 0
