/**
 * The persona's trips: round trips by air from the home airport, planned once per persona so that
 * `flights` and `locations` agree on where the persona was.
 */

import { AIRPORTS, airport, distanceM, type Airport } from './_places.ts'
import { Prng } from './_prng.ts'
import type { PersonaContext } from './_context.ts'

/** One flight leg, times in ms since epoch (UTC). */
export interface FlightLeg {
  readonly departsAt: number
  readonly arrivesAt: number
  readonly origin: Airport
  readonly destination: Airport
  readonly carrier: string
  readonly flightNumber: string
  readonly distanceKm: number
  readonly delayMin: number
  readonly seat: string
  readonly cabin: string
}

/** A round trip: out, stay, back. */
export interface Trip {
  readonly destination: Airport
  readonly bookingRef: string
  readonly outbound: FlightLeg
  readonly inbound: FlightLeg
}

/** Round trips per year at scale 1 (≈ 20 flights in three years). */
export const TRIPS_PER_YEAR = 10 / 3

const HOUR = 3_600_000
const DAY = 86_400_000
const PNR_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Scheduled block time: cruise at ~800 km/h plus 40 minutes of taxi, climb and approach. */
function blockMs(km: number): number {
  return Math.round((km / 800 + 2 / 3) * 12) * 5 * 60_000
}

function leg(
  rng: Prng,
  from: Airport,
  to: Airport,
  departsAt: number,
  carrier: string,
  cabin: string,
): FlightLeg {
  const km = Math.round(distanceM(from, to) / 1000)
  const delayMin = rng.chance(0.25) ? rng.int(10, 150) : rng.int(-10, 9)
  return {
    departsAt,
    arrivesAt: departsAt + blockMs(km),
    origin: from,
    destination: to,
    carrier,
    flightNumber: String(rng.int(km > 3000 ? 1 : 100, km > 3000 ? 999 : 9899)),
    distanceKm: km,
    delayMin,
    seat: `${rng.int(1, 38)}${rng.pick(['A', 'B', 'C', 'D', 'E', 'F'])}`,
    cabin,
  }
}

/** Plans the trips of a persona over the span, in departure order; none overlap. */
export function planTrips(ctx: Omit<PersonaContext, 'trips'>): Trip[] {
  const rng = new Prng(ctx.seed, 'trips')
  const home = airport(ctx.profile.homeAirport)
  const destinations = AIRPORTS.filter((a) => a.city !== home.city)
  const years = (ctx.now - ctx.start) / (365.25 * DAY)
  const count = rng.poisson(TRIPS_PER_YEAR * years * ctx.scale)
  const span = ctx.now - ctx.start
  const starts: number[] = []
  for (let i = 0; i < count; i++) starts.push(ctx.start + rng.next() * span)
  starts.sort((a, b) => a - b)
  const trips: Trip[] = []
  let freeFrom = ctx.start
  for (let i = 0; i < starts.length; i++) {
    const departDay = Math.floor(Math.max(starts[i] ?? 0, freeFrom) / DAY) * DAY
    const next = starts[i + 1] ?? ctx.now
    // Short-haul trips are most of them; long-haul ones last longer.
    const longHaul = rng.chance(0.25)
    const near = destinations.filter((a) => distanceM(home, a) > 3_000_000 === longHaul)
    const to = rng.pick(near.length > 0 ? near : destinations)
    const wanted = longHaul ? rng.int(6, 14) : rng.int(2, 7)
    // At large scales trips crowd the span: shorten them so they never overlap.
    const room = Math.floor((next - departDay) / DAY) - 1
    const days = Math.max(1, Math.min(wanted, room))
    const carrier = rng.pick(ctx.profile.city.carriers)
    const cabin = rng.weighted([
      ['economy', 85],
      ['premium', 8],
      ['business', 7],
    ] as const)
    const utcOffset = ctx.profile.city.utcOffsetHours * HOUR
    const outDeparts = departDay - utcOffset + rng.int(6 * 12, 20 * 12) * 5 * 60_000
    const outbound = leg(rng, home, to, outDeparts, carrier, cabin)
    const backDay = departDay + days * DAY
    const inDeparts = Math.max(
      backDay - utcOffset + rng.int(7 * 12, 21 * 12) * 5 * 60_000,
      outbound.arrivesAt + 3 * HOUR,
    )
    const inbound = leg(rng, to, home, inDeparts, carrier, cabin)
    let bookingRef = ''
    for (let k = 0; k < 6; k++) bookingRef += rng.pick([...PNR_LETTERS])
    if (outbound.departsAt < freeFrom || inbound.arrivesAt >= ctx.now) continue
    trips.push({ destination: to, bookingRef, outbound, inbound })
    freeFrom = inbound.arrivesAt + DAY
  }
  return trips
}
