/**
 * A linear-time regular expression engine for partner `pattern`s (output schemas): a Thompson
 * NFA simulated Pike-style, so testing a string of n code points against a program of m
 * instructions costs at most O(n·m), whatever the pattern. The native engine backtracks: `^(a+)+$`
 * against thirty `a`s and a `!` never returns, and it would run on the host.
 *
 * The syntax is ECMA-262 with the `u` flag (what Ajv uses), minus what needs backtracking or
 * unbounded tables: backreferences, lookahead and lookbehind, and `\p{…}` are refused with a
 * reason. Programs are capped in size (counted repetition is expanded), so the cost bound is a
 * number an auditor can read: `MAX_PROGRAM` instructions per pattern.
 */

/** A pattern the engine refuses (unsupported syntax, or too large once expanded). */
export class PatternRefusedError extends Error {
  override name = 'PatternRefusedError'
}

/** Most instructions one pattern may compile to (counted repetition expanded). */
export const MAX_PROGRAM = 2_000
/** Longest pattern source accepted, in UTF-16 units. */
export const MAX_PATTERN_CHARS = 1_000

type Ranges = readonly (readonly [number, number])[]

interface CharSet {
  readonly ranges: Ranges
  readonly negated: boolean
}

type Node =
  | { readonly t: 'set'; readonly set: CharSet }
  | { readonly t: 'seq'; readonly items: readonly Node[] }
  | { readonly t: 'alt'; readonly options: readonly Node[] }
  | { readonly t: 'rep'; readonly node: Node; readonly min: number; readonly max: number }
  | { readonly t: 'assert'; readonly kind: Assertion }

type Assertion = 'start' | 'end' | 'word' | 'notWord'

const DIGIT: Ranges = [[0x30, 0x39]]
const WORD: Ranges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]
const SPACE: Ranges = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]
const LINE_TERMINATORS: Ranges = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
]
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13 }
// With the `u` flag only syntax characters may be escaped to stand for themselves.
const SYNTAX = '^$\\.*+?()[]{}|/'

class Parser {
  readonly cps: number[]
  i = 0
  constructor(source: string) {
    // Code points, as the `u` flag reads them; a lone surrogate stays one code point.
    this.cps = Array.from(source, (c) => c.codePointAt(0)!)
  }

  peek(): number | undefined {
    return this.cps[this.i]
  }
  eat(ch: string): boolean {
    if (this.cps[this.i] === ch.codePointAt(0)) {
      this.i++
      return true
    }
    return false
  }
  fail(why: string): never {
    throw new PatternRefusedError(why)
  }

  parse(): Node {
    const node = this.alternation()
    if (this.i < this.cps.length) this.fail(`unexpected ')' at ${this.i}`)
    return node
  }

  alternation(): Node {
    const options = [this.sequence()]
    while (this.eat('|')) options.push(this.sequence())
    return options.length === 1 ? options[0]! : { t: 'alt', options }
  }

  sequence(): Node {
    const items: Node[] = []
    for (;;) {
      const ch = this.peek()
      if (ch === undefined || ch === 0x7c /* | */ || ch === 0x29 /* ) */) break
      const atom = this.atom()
      items.push(this.quantified(atom))
    }
    return { t: 'seq', items }
  }

  quantified(atom: Node): Node {
    const ch = this.peek()
    let min: number
    let max: number
    if (ch === 0x2a /* * */) [min, max] = [0, Infinity]
    else if (ch === 0x2b /* + */) [min, max] = [1, Infinity]
    else if (ch === 0x3f /* ? */) [min, max] = [0, 1]
    else if (ch === 0x7b /* { */) {
      const braces = this.braces()
      if (!braces) return atom
      ;[min, max] = braces
      this.i-- // the loop below steps over the closing brace
    } else return atom
    this.i++
    this.eat('?') // lazy and greedy accept the same strings: `test` only asks whether one exists
    if (atom.t === 'assert') this.fail('a quantifier on an assertion')
    if (this.peek() !== undefined && '*+?{'.includes(String.fromCodePoint(this.peek()!))) {
      if (this.peek() !== 0x7b || this.braces(true)) this.fail('nothing to repeat')
    }
    return { t: 'rep', node: atom, min, max }
  }

  /** `{n}`, `{n,}`, `{n,m}` at the cursor; leaves the cursor on `}`'s successor. */
  braces(lookOnly = false): readonly [number, number] | undefined {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(
      String.fromCodePoint(...this.cps.slice(this.i, this.i + 24)),
    )
    if (!m) {
      // `u` mode refuses a lone `{`; so do we.
      if (!lookOnly) this.fail("a '{' that is not a quantifier")
      return undefined
    }
    if (lookOnly) return [0, 0]
    const min = Number(m[1])
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
    if (!Number.isSafeInteger(min) || max < min) this.fail('a quantifier range out of order')
    if (min > MAX_PROGRAM || (max !== Infinity && max > MAX_PROGRAM)) {
      this.fail(`a repetition count over ${MAX_PROGRAM}`)
    }
    this.i += m[0].length
    return [min, max]
  }

  atom(): Node {
    const ch = this.cps[this.i++]!
    switch (ch) {
      case 0x5e /* ^ */:
        return { t: 'assert', kind: 'start' }
      case 0x24 /* $ */:
        return { t: 'assert', kind: 'end' }
      case 0x2e /* . */:
        return { t: 'set', set: { ranges: LINE_TERMINATORS, negated: true } }
      case 0x28 /* ( */:
        return this.group()
      case 0x5b /* [ */:
        return { t: 'set', set: this.charClass() }
      case 0x5c /* \ */:
        return this.atomEscape()
      case 0x2a:
      case 0x2b:
      case 0x3f:
        return this.fail('nothing to repeat')
      case 0x7b /* { */:
      case 0x7d /* } */:
      case 0x5d /* ] */:
        return this.fail(`a lone '${String.fromCodePoint(ch)}'`)
      default:
        return literal(ch)
    }
  }

  group(): Node {
    if (this.eat('?')) {
      if (this.eat(':')) {
        /* non-capturing */
      } else if (this.peek() === 0x3c /* < */ && ![0x3d, 0x21].includes(this.cps[this.i + 1]!)) {
        // A named group captures nothing the engine needs: read past its name.
        const end = this.cps.indexOf(0x3e, this.i)
        if (end === -1) this.fail('an unterminated group name')
        this.i = end + 1
      } else this.fail('lookahead and lookbehind are not supported (they need backtracking)')
    }
    const inner = this.alternation()
    if (!this.eat(')')) this.fail("a '(' without its ')'")
    return inner
  }

  atomEscape(): Node {
    const ch = this.peek()
    if (ch === undefined) this.fail('a pattern ending in a backslash')
    const s = String.fromCodePoint(ch)
    if (s === 'b' || s === 'B') {
      this.i++
      return { t: 'assert', kind: s === 'b' ? 'word' : 'notWord' }
    }
    if (/[1-9]/.test(s) || s === 'k') this.fail('backreferences are not supported')
    const e = this.classEscape()
    return Array.isArray(e) ? { t: 'set', set: e[0] } : literal(e as number)
  }

  /** An escape valid in and out of classes: a set (`\d`) as [set], or one code point. */
  classEscape(): number | [CharSet] {
    const ch = this.cps[this.i++]
    if (ch === undefined) this.fail('a pattern ending in a backslash')
    const s = String.fromCodePoint(ch)
    switch (s) {
      case 'd':
        return [{ ranges: DIGIT, negated: false }]
      case 'D':
        return [{ ranges: DIGIT, negated: true }]
      case 'w':
        return [{ ranges: WORD, negated: false }]
      case 'W':
        return [{ ranges: WORD, negated: true }]
      case 's':
        return [{ ranges: SPACE, negated: false }]
      case 'S':
        return [{ ranges: SPACE, negated: true }]
      case 'p':
      case 'P':
        return this.fail('Unicode property escapes (\\p) are not supported')
      case '0':
        if (this.peek() !== undefined && /\d/.test(String.fromCodePoint(this.peek()!))) {
          this.fail('octal escapes are not allowed')
        }
        return 0
      case 'c': {
        const letter = this.cps[this.i++]
        if (letter === undefined || !/[A-Za-z]/.test(String.fromCodePoint(letter))) {
          this.fail('\\c must be followed by a letter')
        }
        return letter % 32
      }
      case 'x':
        return this.hex(2)
      case 'u': {
        if (this.eat('{')) {
          const end = this.cps.indexOf(0x7d, this.i)
          const digits = end === -1 ? '' : String.fromCodePoint(...this.cps.slice(this.i, end))
          if (!/^[0-9a-fA-F]{1,6}$/.test(digits)) this.fail('a malformed \\u{…} escape')
          this.i = end + 1
          const cp = parseInt(digits, 16)
          if (cp > 0x10ffff) this.fail('a code point past U+10FFFF')
          return cp
        }
        const hi = this.hex(4)
        // A surrogate pair written as two escapes is one code point under the `u` flag.
        if (
          hi >= 0xd800 &&
          hi <= 0xdbff &&
          this.cps[this.i] === 0x5c &&
          this.cps[this.i + 1] === 0x75
        ) {
          const save = this.i
          this.i += 2
          const digits = String.fromCodePoint(...this.cps.slice(this.i, this.i + 4))
          if (/^[0-9a-fA-F]{4}$/.test(digits)) {
            const lo = parseInt(digits, 16)
            if (lo >= 0xdc00 && lo <= 0xdfff) {
              this.i += 4
              return 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
            }
          }
          this.i = save
        }
        return hi
      }
      default:
        if (s in CONTROL_ESCAPES) return CONTROL_ESCAPES[s]!
        if (SYNTAX.includes(s) || s === '-') return ch
        return this.fail(`the escape \\${s} is not valid with the u flag`)
    }
  }

  hex(n: number): number {
    const digits = String.fromCodePoint(...this.cps.slice(this.i, this.i + n))
    if (digits.length !== n || !/^[0-9a-fA-F]+$/.test(digits)) this.fail('a malformed hex escape')
    this.i += n
    return parseInt(digits, 16)
  }

  charClass(): CharSet {
    const negated = this.eat('^')
    const ranges: [number, number][] = []
    const negatedParts: Ranges[] = []
    const one = (): number | [CharSet] => {
      const ch = this.cps[this.i++]
      if (ch === undefined) this.fail("a '[' without its ']'")
      if (ch === 0x5c) {
        if (this.peek() === 0x62 /* b */) {
          this.i++
          return 8 // \b is backspace inside a class
        }
        return this.classEscape()
      }
      return ch
    }
    for (;;) {
      if (this.peek() === undefined) this.fail("a '[' without its ']'")
      if (this.eat(']')) break
      const a = one()
      if (
        this.peek() === 0x2d /* - */ &&
        this.cps[this.i + 1] !== 0x5d &&
        this.cps[this.i + 1] !== undefined
      ) {
        this.i++
        const b = one()
        if (Array.isArray(a) || Array.isArray(b)) this.fail('a class range with a set at one end')
        if ((b as number) < (a as number)) this.fail('a class range out of order')
        ranges.push([a as number, b as number])
        continue
      }
      if (Array.isArray(a)) {
        if (a[0].negated) negatedParts.push(a[0].ranges)
        else ranges.push(...(a[0].ranges as [number, number][]))
      } else ranges.push([a, a])
    }
    // [\D] and friends: fold a negated set into ranges over all code points.
    for (const part of negatedParts) ranges.push(...complement(part))
    return { ranges: normalize(ranges), negated }
  }
}

function literal(cp: number): Node {
  return { t: 'set', set: { ranges: [[cp, cp]], negated: false } }
}

function normalize(ranges: [number, number][]): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const r of sorted) {
    const last = out[out.length - 1]
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1])
    else out.push([r[0], r[1]])
  }
  return out
}

function complement(ranges: Ranges): [number, number][] {
  const out: [number, number][] = []
  let next = 0
  for (const [a, b] of normalize([...ranges] as [number, number][])) {
    if (a > next) out.push([next, a - 1])
    next = b + 1
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff])
  return out
}

// ---- compiling to a Pike VM program ----------------------------------------------------------

type Inst =
  | { op: 'set'; set: CharSet }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'assert'; kind: Assertion }
  | { op: 'match' }

class Compiler {
  readonly prog: Inst[] = []
  emit(inst: Inst): number {
    if (this.prog.length >= MAX_PROGRAM) {
      throw new PatternRefusedError(
        `the pattern compiles to more than ${MAX_PROGRAM} steps (repetition counts multiply)`,
      )
    }
    this.prog.push(inst)
    return this.prog.length - 1
  }

  node(n: Node): void {
    switch (n.t) {
      case 'set':
        this.emit({ op: 'set', set: n.set })
        return
      case 'assert':
        this.emit({ op: 'assert', kind: n.kind })
        return
      case 'seq':
        for (const item of n.items) this.node(item)
        return
      case 'alt': {
        const jumps: number[] = []
        n.options.forEach((option, k) => {
          if (k < n.options.length - 1) {
            const split = this.emit({ op: 'split', x: 0, y: 0 })
            ;(this.prog[split] as { x: number }).x = split + 1
            this.node(option)
            jumps.push(this.emit({ op: 'jmp', x: 0 }))
            ;(this.prog[split] as { y: number }).y = this.prog.length
          } else this.node(option)
        })
        for (const j of jumps) (this.prog[j] as { x: number }).x = this.prog.length
        return
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) this.node(n.node)
        if (n.max === Infinity) {
          const split = this.emit({ op: 'split', x: 0, y: 0 })
          ;(this.prog[split] as { x: number }).x = split + 1
          this.node(n.node)
          this.emit({ op: 'jmp', x: split })
          ;(this.prog[split] as { y: number }).y = this.prog.length
          return
        }
        const splits: number[] = []
        for (let k = n.min; k < n.max; k++) {
          const split = this.emit({ op: 'split', x: 0, y: 0 })
          ;(this.prog[split] as { x: number }).x = split + 1
          splits.push(split)
          this.node(n.node)
        }
        for (const s of splits) (this.prog[s] as { y: number }).y = this.prog.length
        return
      }
    }
  }
}

function inSet(set: CharSet, cp: number): boolean {
  const r = set.ranges
  let lo = 0
  let hi = r.length - 1
  let found = false
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [a, b] = r[mid]!
    if (cp < a) hi = mid - 1
    else if (cp > b) lo = mid + 1
    else {
      found = true
      break
    }
  }
  return found !== set.negated
}

const isWordCp = (cp: number | undefined): boolean =>
  cp !== undefined &&
  ((cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x41 && cp <= 0x5a) ||
    cp === 0x5f ||
    (cp >= 0x61 && cp <= 0x7a))

/** A compiled pattern; `test` has RegExp's unanchored semantics, in O(length × program size). */
export class LinearRegExp {
  readonly source: string
  readonly #prog: readonly Inst[]

  /** Compiles `source`; throws PatternRefusedError naming what is not supported. */
  constructor(source: string) {
    if (typeof source !== 'string') throw new TypeError('source must be a string')
    if (source.length > MAX_PATTERN_CHARS) {
      throw new PatternRefusedError(`the pattern is longer than ${MAX_PATTERN_CHARS} characters`)
    }
    const ast = new Parser(source).parse()
    const c = new Compiler()
    c.node(ast)
    c.emit({ op: 'match' })
    this.source = source
    this.#prog = c.prog
  }

  /** Instructions in the compiled program: the per-character cost bound of `test`. */
  get size(): number {
    return this.#prog.length
  }

  /** Whether some substring of `input` matches (like `RegExp.prototype.test`, flag `u`). */
  test(input: string): boolean {
    const prog = this.#prog
    const cps = Array.from(String(input), (c) => c.codePointAt(0)!)
    const n = cps.length
    // Generation marks: a state is added at most once per position (what makes it linear).
    const mark = new Int32Array(prog.length).fill(-1)
    let gen = 0
    const stack: number[] = []
    const add = (list: number[], start: number, pos: number): boolean => {
      stack.push(start)
      while (stack.length > 0) {
        const pc = stack.pop()!
        if (mark[pc] === gen) continue
        mark[pc] = gen
        const inst = prog[pc]!
        switch (inst.op) {
          case 'match':
            stack.length = 0
            return true
          case 'jmp':
            stack.push(inst.x)
            break
          case 'split':
            stack.push(inst.y, inst.x)
            break
          case 'assert': {
            const prev = pos > 0 ? cps[pos - 1] : undefined
            const cur = cps[pos]
            const ok =
              inst.kind === 'start'
                ? pos === 0
                : inst.kind === 'end'
                  ? pos === n
                  : (isWordCp(prev) !== isWordCp(cur)) === (inst.kind === 'word')
            if (ok) stack.push(pc + 1)
            break
          }
          case 'set':
            list.push(pc)
            break
        }
      }
      return false
    }
    let clist: number[] = []
    gen++
    if (add(clist, 0, 0)) return true
    for (let pos = 0; pos < n; pos++) {
      const cp = cps[pos]!
      const nlist: number[] = []
      gen++
      for (const pc of clist) {
        const inst = prog[pc] as { op: 'set'; set: CharSet }
        if (inSet(inst.set, cp) && add(nlist, pc + 1, pos + 1)) return true
      }
      // A fresh attempt starting after this character: the unanchored search, in the same pass.
      if (add(nlist, 0, pos + 1)) return true
      clist = nlist
    }
    return false
  }

  toString(): string {
    return `/${this.source}/u (linear)`
  }
}
