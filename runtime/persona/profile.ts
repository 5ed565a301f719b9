/**
 * Who the persona is (name, city, home/work/gym coordinates, true shoe size, favourite sport,
 * money) and the `profile` collection: the same facts as key/value records.
 */

import { namesFor } from './_names.ts'
import { CITIES, offsetPoint, type City, type LatLon } from './_places.ts'
import { Prng } from './_prng.ts'
import {
  DAY_MS,
  RecordEmitter,
  type Draft,
  type PersonaContext,
  type PersonaRecord,
} from './_context.ts'

/** A shoe size in the three systems printed on receipts (US men's or women's by gender). */
export interface ShoeSize {
  readonly eu: number
  readonly uk: number
  readonly us: number
  /** How the persona's size reads in each system: 'EU 42', 'UK 8', 'US 9' or 'US W 9.5'. */
  readonly labels: { readonly eu: string; readonly uk: string; readonly us: string }
}

/** The persona behind a generated vault: the ground truth partner modules should recover. */
export interface PersonaProfile {
  readonly seed: number
  readonly name: string
  readonly givenName: string
  readonly familyName: string
  readonly gender: 'female' | 'male'
  readonly birthYear: number
  readonly email: string
  readonly city: City
  readonly language: string
  readonly currency: string
  readonly homeAirport: string
  readonly home: LatLon
  readonly work: LatLon
  readonly gym: LatLon
  readonly cafe: LatLon
  readonly park: LatLon
  readonly employer: string
  readonly occupation: string
  readonly shoeSize: ShoeSize
  readonly favoriteSport: string
  readonly weightKg: number
  readonly heightCm: number
  /** Net monthly salary and rent in `currency`. */
  readonly monthlySalary: number
  readonly monthlyRent: number
  readonly accountId: string
  /** Contacts the persona talks to. */
  readonly friends: readonly string[]
}

const EMPLOYERS = [
  ['Northwind Logistics', 'operations analyst'],
  ['Helix Biotech', 'lab scientist'],
  ['Bluefin Software', 'software engineer'],
  ['Atelier Lumen', 'graphic designer'],
  ['Civic Hospital', 'nurse'],
  ['Maple & Oak Architects', 'architect'],
  ['Orbit Media', 'journalist'],
  ['Greenline Energy', 'project manager'],
] as const

const FAVORITES: readonly (readonly [string, number])[] = [
  ['running', 50],
  ['cycling', 20],
  ['swimming', 10],
  ['yoga', 10],
  ['hiking', 5],
  ['walking', 5],
]

/** EU size printed for a UK size: EU = (4 × UK + 94) / 3, rounded (UK 8 → 42, UK 8.5 → 43). */
export function euFromUk(uk: number): number {
  return Math.round((4 * uk + 94) / 3)
}

/** The persona's size in each system; US men's = UK + 1, US women's = UK + 2. */
export function shoeSizeOf(uk: number, gender: 'female' | 'male'): ShoeSize {
  const eu = euFromUk(uk)
  const us = uk + (gender === 'female' ? 2 : 1)
  return {
    eu,
    uk,
    us,
    labels: { eu: `EU ${eu}`, uk: `UK ${uk}`, us: gender === 'female' ? `US W ${us}` : `US ${us}` },
  }
}

/** Draws the persona for a seed (aged about 25-55 at `now`). */
export function makeProfile(seed: number, now: number): PersonaProfile {
  const rng = new Prng(seed, 'profile')
  const city = rng.pick(CITIES)
  const language = city.languages[0] ?? 'en'
  const gender = rng.chance(0.5) ? 'female' : 'male'
  const names = namesFor(language)
  const givenName = rng.pick(gender === 'female' ? names.female : names.male)
  const familyName = rng.pick(names.family)
  const nowYear = new Date(now).getUTCFullYear()
  const birthYear = nowYear - rng.int(25, 55)
  const [employer, occupation] = rng.pick(EMPLOYERS)
  const home = offsetPoint(city, rng.range(1500, 6000), rng.range(0, 2 * Math.PI))
  const work = offsetPoint(city, rng.range(300, 4000), rng.range(0, 2 * Math.PI))
  const gym = offsetPoint(home, rng.range(400, 1500), rng.range(0, 2 * Math.PI))
  const cafe = offsetPoint(work, rng.range(100, 500), rng.range(0, 2 * Math.PI))
  const park = offsetPoint(home, rng.range(600, 2500), rng.range(0, 2 * Math.PI))
  const uk = gender === 'female' ? rng.int(6, 15) / 2 : rng.int(12, 22) / 2
  const heightCm = Math.round(gender === 'female' ? rng.normal(166, 6) : rng.normal(179, 7))
  const bmi = rng.range(20, 26)
  const salaryBase: Readonly<Record<string, number>> = {
    EUR: 3200,
    GBP: 2900,
    CHF: 6800,
    USD: 5200,
    CAD: 4800,
    AUD: 5600,
  }
  const monthlySalary = Math.round((salaryBase[city.currency] ?? 3000) * rng.range(0.75, 1.6))
  const monthlyRent = Math.round(monthlySalary * rng.range(0.25, 0.38))
  const friends = new Set<string>()
  while (friends.size < 8) {
    const friendNames = namesFor(rng.chance(0.75) ? language : rng.pick(['en', 'fr', 'es', 'de']))
    friends.add(rng.pick(rng.chance(0.5) ? friendNames.female : friendNames.male))
  }
  const ascii = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/[^a-zA-Z]/g, '')
      .toLowerCase()
  return {
    seed,
    name: `${givenName} ${familyName}`,
    givenName,
    familyName,
    gender,
    birthYear,
    email: `${ascii(givenName)}.${ascii(familyName)}@example.com`,
    city,
    language,
    currency: city.currency,
    homeAirport: city.airport,
    home,
    work,
    gym,
    cafe,
    park,
    employer,
    occupation,
    shoeSize: shoeSizeOf(uk, gender),
    favoriteSport: rng.weighted(FAVORITES),
    weightKg: Math.round(bmi * (heightCm / 100) ** 2 * 10) / 10,
    heightCm,
    monthlySalary,
    monthlyRent,
    accountId: `${city.country}${String(rng.int(10, 99))}-****${String(rng.int(1000, 9999))}`,
    friends: [...friends],
  }
}

/** The `profile` collection: the persona's facts as key/value records, set early in the span. */
export function* generateProfile(ctx: PersonaContext): Generator<PersonaRecord> {
  const p = ctx.profile
  const rng = new Prng(ctx.seed, 'profile-records')
  const facts: readonly (readonly [string, string])[] = [
    ['name', p.name],
    ['givenName', p.givenName],
    ['familyName', p.familyName],
    ['email', p.email],
    ['birthYear', String(p.birthYear)],
    ['gender', p.gender],
    ['homeCity', p.city.name],
    ['country', p.city.country],
    ['language', p.language],
    ['currency', p.currency],
    ['homeAirport', p.homeAirport],
    ['employer', p.employer],
    ['occupation', p.occupation],
    ['heightCm', String(p.heightCm)],
    ['shoeSizePreference', p.shoeSize.labels.eu],
  ]
  const emitter = new RecordEmitter(ctx, 'profile', 'updatedAt')
  const drafts: Draft[] = facts.map(([key, value]) => ({
    at: ctx.start + rng.int(0, 30) * DAY_MS + rng.int(8 * 60, 22 * 60) * 60_000,
    fields: { key, value, source: 'persona' },
  }))
  yield* emitter.flush(drafts)
}
