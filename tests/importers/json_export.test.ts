import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  clip,
  jsonErrorOffset,
  parseIsoTime,
  parseJsonText,
} from '../../runtime/importers/_json_export.ts'
import { ImportFormatError } from '../../runtime/importers/errors.ts'

function accepts(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe('JSON export helpers', () => {
  it('finds no error in any JSON.stringify output (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, '\t'), (value, indent) => {
        expect(jsonErrorOffset(JSON.stringify(value, null, indent))).toBe(-1)
      }),
      { numRuns: 300 },
    )
  })

  it('agrees with JSON.parse on which texts are valid (property)', () => {
    const mutated = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '\n', '0'),
      )
      .map(([text, at, insert]) => {
        const p = at % (text.length + 1)
        return text.slice(0, p) + insert + text.slice(p + 1)
      })
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string()), (text) => {
        expect(jsonErrorOffset(text) === -1).toBe(accepts(text))
      }),
      { numRuns: 1000 },
    )
  })

  it('reports the line and column of a syntax error', () => {
    const error = (() => {
      try {
        parseJsonText('[\n {\n  "a": ,\n}]', 'test')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as ImportFormatError).position).toEqual({ line: 3, column: 8 })
  })

  it('does not overflow the stack on deep nesting', () => {
    expect(jsonErrorOffset('['.repeat(200_000))).toBe(200_000)
  })

  it('clips by code points, never splitting a surrogate pair', () => {
    expect(clip('a😀b', 2)).toBe('a😀')
    expect(clip('abc', 5)).toBe('abc')
    expect(clip(undefined, 1)).toBeUndefined()
  })

  it('parses ISO times strictly', () => {
    expect(parseIsoTime('2015-10-10T18:47:02.597Z')).toBe(Date.parse('2015-10-10T18:47:02.597Z'))
    expect(parseIsoTime('2021-08-01T01:22:24+02:00')).toBe(Date.parse('2021-07-31T23:22:24Z'))
    expect(parseIsoTime('2021-02-29T00:00:00Z')).toBeUndefined()
    expect(parseIsoTime('yesterday')).toBeUndefined()
  })
})
