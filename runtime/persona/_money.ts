/** Prices in the persona's currency: catalogue prices are in EUR and converted at rough rates. */

import type { Prng } from './_prng.ts'

const PER_EUR: Readonly<Record<string, number>> = {
  EUR: 1,
  USD: 1.1,
  GBP: 0.86,
  CHF: 0.96,
  CAD: 1.5,
  AUD: 1.65,
}

/** A price between `minEur` and `maxEur`, converted, ending in .99 / .49 / .00 like a shop's. */
export function shopPrice(rng: Prng, currency: string, minEur: number, maxEur: number): number {
  const raw = rng.range(minEur, maxEur) * (PER_EUR[currency] ?? 1)
  if (raw < 5) return Math.round(raw * 100) / 100
  const whole = Math.floor(raw)
  return whole + rng.pick([0.99, 0.49, 0, 0.95])
}

/** An amount rounded to cents. */
export function cents(value: number): number {
  return Math.round(value * 100) / 100
}

/** A EUR amount converted to `currency`, rounded to cents. */
export function fromEur(currency: string, eur: number): number {
  return cents(eur * (PER_EUR[currency] ?? 1))
}
