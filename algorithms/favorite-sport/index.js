// StrideWear's favourite-sport module: the sport with the most time spent, each activity weighted
// by recency (an activity 180 days old counts half). The scan runs in the frame's native
// group-sum kernel; the module only picks the winner. Reads activities.startedAt, .sport and
// .durationSec of the last two years.

const HALF_LIFE_MS = 180 * 24 * 3600 * 1000
const KNOWN = ['running', 'cycling', 'swimming', 'walking', 'hiking', 'yoga', 'strength']

/** Maps a tracker's sport name onto the partner's list ('trail running' → running). */
export function normalizeSport(name) {
  const s = name.toLowerCase()
  if (s.includes('run') || s === 'jogging') return 'running'
  if (s.includes('cycl') || s.includes('bik') || s === 'ride') return 'cycling'
  if (s.includes('swim')) return 'swimming'
  if (s.includes('walk')) return 'walking'
  if (s.includes('hik')) return 'hiking'
  if (s.includes('yoga')) return 'yoga'
  if (s.includes('strength') || s.includes('weight') || s.includes('gym')) return 'strength'
  return KNOWN.includes(s) ? s : 'other'
}

export function analyze(input) {
  const activities = input.collections.activities
  const seconds = activities.groupSum('sport', 'durationSec', {
    decay: { halfLifeMs: HALF_LIFE_MS, now: input.now },
  })
  const totals = {}
  for (const [sport, s] of Object.entries(seconds)) {
    const key = normalizeSport(sport)
    totals[key] = (totals[key] || 0) + s
  }
  let best = 'none'
  let bestSeconds = 0
  for (const key of Object.keys(totals).sort()) {
    if (totals[key] > bestSeconds) {
      best = key
      bestSeconds = totals[key]
    }
  }
  return { favoriteSport: best }
}
