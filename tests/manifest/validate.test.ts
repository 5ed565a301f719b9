import { describe, expect, it } from 'vitest'
import {
  ManifestInvalidError,
  catalogFromSchemas,
  defaultCollectionCatalog,
  outputNoise,
  parseManifest,
} from '../../runtime/manifest/index.ts'
import { designExample, example } from './_example.ts'

const refusal = (raw: unknown): ManifestInvalidError => {
  try {
    parseManifest(raw)
  } catch (e) {
    if (e instanceof ManifestInvalidError) return e
    throw e
  }
  throw new Error('expected the manifest to be refused')
}

describe('parseManifest', () => {
  it('parses the DESIGN example and returns a frozen copy', () => {
    const raw = example()
    const m = parseManifest(raw)
    expect(m).toEqual(designExample)
    expect(m).not.toBe(raw)
    expect(Object.isFrozen(m.reads[0]!.fields)).toBe(true)
  })

  it('reads the collections from schemas/collections', () => {
    const catalog = defaultCollectionCatalog()
    expect(catalog.get('purchases')?.timeField).toBe('orderedAt')
    expect(catalog.get('activities')?.fields).toContain('sport')
  })

  it('refuses an unknown collection', () => {
    const e = refusal(example({ reads: [{ collection: 'diaries', fields: ['text'] }] }))
    expect(e.code).toBe('SEALPOST_MANIFEST_INVALID')
    expect(e.path).toBe('/reads/0/collection')
    expect(e.message).toMatch(/no collection named 'diaries'/)
  })

  it('refuses an unknown field, naming its index', () => {
    const e = refusal(
      example({ reads: [{ collection: 'purchases', fields: ['orderedAt', 'cardNumber'] }] }),
    )
    expect(e.path).toBe('/reads/0/fields/1')
    expect(e.message).toMatch(/no field 'cardNumber'/)
  })

  it('refuses a collection read twice', () => {
    const read = { collection: 'purchases', fields: ['size'] }
    expect(refusal(example({ reads: [read, read] })).path).toBe('/reads/1/collection')
  })

  it('refuses a window that is not an ISO 8601 duration', () => {
    for (const window of ['3 years', 'P', 'PT', 'P1.5Y', 'p3y', 'P3YT']) {
      const e = refusal(example({ reads: [{ collection: 'purchases', fields: ['size'], window }] }))
      expect(e.path).toBe('/reads/0/window')
    }
  })

  it('checks collections against a catalog the host passes', () => {
    const collections = catalogFromSchemas({
      diaries: { 'x-time': 'at', properties: { at: {}, text: {} } },
    })
    const raw = example({ reads: [{ collection: 'diaries', fields: ['text'], window: 'P7D' }] })
    expect(parseManifest(raw, { collections }).reads[0]!.collection).toBe('diaries')
    expect(() => parseManifest(example(), { collections })).toThrow(
      /no collection named 'purchases'/,
    )
  })

  it('refuses a window on a collection without a time field', () => {
    const collections = catalogFromSchemas({ notes: { properties: { text: {} } } })
    const raw = example({ reads: [{ collection: 'notes', fields: ['text'], window: 'P7D' }] })
    expect(() => parseManifest(raw, { collections })).toThrow(/no time field/)
  })

  it('names the first failing path for shape errors', () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ id: 'Shoe Size' }, '/id', /reverse-DNS/],
      [{ version: '1.2' }, '/version', /semantic version/],
      [{ engine: 'v8' }, '/engine', /one of "quickjs", "wasm"/],
      [{ mode: 'public' }, '/mode', /one of/],
      [{ personalization: 4 }, '/personalization', /one of 1, 2, 3/],
      [{ retentionDays: -1 }, '/retentionDays', /must be >= 0/],
      [{ entry: '../escape.js' }, '/entry', /must be of the form/],
      [{ partner: { id: 'stridewear' } }, '/partner/name', /is required/],
      [{ schedule: { kind: 'recurring' } }, '/schedule/every', /is required/],
      [{ schedule: { kind: 'recurring', every: 'weekly' } }, '/schedule/every', /ISO 8601/],
      [{ schedule: { kind: 'sometimes' } }, '/schedule/kind', /one of/],
      [{ limits: { memoryBytes: 0 } }, '/limits/memoryBytes', /must be >= 1/],
      [{ assets: ['../shops.json'] }, '/assets/0', /must be of the form/],
      [{ telemetry: true }, '/telemetry', /not a manifest field/],
    ]
    for (const [patch, path, message] of cases) {
      const e = refusal(example(patch))
      expect(e.path, JSON.stringify(patch)).toBe(path)
      expect(e.message, JSON.stringify(patch)).toMatch(message)
    }
    const missing = example()
    delete missing['purpose']
    expect(refusal(missing).path).toBe('/purpose')
    expect(refusal('not a manifest').path).toBe('')
  })

  it('accepts recurring and trigger schedules', () => {
    expect(
      parseManifest(example({ schedule: { kind: 'recurring', every: 'P1W' } })).schedule,
    ).toEqual({
      kind: 'recurring',
      every: 'P1W',
    })
    expect(
      parseManifest(example({ schedule: { kind: 'trigger', on: 'purchases' } })).schedule.kind,
    ).toBe('trigger')
    expect(refusal(example({ schedule: { kind: 'trigger', on: 'diaries' } })).path).toBe(
      '/schedule/on',
    )
  })

  it('refuses an output schema ajv cannot compile, including misspelt keywords', () => {
    const e = refusal(example({ output: { type: 'integer', maximun: 3 } }))
    expect(e.path).toBe('/output')
    expect(e.message).toMatch(/maximun/)
    expect(refusal(example({ output: { type: 'frobnicate' } })).path).toBe('/output')
  })

  it('refuses data that is not plain JSON', () => {
    expect(refusal(example({ purpose: () => 'x' })).path).toBe('')
  })

  it('reads x-noise annotations and checks where they sit', () => {
    const output = {
      type: 'object',
      additionalProperties: false,
      required: ['sport', 'km'],
      properties: {
        sport: {
          enum: ['running', 'cycling'],
          'x-noise': { mechanism: 'randomized-response', epsilon: 1 },
        },
        km: {
          type: 'integer',
          minimum: 0,
          maximum: 100,
          'x-noise': { mechanism: 'geometric', epsilon: 0.5 },
        },
      },
    }
    const m = parseManifest(example({ output }))
    expect(outputNoise(m.output)).toEqual([
      {
        path: 'sport',
        schemaPointer: '/properties/sport',
        mechanism: 'randomized-response',
        epsilon: 1,
      },
      { path: 'km', schemaPointer: '/properties/km', mechanism: 'geometric', epsilon: 0.5 },
    ])
    const wrong = structuredClone(output)
    ;(wrong.properties.km as Record<string, unknown>)['x-noise'] = {
      mechanism: 'randomized-response',
      epsilon: 1,
    }
    const e = refusal(example({ output: wrong }))
    expect(e.path).toBe('/output/properties/km/x-noise')
    const badEps = structuredClone(output)
    ;(badEps.properties.km as Record<string, unknown>)['x-noise'] = {
      mechanism: 'geometric',
      epsilon: 0,
    }
    expect(refusal(example({ output: badEps })).path).toBe('/output')
  })
})
