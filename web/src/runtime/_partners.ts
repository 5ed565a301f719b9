/**
 * What the demo operator knows of each admitted partner beyond its key: the currency it is billed
 * in (the relay's meter counts hundredths of it). The live registry will carry this; until the app
 * talks to one, the demo partners' entries live here. Unknown partners are billed in US dollars,
 * the meter's default (docs/contracts.md "Delivery and billing").
 */

/** ISO 4217 billing currency per partner id. */
export const PARTNER_CURRENCY: Readonly<Record<string, string>> = {
  stridewear: 'EUR',
  brewline: 'EUR',
  skyway: 'EUR',
  'northbridge-bank': 'EUR',
  medabroad: 'EUR',
  'open-movement-panel': 'EUR',
}

/** The meter's currency when the registry names none. */
export const DEFAULT_BILLING_CURRENCY = 'USD'

/** The currency `partnerId` is billed in. */
export function billingCurrency(partnerId: string): string {
  return PARTNER_CURRENCY[partnerId] ?? DEFAULT_BILLING_CURRENCY
}
