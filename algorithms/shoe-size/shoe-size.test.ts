import { afterAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadFixtures, runFixture } from '../../tests/_helpers/fixtures.ts'
// The module's own helpers, imported natively to test the conversion table directly.
// @ts-expect-error plain JavaScript module without types
import { toEuSize } from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

describe('shoe-size', () => {
  it('converts US, UK and EU receipt sizes to EU', () => {
    const cases: [string, number | undefined][] = [
      ['EU 42', 42],
      ['42', 42],
      ['US 9', 42],
      ['US M 9', 42],
      ['US 9.5', 43],
      ['US W 8', 39],
      ['UK 8', 42],
      ['UK 8,5', 43],
      ['UK 9', 43],
      ['US 10', 43],
      ['M', undefined],
      ['XL', undefined],
      ['EU 12', undefined],
    ]
    for (const [text, eu] of cases) expect([text, toEuSize(text)]).toEqual([text, eu])
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const result = await runFixture(dir, fixture, sandbox)
      expect(result.output).toEqual(fixture.expected)
      // Only the consented fields were read.
      expect(result.read.map((r) => [r.collection, r.fields])).toEqual([
        ['purchases', ['orderedAt', 'category', 'size']],
      ])
    })
  }
})
