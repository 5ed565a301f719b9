/**
 * Every fuzz target, twice: the committed corpus (seeds and every crash the fuzzer ever saved)
 * replayed as regression tests, then a short fresh fuzz. `npm run fuzz` runs the long version.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { FUZZ_TARGETS, type FuzzInput } from './_targets.ts'

const dir = fileURLToPath(new URL('./corpus/', import.meta.url))
const saved = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    file: f,
    ...(JSON.parse(readFileSync(dir + f, 'utf8')) as { target: string; input: FuzzInput }),
  }))

describe('the fuzz corpus replays clean', () => {
  it('has an entry for every target', () => {
    const covered = new Set(saved.map((s) => s.target))
    expect(Object.keys(FUZZ_TARGETS).filter((t) => !covered.has(t))).toEqual([])
  })
  for (const s of saved) {
    it(`${s.file}`, async () => {
      const target = FUZZ_TARGETS[s.target]
      expect(target).toBeDefined()
      await target!.check(s.input)
    })
  }
})

describe('a short fuzz of every target', () => {
  for (const [name, target] of Object.entries(FUZZ_TARGETS)) {
    it(
      name,
      async () => {
        await fc.assert(
          fc.asyncProperty(target.arbitrary, async (input) => {
            await target.check(input)
          }),
          { numRuns: 150 },
        )
      },
      60_000,
    )
  }
})
