/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence per JSON value, so that a value can
 * be hashed and signed. Object members sorted by the UTF-16 code units of their names (§3.2.3),
 * numbers as ECMAScript `Number.prototype.toString` (§3.2.2.3), strings with minimal escaping
 * (§3.2.2.2), no whitespace.
 */

/** Values deeper than this are refused rather than walked (a hostile manifest is the input). */
export const JCS_MAX_DEPTH = 256

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function serializeString(s: string, where: string): string {
  // I-JSON (RFC 7493 §2.1) strings are Unicode: a lone surrogate has no UTF-8 form.
  if (LONE_SURROGATE.test(s)) throw new TypeError(`${where} holds a lone surrogate`)
  // ES2019 JSON.stringify escapes exactly as §3.2.2.2 asks: \b \t \n \f \r \" \\, other C0 as \u00xx.
  return JSON.stringify(s)
}

function serialize(v: unknown, where: string, depth: number, seen: Set<object>): string {
  if (v === null) return 'null'
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false'
    case 'string':
      return serializeString(v, where)
    case 'number':
      // §3.2.2.3: NaN and Infinity have no JSON form; -0 serialises as 0 (JSON.stringify does both).
      if (!Number.isFinite(v)) throw new TypeError(`${where} is ${v}, which JSON cannot hold`)
      return JSON.stringify(v)
    case 'object':
      break
    default:
      throw new TypeError(`${where} is a ${typeof v}, which JSON cannot hold`)
  }
  if (depth >= JCS_MAX_DEPTH)
    throw new RangeError(`${where} is nested deeper than ${JCS_MAX_DEPTH}`)
  if (seen.has(v)) throw new TypeError(`${where} is a cycle`)
  seen.add(v)
  let out: string
  if (Array.isArray(v)) {
    out = `[${v.map((x, i) => serialize(x, `${where}[${i}]`, depth + 1, seen)).join(',')}]`
  } else {
    const proto = Object.getPrototypeOf(v) as unknown
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${where} is not a plain object`)
    }
    // Default sort compares UTF-16 code units, exactly the order §3.2.3 prescribes.
    const keys = Object.keys(v).sort()
    const record = v as Record<string, unknown>
    out = `{${keys
      .map((k) => {
        const name = serializeString(k, `${where} key`)
        return `${name}:${serialize(record[k], `${where}.${k}`, depth + 1, seen)}`
      })
      .join(',')}}`
  }
  seen.delete(v)
  return out
}

/**
 * The RFC 8785 canonical JSON text of `value`: `canonicalize({ b: 1, a: [1e21, -0] })` is
 * `{"a":[1e+21,0],"b":1}`. Throws TypeError on anything JSON cannot hold (NaN, undefined, cycles).
 */
export function canonicalize(value: unknown): string {
  return serialize(value, 'value', 0, new Set())
}

/** The UTF-8 bytes of `canonicalize(value)`: what gets hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value))
}
