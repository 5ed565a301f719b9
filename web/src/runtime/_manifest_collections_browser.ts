/**
 * Browser stand-in for `runtime/manifest/collections.ts`, whose default catalog reads the
 * `schemas/collections/` folder with `node:fs` at call time (install would fail in a browser). Same
 * exports; the default catalog comes from the schemas `runtime/collections.ts` imports statically.
 */

import { collectionNames, collectionSchema } from '../../../runtime/collections.ts'
import type { CollectionCatalog, CollectionInfo } from '../../../runtime/manifest/collections.ts'
import type { JsonSchema } from '../../../runtime/manifest/types.ts'

export type { CollectionCatalog, CollectionInfo }

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

/** The catalog of the repository's collection schemas (bundled at build time). */
export function defaultCollectionCatalog(): CollectionCatalog {
  defaultCatalog ??= catalogFromSchemas(
    Object.fromEntries(collectionNames().map((n) => [n, collectionSchema(n)!])),
  )
  return defaultCatalog
}
