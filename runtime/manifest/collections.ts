/**
 * Which vault collections exist and what fields each has, read from the collection schemas
 * (`schemas/collections/<name>.schema.json`: `properties` lists the fields, `x-time` names the time
 * field). Manifests are checked against such a catalog.
 */

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

const SUFFIX = '.schema.json'
let defaultCatalog: CollectionCatalog | undefined

/**
 * The catalog of the repository's `schemas/collections/` folder, read once on first use (Node only;
 * browsers pass a catalog built with `catalogFromSchemas`).
 */
export function defaultCollectionCatalog(): CollectionCatalog {
  if (defaultCatalog) return defaultCatalog
  // getBuiltinModule keeps this file free of a static `node:fs` import, so it still bundles for browsers.
  const proc = (globalThis as { process?: NodeJS.Process }).process
  const fs = proc?.getBuiltinModule?.('node:fs')
  if (!fs) throw new Error('no default collection catalog here: pass options.collections')
  const dir = new URL('../../schemas/collections/', import.meta.url)
  const schemas: Record<string, JsonSchema> = {}
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith(SUFFIX)) continue
    const text = fs.readFileSync(new URL(file, dir), 'utf8')
    schemas[file.slice(0, -SUFFIX.length)] = JSON.parse(text) as JsonSchema
  }
  defaultCatalog = catalogFromSchemas(schemas)
  return defaultCatalog
}
