/**
 * Hostile class: output schemas whose float arithmetic makes the bit bound NaN (a `multipleOf` of
 * 1e-320, plain or inside `anyOf`). NaN used to pass every "finite" check, so a private bundle with
 * no bound was accepted and a NaN charge poisoned the partner's daily budget. Every bound is now a
 * finite number ≥ 0 or the bundle is refused, at build, at install and at run.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  assertPrivateBounded,
  isBits,
  outputBitBound,
  parseManifest,
  runBitBound,
} from '../../runtime/manifest/index.ts'
import type { JsonSchema, Manifest } from '../../runtime/manifest/types.ts'
import { buildBundle, readBundle, verifyBundle } from '../../runtime/bundle/index.ts'
import {
  ConsentBook,
  MemoryDocStore,
  SharingPolicy,
  type ConsentSubject,
} from '../../runtime/consent/index.ts'
import { code, keyOf, manifest, storeTrusting } from '../bundle/_helpers.ts'
import { signUnchecked } from './_sign.ts'

const T0 = Date.UTC(2026, 2, 10, 9)

// minimum / multipleOf overflows to Infinity, and Infinity − Infinity is NaN: the bound was NaN.
const tinyStep: JsonSchema = { type: 'number', minimum: 0.5, maximum: 1, multipleOf: 1e-320 }
const schemas: Record<string, JsonSchema> = {
  'a tiny multipleOf': {
    type: 'object',
    additionalProperties: false,
    required: ['x'],
    properties: { x: tinyStep },
  },
  'a tiny multipleOf inside anyOf': {
    type: 'object',
    additionalProperties: false,
    required: ['x'],
    properties: { x: { anyOf: [tinyStep, { type: 'boolean' }] } },
  },
  'a tiny multipleOf in an array': {
    type: 'array',
    maxItems: 3,
    items: tinyStep,
  },
  'a tiny multipleOf from zero': { type: 'number', minimum: 0, maximum: 1, multipleOf: 1e-320 },
  'a negative range and a tiny multipleOf': {
    type: 'number',
    minimum: -1,
    maximum: -0.5,
    multipleOf: 1e-320,
  },
  'a range at the edge of the doubles': {
    type: 'number',
    minimum: -Number.MAX_VALUE,
    maximum: Number.MAX_VALUE,
    multipleOf: 1e-300,
  },
}

describe('bit bounds are finite numbers ≥ 0 or unbounded, never NaN', () => {
  for (const [what, schema] of Object.entries(schemas)) {
    it(`treats ${what} as unbounded`, () => {
      const b = outputBitBound(schema)
      expect(b.bits).toBe(Infinity)
      expect(b.fields.some((f) => f.bits === Infinity)).toBe(true)
      expect(b.fields.every((f) => f.bits === Infinity || isBits(f.bits))).toBe(true)
    })
  }

  it('never returns NaN or a negative for any numeric schema (property)', () => {
    const n = fc.oneof(
      fc.double(),
      fc.constantFrom(1e-320, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 0, -0),
    )
    fc.assert(
      fc.property(
        fc.constantFrom('number', 'integer'),
        n,
        n,
        n,
        fc.boolean(),
        (type, a, b, m, inAnyOf) => {
          const leaf = { type, minimum: a, maximum: b, multipleOf: m }
          const schema = inAnyOf ? { anyOf: [leaf, { type: 'boolean' }] } : leaf
          const { bits, fields } = outputBitBound(schema)
          expect(bits === Infinity || isBits(bits)).toBe(true)
          for (const f of fields) expect(f.bits === Infinity || isBits(f.bits)).toBe(true)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

const hostile = manifest({
  output: schemas['a tiny multipleOf'],
})

describe('a private bundle without a finite bound is refused', () => {
  it('at build', () => {
    expect(() => buildBundle({ manifest: hostile, code }, keyOf('stridewear'))).toThrow(
      expect.objectContaining({ code: 'SEALPOST_OUTPUT_UNBOUNDED' }),
    )
    expect(() => assertPrivateBounded(parseManifest(hostile))).toThrow(/no finite bit bound/)
  })

  it('at install, when a build tool let it through', () => {
    const bytes = signUnchecked(hostile, code, keyOf('stridewear'))
    expect(() => verifyBundle(readBundle(bytes), storeTrusting('stridewear'))).toThrow(
      expect.objectContaining({ code: 'SEALPOST_OUTPUT_UNBOUNDED' }),
    )
  })

  it('at run, and the partner’s budget stays a number for its other bundles', async () => {
    const store = new MemoryDocStore()
    const book = new ConsentBook(store)
    const policy = new SharingPolicy({ store, book })
    // A manifest that reached the device without the install check (an older vault, a bug).
    const bad: ConsentSubject = { manifest: parseManifest(hostile), digest: 'bad' }
    const good: ConsentSubject = {
      manifest: parseManifest(manifest({ id: 'com.stridewear.good' })),
      digest: 'good',
    }
    await book.give(bad, T0)
    await book.give(good, T0)
    await expect(policy.authorize(bad, T0)).rejects.toMatchObject({
      code: 'SEALPOST_OUTPUT_UNBOUNDED',
    })
    const permit = await policy.authorize(good, T0)
    expect(permit.chargedBits).toBeCloseTo(Math.log2(15), 12)
    const spent = await policy.spending('stridewear', T0)
    expect(spent.spentBits).toBeCloseTo(Math.log2(15), 12)
    expect(Number.isFinite(spent.spentBits)).toBe(true)
  })

  it('fails closed on a ledger whose spending is not a number (NaN stored as null)', async () => {
    const store = new MemoryDocStore()
    const book = new ConsentBook(store)
    const policy = new SharingPolicy({ store, book })
    const good: ConsentSubject = { manifest: parseManifest(manifest()), digest: 'good' }
    await book.give(good, T0)
    const day = new Date(T0).toISOString().slice(0, 10)
    await store.putDoc('policy/ledger', {
      spent: { stridewear: { [day]: { bits: null, runs: 1 } } },
      onceUsed: {},
    })
    await expect(policy.authorize(good, T0)).rejects.toMatchObject({
      code: 'SEALPOST_BUDGET_SPENT',
    })
  })
})

describe('the run bound of a trigger includes the answer bit', () => {
  it('is the output bound + 1 for a trigger, the output bound otherwise', () => {
    const once = parseManifest(manifest())
    const trigger = { ...once, schedule: { kind: 'trigger', on: 'activities' } } as Manifest
    expect(runBitBound(once)).toBeCloseTo(Math.log2(15), 12)
    expect(runBitBound(trigger)).toBeCloseTo(Math.log2(15) + 1, 12)
    expect(runBitBound({ ...trigger, output: tinyStep })).toBe(Infinity)
  })
})
