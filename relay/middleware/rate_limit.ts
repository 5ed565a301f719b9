/**
 * A token bucket per caller key, in this process's memory: `ratePerSecond` sustained, `burst`
 * above it. Behind a load balancer each process limits on its own, so the fleet's limit is the
 * sum; that bounds abuse per key without a shared write per call.
 */

/** Per-key token buckets. */
export class RateLimiter {
  readonly #rate: number
  readonly #burst: number
  readonly #maxKeys: number
  readonly #buckets = new Map<string, { tokens: number; at: number }>()

  constructor(ratePerSecond: number, burst: number, maxKeys = 100_000) {
    if (!(ratePerSecond > 0) || !(burst >= 1))
      throw new RangeError('rate and burst must be positive')
    this.#rate = ratePerSecond
    this.#burst = burst
    this.#maxKeys = maxKeys
  }

  /** Takes one token for `key` at `now` (ms); false when the bucket is empty. */
  take(key: string, now: number): boolean {
    let b = this.#buckets.get(key)
    if (!b) {
      if (this.#buckets.size >= this.#maxKeys) {
        // Forget the oldest key (Map keeps insertion order): memory stays bounded.
        const oldest = this.#buckets.keys().next().value
        if (oldest !== undefined) this.#buckets.delete(oldest)
      }
      b = { tokens: this.#burst, at: now }
      this.#buckets.set(key, b)
    }
    b.tokens = Math.min(this.#burst, b.tokens + ((now - b.at) / 1000) * this.#rate)
    b.at = now
    if (b.tokens < 1) return false
    b.tokens -= 1
    return true
  }
}
