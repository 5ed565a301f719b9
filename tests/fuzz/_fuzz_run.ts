/**
 * The fuzz loop behind `npm run fuzz`: each target runs for a time budget on fresh random inputs;
 * the first crash of a target is shrunk, saved to the corpus folder as `TARGET-HASH.json` (what
 * `corpus.test.ts` replays) and counted.
 */
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FuzzInput, FuzzTarget } from './_targets.ts'

export interface FuzzOptions {
  /** Seconds per target. */
  readonly seconds: number
  /** Folder the crashing inputs are written to. */
  readonly corpus: string
  /** fast-check seed, to replay a run; random by default. */
  readonly seed?: number
  readonly log?: (line: string) => void
}

export interface FuzzOutcome {
  readonly target: string
  readonly runs: number
  /** The saved crash, if the target had one. */
  readonly crash?: { readonly file: string; readonly error: string }
}

/** Fuzzes `targets` one after the other; one outcome per target. */
export async function fuzzTargets(
  targets: Readonly<Record<string, FuzzTarget>>,
  opts: FuzzOptions,
): Promise<FuzzOutcome[]> {
  const log = opts.log ?? (() => {})
  const outcomes: FuzzOutcome[] = []
  for (const [name, target] of Object.entries(targets)) {
    const started = Date.now()
    let runs = 0
    const result = await fc.check(
      fc.asyncProperty(target.arbitrary, async (input: FuzzInput) => {
        runs++
        await target.check(input)
      }),
      {
        numRuns: Number.MAX_SAFE_INTEGER,
        interruptAfterTimeLimit: opts.seconds * 1000,
        markInterruptAsFailure: false,
        ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      },
    )
    const rate = Math.round(runs / Math.max(0.001, (Date.now() - started) / 1000))
    if (result.failed && result.counterexample) {
      const input = result.counterexample[0] as FuzzInput
      const body = JSON.stringify({ target: name, input }, null, 1)
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
      const file = join(opts.corpus, `${name}-${hash}.json`)
      await mkdir(opts.corpus, { recursive: true })
      await writeFile(file, body + '\n')
      const error = String(result.errorInstance)
      log(`${name}: CRASH after ${runs} runs (seed ${result.seed}): ${error.slice(0, 500)}`)
      log(`  saved ${file}`)
      outcomes.push({ target: name, runs, crash: { file, error } })
    } else {
      log(`${name}: ${runs} runs in ${opts.seconds} s (${rate}/s), no crash`)
      outcomes.push({ target: name, runs })
    }
  }
  return outcomes
}
