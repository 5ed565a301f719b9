import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { canonicalBytes, canonicalize } from '../../runtime/crypto/jcs.ts'

const fromHex = (hex: string): number => {
  const view = new DataView(new ArrayBuffer(8))
  view.setBigUint64(0, BigInt(`0x${hex}`))
  return view.getFloat64(0)
}

describe('RFC 8785 canonical JSON', () => {
  it('matches the §3.2.2 example: numbers, strings and literals', () => {
    // Input text from RFC 8785 §3.2.2, parsed as ECMAScript does.
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    )
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    )
  })

  it('sorts members by UTF-16 code units (§3.2.3)', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
        ' "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",' +
        ' "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    )
    // Read the order from the text: a parsed object always lists the integer key "1" first.
    const order = [...canonicalize(input).matchAll(/:"([^"]+)"/g)].map((m) => m[1])
    expect(order).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ])
  })

  it('serialises every finite number of Appendix B as the RFC lists', () => {
    const table: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ]
    for (const [hex, text] of table) expect(canonicalize(fromHex(hex)), hex).toBe(text)
  })

  it('refuses NaN and Infinity (Appendix B error rows)', () => {
    expect(() => canonicalize(fromHex('7fffffffffffffff'))).toThrow(TypeError)
    expect(() => canonicalize(fromHex('7ff0000000000000'))).toThrow(TypeError)
    expect(() => canonicalize({ a: -Infinity })).toThrow(/value.a is -Infinity/)
  })

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalize(undefined)).toThrow(TypeError)
    expect(() => canonicalize({ a: 1n })).toThrow(/bigint/)
    expect(() => canonicalize([() => 1])).toThrow(/value\[0\] is a function/)
    expect(() => canonicalize(new Date(0))).toThrow(/plain object/)
    expect(() => canonicalize('\ud800x')).toThrow(/lone surrogate/)
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    expect(() => canonicalize(cyclic)).toThrow(/cycle/)
    let deep: unknown = 1
    for (let i = 0; i < 300; i++) deep = [deep]
    expect(() => canonicalize(deep)).toThrow(RangeError)
  })

  it('encodes as UTF-8 without whitespace', () => {
    expect([...canonicalBytes({ b: 'é', a: [true] })]).toEqual([
      ...new TextEncoder().encode('{"a":[true],"b":"é"}'),
    ])
    expect(canonicalize({ shared: [1, 1], again: [1, 1] })).toBe('{"again":[1,1],"shared":[1,1]}')
  })

  it('is idempotent through parse and blind to member order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme' }), (v) => {
        const once = canonicalize(v)
        expect(canonicalize(JSON.parse(once))).toBe(once)
        // Same value, same text, whatever the order and spacing of the input.
        const reordered = JSON.parse(JSON.stringify(v, null, 2), (_k, x: unknown) =>
          x && typeof x === 'object' && !Array.isArray(x)
            ? Object.fromEntries(Object.entries(x).reverse())
            : x,
        ) as unknown
        expect(canonicalize(reordered)).toBe(once)
      }),
      { numRuns: 300 },
    )
  })
})
