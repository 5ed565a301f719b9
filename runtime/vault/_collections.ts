/**
 * Collections as the vault sees them: the catalogue's schemas (plus extra schemas a host passes to
 * `createVault`/`openVault`), each compiled once into an ajv validator and a column layout.
 */

import type { ValidateFunction } from 'ajv'
import type { CollectionLayout } from '../../sandbox/frame/codec.ts'
import type { ColumnKind } from '../../sandbox/frame/types.ts'
import { createAjv } from '../_ajv.ts'
import { collectionSchema } from '../collections.ts'
import type { JsonSchema } from '../manifest/types.ts'
import { UnknownCollectionError } from './errors.ts'

const KINDS: readonly string[] = ['time', 'number', 'category', 'text', 'bool']

/** A collection ready for ingest and views. */
export interface ResolvedCollection {
  readonly layout: CollectionLayout
  /** Field names in schema order. */
  readonly fields: readonly string[]
  readonly validate: ValidateFunction
}

let ajv: ReturnType<typeof createAjv> | undefined
const compiled = new WeakMap<object, ResolvedCollection>()

function resolveSchema(name: string, schema: JsonSchema, catalogue: boolean): ResolvedCollection {
  const cached = compiled.get(schema)
  if (cached) return cached
  const properties = (schema.properties ?? {}) as Record<string, { 'x-kind'?: unknown }>
  const kinds: Record<string, ColumnKind> = {}
  for (const [field, def] of Object.entries(properties)) {
    if (!KINDS.includes(def['x-kind'] as string)) {
      throw new TypeError(`schema of ${name}: field '${field}' has no valid x-kind`)
    }
    kinds[field] = def['x-kind'] as ColumnKind
  }
  const timeField = schema['x-time']
  if (typeof timeField !== 'string' || kinds[timeField] !== 'time') {
    throw new TypeError(`schema of ${name}: x-time must name a time field`)
  }
  if (kinds.id !== 'text') throw new TypeError(`schema of ${name}: needs an 'id' text field`)
  const { $id: _id, ...rest } = schema as Record<string, unknown>
  let validate: ValidateFunction | undefined
  const compile = (): ValidateFunction => (validate ??= (ajv ??= createAjv()).compile(rest))
  // A host's own schema is compiled (and so checked) at once; the catalogue's, which its tests
  // compile, only on first ingest: reading a collection (views, runs) never validates a record,
  // and a fresh CLI process should not pay ajv's code generation to read.
  if (!catalogue) compile()
  const resolved: ResolvedCollection = {
    layout: { name, timeField, kinds },
    fields: Object.keys(kinds),
    get validate() {
      return compile()
    },
  }
  compiled.set(schema, resolved)
  return resolved
}

/** Looks a collection up in `extra` first, then in the catalogue; UnknownCollectionError otherwise. */
export function resolveCollection(
  name: string,
  extra: Readonly<Record<string, JsonSchema>>,
): ResolvedCollection {
  if (typeof name !== 'string') throw new TypeError('collection must be a string')
  const own = Object.hasOwn(extra, name)
  const schema = own ? extra[name] : collectionSchema(name)
  if (!schema) throw new UnknownCollectionError(`unknown collection '${name}'`)
  return resolveSchema(name, schema, !own)
}
