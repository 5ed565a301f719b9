import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_NOW,
  PERSONA_COLLECTIONS,
  generateCollection,
  generatePersona,
  personaProfile,
  type CollectionName,
  type PersonaRecord,
} from '../../runtime/persona/index.ts'
import { collectionChecks } from './_schemas.ts'

const checks = collectionChecks()
const DAY = 86_400_000

function count(name: CollectionName, seed: number, scale: number): number {
  let n = 0
  for (const _ of generateCollection(name, { seed, scale })) n++
  return n
}

function expectValidOrdered(
  name: CollectionName,
  records: readonly PersonaRecord[],
  from: number,
  now: number,
): void {
  const { validate, timeField } = checks[name]
  let previous = -Infinity
  for (const record of records) {
    if (!validate(record)) {
      expect.fail(`${name} record ${JSON.stringify(record)}: ${JSON.stringify(validate.errors)}`)
    }
    const at = record[timeField] as number
    expect(at).toBeGreaterThanOrEqual(previous)
    expect(at).toBeGreaterThanOrEqual(from)
    expect(at).toBeLessThan(now)
    previous = at
  }
}

describe('generatePersona', () => {
  const persona = generatePersona({ seed: 7, scale: 0.05 })

  it('covers every collection, each non-empty at scale 0.05', () => {
    expect(Object.keys(persona.collections)).toEqual([...PERSONA_COLLECTIONS])
    for (const name of PERSONA_COLLECTIONS)
      expect(persona.collections[name].length, name).toBeGreaterThan(0)
  })

  for (const name of PERSONA_COLLECTIONS) {
    it(`writes ${name} records that validate against the schema, in time order, inside the span`, () => {
      expectValidOrdered(name, persona.collections[name], persona.from, persona.now)
    })
  }

  it('is deterministic for a seed', () => {
    expect(generatePersona({ seed: 7, scale: 0.05 })).toEqual(persona)
  })

  it('gives a different persona for a different seed', () => {
    const other = generatePersona({ seed: 8, scale: 0.05 })
    expect(other.collections.locations).not.toEqual(persona.collections.locations)
    expect(other.collections.transactions[0]?.['id']).not.toBe(
      persona.collections.transactions[0]?.['id'],
    )
  })

  it('gives unique 20-hex-digit ids within each collection', () => {
    for (const name of PERSONA_COLLECTIONS) {
      const ids = persona.collections[name].map((r) => r['id'] as string)
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{20}$/)
      expect(new Set(ids).size, name).toBe(ids.length)
    }
  })

  it('spans three years ending at a fixed default now', () => {
    expect(persona.now).toBe(DEFAULT_NOW)
    expect(DEFAULT_NOW).toBe(Date.UTC(2026, 0, 1))
    expect(Math.round((persona.now - persona.from) / DAY)).toBe(1096)
    const shifted = generatePersona({ seed: 7, scale: 0.05, now: DEFAULT_NOW + 10 * DAY })
    expect(shifted.from).toBe(persona.from + 10 * DAY)
    expect(shifted.profile).toEqual(persona.profile)
  })

  it('has scale 1 about the size of a three-year life', () => {
    const expected: [CollectionName, number, number][] = [
      ['transactions', 2600, 3500],
      ['purchases', 240, 380],
      ['activities', 780, 1050],
      ['locations', 18_500, 21_500],
      ['messages', 2400, 3800],
      ['posts', 60, 150],
      ['flights', 8, 36],
      ['browsing', 4900, 6100],
    ]
    for (const [name, min, max] of expected) {
      const n = count(name, 3, 1)
      expect(n, name).toBeGreaterThanOrEqual(min)
      expect(n, name).toBeLessThanOrEqual(max)
    }
  })

  it('scales counts linearly', () => {
    // Summed over three seeds so that Poisson noise stays well inside the bounds.
    const total = (name: CollectionName, scale: number, seeds = [5, 6, 7]): number =>
      seeds.reduce((sum, seed) => sum + count(name, seed, scale), 0)
    expect(total('locations', 2, [5]) / total('locations', 0.2, [5])).toBeCloseTo(10, 0)
    for (const name of ['activities', 'messages', 'browsing', 'posts', 'follows'] as const) {
      const ratio = total(name, 2) / total(name, 0.2)
      expect([name, ratio > 8.5 && ratio < 11.5]).toEqual([name, true])
    }
    // Salary, rent, bills and the running-shoe rhythm are life anchors that do not multiply.
    for (const name of ['transactions', 'purchases'] as const) {
      const ratio = total(name, 2) / total(name, 1)
      expect([name, ratio > 1.75 && ratio < 2.2]).toEqual([name, true])
    }
    const flights = total('flights', 5) / total('flights', 1)
    expect(flights).toBeGreaterThan(3.5)
    expect(flights).toBeLessThan(6.5)
  })
})

describe('generateCollection', () => {
  it('streams exactly the records of generatePersona, collection by collection', () => {
    const persona = generatePersona({ seed: 11, scale: 0.05 })
    for (const name of PERSONA_COLLECTIONS) {
      expect([...generateCollection(name, { seed: 11, scale: 0.05 })], name).toEqual(
        persona.collections[name],
      )
    }
  })

  it('is lazy: the first records of a twenty-million-fix scale arrive without building the rest', () => {
    const first: PersonaRecord[] = []
    for (const record of generateCollection('locations', { seed: 1, scale: 1000 })) {
      first.push(record)
      if (first.length === 5) break
    }
    expect(first).toHaveLength(5)
    expectValidOrdered('locations', first, -Infinity, Infinity)
  })

  it('can be iterated twice with the same result', () => {
    const stream = generateCollection('flights', { seed: 2, scale: 0.5 })
    expect([...stream]).toEqual([...stream])
  })

  it('refuses bad arguments with errors that name them', () => {
    expect(() => generateCollection('diary' as CollectionName, { seed: 1 })).toThrow(RangeError)
    expect(() => generateCollection('diary' as CollectionName, { seed: 1 })).toThrow(/name/)
    expect(() => generatePersona({ seed: 1.5 })).toThrow(/options.seed/)
    expect(() => generatePersona({ seed: 1, scale: 0 })).toThrow(RangeError)
    expect(() => generatePersona({ seed: 1, scale: Number.NaN })).toThrow(/options.scale/)
    expect(() => generatePersona({ seed: 1, now: 1.5 })).toThrow(/options.now/)
    expect(() => generatePersona({ seed: 1, years: 0 })).toThrow(/options.years/)
  })
})

describe('random personas (property)', () => {
  it('always validate, stay in time order and repeat for the same seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }),
        fc.constantFrom(0.01, 0.03),
        (seed, scale) => {
          const persona = generatePersona({ seed, scale, years: 1 })
          for (const name of PERSONA_COLLECTIONS) {
            expectValidOrdered(name, persona.collections[name], persona.from, persona.now)
          }
          expect(personaProfile({ seed, scale })).toEqual(persona.profile)
        },
      ),
      { numRuns: 15 },
    )
  })
})
