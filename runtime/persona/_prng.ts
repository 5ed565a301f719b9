/**
 * A small deterministic PRNG for the persona generator: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counter, as in PractRand) seeded through splitmix32 from a numeric seed and a stream name, so
 * every collection draws from its own stream and can be generated alone, in the same order.
 */

/** 32-bit FNV-1a of a string: turns a stream name into seed material. */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit state. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad)
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97)
  return (z ^ (z >>> 15)) >>> 0
}

/** A seeded random stream. Never shared between collections: use `new Prng(seed, name)`. */
export class Prng {
  #a: number
  #b: number
  #c: number
  #d = 1

  /** A stream for `seed` (any uint32) and a stream name ('purchases', 'profile', ...). */
  constructor(seed: number, stream: string) {
    const s = splitmix32(seed ^ hashString(stream))
    this.#a = splitmix32(s)
    this.#b = splitmix32(this.#a)
    this.#c = splitmix32(this.#b)
    for (let i = 0; i < 12; i++) this.uint32()
  }

  /** Next uint32 (sfc32). */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0
    this.#d = (this.#d + 1) | 0
    this.#a = this.#b ^ (this.#b >>> 9)
    this.#b = (this.#c + (this.#c << 3)) | 0
    this.#c = (this.#c << 21) | (this.#c >>> 11)
    this.#c = (this.#c + t) | 0
    return t >>> 0
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296
  }

  /** Uniform float in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new RangeError('items must not be empty')
    return item
  }

  /** One element of a non-empty list of `[item, weight]` pairs, by weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0
    for (const [, w] of items) total += w
    let x = this.next() * total
    for (const [item, w] of items) {
      x -= w
      if (x < 0) return item
    }
    const last = items[items.length - 1]
    if (last === undefined) throw new RangeError('items must not be empty')
    return last[0]
  }

  /** Normal deviate (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next()
    const v = this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** Poisson count with mean `lambda` (Knuth below 30, normal approximation above). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))))
    const limit = Math.exp(-lambda)
    let k = 0
    let p = this.next()
    while (p > limit) {
      k++
      p *= this.next()
    }
    return k
  }
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
)

/** 8 hex digits of a uint32 (a table: Number#toString(16) costs ~1 µs in V8). */
function hex32(w: number): string {
  return (
    (HEX[w >>> 24] as string) +
    (HEX[(w >>> 16) & 255] as string) +
    (HEX[(w >>> 8) & 255] as string) +
    (HEX[w & 255] as string)
  )
}

/** A stable 20-hex-digit record id from the seed, `hashString(collection)` and the record's index. */
export function personaRecordId(seed: number, collectionHash: number, index: number): string {
  const lo = index >>> 0
  const hi = Math.floor(index / 4294967296) >>> 0
  const w1 = splitmix32(seed ^ splitmix32(collectionHash ^ lo))
  const w2 = splitmix32(w1 ^ splitmix32(hi ^ 0x5bd1e995))
  const w3 = splitmix32(w2 ^ collectionHash)
  return hex32(w1) + hex32(w2) + (HEX[w3 >>> 24] as string) + (HEX[(w3 >>> 16) & 255] as string)
}
