// Compiled collection-schema validators for the persona tests (Ajv 2020, strict, x- keywords known).
import { readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { PERSONA_COLLECTIONS, type CollectionName } from '../../runtime/persona/index.ts'

export interface CollectionCheck {
  readonly timeField: string
  readonly validate: ValidateFunction
}

/** Validator and time field of every collection, compiled once. */
export function collectionChecks(): Record<CollectionName, CollectionCheck> {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  ajv.addKeyword({ keyword: 'x-kind' })
  ajv.addKeyword({ keyword: 'x-time' })
  const out = {} as Record<CollectionName, CollectionCheck>
  for (const name of PERSONA_COLLECTIONS) {
    const url = new URL(`../../schemas/collections/${name}.schema.json`, import.meta.url)
    const schema = JSON.parse(readFileSync(url, 'utf8')) as { 'x-time': string }
    out[name] = { timeField: schema['x-time'], validate: ajv.compile(schema) }
  }
  return out
}
