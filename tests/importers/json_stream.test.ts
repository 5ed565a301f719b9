/**
 * The streaming JSON parser behind the big exports: RFC 8259 exactly as `JSON.parse` reads it, in
 * any chunking (inside escapes and multi-byte characters too), every truncation a typed error,
 * depth and value-size caps with their stable codes, and positions in errors.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ImportFormatError, ImportLimitError } from '../../runtime/importers/errors.ts'
import {
  selectPaths,
  streamJson,
  type JsonEvent,
  type JsonSelection,
} from '../../runtime/importers/_json_stream.ts'
import { bytesSource } from './_exports.ts'
import { cutAt, parsePieces, rebuild } from './_json_events.ts'

const DESCEND = (): JsonSelection => 'descend'
const WHOLE = (): JsonSelection => 'value'
const SKIP = (): JsonSelection => 'skip'
const MODES = { descend: DESCEND, whole: WHOLE, skip: SKIP } as const

/** The value each mode gives for `pieces` (skip gives undefined), or the error thrown. */
function outcome(pieces: readonly string[], mode: keyof typeof MODES): unknown {
  try {
    return rebuild(parsePieces(pieces, { select: MODES[mode] }))
  } catch (error) {
    return error
  }
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// Every construct: nesting, empty containers, all escapes, a surrogate pair written as escapes,
// raw multi-byte UTF-8 (2, 3 and 4 bytes), numbers in every form, literals, odd whitespace.
const EVERY_CONSTRUCT = `\t{"a": [1, -0, 0.5, -12.25e+3, 1E-2, 7e2, 123456789012345678901234567890],
  "s": "q\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 \\uD834\\uDD1E",
  "raw": "é € 😀 中文", "": {}, "e": [], "t": true, "f": false, "n": null,
  "nested": [[[{"x": [{}]}]], {"y": {"z": [null]}}], "é😀": "key with UTF-8",
  "dup": 1, "dup": 2, "__proto__": {"p": 1}\r\n}  \n`

describe('JsonStreamParser', () => {
  it('reads every JSON construct as JSON.parse does, walked into or taken whole', () => {
    const expected = JSON.parse(EVERY_CONSTRUCT)
    expect(outcome([EVERY_CONSTRUCT], 'descend')).toEqual(expected)
    expect(outcome([EVERY_CONSTRUCT], 'whole')).toEqual(expected)
    expect(parsePieces([EVERY_CONSTRUCT], { select: SKIP })).toEqual([])
    for (const scalar of ['0', '-1.5e3', '"x"', 'true', 'false', 'null', ' 12 ', '"\\u0000"']) {
      expect(outcome([scalar], 'descend')).toEqual(JSON.parse(scalar))
      expect(outcome([scalar], 'whole')).toEqual(JSON.parse(scalar))
      expect(outcome([scalar], 'skip')).toBeUndefined()
    }
  })

  it('gives the same result cut at every position, and at every pair of positions', () => {
    const expected = JSON.parse(EVERY_CONSTRUCT)
    for (let i = 0; i <= EVERY_CONSTRUCT.length; i++) {
      const pieces = cutAt(EVERY_CONSTRUCT, [i])
      expect(outcome(pieces, 'descend')).toEqual(expected)
      expect(outcome(pieces, 'whole')).toEqual(expected)
      expect(outcome(pieces, 'skip')).toBeUndefined()
    }
    const small = '{"k\\u00e9y": ["a\\"b", 1.5e-3, {"x": true}], "m": null}'
    for (let i = 0; i <= small.length; i++)
      for (let j = i; j <= small.length; j++) {
        expect(outcome(cutAt(small, [i, j]), 'descend')).toEqual(JSON.parse(small))
        expect(outcome(cutAt(small, [i, j]), 'whole')).toEqual(JSON.parse(small))
      }
    // One character at a time.
    expect(outcome([...EVERY_CONSTRUCT], 'descend')).toEqual(expected)
  })

  it('decodes UTF-8 split at every byte, a BOM dropped, through streamJson', async () => {
    const bytes = new TextEncoder().encode(`\uFEFF${EVERY_CONSTRUCT}`)
    const expected = JSON.parse(EVERY_CONSTRUCT)
    for (let cut = 1; cut < bytes.length; cut++) {
      const source = {
        name: 'x.json',
        async *chunks() {
          yield bytes.subarray(0, cut)
          yield bytes.subarray(cut)
        },
      }
      const events: JsonEvent[] = []
      for await (const batch of streamJson(source, 'json', { select: DESCEND }))
        events.push(...batch)
      expect(rebuild(events)).toEqual(expected)
    }
    const oneByte: JsonEvent[] = []
    for await (const batch of streamJson(bytesSource('x.json', bytes, 1), 'json', {
      select: WHOLE,
    }))
      oneByte.push(...batch)
    expect(rebuild(oneByte)).toEqual(expected)
  })

  it('refuses invalid UTF-8 with ImportFormatError', async () => {
    const bad = new Uint8Array([0x22, 0x61, 0xc3, 0x28, 0x22])
    let error: unknown
    try {
      for await (const _ of streamJson(bytesSource('x.json', bad), 'json', { select: WHOLE }))
        void _
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as ImportFormatError).code).toBe('SEALPOST_IMPORT_MALFORMED')
  })

  const INVALID = [
    '',
    '   ',
    '[1,]',
    '{"a":1,}',
    '[,1]',
    '{,}',
    '// c\n1',
    '/* c */ 1',
    '[1 /* c */]',
    "'x'",
    '{"a":\'x\'}',
    '01',
    '-01',
    '1.',
    '.5',
    '+1',
    '1e',
    '1e+',
    '-',
    '--1',
    '0x10',
    'NaN',
    '-Infinity',
    'tru',
    'nul',
    'True',
    'nulll',
    '"a\tb"',
    '"a\nb"',
    '"\\x"',
    '"\\u12"',
    '"\\u12G4"',
    '"\\',
    '"abc',
    '{"a" 1}',
    '{a:1}',
    '{"a":1 "b":2}',
    '[1 2]',
    '1 2',
    '{} x',
    '[]{}',
    '{}}',
    '[]]',
    '[}',
    '{]',
    '{"a":}',
    '{"a"}',
    '[1,2',
    '{"a":[1,{"b":"c"',
    '\u00a01',
    '1\u000b',
    '\uFEFF1',
    '["a",]',
    '{"a":1,,"b":2}',
  ]

  it('refuses what JSON.parse refuses, in every mode, with ImportFormatError', () => {
    for (const text of INVALID) {
      expect(() => JSON.parse(text), text).toThrow()
      for (const mode of ['descend', 'whole', 'skip'] as const) {
        const error = outcome([text], mode)
        expect(error, `${mode} ${JSON.stringify(text)}`).toBeInstanceOf(ImportFormatError)
        expect((error as ImportFormatError).code).toBe('SEALPOST_IMPORT_MALFORMED')
      }
    }
  })

  it('refuses every truncation of a document as a typed error (or reads it, as JSON.parse does)', () => {
    for (const doc of [EVERY_CONSTRUCT, '{"m":[{"id":1,"t":"\\ud83d\\ude00 é"}],"x":-1.5e10}']) {
      for (let end = 0; end < doc.length; end++) {
        const prefix = doc.slice(0, end)
        let expected: unknown
        try {
          expected = JSON.parse(prefix)
        } catch {
          expected = ImportFormatError
        }
        for (const mode of ['descend', 'whole', 'skip'] as const) {
          const got = outcome(cutAt(prefix, [end >> 1]), mode)
          if (expected === ImportFormatError)
            expect(got, `${mode} ${JSON.stringify(prefix)}`).toBeInstanceOf(ImportFormatError)
          else if (mode !== 'skip') expect(got).toEqual(expected)
        }
      }
    }
  })

  it('accepts every JSON whitespace and nothing else between tokens', () => {
    const spaced =
      ' \t\r\n{ \t\r\n"a" \t\r\n: \t\r\n[ \t\r\n1 \t\r\n, \t\r\n2 \t\r\n] \t\r\n} \t\r\n'
    expect(outcome([spaced], 'descend')).toEqual({ a: [1, 2] })
    expect(outcome([spaced], 'whole')).toEqual({ a: [1, 2] })
    expect(outcome(['{"a":\u00a0 1}'], 'descend')).toBeInstanceOf(ImportFormatError)
    expect(outcome(['[1,\f2]'], 'skip')).toBeInstanceOf(ImportFormatError)
  })

  it('refuses nesting past maxDepth with SEALPOST_IMPORT_TOO_DEEP, in every mode', () => {
    const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n)
    for (const select of [DESCEND, WHOLE, SKIP, selectPaths(['0.0'])]) {
      expect(() => parsePieces([deep(10)], { select, maxDepth: 10 })).not.toThrow()
      const error = thrownBy(() => parsePieces([deep(11)], { select, maxDepth: 10 }))
      expect(error).toBeInstanceOf(ImportLimitError)
      expect((error as ImportLimitError).code).toBe('SEALPOST_IMPORT_TOO_DEEP')
      expect((error as ImportLimitError).limit).toBe('json-depth')
    }
    // The default is finite: a hostile nest of a million brackets ends in an error, not a crash.
    const error = thrownBy(() => parsePieces([deep(1_000_000)], { select: WHOLE }))
    expect((error as ImportLimitError).code).toBe('SEALPOST_IMPORT_TOO_DEEP')
  })

  it('refuses one value or key larger than maxValueBytes, counting UTF-8 bytes', () => {
    const select = selectPaths(['*'])
    // ["é€😀"] as one element: 2 + 2 + 3 + 4 = 11 bytes of JSON text.
    const doc = '["é€😀", 1]'
    expect(parsePieces([doc], { select, maxValueBytes: 11 })[1]).toEqual({
      kind: 'value',
      path: [0],
      value: 'é€😀',
    })
    for (const pieces of [[doc], [...doc]]) {
      const error = thrownBy(() => parsePieces(pieces, { select, maxValueBytes: 10 }))
      expect(error).toBeInstanceOf(ImportLimitError)
      expect((error as ImportLimitError).code).toBe('SEALPOST_IMPORT_RECORD_TOO_LARGE')
      expect((error as ImportLimitError).max).toBe(10)
    }
    // A skipped value is never held, so it may be of any size; a key of a walked object may not.
    const big = `{"skipped": {"${'k'.repeat(200)}": "${'x'.repeat(5000)}"}, "small": 1}`
    const keyError = thrownBy(() => parsePieces([big], { select: DESCEND, maxValueBytes: 100 }))
    expect((keyError as ImportLimitError).code).toBe('SEALPOST_IMPORT_RECORD_TOO_LARGE')
    expect(parsePieces([big], { select: selectPaths(['small']), maxValueBytes: 100 })).toHaveLength(
      3,
    )
  })

  it('says where the error is: line and column, inside a taken value too', () => {
    const text = '{\n  "a": 1,\n  "b": [1, x]\n}'
    for (const select of [DESCEND, WHOLE, SKIP, selectPaths(['b'])]) {
      const error = thrownBy(() => parsePieces(cutAt(text, [9, 17]), { select }))
      expect((error as ImportFormatError).position).toEqual({ line: 3, column: 12 })
      expect((error as Error).message).toContain('(at line 3, column 12)')
    }
    const truncated = thrownBy(() => parsePieces(['[1,\n2'], { select: DESCEND }))
    expect((truncated as Error).message).toMatch(/not valid JSON: the file ends.*line 2, column 2/)
  })

  it('equals JSON.parse on any JSON value in any chunking (property)', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 6 }),
        fc.constantFrom(0, 2, '\t'),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(DESCEND, WHOLE, selectPaths(['*', '*.*'])),
        (value, indent, cuts, select) => {
          const text = JSON.stringify(value, null, indent)
          const pieces = cutAt(
            text,
            cuts.map((c) => c % (text.length + 1)),
          )
          const events = parsePieces(pieces, { select })
          if (select === DESCEND || select === WHOLE)
            expect(rebuild(events)).toEqual(JSON.parse(text))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('accepts exactly what JSON.parse accepts on arbitrary text (property)', () => {
    const alphabet = fc.constantFrom(...'{}[],:"\\ 0123456789.eE+-tfnrulsab\n\tu\u00e9'.split(''))
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.nat(), (chars, cut) => {
        const text = chars.join('')
        let expected: unknown = ImportFormatError
        try {
          expected = JSON.parse(text)
        } catch {
          // refused
        }
        const pieces = cutAt(text, [cut % (text.length + 1)])
        for (const mode of ['descend', 'whole', 'skip'] as const) {
          const got = outcome(pieces, mode)
          if (expected === ImportFormatError) expect(got).toBeInstanceOf(ImportFormatError)
          else if (mode !== 'skip') expect(got).toEqual(expected)
          else expect(got).toBeUndefined()
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('selectPaths', () => {
  it('takes pattern paths whole, walks into their prefixes and skips the rest', () => {
    const select = selectPaths(['name', 'messages.*', 'chats.list.*.messages.*'])
    expect(select([])).toBe('descend')
    expect(select(['name'])).toBe('value')
    expect(select(['messages'])).toBe('descend')
    expect(select(['messages', 3])).toBe('value')
    expect(select(['chats', 'list', 0])).toBe('descend')
    expect(select(['chats', 'list', 0, 'messages', 9])).toBe('value')
    expect(select(['chats', 'about'])).toBe('skip')
    expect(select(['contacts'])).toBe('skip')
    expect(selectPaths(['*'])([4])).toBe('value')
  })

  it('reads only the selected values of a document, in document order', () => {
    const doc = '{"name":"A","contacts":{"list":[1,2]},"messages":[{"id":1},{"id":2}],"tail":3}'
    const events = parsePieces([doc], { select: selectPaths(['name', 'messages.*']) })
    expect(events.filter((e) => e.kind === 'value')).toEqual([
      { kind: 'value', path: ['name'], value: 'A' },
      { kind: 'value', path: ['messages', 0], value: { id: 1 } },
      { kind: 'value', path: ['messages', 1], value: { id: 2 } },
    ])
  })
})
