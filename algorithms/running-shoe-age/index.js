// StrideWear's running-shoe-age module: how far the person has run since buying their last pair
// of running shoes, in 200 km bands, and whether the pair is due (600 km and more, the usual
// lifetime of a running shoe's midsole). The pair is the most recent footwear purchase whose item
// names a running shoe; the distance is one native sum over the running activities since its
// order time. Reads purchases.orderedAt, .category, .item and activities.startedAt, .sport,
// .distanceM of the last two years: never prices, shops, sizes, routes, times or heart rate.

import { fold, stepBand } from 'sealpost/guest'

const BANDS = ['0-200', '200-400', '400-600', '600-800', '800+']
const BAND_KM = 200
const REPLACE_KM = 600

// Words on a receipt that make footwear a running shoe, and model lines sold only as running shoes.
const RUNNING_WORDS =
  /\b(run|running|runner|jogging|trail|marathon|laufschuhe?|course|correr|hardloopschoenen?|corsa)\b/
const RUNNING_MODELS =
  /\b(pegasus|vomero|ghost|glycerin|kayano|nimbus|novablast|clifton|bondi|speedgoat|kinvara|endorphin|cloudmonster|cloudsurfer|adizero|ultraboost|1080v?\d*|fresh foam)\b/

/** Whether a footwear item's text names a running shoe ('Brooks Ghost 15', 'Trail running shoe'). */
export function isRunningShoe(item) {
  const s = fold(item)
  return RUNNING_WORDS.test(s) || RUNNING_MODELS.test(s)
}

/** Whether a tracker's sport name is a run ('Trail Running', 'jogging', 'Treadmill run'). */
export function isRun(sport) {
  const s = fold(sport)
  return s.includes('run') || s.includes('jog')
}

/** The 200 km band of a distance in km: 0–199.9 → '0-200', …, 800 and more → '800+'. */
export function kmBand(km) {
  return stepBand(km, BAND_KM, BANDS)
}

/** Order time of the most recent running-shoe purchase, or undefined. */
function lastRunningShoe(purchases) {
  const category = purchases.codes('category')
  const names = purchases.dict('category')
  const footwear = names.map((c) =>
    /foot|shoe|sneaker|schuh|chaussure|zapat|calzado|scarpe/.test(fold(c)),
  )
  const orderedAt = purchases.num('orderedAt')
  // Rows are in time order: walk back from the most recent; only footwear rows decode their item.
  for (let i = purchases.length - 1; i >= 0; i--) {
    const c = category[i]
    if (c < 0 || !footwear[c]) continue
    if (isRunningShoe(purchases.text('item', i))) return orderedAt[i]
  }
  return undefined
}

export function analyze(input) {
  const since = lastRunningShoe(input.collections.purchases)
  if (since === undefined) return { kmBand: null, replaceSoon: false }
  const activities = input.collections.activities
  const runs = activities.dict('sport').filter(isRun)
  const metres =
    runs.length === 0 ? 0 : activities.sum('distanceM', { from: since, eq: { sport: runs } })
  const km = metres / 1000
  return { kmBand: kmBand(km), replaceSoon: km >= REPLACE_KM }
}
