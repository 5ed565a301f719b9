import { afterAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { outputBitBound } from '../../runtime/manifest/index.ts'
import { loadFixtures, runFixture } from '../../tests/_helpers/fixtures.ts'
// @ts-expect-error plain JavaScript module without types
import { brandFollowed, brandMatchers, brandsNamed, normalizeWords } from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const brands = JSON.parse(readFileSync(new URL('brands.json', import.meta.url), 'utf8')) as {
  id: string
}[]
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

const named = (text: string): string[] => {
  const m = brandMatchers(brands) as { id: string }[]
  return (brandsNamed(m, text) as number[]).map((b) => m[b]!.id)
}

describe('top-brand', () => {
  it('folds case, accents and punctuation into padded words', () => {
    expect(normalizeWords('Just do it, @Nike!')).toBe(' just do it nike ')
    expect(normalizeWords('Mes Saucony arrivées… #Run', true)).toBe(' mes saucony arrivees #run ')
    expect(normalizeWords('@on_running')).toBe(' on_running ')
  })

  it('finds aliases as whole words and handles only as @handle or #handle', () => {
    expect(named('New Balance Fresh Foam 1080')).toEqual(['new-balance'])
    expect(named('Thanks @salomon and #hoka')).toEqual(['hoka', 'salomon'])
    expect(named('Saw a puma at the zoo')).toEqual([])
    expect(named('Carry on running')).toEqual([])
    expect(named('nikes are not nike')).toEqual(['nike'])
    expect(named('adidasfan')).toEqual([])
  })

  it('matches a followed account to a handle exactly, whatever its case', () => {
    const m = brandMatchers(brands)
    const id = (account: string): string | undefined =>
      (m as { id: string }[])[brandFollowed(m, account) as number]?.id
    expect(id('NikeRunning')).toBe('nike')
    expect(id('@on_running')).toBe('on')
    expect(id('nike_fan_club')).toBeUndefined()
  })

  it('can answer exactly the partner’s brands or other, about 3.5 bits', async () => {
    const bundle = await loadModuleFolder(dir)
    const schema = bundle.manifest.output as {
      properties: { brand: { enum: string[] } }
    }
    expect(schema.properties.brand.enum).toEqual([...brands.map((b) => b.id), 'other'])
    expect(outputBitBound(bundle.manifest.output).bits).toBeCloseTo(Math.log2(11), 9)
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const result = await runFixture(dir, fixture, sandbox)
      expect(result.output).toEqual(fixture.expected)
    })
  }
})
