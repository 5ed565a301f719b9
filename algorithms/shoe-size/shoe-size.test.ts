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
      // As the importers normalise sizes (runtime/importers/purchase_items.ts extractSize).
      ['EU 42 2/3', 43],
      ['EU 42 1/3', 42],
      ['EU 44 2/3', 45],
      ['EU 42.5', 43],
      ['EU 43.5', 44],
      ['US W 9.5', 41],
      ['UK 10', 45],
      // And as shops print them.
      ['EU 42⅔', 43],
      ['EU 42⅓', 42],
      ['EUR 42', 42],
      ['US 9.5 W', 41],
      ["US Women's 8", 39],
      ["US Men's 9", 42],
      ['UK 8½', 43],
      ['UK 8 1/2', 43],
      ['43-46', undefined],
      ['W32 L34', undefined],
      ['EU 42 2/3 cm', undefined],
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
