/**
 * Hostile class: partner `pattern`s with catastrophic backtracking, in `allOf`, `propertyNames`,
 * `patternProperties` or a `local` module's schema. They used to hang the host for good during
 * output validation. Patterns now run on a linear-time engine (or are refused at build and
 * install when they need backtracking), so validation ends, with the right answer.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { checkOutput } from '../../runtime/pipeline/output.ts'
import { parseManifest } from '../../runtime/manifest/index.ts'
import {
  LinearRegExp,
  MAX_PROGRAM,
  PatternRefusedError,
} from '../../runtime/manifest/_linear_regex.ts'
import { manifest } from '../bundle/_helpers.ts'

const EVIL = '^(a+)+$'
// Thirty a's and a '!': the native engine tries 2^30 ways to split the a's before failing.
const ATTACK = 'a'.repeat(30) + '!'

describe('validating outputs against backtracking patterns', () => {
  it('ends on a pattern in allOf', () => {
    const schema = { type: 'string', maxLength: 64, allOf: [{ pattern: EVIL }] }
    expect(() => checkOutput(JSON.stringify(ATTACK), schema)).toThrow(
      expect.objectContaining({ code: 'SEALPOST_OUTPUT_INVALID' }),
    )
    expect(checkOutput(JSON.stringify('aaaa'), schema)).toBe('aaaa')
  })

  it('ends on a pattern in propertyNames', () => {
    const schema = { type: 'object', maxProperties: 2, propertyNames: { pattern: EVIL } }
    expect(() => checkOutput(JSON.stringify({ [ATTACK]: 1 }), schema)).toThrow(
      /breaks the bundle's schema/,
    )
    expect(checkOutput('{"aaa":1}', schema)).toEqual({ aaa: 1 })
  })

  it('ends on a patternProperties key', () => {
    const schema = { type: 'object', patternProperties: { '^(x+x+)+y$': { type: 'integer' } } }
    expect(() => checkOutput(JSON.stringify({ ['x'.repeat(40)]: 'no' }), schema)).not.toThrow()
    expect(() => checkOutput(JSON.stringify({ xxy: 'no' }), schema)).toThrow(/breaks/)
  })

  it('ends for a local module’s schema, checked like any other', () => {
    const m = parseManifest(
      manifest({
        mode: 'local',
        output: {
          type: 'object',
          additionalProperties: false,
          properties: { note: { type: 'string', pattern: '^(\\w+\\s?)*$' } },
        },
      }),
    )
    const long = JSON.stringify({ note: 'word '.repeat(2000) + '!' })
    expect(() => checkOutput(long, m.output)).toThrow(/breaks the bundle's schema/)
  })

  it('refuses a lone surrogate by name instead of failing later at sealing', () => {
    const schema = { type: 'object', properties: { s: { type: 'string', pattern: '^.$' } } }
    expect(() => checkOutput('{"s":"\\ud800"}', schema)).toThrow(
      expect.objectContaining({
        code: 'SEALPOST_OUTPUT_INVALID',
        message: 'output /s holds a lone surrogate, not Unicode text',
      }),
    )
  })
})

describe('patterns that need backtracking are refused at build and install', () => {
  const withPattern = (pattern: string) =>
    manifest({
      output: {
        type: 'object',
        additionalProperties: false,
        required: ['code'],
        properties: { code: { type: 'string', maxLength: 8, pattern } },
      },
    })

  for (const [pattern, why] of [
    ['^(?=a)a$', /lookahead and lookbehind are not supported/],
    ['^(a)\\1$', /backreferences are not supported/],
    ['^\\p{L}$', /Unicode property escapes/],
    ['^(a{50}){50}$', new RegExp(`more than ${MAX_PROGRAM} steps`)],
  ] as const) {
    it(`refuses ${pattern}`, () => {
      expect(() => parseManifest(withPattern(pattern))).toThrow(
        expect.objectContaining({
          code: 'SEALPOST_MANIFEST_INVALID',
          message: expect.stringMatching(why),
        }),
      )
    })
  }

  it('refuses a schema whose patterns add up past the total step budget', () => {
    const many = Array.from({ length: 10 }, () => ({ pattern: '^[a-z]{0,900}$' }))
    expect(() =>
      parseManifest(manifest({ mode: 'local', output: { type: 'string', allOf: many } })),
    ).toThrow(/patterns compile to more than 8000 steps in all/)
  })
})

describe('the linear engine agrees with the native one', () => {
  // Small patterns over {a, b}: concatenation, alternation, groups, quantifiers, classes, anchors.
  const atom: fc.Arbitrary<string> = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\w', '\\d')
  const pattern: fc.Arbitrary<string> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      fc.tuple(tie('node'), tie('node')).map(([x, y]) => `${x}${y}`),
      fc.tuple(tie('node'), tie('node')).map(([x, y]) => `(?:${x}|${y})`),
      fc
        .tuple(tie('node'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{0,}', '*?'))
        .map(([x, q]) => `(${x})${q}`),
    ),
  })).node as fc.Arbitrary<string>
  const anchored = fc
    .tuple(fc.boolean(), pattern, fc.boolean())
    .map(([s, p, e]) => `${s ? '^' : ''}${p}${e ? '$' : ''}`)

  it('on random patterns and strings (property)', () => {
    fc.assert(
      fc.property(anchored, fc.stringMatching(/^[ab1 ]{0,10}$/), (p, s) => {
        expect(new LinearRegExp(p).test(s)).toBe(new RegExp(p, 'u').test(s))
      }),
      { numRuns: 3000 },
    )
  })

  it('on Unicode: astral characters and lone surrogates are one code point each', () => {
    for (const [p, s] of [
      ['^.$', '😀'],
      ['^.$', '\ud800'],
      ['^\\u{1F600}$', '😀'],
      ['^\\ud83d\\ude00$', '😀'],
      ['^[😀-😂]+$', '😁😂'],
      ['\\bfoo\\b', 'a foo.'],
      ['\\Bfoo', 'afoo'],
    ] as const) {
      expect([p, s, new LinearRegExp(p).test(s)]).toEqual([p, s, new RegExp(p, 'u').test(s)])
    }
  })

  it('throws only PatternRefusedError on arbitrary pattern text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (p) => {
        try {
          new LinearRegExp(p)
        } catch (e) {
          expect(e).toBeInstanceOf(PatternRefusedError)
        }
      }),
      { numRuns: 3000 },
    )
  })
})

describe('uniqueItems, whose check is quadratic, needs a small maxItems', () => {
  it('refuses uniqueItems without maxItems, or with more than 1000', () => {
    for (const extra of [{}, { maxItems: 5000 }]) {
      expect(() =>
        parseManifest(
          manifest({ mode: 'local', output: { type: 'array', uniqueItems: true, ...extra } }),
        ),
      ).toThrow(
        expect.objectContaining({
          code: 'SEALPOST_MANIFEST_INVALID',
          message: expect.stringMatching(/uniqueItems: needs maxItems of at most 1000/),
        }),
      )
    }
    const ok = parseManifest(
      manifest({ mode: 'local', output: { type: 'array', uniqueItems: true, maxItems: 10 } }),
    )
    expect(ok.output).toMatchObject({ uniqueItems: true })
  })
})
