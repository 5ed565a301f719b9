// The Open Movement Panel's weekly activity survey, answered by the person's own tracker data:
// how many minutes a week they are active and on how many days, each as a band, averaged over
// the last four weeks. The collections carry no sleep data, so the panel asks for active days
// instead. Both answers are noised by the runtime (randomized response, ε = 1 each, declared with
// `x-noise` in the manifest) after this module returns: the panel learns the population's
// distribution, never one person's true band for sure. Two kernels do the scanning (a sum and a
// histogram); no column enters the sandbox. Reads activities.startedAt and .durationSec of the
// last 28 days.

import { band, DAY_MS } from 'sealpost/guest'

const WEEKS = 4
/** Minutes a week; 150 and 300 are the WHO's weekly targets for moderate activity. */
const MINUTES_BANDS = [
  [300, '300-plus'],
  [150, '150-299'],
  [75, '75-149'],
  [0, '1-74'],
]
/** Active days a week (the weekly mean over four weeks, rounded half up). */
const DAYS_BANDS = [
  [4.5, '5-7'],
  [2.5, '3-4'],
  [0, '1-2'],
]

/** Minutes-a-week band: 'none', '1-74', '75-149', '150-299' or '300-plus'. */
export function minutesBand(minutesPerWeek) {
  return minutesPerWeek > 0 ? band(minutesPerWeek, MINUTES_BANDS) : 'none'
}

/** Active-days-a-week band from the number of active days in four weeks. */
export function daysBand(activeDays) {
  return activeDays === 0 ? 'none' : band(activeDays / WEEKS, DAYS_BANDS)
}

export function analyze(input) {
  const a = input.collections.activities
  const seconds = a.sum('durationSec')
  // 28 one-day periods ending at the run's time (the last one includes `now` itself).
  const perDay = a.histogram('startedAt', {
    min: input.now - WEEKS * 7 * DAY_MS,
    max: input.now + 1,
    bins: WEEKS * 7,
  })
  const activeDays = perDay.filter((n) => n > 0).length
  return {
    weeklyActiveMinutes: minutesBand(seconds / 60 / WEEKS),
    activeDaysPerWeek: daysBand(activeDays),
  }
}
