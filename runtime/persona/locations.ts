/**
 * The `locations` collection: a phone's location fixes through the day. Weekdays go home → work
 * (lunch at a café) → gym or errands → home; weekends stay nearer home; on trips the persona is
 * around a hotel near the destination airport, at the airport before flights and offline in the air.
 */

import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  RecordEmitter,
  tripAt,
  weekday,
  type Draft,
  type PersonaContext,
  type PersonaRecord,
} from './_context.ts'
import { airport, distanceM, offsetPoint, type LatLon } from './_places.ts'
import { Prng } from './_prng.ts'

/** Location fixes per day at scale 1 (≈ 20,000 in three years). */
export const FIXES_PER_DAY = 18

interface Place extends LatLon {
  readonly name: string
  readonly type: string
}

/** A stay at one place, or a move between two, in minutes of the local day. */
interface Segment {
  readonly from: number
  readonly to: number
  readonly place: Place
  readonly next?: Place
  readonly mode?: string
}

function itinerary(rng: Prng, ctx: PersonaContext, weekendDay: boolean): Segment[] {
  const p = ctx.profile
  const home: Place = { ...p.home, name: 'Home', type: 'home' }
  const work: Place = { ...p.work, name: p.employer, type: 'work' }
  const gym: Place = { ...p.gym, name: 'FitLife Gym', type: 'gym' }
  const cafe: Place = { ...p.cafe, name: 'Corner Café', type: 'cafe' }
  const park: Place = { ...p.park, name: 'City Park', type: 'park' }
  const commuteMode =
    p.favoriteSport === 'cycling' ? 'cycling' : rng.chance(0.7) ? 'in_train' : 'in_vehicle'
  const segments: Segment[] = []
  let t = 0
  let here = home
  const stay = (until: number): void => {
    if (until > t) segments.push({ from: t, to: until, place: here })
    t = Math.max(t, until)
  }
  const go = (to: Place, mode?: string): void => {
    const km = distanceM(here, to) / 1000
    const moving = mode ?? (km < 1.5 ? 'walking' : commuteMode)
    const speedKmh = moving === 'walking' ? 5 : moving === 'cycling' ? 16 : 24
    const minutes = Math.max(5, Math.round((km / speedKmh) * 60))
    segments.push({ from: t, to: t + minutes, place: here, next: to, mode: moving })
    t += minutes
    here = to
  }
  if (!weekendDay) {
    stay(rng.int(6 * 60 + 45, 8 * 60 + 15))
    go(work)
    stay(rng.int(12 * 60, 12 * 60 + 45))
    if (rng.chance(0.45)) {
      go(cafe, 'walking')
      stay(t + rng.int(25, 50))
      go(work, 'walking')
    }
    stay(rng.int(17 * 60, 18 * 60 + 30))
    const evening = rng.next()
    if (evening < 0.3) {
      go(gym)
      stay(t + rng.int(50, 90))
    } else if (evening < 0.45) {
      go(cafe)
      stay(t + rng.int(30, 90))
    }
    go(home)
  } else {
    stay(rng.int(8 * 60 + 30, 10 * 60 + 30))
    if (rng.chance(0.5)) {
      go(park, 'walking')
      stay(t + rng.int(45, 150))
      go(home, 'walking')
    }
    if (rng.chance(0.4)) {
      const shop: Place = {
        ...offsetPoint(p.home, rng.range(500, 3000), rng.range(0, 2 * Math.PI)),
        name: 'Market',
        type: 'shop',
      }
      stay(Math.max(t, rng.int(14 * 60, 16 * 60)))
      go(shop)
      stay(t + rng.int(30, 80))
      go(home)
    }
    if (rng.chance(0.35)) {
      const friend: Place = {
        ...offsetPoint(p.city, rng.range(500, 6000), rng.range(0, 2 * Math.PI)),
        name: 'Restaurant',
        type: 'restaurant',
      }
      stay(Math.max(t, rng.int(19 * 60, 20 * 60)))
      go(friend)
      stay(t + rng.int(90, 150))
      go(home)
    }
  }
  stay(24 * 60)
  return segments
}

function jitter(rng: Prng, at: LatLon, metres: number): LatLon {
  return offsetPoint(at, Math.abs(rng.normal(0, metres)), rng.range(0, 2 * Math.PI))
}

/** Yields location fixes in time order. */
export function* generateLocations(ctx: PersonaContext): Generator<PersonaRecord> {
  const rng = new Prng(ctx.seed, 'locations')
  const emitter = new RecordEmitter(ctx, 'locations', 'at')
  const homeAirport = airport(ctx.profile.homeAirport)
  const drafts: Draft[] = []
  const times: number[] = []
  for (const dayStart of ctx.dayStarts) {
    const segments = itinerary(rng, ctx, weekday(ctx, dayStart) >= 5)
    const n = rng.poisson(FIXES_PER_DAY * ctx.scale)
    times.length = 0
    for (let i = 0; i < n; i++) times.push(dayStart + rng.next() * DAY_MS)
    times.sort((a, b) => a - b)
    let s = 0
    for (const at of times) {
      const accuracyM = Math.round(Math.max(3, rng.normal(18, 10)))
      const fix = (where: LatLon, fields: Record<string, string | undefined>): void => {
        const point = jitter(rng, where, accuracyM / 2)
        drafts.push({
          at,
          fields: {
            lat: Math.round(point.lat * 1e6) / 1e6,
            lon: Math.round(point.lon * 1e6) / 1e6,
            accuracyM,
            kind: 'point',
            source: 'persona',
            ...fields,
          },
        })
      }
      const trip = tripAt(ctx, at)
      if (trip !== undefined) {
        // In the air: phones are offline. Abroad: around a hotel ~15 km from the airport.
        if (at < trip.outbound.arrivesAt || at >= trip.inbound.departsAt) continue
        const tripRng = new Prng(ctx.seed ^ trip.outbound.departsAt, 'hotel')
        const hotel = offsetPoint(
          trip.destination,
          tripRng.range(8000, 20000),
          tripRng.range(0, 2 * Math.PI),
        )
        const hour = ((at - trip.outbound.departsAt) % DAY_MS) / HOUR_MS
        const night = hour < 1 || hour > 14
        if (night) fix(hotel, { placeName: 'Hotel', placeType: 'hotel', activityType: 'still' })
        else
          fix(offsetPoint(hotel, rng.range(200, 4000), rng.range(0, 2 * Math.PI)), {
            activityType: 'walking',
          })
        continue
      }
      const soon = tripAt(ctx, at + 2 * HOUR_MS)
      if (soon !== undefined && at < soon.outbound.departsAt) {
        fix(homeAirport, {
          placeName: homeAirport.iata,
          placeType: 'airport',
          activityType: 'still',
        })
        continue
      }
      const back = tripAt(ctx, at - HOUR_MS)
      if (back !== undefined && at >= back.inbound.arrivesAt) {
        fix(homeAirport, {
          placeName: homeAirport.iata,
          placeType: 'airport',
          activityType: 'walking',
        })
        continue
      }
      const minute = (at - dayStart) / MINUTE_MS
      while (s < segments.length - 1 && (segments[s] as Segment).to <= minute) s++
      const seg = segments[s] as Segment
      if (seg.next === undefined) {
        fix(seg.place, {
          placeName: seg.place.name,
          placeType: seg.place.type,
          activityType: 'still',
        })
      } else {
        const f = Math.min(1, Math.max(0, (minute - seg.from) / Math.max(1, seg.to - seg.from)))
        const where = {
          lat: seg.place.lat + (seg.next.lat - seg.place.lat) * f,
          lon: seg.place.lon + (seg.next.lon - seg.place.lon) * f,
        }
        fix(where, { activityType: seg.mode })
      }
    }
    yield* emitter.flush(drafts)
  }
}
