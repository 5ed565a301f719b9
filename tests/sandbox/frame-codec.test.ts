import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  columnFromValues,
  columnLength,
  columnValue,
  concatColumns,
  decodeColumn,
  encodeColumn,
  frameFromRecords,
  takeRows,
  ColumnDecodeError,
} from '../../sandbox/frame/codec.ts'
import type { ColumnKind } from '../../sandbox/frame/types.ts'

const valueFor: Record<ColumnKind, fc.Arbitrary<unknown>> = {
  time: fc.option(fc.integer({ min: 0, max: 2 ** 42 }), { nil: undefined }),
  number: fc.option(fc.double({ noNaN: true }), { nil: undefined }),
  category: fc.option(fc.constantFrom('running', 'cycling', 'café', '', '🏊'), { nil: undefined }),
  text: fc.string({ unit: 'grapheme' }),
  bool: fc.option(fc.boolean(), { nil: undefined }),
}
const kinds = Object.keys(valueFor) as ColumnKind[]

const rowsOf = (kind: ColumnKind, col: ReturnType<typeof columnFromValues>) =>
  Array.from({ length: columnLength(col) }, (_, i) => columnValue(col, i)).map((v) =>
    kind === 'text' ? v : v,
  )

describe('frame codec', () => {
  for (const kind of kinds) {
    it(`round-trips ${kind} columns through bytes`, () => {
      fc.assert(
        fc.property(fc.array(valueFor[kind], { maxLength: 60 }), (values) => {
          const col = columnFromValues(kind, values)
          const back = decodeColumn(encodeColumn(col))
          expect(rowsOf(kind, back)).toEqual(rowsOf(kind, col))
          const expected = values.map((v) => (kind === 'text' ? (v ?? '') : v))
          expect(rowsOf(kind, col)).toEqual(expected)
        }),
      )
    })

    it(`concat and take preserve ${kind} row values`, () => {
      fc.assert(
        fc.property(
          fc.array(valueFor[kind], { maxLength: 30 }),
          fc.array(valueFor[kind], { minLength: 1, maxLength: 30 }),
          (a, b) => {
            const joined = concatColumns([columnFromValues(kind, a), columnFromValues(kind, b)])
            expect(rowsOf(kind, joined)).toEqual(rowsOf(kind, columnFromValues(kind, [...a, ...b])))
            const picks = Uint32Array.from([a.length + b.length - 1, 0].filter((i) => i >= 0))
            const taken = takeRows(joined, picks)
            expect(rowsOf(kind, taken)).toEqual(Array.from(picks, (i) => columnValue(joined, i)))
          },
        ),
      )
    })
  }

  it('dictionary-codes categories densely after a take, hiding rows outside it', () => {
    const col = columnFromValues('category', ['a', 'secret', 'b', 'a'])
    const taken = takeRows(col, Uint32Array.from([0, 2, 3]))
    expect(taken.kind === 'category' && taken.dictionary).toEqual(['a', 'b'])
  })

  it('rejects truncated, padded and out-of-range encodings', () => {
    const bytes = encodeColumn(columnFromValues('category', ['x', 'y', 'x']))
    expect(() => decodeColumn(bytes.subarray(0, bytes.length - 1))).toThrow(ColumnDecodeError)
    expect(() => decodeColumn(new Uint8Array([...bytes, 0]))).toThrow(ColumnDecodeError)
    const bad = bytes.slice()
    bad[8] = 9 // first code → 9, dictionary has 2 entries
    expect(() => decodeColumn(bad)).toThrow(ColumnDecodeError)
    expect(() => decodeColumn(new Uint8Array([7, 1, 0, 0, 0, 0, 0, 0]))).toThrow(ColumnDecodeError)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (junk) => {
        try {
          decodeColumn(junk)
        } catch (e) {
          expect(e).toBeInstanceOf(ColumnDecodeError)
        }
      }),
    )
  })

  it('builds a frame of only the requested fields and rows inside the window, in time order', () => {
    const layout = {
      name: 'activities',
      timeField: 'startedAt',
      kinds: { startedAt: 'time', sport: 'category', durationSec: 'number', name: 'text' } as const,
    }
    const records = [
      { startedAt: 300, sport: 'running', durationSec: 10, name: 'late' },
      { startedAt: 100, sport: 'cycling', durationSec: 20, name: 'early' },
      { startedAt: 50, sport: 'secret', durationSec: 30, name: 'outside' },
      { startedAt: 200, sport: 'running', durationSec: 40, name: 'mid' },
    ]
    const frame = frameFromRecords(layout, records, ['sport', 'durationSec'], 100, 301)
    expect(frame.length).toBe(3)
    expect(Object.keys(frame.columns)).toEqual(['sport', 'durationSec'])
    const d = frame.columns.durationSec!
    expect(d.kind === 'number' && Array.from(d.values)).toEqual([20, 40, 10])
    const s = frame.columns.sport!
    expect(s.kind === 'category' && s.dictionary).toEqual(['cycling', 'running'])
    expect(() => frameFromRecords(layout, records, ['heartRate'], 0, 1)).toThrow(RangeError)
  })
})
