// @ts-nocheck: AssemblyScript, compiled by asc (sandbox/wasm/compile.ts), never by tsc.
// StrideWear's favourite-sport module, compiled to WebAssembly: the same algorithm as ../../favorite-sport/index.js
// (time per sport, each activity weighted by recency with a half-life of 180 days, tracker names
// normalised, the largest total wins, 'none' without activities), with its own loop over the
// columns instead of the group-sum kernel: in wasm the loop is faster than the bridge.

import { Frame, now, output, jsonString } from 'sealpost/guest/as'
export { output_len } from 'sealpost/guest/as'

const HALF_LIFE_MS: f64 = 180.0 * 24.0 * 3600.0 * 1000.0
const KNOWN: string[] = ['running', 'cycling', 'swimming', 'walking', 'hiking', 'yoga', 'strength']

/** Maps a tracker's sport name onto the partner's list ('trail running' → running). */
export function normalizeSport(name: string): string {
  const s = name.toLowerCase()
  if (s.includes('run') || s == 'jogging') return 'running'
  if (s.includes('cycl') || s.includes('bik') || s == 'ride') return 'cycling'
  if (s.includes('swim')) return 'swimming'
  if (s.includes('walk')) return 'walking'
  if (s.includes('hik')) return 'hiking'
  if (s.includes('yoga')) return 'yoga'
  if (s.includes('strength') || s.includes('weight') || s.includes('gym')) return 'strength'
  return KNOWN.includes(s) ? s : 'other'
}

/** The run: returns the address of `{"favoriteSport": …}` (see sandbox/wasm/ABI.md). */
export function analyze(): usize {
  const activities = Frame.open('activities')
  if (!activities) return output('{"favoriteSport":"none"}')
  const startedAt = activities.num('startedAt')!
  const duration = activities.num('durationSec')!
  const codes = activities.codes('sport')!
  const dict = activities.dict('sport')!
  const n = min(min(startedAt.length, duration.length), codes.length) // = activities.length
  const k = Math.LN2 / HALF_LIFE_MS
  const at = now()
  // Per dictionary entry, as the group-sum kernel does: missing sport or duration rows skipped.
  const m = dict.length
  const seconds = new Float64Array(m)
  const seen = new Uint8Array(m)
  // The hot loop reads raw pointers: nothing in it allocates, so the arrays cannot move or be
  // freed, and it avoids the incremental GC's shadow-stack traffic on every element access.
  const tPtr = startedAt.dataStart
  const dPtr = duration.dataStart
  const cPtr = codes.dataStart
  const sumPtr = seconds.dataStart
  const seenPtr = seen.dataStart
  for (let i = 0; i < n; i++) {
    const c = load<i32>(cPtr + ((<usize>i) << 2))
    if (<u32>c >= <u32>m) continue // -1: missing sport
    const d = load<f64>(dPtr + ((<usize>i) << 3))
    if (isNaN(d)) continue
    const t = load<f64>(tPtr + ((<usize>i) << 3))
    const slot = sumPtr + ((<usize>c) << 3)
    store<f64>(slot, load<f64>(slot) + d * Math.exp(-k * Math.max(0.0, at - t)))
    store<u8>(seenPtr + <usize>c, 1)
  }
  const totals = new Map<string, f64>()
  for (let c = 0; c < dict.length; c++) {
    if (!seen[c]) continue
    const key = normalizeSport(dict[c])
    totals.set(key, (totals.has(key) ? totals.get(key) : 0.0) + seconds[c])
  }
  const keys = totals.keys()
  keys.sort()
  let best = 'none'
  let bestSeconds: f64 = 0.0
  for (let j = 0; j < keys.length; j++) {
    const v = totals.get(keys[j])
    if (v > bestSeconds) {
      best = keys[j]
      bestSeconds = v
    }
  }
  return output('{"favoriteSport":' + jsonString(best) + '}')
}
