/** Deterministic synthetic personas: a realistic vault for demos, tests and benchmarks. */

export { generateCollection, generatePersona, personaProfile } from './generate.ts'
export type { Persona } from './generate.ts'
export { DEFAULT_NOW, DEFAULT_YEARS, MAX_SCALE, PERSONA_COLLECTIONS } from './_context.ts'
export type { CollectionName, PersonaOptions, PersonaRecord } from './_context.ts'
export { euFromUk, shoeSizeOf } from './profile.ts'
export type { PersonaProfile, ShoeSize } from './profile.ts'
export type { City, LatLon } from './_places.ts'
