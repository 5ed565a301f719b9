/**
 * The fuzz loop itself: a crash is found, shrunk, saved where the corpus replay will pick it up,
 * and reported; a clean target reports its runs and saves nothing.
 */
import { afterAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fuzzTargets } from './_fuzz_run.ts'
import type { FuzzInput, FuzzTarget } from './_targets.ts'

const corpus = mkdtempSync(join(tmpdir(), 'sealpost-fuzz-'))
afterAll(() => rmSync(corpus, { recursive: true, force: true }))

/** Crashes (an untyped TypeError) on any text holding a '#'. */
const brittle: FuzzTarget = {
  arbitrary: fc.string({ minLength: 0, maxLength: 20 }).map((text): FuzzInput => ({ text })),
  check(input) {
    if ('text' in input && input.text.includes('#')) throw new TypeError('boom on #')
  },
}
const sturdy: FuzzTarget = { arbitrary: brittle.arbitrary, check: () => {} }

describe('fuzzTargets', () => {
  it('saves a crashing input, shrunk, under the target name, and reports it', async () => {
    const lines: string[] = []
    const [outcome] = await fuzzTargets(
      { brittle },
      { seconds: 2, corpus, seed: 42, log: (l) => lines.push(l) },
    )
    expect(outcome!.crash).toBeDefined()
    expect(outcome!.crash!.error).toContain('boom on #')
    const files = readdirSync(corpus)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^brittle-[0-9a-f]{12}\.json$/)
    // Shrunk to the smallest crashing text, in the format corpus.test.ts replays.
    expect(JSON.parse(readFileSync(join(corpus, files[0]!), 'utf8'))).toEqual({
      target: 'brittle',
      input: { text: '#' },
    })
    expect(lines[0]).toMatch(/^brittle: CRASH after \d+ runs/)
  })

  it('reports a clean target and saves nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sealpost-fuzz-clean-'))
    try {
      const [outcome] = await fuzzTargets({ sturdy }, { seconds: 0.2, corpus: empty })
      expect(outcome!.crash).toBeUndefined()
      expect(outcome!.runs).toBeGreaterThan(0)
      expect(readdirSync(empty)).toEqual([])
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
