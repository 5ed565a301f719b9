/**
 * Reads a `pattern` that is one character class repeated, anchored at both ends (`^[a-z0-9]{0,8}$`,
 * `^\d{4}$`), as an alphabet size and a length range. Anything else returns undefined: the bit
 * bound then treats the string as unbounded.
 */

export interface SingleClassPattern {
  /** Number of distinct code points the class matches. */
  readonly alphabet: number
  readonly minLength: number
  /** Infinity for `*`, `+` and `{n,}`. */
  readonly maxLength: number
}

type Range = readonly [number, number]

const DIGITS: readonly Range[] = [[0x30, 0x39]]
const WORD: readonly Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]
const CONTROL: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, f: 12, v: 11, '0': 0 }
// Ajv compiles patterns with the `u` flag; these are the identity escapes it allows in a class.
const SYNTAX = new Set('^$\\.*+?()[]{}|/-')

interface Cursor {
  readonly cps: readonly number[]
  i: number
}

/** One escape after a backslash: a set (`\d`, `\w`) or a single code point; undefined if unsupported. */
function readEscape(c: Cursor): readonly Range[] | number | undefined {
  const ch = c.cps[c.i++]
  if (ch === undefined) return undefined
  const s = String.fromCodePoint(ch)
  if (s === 'd') return DIGITS
  if (s === 'w') return WORD
  if (s in CONTROL) return CONTROL[s]
  if (SYNTAX.has(s)) return ch
  if (s === 'x' || s === 'u') {
    const hex = (n: number): number | undefined => {
      const digits = String.fromCodePoint(...c.cps.slice(c.i, c.i + n))
      if (digits.length !== n || !/^[0-9a-fA-F]+$/.test(digits)) return undefined
      c.i += n
      return parseInt(digits, 16)
    }
    if (s === 'x') return hex(2)
    if (c.cps[c.i] === 0x7b) {
      const end = c.cps.indexOf(0x7d, c.i)
      if (end === -1) return undefined
      const digits = String.fromCodePoint(...c.cps.slice(c.i + 1, end))
      if (!/^[0-9a-fA-F]{1,6}$/.test(digits)) return undefined
      c.i = end + 1
      const cp = parseInt(digits, 16)
      return cp <= 0x10ffff ? cp : undefined
    }
    return hex(4)
  }
  return undefined // \s, \D, \W, \p{…}, \b and friends: not counted
}

function readClass(c: Cursor): readonly Range[] | undefined {
  if (c.cps[c.i] === 0x5e) return undefined // negated class: the complement is huge
  const ranges: Range[] = []
  const atom = (): readonly Range[] | number | undefined => {
    const ch = c.cps[c.i++]
    if (ch === undefined) return undefined
    return ch === 0x5c ? readEscape(c) : ch
  }
  while (c.i < c.cps.length && c.cps[c.i] !== 0x5d) {
    const first = atom()
    if (first === undefined) return undefined
    if (typeof first !== 'number') {
      ranges.push(...first)
      continue
    }
    if (c.cps[c.i] === 0x2d && c.cps[c.i + 1] !== 0x5d && c.i + 1 < c.cps.length) {
      c.i++
      const last = atom()
      if (typeof last !== 'number' || last < first) return undefined
      ranges.push([first, last])
    } else {
      ranges.push([first, first])
    }
  }
  if (c.cps[c.i] !== 0x5d) return undefined
  c.i++
  return ranges
}

function countUnion(ranges: readonly Range[]): number {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  let count = 0
  let end = -1
  for (const [lo, hi] of sorted) {
    const from = Math.max(lo, end + 1)
    if (hi >= from) count += hi - from + 1
    end = Math.max(end, hi)
  }
  return count
}

function readQuantifier(rest: string): { min: number; max: number } | undefined {
  if (rest === '') return { min: 1, max: 1 }
  if (rest === '?') return { min: 0, max: 1 }
  if (rest === '*') return { min: 0, max: Infinity }
  if (rest === '+') return { min: 1, max: Infinity }
  const m = /^\{(\d{1,9})(,(\d{0,9}))?\}$/.exec(rest)
  if (!m) return undefined
  const min = Number(m[1])
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
  return max >= min ? { min, max } : undefined
}

/** Parses `^CLASS QUANTIFIER$`, or returns undefined when the pattern has any other shape. */
export function parseSingleClassPattern(pattern: string): SingleClassPattern | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$'))
    return undefined
  const c: Cursor = { cps: Array.from(pattern.slice(1, -1), (s) => s.codePointAt(0)!), i: 0 }
  const head = c.cps[c.i++]
  let ranges: readonly Range[] | undefined
  if (head === 0x5b) ranges = readClass(c)
  else if (head === 0x5c) {
    const e = readEscape(c)
    ranges = typeof e === 'number' ? [[e, e]] : e
  }
  if (!ranges) return undefined
  const q = readQuantifier(String.fromCodePoint(...c.cps.slice(c.i)))
  if (!q) return undefined
  return { alphabet: countUnion(ranges), minLength: q.min, maxLength: q.max }
}
