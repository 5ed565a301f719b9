/**
 * Does a new bundle version ask for more than the consent covered? (docs/contracts.md "Consent": a version
 * that widens reads or outputs needs fresh consent.) `runtime/bundle/` has no `compareManifests`
 * yet, so the comparison consent needs lives here.
 */

import { durationMaxMs, outputBitBound, outputNoise } from '../manifest/index.ts'
import type { Manifest } from '../manifest/types.ts'

/** One way the new version asks for more; `what` is stable, `message` reads as a sentence. */
export interface Widening {
  readonly what:
    | 'collection'
    | 'field'
    | 'window'
    | 'output-bits'
    | 'output-field'
    | 'noise'
    | 'mode'
    | 'partner'
    | 'purpose'
    | 'schedule'
    | 'personalization'
    | 'retention'
  readonly message: string
}

const MODE_RANK = { local: 0, private: 1, share: 2 } as const
const SCHEDULE_RANK = { once: 0, recurring: 1, trigger: 2 } as const
// Bit bounds are sums of logarithms: compare with a little slack for float rounding.
const BITS_EPSILON = 1e-9

/**
 * Every way `next` widens what `prev` read, could output, or was consented for; an empty list
 * means the consent can carry over. Reads and outputs are the design's rules; the partner, purpose,
 * mode, schedule, personalization and retention are part of the contract too, so they count.
 */
export function wideningsOf(prev: Manifest, next: Manifest): Widening[] {
  const out: Widening[] = []
  const before = new Map(prev.reads.map((r) => [r.collection, r]))
  for (const read of next.reads) {
    const old = before.get(read.collection)
    if (!old) {
      out.push({ what: 'collection', message: `reads a new collection: ${read.collection}` })
      continue
    }
    for (const f of read.fields) {
      if (!old.fields.includes(f)) {
        out.push({ what: 'field', message: `reads a new field: ${read.collection}.${f}` })
      }
    }
    const oldSpan = old.window === undefined ? Infinity : durationMaxMs(old.window)
    const newSpan = read.window === undefined ? Infinity : durationMaxMs(read.window)
    if (newSpan > oldSpan) {
      out.push({
        what: 'window',
        message: `reads ${read.collection} further back: ${read.window ?? 'all time'} instead of ${old.window ?? 'all time'}`,
      })
    }
  }
  const prevBound = outputBitBound(prev.output)
  const nextBound = outputBitBound(next.output)
  if (nextBound.bits > prevBound.bits + BITS_EPSILON) {
    out.push({
      what: 'output-bits',
      message: `can send more: ${fmt(nextBound.bits)} bits instead of ${fmt(prevBound.bits)}`,
    })
  }
  const prevPaths = new Set(prevBound.fields.map((f) => f.path))
  for (const f of nextBound.fields) {
    if (!prevPaths.has(f.path))
      out.push({ what: 'output-field', message: `sends a new field: ${f.path}` })
  }
  const nextNoise = new Map(outputNoise(next.output).map((n) => [n.path, n]))
  for (const n of outputNoise(prev.output)) {
    const now = nextNoise.get(n.path)
    if (!now || now.epsilon > n.epsilon || now.mechanism !== n.mechanism) {
      out.push({
        what: 'noise',
        message: now
          ? `adds less noise to ${n.path}: ε ${now.epsilon} instead of ${n.epsilon}`
          : `no longer adds noise to ${n.path}`,
      })
    }
  }
  if (prev.partner.id !== next.partner.id) {
    out.push({
      what: 'partner',
      message: `goes to ${next.partner.id} instead of ${prev.partner.id}`,
    })
  }
  if (prev.purpose !== next.purpose) {
    out.push({ what: 'purpose', message: `states a different purpose: ${next.purpose}` })
  }
  if (MODE_RANK[next.mode] > MODE_RANK[prev.mode]) {
    out.push({ what: 'mode', message: `shares more: ${next.mode} instead of ${prev.mode}` })
  }
  if (scheduleWidens(prev, next)) {
    out.push({
      what: 'schedule',
      message: `runs more often: ${scheduleText(next)} instead of ${scheduleText(prev)}`,
    })
  }
  if (next.personalization > prev.personalization) {
    out.push({
      what: 'personalization',
      message: `personalizes deeper: level ${next.personalization} instead of ${prev.personalization}`,
    })
  }
  if (next.retentionDays > prev.retentionDays) {
    out.push({
      what: 'retention',
      message: `keeps the answer longer: ${next.retentionDays} days instead of ${prev.retentionDays}`,
    })
  }
  return out
}

function scheduleWidens(prev: Manifest, next: Manifest): boolean {
  const a = prev.schedule
  const b = next.schedule
  if (SCHEDULE_RANK[b.kind] !== SCHEDULE_RANK[a.kind])
    return SCHEDULE_RANK[b.kind] > SCHEDULE_RANK[a.kind]
  if (a.kind === 'recurring' && b.kind === 'recurring')
    return durationMaxMs(b.every) < durationMaxMs(a.every)
  if (a.kind === 'trigger' && b.kind === 'trigger') return a.on !== b.on
  return false
}

function scheduleText(m: Manifest): string {
  const s = m.schedule
  return s.kind === 'once' ? 'once' : s.kind === 'recurring' ? `every ${s.every}` : `on new ${s.on}`
}

const fmt = (bits: number): string =>
  bits === Infinity ? 'unbounded' : Number.isInteger(bits) ? String(bits) : bits.toFixed(2)
