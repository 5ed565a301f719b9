import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Ajv2020 } from 'ajv/dist/2020.js'
import {
  outputBitBound,
  assertPrivateBounded,
  parseManifest,
} from '../../runtime/manifest/index.ts'
import type { JsonSchema } from '../../runtime/manifest/index.ts'
import { example } from './_example.ts'

const bits = (s: JsonSchema | boolean): number => outputBitBound(s).bits
const close = (got: number, want: number): void => expect(got).toBeCloseTo(want, 9)
const obj = (
  properties: Record<string, unknown>,
  required: string[] = Object.keys(properties),
) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
})

describe('outputBitBound: leaves', () => {
  it('counts a boolean as 1 bit, null and const as 0', () => {
    expect(bits({ type: 'boolean' })).toBe(1)
    expect(bits({ type: 'null' })).toBe(0)
    expect(bits({ const: 'running' })).toBe(0)
  })

  it('counts an enum of n values as log2 n', () => {
    close(bits({ enum: ['running', 'cycling', 'swimming', 'walking', 'hiking'] }), Math.log2(5))
    expect(bits({ type: 'string', enum: ['a', 'b', 'c', 'd'] })).toBe(2)
  })

  it('counts an integer in [a, b] as log2(b − a + 1)', () => {
    const b = bits({ type: 'integer', minimum: 30, maximum: 50 })
    close(b, Math.log2(21))
    expect(b.toFixed(2)).toBe('4.39')
  })

  it('honours exclusive bounds and integer multipleOf', () => {
    close(bits({ type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 }), Math.log2(9))
    close(bits({ type: 'integer', minimum: 0, maximum: 100, multipleOf: 10 }), Math.log2(11))
    expect(bits({ type: 'integer', minimum: 5, maximum: 4 })).toBe(0)
  })

  it('refuses to bound an integer with an open end', () => {
    const b = outputBitBound({ type: 'integer', minimum: 0 })
    expect(b.bits).toBe(Infinity)
    expect(b.fields[0]).toMatchObject({ path: '(output)', bits: Infinity })
  })

  it('counts a number by range and a power-of-two multipleOf exactly', () => {
    close(bits({ type: 'number', minimum: 0, maximum: 1, multipleOf: 0.25 }), Math.log2(5))
    close(bits({ type: 'number', minimum: -2, maximum: 2, multipleOf: 1 }), Math.log2(5))
  })

  it('adds log2 3 for float rounding when multipleOf is not a power of two', () => {
    close(bits({ type: 'number', minimum: 0, maximum: 1, multipleOf: 0.1 }), Math.log2(11 * 3))
    close(bits({ type: 'number', minimum: 0, maximum: 5, multipleOf: 0.01 }), Math.log2(501 * 3))
  })

  it('treats a number without multipleOf as unbounded, the float could encode anything', () => {
    const b = outputBitBound({ type: 'number', minimum: 0, maximum: 1 })
    expect(b.bits).toBe(Infinity)
    expect(b.fields[0]!.why).toMatch(/multipleOf/)
    expect(bits({ type: 'number', minimum: 3, maximum: 3 })).toBe(0)
  })

  it('bounds a string only by enum, const or a one-class pattern with a length limit', () => {
    expect(bits({ type: 'string' })).toBe(Infinity)
    expect(bits({ type: 'string', maxLength: 8 })).toBe(Infinity)
    expect(bits({ type: 'string', pattern: '^[a-z]+$' })).toBe(Infinity)
    expect(bits({ type: 'string', maxLength: 8, pattern: '^[a-z]+(x)$' })).toBe(Infinity)
    expect(bits({ type: 'string', maxLength: 0 })).toBe(0)
    // Σ_{n=0..8} 36^n strings
    let total = 0
    for (let n = 0; n <= 8; n++) total += 36 ** n
    close(bits({ type: 'string', maxLength: 8, pattern: '^[a-z0-9]{0,8}$' }), Math.log2(total))
    close(bits({ type: 'string', pattern: '^[A-Z]{3}$' }), 3 * Math.log2(26))
    close(bits({ type: 'string', pattern: '^\\d{4}$' }), 4 * Math.log2(10))
    close(bits({ type: 'string', maxLength: 2, pattern: '^[a-cb-d_]*$' }), Math.log2(1 + 5 + 25))
  })

  it('does not count a negated or shorthand-space class', () => {
    expect(bits({ type: 'string', maxLength: 4, pattern: '^[^a]{0,4}$' })).toBe(Infinity)
    expect(bits({ type: 'string', maxLength: 4, pattern: '^\\s*$' })).toBe(Infinity)
  })
})

describe('outputBitBound: structure', () => {
  it('sums the properties of an object and adds 1 bit per optional property', () => {
    const s = obj(
      { flag: { type: 'boolean' }, size: { type: 'integer', minimum: 30, maximum: 50 } },
      ['flag'],
    )
    const b = outputBitBound(s)
    close(b.bits, 1 + Math.log2(21) + 1)
    expect(b.fields.map((f) => f.path)).toEqual(['flag', 'size'])
    close(b.fields[1]!.bits, Math.log2(21) + 1)
    expect(b.fields[1]!.why).toMatch(/optional/)
  })

  it('names the nested path of an unbounded field', () => {
    const s = obj({
      shop: obj({ id: { type: 'integer', minimum: 0, maximum: 9 }, note: { type: 'string' } }),
    })
    const b = outputBitBound(s)
    expect(b.bits).toBe(Infinity)
    expect(b.fields.find((f) => f.bits === Infinity)!.path).toBe('shop.note')
  })

  it('treats an object whose additionalProperties is not false as unbounded', () => {
    expect(bits({ type: 'object', properties: { a: { type: 'boolean' } } })).toBe(Infinity)
    expect(bits({ type: 'object', additionalProperties: { type: 'boolean' } })).toBe(Infinity)
    expect(
      bits({ type: 'object', additionalProperties: false, patternProperties: { '^x': true } }),
    ).toBe(Infinity)
    expect(bits({ type: 'object', additionalProperties: false })).toBe(0)
  })

  it('counts every array of 0..maxItems items exactly', () => {
    // booleans, 0..3 items: 1 + 2 + 4 + 8 = 15 arrays
    close(bits({ type: 'array', maxItems: 3, items: { type: 'boolean' } }), Math.log2(15))
    // enum of 5, 1..2 items: 5 + 25
    close(
      bits({ type: 'array', minItems: 1, maxItems: 2, items: { enum: [1, 2, 3, 4, 5] } }),
      Math.log2(30),
    )
    // const items: one array per length
    close(bits({ type: 'array', maxItems: 9, items: { const: 0 } }), Math.log2(10))
    expect(bits({ type: 'array', items: { type: 'boolean' } })).toBe(Infinity)
    expect(bits({ type: 'array', maxItems: 3 })).toBe(Infinity)
    expect(bits({ type: 'array', maxItems: 0 })).toBe(0)
  })

  it('stays finite and exact-ish for long arrays', () => {
    // 0..1000 items of 1 bit: 2^1001 − 1 arrays
    close(bits({ type: 'array', maxItems: 1000, items: { type: 'boolean' } }), 1001)
  })

  it('counts positional prefixItems', () => {
    // [bool, enum3] then nothing more; lengths 0,1,2 → 1 + 2 + 6
    const s = {
      type: 'array',
      prefixItems: [{ type: 'boolean' }, { enum: [1, 2, 3] }],
      items: false,
    }
    close(bits(s), Math.log2(9))
  })

  it('takes log2 of the summed alternatives for oneOf, anyOf and type arrays', () => {
    close(bits({ oneOf: [{ type: 'boolean' }, { enum: ['a', 'b', 'c'] }] }), Math.log2(2 + 3))
    close(bits({ anyOf: [{ const: 1 }, { const: 2 }] }), 1)
    close(bits({ type: ['integer', 'null'], minimum: 30, maximum: 50 }), Math.log2(22))
    expect(bits({ oneOf: [{ type: 'boolean' }, { type: 'string' }] })).toBe(Infinity)
  })

  it('takes the tightest of enum, type and allOf', () => {
    close(bits({ type: 'integer', minimum: 0, maximum: 1000, enum: [1, 2, 3] }), Math.log2(3))
    close(bits({ allOf: [{ type: 'integer', minimum: 0, maximum: 3 }, { type: 'integer' }] }), 2)
  })

  it('treats a schema with no type, enum or const as unbounded', () => {
    expect(bits({})).toBe(Infinity)
    expect(bits(true)).toBe(Infinity)
    expect(bits(false)).toBe(0)
  })

  it('refuses a non-schema argument with a TypeError', () => {
    expect(() => outputBitBound(42 as unknown as JsonSchema)).toThrow(TypeError)
  })
})

describe('assertPrivateBounded', () => {
  it('accepts the DESIGN example and returns its bound', () => {
    close(assertPrivateBounded(parseManifest(example())).bits, Math.log2(21))
  })

  it('refuses an unbounded private output naming the field', () => {
    const m = parseManifest(
      example({
        output: obj({
          euSize: { type: 'integer', minimum: 30, maximum: 50 },
          note: { type: 'string' },
        }),
      }),
    )
    expect(() => assertPrivateBounded(m)).toThrow(
      expect.objectContaining({ code: 'SEALPOST_OUTPUT_UNBOUNDED', field: 'note' }),
    )
    expect(() => assertPrivateBounded(m)).toThrow(/output field note/)
  })

  it('lets a local-mode manifest keep an unbounded output', () => {
    const m = parseManifest(example({ mode: 'local', output: { type: 'object' } }))
    expect(assertPrivateBounded(m).bits).toBe(Infinity)
  })
})

// A probe universe of small JSON values; a schema may accept no more of them than 2^bits.
const atoms: unknown[] = [
  null,
  true,
  false,
  -2,
  -1,
  0,
  1,
  2,
  3,
  5,
  0.5,
  '',
  'a',
  'b',
  'ab',
  'ba',
  'c',
]
const universe: unknown[] = [
  ...atoms,
  [],
  ...atoms.slice(0, 9).map((a) => [a]),
  ...atoms.slice(0, 5).flatMap((a) => atoms.slice(0, 5).map((b) => [a, b])),
  {},
  ...atoms.slice(0, 8).map((a) => ({ a })),
  ...atoms.slice(0, 5).flatMap((a) => atoms.slice(0, 5).map((b) => ({ a, b }))),
]

const leafSchema = fc.oneof(
  fc.constant({ type: 'boolean' }),
  fc.constant({ type: 'null' }),
  fc
    .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 5 }))
    .map(([a, w]) => ({ type: 'integer', minimum: a, maximum: a + w })),
  fc
    .constantFrom(0.5, 1, 0.25)
    .map((m) => ({ type: 'number', minimum: -2, maximum: 3, multipleOf: m })),
  fc.subarray(atoms, { minLength: 1 }).map((e) => ({ enum: e })),
  fc
    .constantFrom('^[ab]{0,2}$', '^[a-c]?$', '^\\w{1}$')
    .map((p) => ({ type: 'string', pattern: p })),
)
const schemaArb: fc.Arbitrary<JsonSchema> = fc.letrec<{ s: JsonSchema }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafSchema,
    fc
      .tuple(tie('s'), fc.integer({ min: 0, max: 2 }))
      .map(([items, n]) => ({ type: 'array', maxItems: n, items })),
    fc.tuple(tie('s'), tie('s'), fc.subarray(['a', 'b'])).map(([a, b, req]) => obj({ a, b }, req)),
    fc.array(tie('s'), { minLength: 1, maxLength: 3 }).map((alts) => ({ anyOf: alts })),
  ),
})).s

describe('outputBitBound is an upper bound (property)', () => {
  it('no schema accepts more probe values than 2^bits', () => {
    const ajv = new Ajv2020({ strict: false })
    fc.assert(
      fc.property(schemaArb, (schema) => {
        const validate = ajv.compile(schema)
        const accepted = universe.filter((v) => validate(v)).length
        expect(accepted).toBeLessThanOrEqual(2 ** bits(schema) * (1 + 1e-9))
      }),
      { numRuns: 300 },
    )
  })

  it('the float allowance covers every double ajv accepts near each multiple', () => {
    const ajv = new Ajv2020({ strict: false })
    const f64 = new Float64Array(1)
    const i64 = new BigInt64Array(f64.buffer)
    const step = (x: number, d: number): number => {
      f64[0] = x
      i64[0] = i64[0]! + BigInt(d)
      return f64[0]
    }
    for (const m of [0.1, 0.01, 0.3, 0.07]) {
      const schema = { type: 'number', minimum: 0.01, maximum: 20, multipleOf: m }
      const validate = ajv.compile(schema)
      const seen = new Set<number>()
      for (let k = 0; k * m <= 21; k++) {
        for (let d = -6; d <= 6; d++) {
          const x = step(k * m, d)
          if (validate(x)) seen.add(x)
        }
      }
      expect(seen.size).toBeLessThanOrEqual(2 ** bits(schema))
      expect(seen.size).toBeGreaterThan(2 ** bits(schema) / 6)
    }
  })
})
