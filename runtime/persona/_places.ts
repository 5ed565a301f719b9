/**
 * Real places the persona generator draws from: home cities (with their main airport, currency,
 * languages and a standard UTC offset; daylight saving is ignored) and airports with their IATA
 * codes and coordinates.
 */

/** A point in degrees (WGS 84). */
export interface LatLon {
  readonly lat: number
  readonly lon: number
}

/** An airport: IATA code, city and coordinates of the airfield. */
export interface Airport extends LatLon {
  readonly iata: string
  readonly city: string
  readonly country: string
}

/** A city a persona can live in. */
export interface City extends LatLon {
  readonly name: string
  readonly country: string
  readonly currency: string
  readonly languages: readonly string[]
  readonly utcOffsetHours: number
  readonly airport: string
  readonly carriers: readonly string[]
}

/** Airports flights go to and from (coordinates of the airfield). */
export const AIRPORTS: readonly Airport[] = [
  { iata: 'CDG', city: 'Paris', country: 'FR', lat: 49.0097, lon: 2.5479 },
  { iata: 'ORY', city: 'Paris', country: 'FR', lat: 48.7262, lon: 2.3652 },
  { iata: 'LYS', city: 'Lyon', country: 'FR', lat: 45.7256, lon: 5.0811 },
  { iata: 'NCE', city: 'Nice', country: 'FR', lat: 43.6584, lon: 7.2159 },
  { iata: 'LHR', city: 'London', country: 'GB', lat: 51.47, lon: -0.4543 },
  { iata: 'LGW', city: 'London', country: 'GB', lat: 51.1537, lon: -0.1821 },
  { iata: 'DUB', city: 'Dublin', country: 'IE', lat: 53.4213, lon: -6.2701 },
  { iata: 'AMS', city: 'Amsterdam', country: 'NL', lat: 52.3105, lon: 4.7683 },
  { iata: 'FRA', city: 'Frankfurt', country: 'DE', lat: 50.0379, lon: 8.5622 },
  { iata: 'MUC', city: 'Munich', country: 'DE', lat: 48.3538, lon: 11.7861 },
  { iata: 'BER', city: 'Berlin', country: 'DE', lat: 52.3667, lon: 13.5033 },
  { iata: 'ZRH', city: 'Zurich', country: 'CH', lat: 47.4582, lon: 8.5555 },
  { iata: 'GVA', city: 'Geneva', country: 'CH', lat: 46.2381, lon: 6.109 },
  { iata: 'VIE', city: 'Vienna', country: 'AT', lat: 48.1103, lon: 16.5697 },
  { iata: 'CPH', city: 'Copenhagen', country: 'DK', lat: 55.618, lon: 12.6508 },
  { iata: 'MAD', city: 'Madrid', country: 'ES', lat: 40.4983, lon: -3.5676 },
  { iata: 'BCN', city: 'Barcelona', country: 'ES', lat: 41.2974, lon: 2.0833 },
  { iata: 'LIS', city: 'Lisbon', country: 'PT', lat: 38.7756, lon: -9.1354 },
  { iata: 'FCO', city: 'Rome', country: 'IT', lat: 41.8003, lon: 12.2389 },
  { iata: 'ATH', city: 'Athens', country: 'GR', lat: 37.9364, lon: 23.9445 },
  { iata: 'JFK', city: 'New York', country: 'US', lat: 40.6413, lon: -73.7781 },
  { iata: 'BOS', city: 'Boston', country: 'US', lat: 42.3656, lon: -71.0096 },
  { iata: 'ORD', city: 'Chicago', country: 'US', lat: 41.9742, lon: -87.9073 },
  { iata: 'SFO', city: 'San Francisco', country: 'US', lat: 37.6213, lon: -122.379 },
  { iata: 'LAX', city: 'Los Angeles', country: 'US', lat: 33.9416, lon: -118.4085 },
  { iata: 'YYZ', city: 'Toronto', country: 'CA', lat: 43.6777, lon: -79.6248 },
  { iata: 'DXB', city: 'Dubai', country: 'AE', lat: 25.2532, lon: 55.3657 },
  { iata: 'SIN', city: 'Singapore', country: 'SG', lat: 1.3644, lon: 103.9915 },
  { iata: 'HND', city: 'Tokyo', country: 'JP', lat: 35.5494, lon: 139.7798 },
  { iata: 'SYD', city: 'Sydney', country: 'AU', lat: -33.9399, lon: 151.1753 },
  { iata: 'MEL', city: 'Melbourne', country: 'AU', lat: -37.669, lon: 144.841 },
]

/** Cities a persona can live in. */
export const CITIES: readonly City[] = [
  {
    name: 'Paris',
    country: 'FR',
    currency: 'EUR',
    languages: ['fr', 'en'],
    utcOffsetHours: 1,
    airport: 'CDG',
    carriers: ['AF', 'U2', 'TO'],
    lat: 48.8566,
    lon: 2.3522,
  },
  {
    name: 'Lyon',
    country: 'FR',
    currency: 'EUR',
    languages: ['fr', 'en'],
    utcOffsetHours: 1,
    airport: 'LYS',
    carriers: ['AF', 'U2'],
    lat: 45.764,
    lon: 4.8357,
  },
  {
    name: 'London',
    country: 'GB',
    currency: 'GBP',
    languages: ['en', 'fr'],
    utcOffsetHours: 0,
    airport: 'LHR',
    carriers: ['BA', 'U2', 'VS'],
    lat: 51.5072,
    lon: -0.1276,
  },
  {
    name: 'Berlin',
    country: 'DE',
    currency: 'EUR',
    languages: ['de', 'en'],
    utcOffsetHours: 1,
    airport: 'BER',
    carriers: ['LH', 'EW', 'U2'],
    lat: 52.52,
    lon: 13.405,
  },
  {
    name: 'Zurich',
    country: 'CH',
    currency: 'CHF',
    languages: ['de', 'en', 'fr'],
    utcOffsetHours: 1,
    airport: 'ZRH',
    carriers: ['LX', 'U2'],
    lat: 47.3769,
    lon: 8.5417,
  },
  {
    name: 'Geneva',
    country: 'CH',
    currency: 'CHF',
    languages: ['fr', 'en'],
    utcOffsetHours: 1,
    airport: 'GVA',
    carriers: ['LX', 'U2'],
    lat: 46.2044,
    lon: 6.1432,
  },
  {
    name: 'Madrid',
    country: 'ES',
    currency: 'EUR',
    languages: ['es', 'en'],
    utcOffsetHours: 1,
    airport: 'MAD',
    carriers: ['IB', 'UX', 'VY'],
    lat: 40.4168,
    lon: -3.7038,
  },
  {
    name: 'Lisbon',
    country: 'PT',
    currency: 'EUR',
    languages: ['pt', 'en'],
    utcOffsetHours: 0,
    airport: 'LIS',
    carriers: ['TP', 'U2'],
    lat: 38.7223,
    lon: -9.1393,
  },
  {
    name: 'Amsterdam',
    country: 'NL',
    currency: 'EUR',
    languages: ['nl', 'en'],
    utcOffsetHours: 1,
    airport: 'AMS',
    carriers: ['KL', 'HV'],
    lat: 52.3676,
    lon: 4.9041,
  },
  {
    name: 'New York',
    country: 'US',
    currency: 'USD',
    languages: ['en', 'es'],
    utcOffsetHours: -5,
    airport: 'JFK',
    carriers: ['DL', 'B6', 'AA'],
    lat: 40.7128,
    lon: -74.006,
  },
  {
    name: 'San Francisco',
    country: 'US',
    currency: 'USD',
    languages: ['en', 'es'],
    utcOffsetHours: -8,
    airport: 'SFO',
    carriers: ['UA', 'AS'],
    lat: 37.7749,
    lon: -122.4194,
  },
  {
    name: 'Toronto',
    country: 'CA',
    currency: 'CAD',
    languages: ['en', 'fr'],
    utcOffsetHours: -5,
    airport: 'YYZ',
    carriers: ['AC', 'WS'],
    lat: 43.6532,
    lon: -79.3832,
  },
  {
    name: 'Sydney',
    country: 'AU',
    currency: 'AUD',
    languages: ['en'],
    utcOffsetHours: 10,
    airport: 'SYD',
    carriers: ['QF', 'VA'],
    lat: -33.8688,
    lon: 151.2093,
  },
]

/** The airport with this IATA code; RangeError when the catalogue does not have it. */
export function airport(iata: string): Airport {
  const found = AIRPORTS.find((a) => a.iata === iata)
  if (found === undefined) throw new RangeError(`unknown airport ${iata}`)
  return found
}

/** Mean Earth radius in metres (IUGG). */
const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLon = (b.lon - a.lon) * rad
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The point `metres` away from `from` in direction `bearingRad` (flat-earth, fine below ~50 km). */
export function offsetPoint(from: LatLon, metres: number, bearingRad: number): LatLon {
  const dLat = (metres * Math.cos(bearingRad)) / 111_320
  const dLon = (metres * Math.sin(bearingRad)) / (111_320 * Math.cos((from.lat * Math.PI) / 180))
  return { lat: from.lat + dLat, lon: from.lon + dLon }
}
