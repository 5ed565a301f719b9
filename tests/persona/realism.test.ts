import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'
import {
  euFromUk,
  generateCollection,
  generatePersona,
  shoeSizeOf,
  type Persona,
  type PersonaRecord,
} from '../../runtime/persona/index.ts'
// The reference module's own receipt-size parser: the generator must print sizes it reads.
// @ts-expect-error plain JavaScript module without types
import { toEuSize } from '../../algorithms/shoe-size/index.js'

const toEu = toEuSize as (text: string) => number | undefined
const DAY = 86_400_000
const SEEDS = [1, 2, 3, 4, 5, 6]
const personas = new Map<string, Persona>()
function persona(seed: number, scale: number): Persona {
  const key = `${seed}/${scale}`
  let p = personas.get(key)
  if (p === undefined) {
    p = generatePersona({ seed, scale })
    personas.set(key, p)
  }
  return p
}

function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180
  const h =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h))
}

const num = (r: PersonaRecord, field: string): number => r[field] as number
const str = (r: PersonaRecord, field: string): string => r[field] as string

describe('shoe sizes', () => {
  it('print one foot as EU 42 = US 9 = UK 8 (men) and US W 10 (women)', () => {
    expect(euFromUk(8)).toBe(42)
    expect(shoeSizeOf(8, 'male').labels).toEqual({ eu: 'EU 42', uk: 'UK 8', us: 'US 9' })
    expect(shoeSizeOf(8, 'female').labels).toEqual({ eu: 'EU 42', uk: 'UK 8', us: 'US W 10' })
    expect(shoeSizeOf(8.5, 'male').eu).toBe(43)
  })

  it('read back to the same EU size through the reference module, in every system', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 24 }),
        fc.constantFrom('female', 'male'),
        (twiceUk, gender) => {
          const size = shoeSizeOf(twiceUk / 2, gender as 'female' | 'male')
          for (const label of Object.values(size.labels))
            expect([label, toEu(label)]).toEqual([label, size.eu])
        },
      ),
    )
  })

  it('buys running shoes every six to nine months in the true size', () => {
    for (const seed of SEEDS) {
      const p = persona(seed, 0.05)
      const runs = p.collections.purchases.filter((r) => str(r, 'item').includes('running shoe'))
      expect(runs.length).toBeGreaterThanOrEqual(4)
      expect(num(runs[0] as PersonaRecord, 'orderedAt') - p.from).toBeLessThan(122 * DAY)
      for (let i = 0; i < runs.length; i++) {
        const r = runs[i] as PersonaRecord
        expect(r['category']).toBe('footwear')
        expect(typeof r['brand']).toBe('string')
        expect(toEu(str(r, 'size'))).toBe(p.profile.shoeSize.eu)
        if (i > 0) {
          const gap = (num(r, 'orderedAt') - num(runs[i - 1] as PersonaRecord, 'orderedAt')) / DAY
          expect(gap).toBeGreaterThan(179)
          expect(gap).toBeLessThan(272)
        }
      }
    }
  })

  it('mixes EU, US and UK labels, with the occasional gift in another size', () => {
    const systems = new Set<string>()
    let footwear = 0
    let offSize = 0
    for (const seed of SEEDS) {
      const p = persona(seed, 1)
      for (const r of p.collections.purchases) {
        if (r['category'] !== 'footwear') continue
        footwear++
        systems.add(str(r, 'size').split(' ')[0] as string)
        if (toEu(str(r, 'size')) !== p.profile.shoeSize.eu) offSize++
      }
    }
    expect([...systems].sort()).toEqual(['EU', 'UK', 'US'])
    expect(offSize).toBeGreaterThan(0)
    expect(offSize / footwear).toBeLessThan(0.15)
  })

  it('has other categories too', () => {
    const categories = new Set(persona(1, 1).collections.purchases.map((r) => r['category']))
    for (const c of ['footwear', 'apparel', 'groceries', 'electronics', 'books', 'coffee']) {
      expect(categories).toContain(c)
    }
  })
})

describe('reference modules on generated personas', () => {
  const sandbox = createSandbox()
  afterAll(() => sandbox.dispose())
  const folder = (name: string): string =>
    fileURLToPath(new URL(`../../algorithms/${name}/`, import.meta.url))

  it('shoe-size recovers the persona’s EU size', async () => {
    const bundle = await loadModuleFolder(folder('shoe-size'))
    for (const seed of [1, 2, 3, 4]) {
      const p = persona(seed, 0.05)
      const result = await runBundle(
        { source: new MemorySource(p.collections), sandbox, consent: giveConsent(bundle, p.now) },
        bundle,
        { now: p.now },
      )
      expect([seed, result.output]).toEqual([seed, { euSize: p.profile.shoeSize.eu }])
    }
  })

  it('favorite-sport recovers the persona’s favourite sport', async () => {
    const bundle = await loadModuleFolder(folder('favorite-sport'))
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const p = persona(seed, 0.05)
      const activities = [...generateCollection('activities', { seed, scale: 0.3 })]
      const result = await runBundle(
        { source: new MemorySource({ activities }), sandbox, consent: giveConsent(bundle, p.now) },
        bundle,
        { now: p.now },
      )
      expect([seed, result.output]).toEqual([seed, { favoriteSport: p.profile.favoriteSport }])
    }
  })
})

describe('activities', () => {
  it('do the favourite sport about half the time', () => {
    for (const seed of SEEDS) {
      const p = persona(seed, 1)
      const all = p.collections.activities
      const favourite = all.filter((r) => r['sport'] === p.profile.favoriteSport).length
      expect(favourite / all.length).toBeGreaterThan(0.42)
      expect(favourite / all.length).toBeLessThan(0.58)
      expect(new Set(all.map((r) => r['sport'])).size).toBeGreaterThanOrEqual(5)
    }
  })

  it('have speeds and heart rates consistent with the sport', () => {
    const speed: Record<string, [number, number]> = {
      running: [2.5, 3.7],
      cycling: [5.4, 8.6],
      swimming: [0.5, 1],
      walking: [1.1, 1.6],
      hiking: [0.85, 1.3],
    }
    const heart: Record<string, [number, number]> = {
      running: [120, 190],
      cycling: [100, 175],
      swimming: [100, 170],
      walking: [70, 130],
      hiking: [80, 160],
      yoga: [60, 115],
    }
    for (const r of persona(2, 1).collections.activities) {
      const sport = str(r, 'sport')
      const hr = heart[sport] as [number, number]
      expect(num(r, 'avgHeartRate')).toBeGreaterThanOrEqual(hr[0])
      expect(num(r, 'avgHeartRate')).toBeLessThanOrEqual(hr[1])
      expect(num(r, 'durationSec')).toBeGreaterThanOrEqual(12 * 60)
      if (sport === 'yoga') {
        expect(r['distanceM']).toBeUndefined()
        continue
      }
      const v = num(r, 'distanceM') / num(r, 'durationSec')
      const range = speed[sport] as [number, number]
      expect([sport, v >= range[0] && v <= range[1]]).toEqual([sport, true])
    }
  })
})

describe('transactions', () => {
  it('pay the salary on the 25th and the rent on the 1st, every month', () => {
    const p = persona(3, 0.05)
    const offset = p.profile.city.utcOffsetHours * 3_600_000
    const localDay = (r: PersonaRecord): number =>
      new Date(num(r, 'bookedAt') + offset).getUTCDate()
    const salary = p.collections.transactions.filter((r) => r['category'] === 'salary')
    const rent = p.collections.transactions.filter((r) => r['category'] === 'rent')
    expect(salary.length).toBe(36)
    expect(rent.length).toBeGreaterThanOrEqual(35)
    for (const r of salary) {
      expect(num(r, 'amount')).toBe(p.profile.monthlySalary)
      expect(localDay(r)).toBe(25)
    }
    for (const r of rent) {
      expect(num(r, 'amount')).toBe(-p.profile.monthlyRent)
      expect(localDay(r)).toBe(1)
    }
  })

  it('keep a running balance that adds up to the cent', () => {
    const records = [...generateCollection('transactions', { seed: 4 })]
    for (let i = 1; i < records.length; i++) {
      const prev = records[i - 1] as PersonaRecord
      const r = records[i] as PersonaRecord
      expect(num(r, 'balance')).toBeCloseTo(num(prev, 'balance') + num(r, 'amount'), 2)
      expect(r['currency']).toBe(prev['currency'])
    }
  })

  it('go into overdraft now and then, and charge fees and interest for it', () => {
    let overdrawn = 0
    for (const seed of SEEDS) {
      const records = persona(seed, 1).collections.transactions
      const types = new Set(records.map((r) => r['type']))
      for (const t of ['credit', 'card', 'direct-debit', 'transfer', 'fee', 'atm'])
        expect(types).toContain(t)
      const negative = records.filter((r) => num(r, 'balance') < 0).length
      if (negative > 0) {
        overdrawn++
        expect(records.some((r) => r['description'] === 'OVERDRAFT INTEREST')).toBe(true)
      }
      // Now and then: never overdrawn most of the time.
      expect(negative / records.length).toBeLessThan(0.5)
    }
    expect(overdrawn).toBeGreaterThanOrEqual(2)
  })

  it('spend at cafés and on groceries by card', () => {
    const records = persona(1, 1).collections.transactions
    const cafes = records.filter((r) => r['category'] === 'cafe')
    expect(cafes.length).toBeGreaterThan(300)
    for (const r of cafes) {
      expect(r['type']).toBe('card')
      expect(num(r, 'amount')).toBeLessThan(0)
    }
    expect(records.filter((r) => r['category'] === 'groceries').length).toBeGreaterThan(250)
  })
})

describe('messages', () => {
  it('speak several languages and invite to coffee', () => {
    const texts = new Set<string>()
    const langs = new Set<string>()
    let fromMe = 0
    let total = 0
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
      for (const r of generateCollection('messages', { seed, scale: 0.3 })) {
        texts.add(str(r, 'text'))
        langs.add(str(r, 'lang'))
        if (r['fromMe'] === true) fromMe++
        total++
      }
    }
    for (const line of [
      'on va prendre un café ?',
      'want to grab a coffee?',
      'no coffee for me today',
    ]) {
      expect(texts).toContain(line)
    }
    expect(langs.size).toBeGreaterThanOrEqual(4)
    expect(fromMe / total).toBeGreaterThan(0.35)
    expect(fromMe / total).toBeLessThan(0.65)
  })
})

describe('locations and flights', () => {
  it('stay near the home city, sleep at home, and follow the persona abroad', () => {
    for (const seed of [1, 2, 3]) {
      const p = persona(seed, 1)
      const { home, city } = p.profile
      const offset = city.utcOffsetHours * 3_600_000
      const trips = p.collections.flights
      const abroadUntil = (at: number): PersonaRecord | undefined => {
        // The outbound leg before `at` whose return leg departs after `at`.
        for (let i = 0; i + 1 < trips.length; i += 2) {
          const out = trips[i] as PersonaRecord
          const back = trips[i + 1] as PersonaRecord
          if (at >= num(out, 'arrivesAt') && at < num(back, 'departsAt')) return out
        }
        return undefined
      }
      let nights = 0
      let nightsHome = 0
      for (const r of p.collections.locations) {
        const at = num(r, 'at')
        const away = abroadUntil(at)
        const lat = num(r, 'lat')
        const lon = num(r, 'lon')
        if (away !== undefined) {
          const km = haversineKm(lat, lon, num(away, 'destLat'), num(away, 'destLon'))
          expect(km).toBeLessThan(30)
          continue
        }
        const fromCity = haversineKm(lat, lon, city.lat, city.lon)
        const atAirport = r['placeType'] === 'airport'
        expect([fromCity < 25 || atAirport, r['placeType']]).toEqual([true, r['placeType']])
        const hour = new Date(at + offset).getUTCHours()
        if (hour >= 2 && hour < 5 && !atAirport) {
          nights++
          if (haversineKm(lat, lon, home.lat, home.lon) < 0.3) nightsHome++
        }
      }
      expect(nights).toBeGreaterThan(1000)
      expect(nightsHome / nights).toBeGreaterThan(0.98)
    }
  })

  it('fly round trips between real airports at airliner speeds', () => {
    const p = persona(2, 1)
    const flights = p.collections.flights
    expect(flights.length % 2).toBe(0)
    for (let i = 0; i < flights.length; i += 2) {
      const out = flights[i] as PersonaRecord
      const back = flights[i + 1] as PersonaRecord
      expect(out['origin']).toBe(p.profile.homeAirport)
      expect(back['destination']).toBe(p.profile.homeAirport)
      expect(back['origin']).toBe(out['destination'])
      expect(back['bookingRef']).toBe(out['bookingRef'])
      expect(num(back, 'departsAt')).toBeGreaterThan(num(out, 'arrivesAt'))
    }
    for (const f of flights) {
      const km = haversineKm(
        num(f, 'originLat'),
        num(f, 'originLon'),
        num(f, 'destLat'),
        num(f, 'destLon'),
      )
      expect(num(f, 'distanceKm')).toBeCloseTo(km, -1)
      const hours = (num(f, 'arrivesAt') - num(f, 'departsAt')) / 3_600_000
      expect(km / hours).toBeGreaterThan(250)
      expect(km / hours).toBeLessThan(800)
    }
    // Real coordinates: Paris-CDG and New York-JFK, where the catalogue has them.
    const known: Record<string, [number, number]> = {
      CDG: [49.0097, 2.5479],
      JFK: [40.6413, -73.7781],
    }
    for (const f of flights) {
      const c = known[str(f, 'origin')]
      if (c !== undefined) expect([num(f, 'originLat'), num(f, 'originLon')]).toEqual(c)
    }
  })
})

describe('health, browsing and profile', () => {
  it('hold FHIR-like facts with real code systems', () => {
    const records = persona(1, 1).collections.health
    const kinds = new Set(records.map((r) => r['kind']))
    for (const k of ['condition', 'medication', 'immunization', 'observation'])
      expect(kinds).toContain(k)
    const systolic = records.filter((r) => r['code'] === '8480-6')
    const diastolic = records.filter((r) => r['code'] === '8462-4')
    expect(systolic.length).toBe(3)
    expect(diastolic.length).toBe(3)
    for (let i = 0; i < 3; i++) {
      const s = systolic[i] as PersonaRecord
      const d = diastolic[i] as PersonaRecord
      expect(s['codeSystem']).toBe('http://loinc.org')
      expect(s['panel']).toBe('85354-9')
      expect(num(d, 'recordedAt')).toBe(num(s, 'recordedAt'))
      expect(num(d, 'value')).toBeLessThan(num(s, 'value'))
      expect(s['unit']).toBe('mm[Hg]')
    }
    expect(records.filter((r) => r['code'] === '140').length).toBe(3)
  })

  it('browse pages and search the web', () => {
    const records = persona(1, 1).collections.browsing
    const searches = records.filter((r) => r['kind'] === 'search')
    expect(searches.length / records.length).toBeGreaterThan(0.15)
    expect(searches.length / records.length).toBeLessThan(0.25)
    for (const r of records)
      expect(new URL(str(r, 'url')).hostname.replace(/^www\./, '')).toBe(r['domain'])
    for (const r of searches) expect(new URL(str(r, 'url')).searchParams.get('q')).toBe(r['query'])
  })

  it('list the persona’s facts as key/value records', () => {
    const p = persona(5, 0.05)
    const facts = new Map(p.collections.profile.map((r) => [r['key'], r['value']]))
    expect(facts.size).toBe(p.collections.profile.length)
    expect(facts.get('name')).toBe(p.profile.name)
    expect(facts.get('homeCity')).toBe(p.profile.city.name)
    expect(facts.get('birthYear')).toBe(String(p.profile.birthYear))
    expect(facts.get('shoeSizePreference')).toBe(`EU ${p.profile.shoeSize.eu}`)
  })
})
