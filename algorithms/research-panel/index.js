// The Open Movement Panel's weekly activity survey, answered by the person's own tracker data:
// how many minutes a week they are active and on how many days, each as a band, averaged over
// the last four weeks. The collections carry no sleep data, so the panel asks for active days
// instead. Both answers are noised by the runtime (randomized response, ε = 1 each, declared with
// `x-noise` in the manifest) after this module returns: the panel learns the population's
// distribution, never one person's true band for sure. Two kernels do the scanning (a sum and a
// histogram); no column enters the sandbox. Reads activities.startedAt and .durationSec of the
// last 28 days.

const DAY_MS = 86_400_000
const WEEKS = 4

/** Minutes-a-week band; 150 and 300 are the WHO's weekly targets for moderate activity. */
export function minutesBand(minutesPerWeek) {
  if (!(minutesPerWeek > 0)) return 'none'
  if (minutesPerWeek < 75) return '1-74'
  if (minutesPerWeek < 150) return '75-149'
  if (minutesPerWeek < 300) return '150-299'
  return '300-plus'
}

/** Active-days-a-week band from the number of active days in four weeks (the weekly mean, rounded half up). */
export function daysBand(activeDays) {
  const perWeek = activeDays / WEEKS
  if (activeDays === 0) return 'none'
  if (perWeek < 2.5) return '1-2'
  if (perWeek < 4.5) return '3-4'
  return '5-7'
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
