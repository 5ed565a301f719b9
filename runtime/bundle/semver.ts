/** Semantic Versioning 2.0.0 precedence (semver.org §11), for the install rollback check. */

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

function parse(v: string, name: string): { core: bigint[]; pre: string[] } {
  const m = typeof v === 'string' ? SEMVER.exec(v) : null
  if (!m) throw new RangeError(`${name} is not a semantic version: ${String(v)}`)
  return { core: [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)], pre: m[4] ? m[4].split('.') : [] }
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a)
  const bn = /^\d+$/.test(b)
  if (an && bn) return BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0
  if (an !== bn) return an ? -1 : 1 // numeric identifiers sort before alphanumeric ones
  return a < b ? -1 : a > b ? 1 : 0
}

/** −1, 0 or 1 as `a` has lower, equal or higher precedence than `b` (build metadata ignored). */
export function compareSemver(a: string, b: string): -1 | 0 | 1 {
  const x = parse(a, 'a')
  const y = parse(b, 'b')
  for (let i = 0; i < 3; i++) {
    if (x.core[i]! !== y.core[i]!) return x.core[i]! < y.core[i]! ? -1 : 1
  }
  if (x.pre.length === 0 || y.pre.length === 0) {
    return x.pre.length === y.pre.length ? 0 : x.pre.length === 0 ? 1 : -1 // a release outranks its pre-releases
  }
  for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
    const c = compareIdentifiers(x.pre[i]!, y.pre[i]!)
    if (c !== 0) return c < 0 ? -1 : 1
  }
  return x.pre.length === y.pre.length ? 0 : x.pre.length < y.pre.length ? -1 : 1
}
