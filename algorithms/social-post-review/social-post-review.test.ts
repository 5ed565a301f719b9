import { afterAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadFixtures, runFixture } from '../../tests/_helpers/fixtures.ts'
// @ts-expect-error plain JavaScript module without types
import { compileMatcher, foldText, isoDate, words } from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

type Lists = { categories: Record<string, Record<string, string[]>> }
type Match = { categories: string[]; terms: string[] }
const lists = JSON.parse(
  readFileSync(new URL('./wordlists.json', import.meta.url), 'utf8'),
) as Lists
const match = compileMatcher(lists) as (text: string) => Match
const entries = Object.values(lists.categories).flatMap((byLang) => Object.values(byLang).flat())
const exact = new Set(entries.filter((e) => !e.endsWith('*')).map((e) => foldText(e) as string))
const stems = entries.filter((e) => e.endsWith('*')).map((e) => foldText(e.slice(0, -1)) as string)

describe('social-post-review', () => {
  it('ships lists in English, French, German and Spanish for every category', () => {
    for (const [category, byLang] of Object.entries(lists.categories)) {
      expect(Object.keys(byLang).sort(), category).toEqual(['de', 'en', 'es', 'fr'])
      for (const [lang, list] of Object.entries(byLang)) {
        expect(list.length, `${category}/${lang}`).toBeGreaterThanOrEqual(5)
        expect(new Set(list).size, `${category}/${lang} has duplicates`).toBe(list.length)
      }
    }
  })

  it('folds case and accents but keeps ñ', () => {
    expect(foldText('ENCULÉ Scheiße Cœur')).toBe('encule scheisse coeur')
    // A decomposed é (e + U+0301) folds like the precomposed one.
    expect(foldText('encule\u0301')).toBe('encule')
    expect(foldText('Año COÑO')).toBe('año coño')
    expect(words("l'enculé, #fuckmondays 😂 2024")).toEqual(['l', 'encule', 'fuckmondays', '2024'])
  })

  it('is not fooled by listed words inside longer words', () => {
    for (const text of [
      'Scunthorpe',
      'a classic assistant',
      'shitake soup',
      'the Wankel engine',
      'fickle weather',
      'Penistone',
      'cocktails in Essex',
      'cono de tráfico',
      'je suis crevé et en retard',
      'la heroína de la película',
      'spicy food',
      'subnormal floating-point numbers',
    ]) {
      expect(match(text), text).toEqual({ categories: [], terms: [] })
    }
  })

  it('matches phrases only as consecutive whole words', () => {
    expect(match('They said: kill you!').terms).toEqual(['kill you'])
    expect(match('kill the bugs, thank you').terms).toEqual([])
    expect(match('Fils de pute').categories).toEqual(['profanity'])
  })

  it('finds every listed word whatever its case, surrounded by other words', () => {
    const listed = [...exact]
    fc.assert(
      fc.property(
        fc.constantFrom(...listed),
        fc.constantFrom('', 'Well, ', 'lol ', '¿'),
        fc.constantFrom('', '!', ' today.', ' 😂'),
        fc.boolean(),
        (entry, before, after, upper) => {
          const text = before + (upper ? entry.toUpperCase() : entry) + after
          expect(match(text).terms).toContain(entry)
        },
      ),
    )
  })

  it('never matches a listed word glued inside a longer word unless a stem says so', () => {
    const single = [...exact].filter((e) => !e.includes(' '))
    fc.assert(
      fc.property(
        fc.constantFrom(...single),
        fc.stringMatching(/^[a-z]{1,4}$/),
        fc.stringMatching(/^[a-z]{0,4}$/),
        (entry, prefix, suffix) => {
          const glued = prefix + entry + suffix
          const listedItself = exact.has(glued) || stems.some((s) => glued.startsWith(s))
          expect(match(glued).terms.length > 0).toBe(listedItself)
        },
      ),
    )
  })

  it('refuses a wildcard on a stem short enough to catch innocent words', () => {
    const bad = { categories: { profanity: { en: ['ass*'] } } }
    expect(() => compileMatcher(bad)).toThrow(RangeError)
  })

  it('writes UTC dates without Date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        expect(isoDate(ms)).toBe(new Date(ms).toISOString().slice(0, 10))
      }),
    )
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const result = await runFixture(dir, fixture, sandbox)
      expect(result.output).toEqual(fixture.expected)
    })
  }
})
