/** "Did you mean": the closest of a few known names, for errors a partner can act on. */

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    }
    prev = row
  }
  return prev[b.length]!
}

function sharedPrefix(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i
}

/**
 * The candidate closest to `name` (case-insensitive; edit distance at most 2, or one name inside
 * the other), or undefined: `closestName('purchase', ['purchases', 'posts'])` is `'purchases'`.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const n = name.toLowerCase()
  let best: string | undefined
  let bestDistance = 3
  for (const c of candidates) {
    const l = c.toLowerCase()
    const d =
      l === n
        ? 0
        : l.includes(n) || n.includes(l)
          ? 1
          : sharedPrefix(n, l) >= Math.max(4, Math.min(n.length, l.length) - 2)
            ? 2 // 'activity' → 'activities'
            : editDistance(n, l)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}

/** ` (did you mean 'x'?)`, or the empty string when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const best = closestName(name, candidates)
  return best === undefined ? '' : ` (did you mean '${best}'?)`
}
