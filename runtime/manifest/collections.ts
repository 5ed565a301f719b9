/**
 * Which vault collections exist and what fields each has, read from the collection schemas
 * (`schemas/collections/<name>.schema.json`: `properties` lists the fields, `x-time` names the time
 * field). Manifests are checked against such a catalog.
 */

import { collectionNames, collectionSchema } from '../collections.ts'
import type { JsonSchema } from './types.ts'

/** One collection as a manifest sees it. */
export interface CollectionInfo {
  readonly name: string
  /** The field windows are measured on (`x-time`), if the collection has one. */
  readonly timeField: string | undefined
  readonly fields: readonly string[]
}

/** Collection name → its fields. Pass your own to `parseManifest` in browsers or tests. */
export type CollectionCatalog = ReadonlyMap<string, CollectionInfo>

/** Describes one collection from its JSON Schema. */
export function collectionInfo(name: string, schema: JsonSchema): CollectionInfo {
  if (typeof name !== 'string' || name === '')
    throw new TypeError('name must be a non-empty string')
  const props = schema['properties']
  if (typeof props !== 'object' || props === null) {
    throw new TypeError(`schema of collection ${name} has no properties`)
  }
  const time = schema['x-time']
  return {
    name,
    timeField: typeof time === 'string' ? time : undefined,
    fields: Object.keys(props),
  }
}

/** Builds a catalog from `{ name: schema }`. */
export function catalogFromSchemas(
  schemas: Readonly<Record<string, JsonSchema>>,
): CollectionCatalog {
  return new Map(Object.entries(schemas).map(([n, s]) => [n, collectionInfo(n, s)]))
}

let defaultCatalog: CollectionCatalog | undefined

/**
 * The catalog of the collections in `schemas/collections/` (`runtime/collections.ts` imports
 * them statically, so this works in Node and in browsers alike), built once on first use.
 */
export function defaultCollectionCatalog(): CollectionCatalog {
  defaultCatalog ??= catalogFromSchemas(
    Object.fromEntries(collectionNames().map((name) => [name, collectionSchema(name)!])),
  )
  return defaultCatalog
}
