/**
 * The collection catalogue: each collection's JSON Schema (`schemas/collections/`), its time field
 * (`x-time`) and the storage kind of every field (`x-kind`). Schemas are imported statically so
 * the same catalogue works in Node and in browsers.
 */

import type { CollectionLayout } from '../sandbox/frame/codec.ts'
import type { ColumnKind } from '../sandbox/frame/types.ts'
import type { JsonSchema } from './manifest/types.ts'
import activities from '../schemas/collections/activities.schema.json' with { type: 'json' }
import browsing from '../schemas/collections/browsing.schema.json' with { type: 'json' }
import flights from '../schemas/collections/flights.schema.json' with { type: 'json' }
import follows from '../schemas/collections/follows.schema.json' with { type: 'json' }
import health from '../schemas/collections/health.schema.json' with { type: 'json' }
import locations from '../schemas/collections/locations.schema.json' with { type: 'json' }
import messages from '../schemas/collections/messages.schema.json' with { type: 'json' }
import posts from '../schemas/collections/posts.schema.json' with { type: 'json' }
import profile from '../schemas/collections/profile.schema.json' with { type: 'json' }
import purchases from '../schemas/collections/purchases.schema.json' with { type: 'json' }
import transactions from '../schemas/collections/transactions.schema.json' with { type: 'json' }

const SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  activities,
  browsing,
  flights,
  follows,
  health,
  locations,
  messages,
  posts,
  profile,
  purchases,
  transactions,
}

const KINDS: readonly ColumnKind[] = ['time', 'number', 'category', 'text', 'bool']

/** Names of every known collection. */
export function collectionNames(): string[] {
  return Object.keys(SCHEMAS)
}

/** The JSON Schema of a collection, or undefined when there is no such collection. */
export function collectionSchema(name: string): JsonSchema | undefined {
  return Object.hasOwn(SCHEMAS, name) ? SCHEMAS[name] : undefined
}

const layouts = new Map<string, CollectionLayout>()

/** Time field and field kinds of a collection; RangeError for an unknown collection. */
export function collectionLayout(name: string): CollectionLayout {
  const cached = layouts.get(name)
  if (cached) return cached
  const schema = collectionSchema(name)
  if (!schema) throw new RangeError(`unknown collection '${name}'`)
  const properties = schema.properties as Record<string, { 'x-kind'?: unknown }>
  const kinds: Record<string, ColumnKind> = {}
  for (const [field, def] of Object.entries(properties)) {
    const kind = def['x-kind']
    if (!KINDS.includes(kind as ColumnKind)) {
      throw new TypeError(`schema of ${name}: field '${field}' has no valid x-kind`)
    }
    kinds[field] = kind as ColumnKind
  }
  const timeField = schema['x-time']
  if (typeof timeField !== 'string' || kinds[timeField] !== 'time') {
    throw new TypeError(`schema of ${name}: x-time must name a time field`)
  }
  const layout = { name, timeField, kinds }
  layouts.set(name, layout)
  return layout
}
