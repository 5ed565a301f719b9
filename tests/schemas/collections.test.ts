import { readdirSync, readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'

const dir = new URL('../../schemas/collections/', import.meta.url)
const NAMES = [
  'activities',
  'browsing',
  'flights',
  'follows',
  'health',
  'locations',
  'messages',
  'posts',
  'profile',
  'purchases',
  'transactions',
] as const
const KIND_TYPES: Readonly<Record<string, string>> = {
  time: 'integer',
  number: 'number',
  category: 'string',
  text: 'string',
  bool: 'boolean',
}

type Property = { type?: unknown; 'x-kind'?: unknown; properties?: unknown; items?: unknown }
type CollectionSchema = {
  $id?: unknown
  title?: unknown
  type?: unknown
  'x-time'?: unknown
  additionalProperties?: unknown
  required?: unknown
  properties: Record<string, Property>
}

function load(name: string): CollectionSchema {
  return JSON.parse(readFileSync(new URL(`${name}.schema.json`, dir), 'utf8')) as CollectionSchema
}

function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  ajv.addKeyword({ keyword: 'x-kind' })
  ajv.addKeyword({ keyword: 'x-time' })
  return ajv
}

describe('collection schemas', () => {
  it('exist for exactly the eleven collections', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.schema.json'))
      .map((f) => f.replace('.schema.json', ''))
      .sort()
    expect(files).toEqual([...NAMES])
  })

  for (const name of NAMES) {
    describe(name, () => {
      const schema = load(name)

      it('compiles with Ajv 2020 in strict mode', () => {
        expect(() => strictAjv().compile(schema as object)).not.toThrow()
        expect(schema.$id).toBe(`https://sealpost.dev/schemas/collections/${name}.schema.json`)
        expect(schema.title).toBe(name)
      })

      it('names a time field in x-time and requires it', () => {
        const timeField = schema['x-time']
        expect(typeof timeField).toBe('string')
        expect(schema.properties[timeField as string]?.['x-kind']).toBe('time')
        expect(schema.required).toContain(timeField)
      })

      it('gives every property a valid x-kind matching its JSON type', () => {
        for (const [field, def] of Object.entries(schema.properties)) {
          const kind = def['x-kind']
          expect(Object.keys(KIND_TYPES), `${name}.${field}`).toContain(kind)
          expect(def.type, `${name}.${field}`).toBe(KIND_TYPES[kind as string])
        }
      })

      it('is flat, closed and requires a text id', () => {
        expect(schema.type).toBe('object')
        expect(schema.additionalProperties).toBe(false)
        expect(schema.required).toContain('id')
        expect(schema.properties['id']?.['x-kind']).toBe('text')
        for (const def of Object.values(schema.properties)) {
          expect(def.properties).toBeUndefined()
          expect(def.items).toBeUndefined()
        }
        for (const field of schema.required as string[])
          expect(schema.properties).toHaveProperty(field)
      })

      it('refuses unknown fields and a fractional time', () => {
        const validate = strictAjv().compile(schema as object)
        const timeField = schema['x-time'] as string
        const minimal: Record<string, unknown> = {}
        for (const field of schema.required as string[]) {
          const def = schema.properties[field] as Property & { enum?: unknown[]; pattern?: string }
          minimal[field] =
            def.enum?.[0] ??
            (def.pattern !== undefined
              ? 'ABC'
              : { integer: 1_700_000_000_000, number: 1, string: 'x', boolean: true }[
                  def.type as 'integer'
                ])
        }
        expect(validate(minimal), JSON.stringify(validate.errors)).toBe(true)
        expect(validate({ ...minimal, surprise: 1 })).toBe(false)
        expect(validate({ ...minimal, [timeField]: 1.5 })).toBe(false)
        const { id: _id, ...withoutId } = minimal
        expect(validate(withoutId)).toBe(false)
      })
    })
  }
})
