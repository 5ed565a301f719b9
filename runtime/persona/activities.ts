/**
 * The `activities` collection: a favourite sport about half the time, plus other sports, with
 * durations, distances, heart rates, ascent and energy consistent with each sport.
 */

import {
  MINUTE_MS,
  RecordEmitter,
  weekday,
  tripAt,
  type Draft,
  type PersonaContext,
  type PersonaRecord,
} from './_context.ts'
import { Prng } from './_prng.ts'

/** Activities per day at scale 1 (≈ 900 in three years). */
export const ACTIVITIES_PER_DAY = 0.82

/** How each sport is done: minutes, speed (m/s, 0 = no distance), heart rate, MET, climbing. */
export interface SportModel {
  readonly minutes: readonly [mean: number, sd: number]
  readonly speed: readonly [min: number, max: number]
  readonly heartRate: readonly [mean: number, sd: number]
  readonly met: number
  readonly climbPerKm: number
  readonly names: readonly string[]
}

/** The sports a persona does, and how. */
export const SPORTS: Readonly<Record<string, SportModel>> = {
  running: {
    minutes: [45, 15],
    speed: [2.6, 3.6],
    heartRate: [152, 8],
    met: 9.8,
    climbPerKm: 8,
    names: ['Morning Run', 'Evening Run', 'Easy run', 'Intervals', 'Long run'],
  },
  cycling: {
    minutes: [80, 30],
    speed: [5.5, 8.5],
    heartRate: [136, 9],
    met: 7.5,
    climbPerKm: 10,
    names: ['Morning Ride', 'Commute', 'Afternoon Ride', 'Gravel loop'],
  },
  swimming: {
    minutes: [40, 10],
    speed: [0.55, 0.95],
    heartRate: [132, 8],
    met: 7,
    climbPerKm: 0,
    names: ['Pool Swim', 'Lap swim', 'Open water swim'],
  },
  walking: {
    minutes: [45, 15],
    speed: [1.2, 1.55],
    heartRate: [98, 7],
    met: 3.5,
    climbPerKm: 5,
    names: ['Walk', 'Lunch walk', 'Evening walk'],
  },
  hiking: {
    minutes: [190, 60],
    speed: [0.9, 1.25],
    heartRate: [118, 9],
    met: 6,
    climbPerKm: 60,
    names: ['Hike', 'Mountain hike', 'Trail day'],
  },
  yoga: {
    minutes: [55, 12],
    speed: [0, 0],
    heartRate: [88, 6],
    met: 2.8,
    climbPerKm: 0,
    names: ['Yoga', 'Vinyasa flow', 'Yin yoga'],
  },
}

/** Share of activities per sport: the favourite takes half, the rest share the other half. */
export function sportWeights(favorite: string): (readonly [string, number])[] {
  const others: Readonly<Record<string, number>> = {
    running: 14,
    cycling: 12,
    swimming: 8,
    walking: 9,
    hiking: 3,
    yoga: 8,
  }
  const rest = Object.entries(others).filter(([sport]) => sport !== favorite)
  const restTotal = rest.reduce((sum, [, w]) => sum + w, 0)
  return [[favorite, restTotal], ...rest]
}

/** One activity of `sport` starting at `at`. */
function activity(rng: Prng, sport: string, at: number, weightKg: number): Draft {
  const model = SPORTS[sport] ?? (SPORTS['walking'] as SportModel)
  const minutes = Math.max(12, rng.normal(model.minutes[0], model.minutes[1]))
  const durationSec = Math.round(minutes * 60)
  const distanceM =
    model.speed[1] > 0 ? Math.round(durationSec * rng.range(...model.speed)) : undefined
  const elevationGainM =
    distanceM !== undefined && model.climbPerKm > 0
      ? Math.round((distanceM / 1000) * model.climbPerKm * rng.range(0.3, 1.7))
      : undefined
  return {
    at,
    fields: {
      sport,
      durationSec,
      distanceM,
      avgHeartRate: Math.round(rng.normal(model.heartRate[0], model.heartRate[1])),
      elevationGainM,
      calories: Math.round(model.met * weightKg * (durationSec / 3600)),
      source: 'persona',
      name: rng.pick(model.names),
    },
  }
}

/** Yields activities in start order. */
export function* generateActivities(ctx: PersonaContext): Generator<PersonaRecord> {
  const rng = new Prng(ctx.seed, 'activities')
  const emitter = new RecordEmitter(ctx, 'activities', 'startedAt')
  const weights = sportWeights(ctx.profile.favoriteSport)
  const drafts: Draft[] = []
  for (const dayStart of ctx.dayStarts) {
    const weekend = weekday(ctx, dayStart) >= 5
    const n = rng.poisson(ACTIVITIES_PER_DAY * ctx.scale * (weekend ? 1.3 : 0.88))
    for (let i = 0; i < n; i++) {
      let sport = rng.weighted(weights)
      // Long hikes happen at weekends; on a weekday they become a walk.
      if (sport === 'hiking' && !weekend) sport = 'walking'
      const minute = rng.chance(0.5) ? rng.int(6 * 60, 9 * 60) : rng.int(17 * 60, 20 * 60)
      const at = dayStart + minute * MINUTE_MS + rng.int(0, 59_999)
      // Travelling: less sport, never a pool far from home.
      if (tripAt(ctx, at) !== undefined && rng.chance(0.5)) continue
      drafts.push(activity(rng, sport, at, ctx.profile.weightKg))
    }
    yield* emitter.flush(drafts)
  }
}
