/** scrypt parameters (RFC 7914) and the checks every implementation applies before running. */

/** scrypt cost parameters, stored next to the salt by the caller (the vault header). */
export interface ScryptParams {
  /** CPU/memory cost: a power of two. */
  readonly N: number
  /** Block size. */
  readonly r: number
  /** Parallelization. */
  readonly p: number
}

/** Memory scrypt needs for these parameters, in bytes: 128·r·(N + p + 1) (RFC 7914 §5 blocks). */
export function scryptMemory(params: ScryptParams): number {
  return 128 * params.r * (params.N + params.p + 1)
}

/** Caps that keep a tampered vault header from asking for unbounded work. */
export interface ScryptLimits {
  /** Largest memory one derivation may use, bytes (default 1 GiB). */
  readonly maxMemory: number
  /** Largest `p` accepted (default 16). */
  readonly maxP: number
}

export const DEFAULT_SCRYPT_LIMITS: ScryptLimits = Object.freeze({ maxMemory: 1024 ** 3, maxP: 16 })

/** RangeError/TypeError naming the parameter unless N is a power of two ≥ 2, r, p ≥ 1 and within limits. */
export function checkScryptParams(
  params: ScryptParams,
  limits: ScryptLimits = DEFAULT_SCRYPT_LIMITS,
): ScryptParams {
  if (typeof params !== 'object' || params === null)
    throw new TypeError('params must be an object { N, r, p }')
  const { N, r, p } = params
  for (const [name, v] of [
    ['N', N],
    ['r', r],
    ['p', p],
  ] as const) {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
      throw new RangeError(`params.${name} must be a positive integer, got ${String(v)}`)
    }
  }
  if (N < 2 || (N & (N - 1)) !== 0 || N > 2 ** 30) {
    throw new RangeError(`params.N must be a power of two between 2 and 2^30, got ${N}`)
  }
  if (p > limits.maxP) throw new RangeError(`params.p must be at most ${limits.maxP}, got ${p}`)
  const memory = scryptMemory(params)
  if (memory > limits.maxMemory) {
    throw new RangeError(
      `params need ${memory} bytes of memory, over the limit of ${limits.maxMemory}`,
    )
  }
  return { N, r, p }
}
