import { afterAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'
import { outputBitBound } from '../../runtime/manifest/index.ts'
import { generatePersona } from '../../runtime/persona/index.ts'
import { loadFixtures } from '../../tests/_helpers/fixtures.ts'
// @ts-expect-error plain JavaScript module without types
import { compensationEur, covered, delayBand, distanceKm } from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
type Airport = { lat: number; lon: number; eu261: boolean }
const asset = JSON.parse(readFileSync(new URL('airports.json', import.meta.url), 'utf8')) as {
  airports: Record<string, Airport>
  euCarriers: { codes: string[] }
}
const airport = (iata: string): Airport => asset.airports[iata]!
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

function triggerOf(name: string): { collection: string; firstRow: number } | undefined {
  const raw = JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'))
  return (raw as { trigger?: { collection: string; firstRow: number } }).trigger
}

describe('flight-delay-care', () => {
  it('measures great circles between airports', () => {
    // Paris CDG – New York JFK is about 5,833 km; Berlin – Munich about 463 km.
    expect(Math.round(distanceKm(airport('CDG'), airport('JFK')))).toBe(5833)
    expect(Math.round(distanceKm(airport('BER'), airport('MUC')))).toBe(463)
    expect(distanceKm(airport('LHR'), airport('LHR'))).toBe(0)
  })

  it('bands the arrival delay, early flights on time', () => {
    expect(
      [-10, 0, 14, 15, 59, 60, 119, 120, 179, 180, 239, 240, 600, NaN].map((d) =>
        delayBand(d, false),
      ),
    ).toEqual([
      'on-time',
      'on-time',
      'on-time',
      '15-59m',
      '15-59m',
      '1-2h',
      '1-2h',
      '2-3h',
      '2-3h',
      '3-4h',
      '3-4h',
      '4h+',
      '4h+',
      'unknown',
    ])
    expect(delayBand(30, true)).toBe('cancelled')
  })

  it('pays EU261 amounts by distance band, delay and re-routing', () => {
    // Delays (Sturgeon): from 3 h; only a long-haul delay under 4 h is halved.
    expect([1500, 1501, 3500, 3501].map((km) => compensationEur(km, false, 180, false))).toEqual([
      250, 400, 400, 300,
    ])
    expect(compensationEur(3501, false, 240, false)).toBe(600)
    expect(compensationEur(800, false, 179, false)).toBe(0)
    expect(compensationEur(800, false, NaN, false)).toBe(0)
    // Intra-EU flights over 1,500 km are all in the €400 band, even past 3,500 km (Art. 7(1)(b)).
    expect(compensationEur(9000, true, 300, false)).toBe(400)
    expect(compensationEur(9000, true, 200, false)).toBe(400)
    // Cancellations: halved when the re-routing arrives under 2 / 3 / 4 h late.
    expect(compensationEur(1000, false, 119, true)).toBe(125)
    expect(compensationEur(1000, false, 120, true)).toBe(250)
    expect(compensationEur(2000, false, 179, true)).toBe(200)
    expect(compensationEur(5000, false, 239, true)).toBe(300)
    expect(compensationEur(5000, false, 240, true)).toBe(600)
    expect(compensationEur(5000, false, NaN, true)).toBe(600)
  })

  it('covers EU departures, and EU arrivals on EU carriers only', () => {
    const codes = asset.euCarriers.codes
    expect(covered(airport('LYS'), airport('LHR'), 'U2', codes)).toBe(true)
    expect(covered(airport('JFK'), airport('CDG'), 'AF', codes)).toBe(true)
    expect(covered(airport('JFK'), airport('CDG'), 'DL', codes)).toBe(false)
    expect(covered(airport('LHR'), airport('JFK'), 'BA', codes)).toBe(false)
    expect(covered(airport('ZRH'), airport('SIN'), 'SQ', codes)).toBe(true)
  })

  it('knows every airport the persona generator flies to and the TripIt fixture’s', async () => {
    const persona = generatePersona({ seed: 3, scale: 1 })
    const used = new Set(persona.collections.flights.flatMap((f) => [f.origin, f.destination]))
    for (const code of [...used, 'PHX', 'SFO', 'SBA', 'SJC']) {
      expect(asset.airports[code as string], String(code)).toBeDefined()
    }
  })

  it('can say about 6.8 bits: a flag, eight delay bands, seven amounts', async () => {
    const bundle = await loadModuleFolder(dir)
    expect(outputBitBound(bundle.manifest.output).bits).toBeCloseTo(1 + 3 + Math.log2(7), 9)
  })

  it('on a generated person: at the airport before outbound flights only, and no claim', async () => {
    const persona = generatePersona({ seed: 3, scale: 1 })
    const bundle = await loadModuleFolder(dir)
    const source = new MemorySource(
      persona.collections as Record<string, Record<string, unknown>[]>,
    )
    const fixes = persona.collections.locations
    const home = persona.profile.homeAirport
    let outboundAtAirport = 0
    for (const flight of persona.collections.flights) {
      const departsAt = flight.departsAt as number
      // The airline pushes the status a day after departure.
      const now = departsAt + 86_400_000
      const inView = persona.collections.flights.filter(
        (f) => (f.departsAt as number) >= now - 2 * 86_400_000 && (f.departsAt as number) <= now,
      )
      const firstRow = inView.findIndex((f) => f.id === flight.id)
      const result = await runBundle(
        { source, sandbox, consent: giveConsent(bundle, now) },
        bundle,
        { now, trigger: { collection: 'flights', firstRow } },
      )
      // The naive answer: the latest fix in the 3 h before departure, within 2 km of the airfield.
      const before = fixes.filter(
        (l) => (l.at as number) >= departsAt - 3 * 3_600_000 && (l.at as number) <= departsAt,
      )
      const last = before[before.length - 1]
      const origin = airport(flight.origin as string)
      const atAirport =
        last !== undefined &&
        distanceKm(origin, { lat: last.lat as number, lon: last.lon as number }) <= 2
      const output = result.output as {
        atAirport: boolean
        delayBand: string
        compensationEur: number
      }
      // A newer flight in the view would be the one reported; the persona's trips never overlap.
      expect(inView[inView.length - 1]!.id).toBe(flight.id)
      expect(output).toEqual({
        atAirport,
        delayBand: delayBand(flight.delayMin as number, false),
        // The generator's delays stay under 3 h: nothing is ever owed.
        compensationEur: 0,
      })
      if (flight.origin === home && atAirport) outboundAtAirport++
      // Before a flight home the persona is at the hotel, 8–20 km away.
      if (flight.origin !== home) expect(output.atAirport).toBe(false)
    }
    expect(outboundAtAirport).toBeGreaterThan(0)
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const bundle = await loadModuleFolder(dir)
      const trigger = triggerOf(fixture.name)
      const result = await runBundle(
        {
          source: new MemorySource(fixture.collections),
          sandbox,
          consent: giveConsent(bundle, fixture.now),
        },
        bundle,
        trigger ? { now: fixture.now, trigger } : { now: fixture.now },
      )
      expect(result.output).toEqual(fixture.expected)
    })
  }
})
