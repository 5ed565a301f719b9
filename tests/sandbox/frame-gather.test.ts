import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  columnFromValues,
  columnLength,
  columnValue,
  concatColumns,
  takeRows,
  textRows,
} from '../../sandbox/frame/codec.ts'
import {
  ColumnDecodeError,
  columnView,
  decodeColumn,
  encodeColumn,
  encodeField,
} from '../../sandbox/frame/column_bytes.ts'
import { ColumnGather } from '../../sandbox/frame/gather.ts'
import type { Column, ColumnKind } from '../../sandbox/frame/types.ts'

const valueFor: Record<ColumnKind, fc.Arbitrary<unknown>> = {
  time: fc.option(fc.integer({ min: 0, max: 2 ** 42 }), { nil: undefined }),
  number: fc.oneof(fc.double(), fc.constant(null), fc.constant('7')),
  category: fc.option(fc.constantFrom('running', 'cycling', 'café', '', '🏊'), { nil: undefined }),
  // Lone surrogates included: they encode as U+FFFD, as TextEncoder does.
  text: fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constant(7)),
  bool: fc.oneof(fc.boolean(), fc.constant(null), fc.constant(1)),
}
const kinds = Object.keys(valueFor) as ColumnKind[]
const rowsOf = (col: Column): unknown[] =>
  Array.from({ length: columnLength(col) }, (_, i) => columnValue(col, i))

describe('column bytes', () => {
  for (const kind of kinds) {
    it(`encodeField writes the same bytes as encodeColumn(columnFromValues) for ${kind}`, () => {
      fc.assert(
        fc.property(fc.array(valueFor[kind], { maxLength: 50 }), (values) => {
          const records = values.map((v) => ({ f: v }))
          const want = encodeColumn(columnFromValues(kind, values))
          expect(encodeField(kind, records, 'f')).toEqual(want)
        }),
      )
    })

    it(`columnView reads ${kind} bytes without copying, and like decodeColumn`, () => {
      fc.assert(
        fc.property(fc.array(valueFor[kind], { maxLength: 50 }), (values) => {
          const bytes = encodeColumn(columnFromValues(kind, values))
          const view = columnView(bytes)
          expect(rowsOf(view)).toEqual(rowsOf(decodeColumn(bytes)))
          const array =
            view.kind === 'category' ? view.codes : view.kind === 'text' ? view.bytes : view.values
          expect(array.buffer).toBe(bytes.buffer)
          // Misaligned bytes still parse (into a copy).
          const shifted = new Uint8Array(bytes.length + 1).subarray(1)
          shifted.set(bytes)
          expect(rowsOf(columnView(shifted))).toEqual(rowsOf(view))
        }),
      )
    })
  }

  it('columnView refuses what decodeColumn refuses', () => {
    const bytes = encodeColumn(columnFromValues('text', ['ab', 'c']))
    const bad = bytes.slice()
    bad[8] = 5 // first offset must be 0
    expect(() => columnView(bad)).toThrow(ColumnDecodeError)
    expect(() => columnView(bytes.subarray(0, bytes.length - 1))).toThrow(ColumnDecodeError)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (junk) => {
        let viewError: unknown
        let decodeError: unknown
        try {
          columnView(junk)
        } catch (e) {
          viewError = e
        }
        try {
          decodeColumn(junk)
        } catch (e) {
          decodeError = e
        }
        expect(viewError === undefined).toBe(decodeError === undefined)
        if (viewError) expect(viewError).toBeInstanceOf(ColumnDecodeError)
      }),
    )
  })
})

describe('textRows', () => {
  it('reads every row of a text column back, ASCII or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })), { maxLength: 40 }),
        (values) => {
          const col = columnFromValues('text', values)
          expect(col.kind === 'text' && textRows(col)).toEqual(values)
        },
      ),
    )
  })
})

describe('ColumnGather', () => {
  for (const kind of kinds) {
    it(`gathers row ranges and row lists of ${kind} columns like concat + take`, () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(fc.array(valueFor[kind], { maxLength: 20 }), fc.nat(), fc.nat(), fc.boolean()),
            { minLength: 1, maxLength: 5 },
          ),
          (parts) => {
            const cols = parts.map(([values]) =>
              columnView(encodeColumn(columnFromValues(kind, values))),
            )
            const picks: Uint32Array[] = parts.map(([values, a, b, asList], i) => {
              const n = values.length
              const lo = n === 0 ? 0 : a % (n + 1)
              const hi = n === 0 ? 0 : lo + (b % (n - lo + 1))
              const range = Uint32Array.from({ length: hi - lo }, (_, k) => lo + k)
              // A row list may come in any order.
              return asList && i % 2 === 1 ? range.reverse() : range
            })
            const total = picks.reduce((s, p) => s + p.length, 0)
            const gather = new ColumnGather(kind, total + (parts.length % 2), 3)
            parts.forEach(([, , , asList], i) => {
              const p = picks[i]!
              if (asList || p.length === 0) gather.appendRows(cols[i]!, p)
              else gather.append(cols[i]!, p[0]!, p[p.length - 1]! + 1)
            })
            const got = gather.finish()
            const want = takeRows(
              concatColumns(cols),
              Uint32Array.from(
                picks.flatMap((p, i) => {
                  const before = cols.slice(0, i).reduce((s, c) => s + columnLength(c), 0)
                  return Array.from(p, (r) => r + before)
                }),
              ),
            )
            expect(columnLength(got)).toBe(total)
            expect(rowsOf(got)).toEqual(rowsOf(want))
            if (got.kind === 'category' && want.kind === 'category') {
              expect(got.dictionary).toEqual(want.dictionary)
            }
          },
        ),
      )
    })
  }

  it('names in its dictionary only the values of the rows gathered', () => {
    const col = columnView(
      encodeColumn(columnFromValues('category', ['secret', 'a', 'b', 'secret'])),
    )
    const gather = new ColumnGather('category', 2)
    gather.append(col, 1, 3)
    const got = gather.finish()
    expect(got.kind === 'category' && got.dictionary).toEqual(['a', 'b'])
  })

  it('refuses more rows than its capacity and codes outside the dictionary', () => {
    const col = columnFromValues('number', [1, 2, 3])
    expect(() => new ColumnGather('number', 2).append(col, 0, 3)).toThrow(RangeError)
    const bad: Column = { kind: 'category', codes: Int32Array.of(0, 4), dictionary: ['x'] }
    expect(() => new ColumnGather('category', 2).append(bad, 0, 2)).toThrow(RangeError)
    expect(() => new ColumnGather('text', 2).append(col, 0, 1)).toThrow(TypeError)
  })
})
