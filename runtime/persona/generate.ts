/**
 * The deterministic persona generator: a whole life at once (`generatePersona`) or one collection
 * as a stream in time order (`generateCollection`), which holds one day of records at a time.
 */

import { generateActivities } from './activities.ts'
import { generateBrowsing } from './browsing.ts'
import {
  PERSONA_COLLECTIONS,
  personaContext,
  type CollectionName,
  type PersonaContext,
  type PersonaOptions,
  type PersonaRecord,
} from './_context.ts'
import { generateFlights } from './flights.ts'
import { generateFollows } from './follows.ts'
import { generateHealth } from './health.ts'
import { generateLocations } from './locations.ts'
import { generateMessages } from './messages.ts'
import { generatePosts } from './posts.ts'
import { generateProfile, type PersonaProfile } from './profile.ts'
import { generatePurchases } from './purchases.ts'
import { generateTransactions } from './transactions.ts'

/** A generated person: who they are, and every collection of their vault in time order. */
export interface Persona {
  readonly profile: PersonaProfile
  /** Start (inclusive) and end (exclusive) of the generated span, ms since epoch. */
  readonly from: number
  readonly now: number
  readonly collections: Record<CollectionName, PersonaRecord[]>
}

const GENERATORS: Readonly<
  Record<CollectionName, (ctx: PersonaContext) => Generator<PersonaRecord>>
> = {
  transactions: generateTransactions,
  purchases: generatePurchases,
  posts: generatePosts,
  follows: generateFollows,
  messages: generateMessages,
  activities: generateActivities,
  locations: generateLocations,
  flights: generateFlights,
  health: generateHealth,
  browsing: generateBrowsing,
  profile: generateProfile,
}

/** The persona for a seed with all collections built in memory (scale 1 ≈ 33,000 records). */
export function generatePersona(options: PersonaOptions): Persona {
  const ctx = personaContext(options)
  const collections = {} as Record<CollectionName, PersonaRecord[]>
  for (const name of PERSONA_COLLECTIONS) collections[name] = [...GENERATORS[name](ctx)]
  return { profile: ctx.profile, from: ctx.start, now: ctx.now, collections }
}

/**
 * One collection of the persona as a lazy stream in time order; identical to
 * `generatePersona(options).collections[name]`, without holding it in memory.
 */
export function generateCollection(
  name: CollectionName,
  options: PersonaOptions,
): Iterable<PersonaRecord> {
  if (!Object.hasOwn(GENERATORS, name)) {
    throw new RangeError(
      `name must be a collection (${PERSONA_COLLECTIONS.join(', ')}), got ${JSON.stringify(name)}`,
    )
  }
  const ctx = personaContext(options)
  const generate = GENERATORS[name]
  return { [Symbol.iterator]: () => generate(ctx) }
}

/** The persona's profile alone (name, city, true shoe size, favourite sport, ...), without records. */
export function personaProfile(options: PersonaOptions): PersonaProfile {
  return personaContext(options).profile
}
