/**
 * Maps the field paths the bit bound reports (`euSize`, `shop.id`, `top[]`, `pair[0]`, `(output)`)
 * back to the schema node they name, for descriptions and the contract's words.
 */

import type { JsonSchema } from '../manifest/types.ts'

const ROOT = '(output)'
const MAX_DEPTH = 64

const isObject = (v: unknown): v is JsonSchema =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Path → schema node, for properties, items and prefixItems (unions are not followed). */
export function schemaNodesByPath(schema: JsonSchema): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>()
  walk(schema, '', out, 0)
  return out
}

function walk(s: unknown, path: string, out: Map<string, JsonSchema>, depth: number): void {
  if (!isObject(s) || depth > MAX_DEPTH) return
  const key = path || ROOT
  if (!out.has(key)) out.set(key, s)
  const props = s['properties']
  if (isObject(props)) {
    for (const [k, v] of Object.entries(props)) walk(v, path ? `${path}.${k}` : k, out, depth + 1)
  }
  walk(s['items'], `${key}[]`, out, depth + 1)
  const prefix = s['prefixItems']
  if (Array.isArray(prefix)) prefix.forEach((v, i) => walk(v, `${key}[${i}]`, out, depth + 1))
  const all = s['allOf']
  if (Array.isArray(all)) for (const v of all) walk(v, path, out, depth + 1)
}
