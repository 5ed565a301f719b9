import { afterAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadFixtures, runFixture } from '../../tests/_helpers/fixtures.ts'

// The AssemblyScript reference folder, compiled the way `bundle build` compiles it (the glue
// imported as 'sealpost/guest/as', resolved from the package): the same answers as the
// JavaScript module on the same fixtures.
const dir = fileURLToPath(new URL('.', import.meta.url))
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

describe('favorite-sport-wasm', () => {
  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, { timeout: 600_000 }, async () => {
      const result = await runFixture(dir, fixture, sandbox)
      expect(result.output).toEqual(fixture.expected)
    })
  }
})
