/**
 * What changed between two versions of a manifest, as the consent layer and `sealpost audit
 * --against` need it: which reads and outputs widened or narrowed, and whether the person must
 * consent again. Widening reads (new collection, new field, longer window) or outputs (new field,
 * higher bit bound, weaker noise) always needs fresh consent; so do contract terms that give the
 * partner more (another mode, deeper personalization, longer retention, more frequent runs).
 */

import { outputBitBound } from './bits.ts'
import { durationMaxMs } from './duration.ts'
import { outputNoise } from './noise.ts'
import type { Manifest, Schedule } from './types.ts'

/** One difference. `path` names what changed: `purchases`, `purchases.size`, `euSize`, `retentionDays`. */
export interface ManifestChange {
  readonly area: 'reads' | 'output' | 'contract'
  readonly path: string
  readonly what: string
  readonly before?: string
  readonly after?: string
}

/** The comparison: `renew` is true when any change is in `widened`. */
export interface ManifestComparison {
  readonly renew: boolean
  /** Changes that let more leave or more be read: consent must be renewed. */
  readonly widened: readonly ManifestChange[]
  /** Changes that only reduce what is read or can leave. */
  readonly narrowed: readonly ManifestChange[]
  /** Neutral changes shown to the person but not needing renewal (purpose wording, offer, version). */
  readonly changed: readonly ManifestChange[]
}

const ALL_TIME = 'all time'
const bitsText = (b: number): string => (b === Infinity ? 'unbounded' : `${b.toFixed(2)} bits`)

function windowLength(w: string | undefined): number {
  return w === undefined ? Infinity : durationMaxMs(w)
}

/** A rank of how often a schedule runs: once < recurring (shorter period higher) < trigger. */
function frequency(s: Schedule): number {
  if (s.kind === 'once') return 1
  if (s.kind === 'trigger') return Infinity
  return 1 + (366 * 86_400_000) / Math.max(1, durationMaxMs(s.every))
}

function scheduleText(s: Schedule): string {
  return s.kind === 'once' ? 'once' : s.kind === 'recurring' ? `every ${s.every}` : `on new ${s.on}`
}

const MODE_RANK: Readonly<Record<string, number>> = { local: 0, private: 1, share: 2 }

/** Compares manifest `before` with `after` (usually two versions of one bundle id). */
export function compareManifests(before: Manifest, after: Manifest): ManifestComparison {
  const widened: ManifestChange[] = []
  const narrowed: ManifestChange[] = []
  const changed: ManifestChange[] = []
  const wider = (c: ManifestChange): number => widened.push(c)
  const narrower = (c: ManifestChange): number => narrowed.push(c)

  // Reads
  const oldReads = new Map(before.reads.map((r) => [r.collection, r]))
  const newReads = new Map(after.reads.map((r) => [r.collection, r]))
  for (const [name, r] of newReads) {
    const o = oldReads.get(name)
    if (!o) {
      wider({ area: 'reads', path: name, what: 'new collection', after: r.fields.join(', ') })
      continue
    }
    for (const f of r.fields) {
      if (!o.fields.includes(f)) wider({ area: 'reads', path: `${name}.${f}`, what: 'new field' })
    }
    for (const f of o.fields) {
      if (!r.fields.includes(f))
        narrower({ area: 'reads', path: `${name}.${f}`, what: 'field no longer read' })
    }
    const [lo, ln] = [windowLength(o.window), windowLength(r.window)]
    const w = { before: o.window ?? ALL_TIME, after: r.window ?? ALL_TIME }
    if (ln > lo) wider({ area: 'reads', path: name, what: 'longer window', ...w })
    else if (ln < lo) narrower({ area: 'reads', path: name, what: 'shorter window', ...w })
    else if (o.window !== r.window)
      changed.push({ area: 'reads', path: name, what: 'window respelled', ...w })
  }
  for (const name of oldReads.keys()) {
    if (!newReads.has(name))
      narrower({ area: 'reads', path: name, what: 'collection no longer read' })
  }

  // Outputs
  const ob = outputBitBound(before.output)
  const nb = outputBitBound(after.output)
  const oldFields = new Map(ob.fields.map((f) => [f.path, f.bits]))
  const newFields = new Map(nb.fields.map((f) => [f.path, f.bits]))
  for (const [path, bits] of newFields) {
    const o = oldFields.get(path)
    if (o === undefined)
      wider({ area: 'output', path, what: 'new output field', after: bitsText(bits) })
    else if (bits > o)
      wider({ area: 'output', path, what: 'more bits', before: bitsText(o), after: bitsText(bits) })
    else if (bits < o)
      narrower({
        area: 'output',
        path,
        what: 'fewer bits',
        before: bitsText(o),
        after: bitsText(bits),
      })
  }
  for (const [path, bits] of oldFields) {
    if (!newFields.has(path))
      narrower({ area: 'output', path, what: 'output field removed', before: bitsText(bits) })
  }
  const total = {
    area: 'output' as const,
    path: '(total per run)',
    before: bitsText(ob.bits),
    after: bitsText(nb.bits),
  }
  if (nb.bits > ob.bits) wider({ ...total, what: 'higher bit bound' })
  else if (nb.bits < ob.bits) narrower({ ...total, what: 'lower bit bound' })

  const oldNoise = new Map(outputNoise(before.output).map((n) => [n.path, n]))
  const newNoise = new Map(outputNoise(after.output).map((n) => [n.path, n]))
  for (const [path, n] of oldNoise) {
    const m = newNoise.get(path)
    const b = `${n.mechanism} ε=${n.epsilon}`
    if (!m) {
      if (newFields.has(path)) wider({ area: 'output', path, what: 'noise removed', before: b })
    } else if (m.epsilon > n.epsilon || m.mechanism !== n.mechanism) {
      wider({
        area: 'output',
        path,
        what: 'weaker noise',
        before: b,
        after: `${m.mechanism} ε=${m.epsilon}`,
      })
    } else if (m.epsilon < n.epsilon) {
      narrower({
        area: 'output',
        path,
        what: 'stronger noise',
        before: b,
        after: `${m.mechanism} ε=${m.epsilon}`,
      })
    }
  }
  for (const [path, m] of newNoise) {
    if (!oldNoise.has(path))
      narrower({
        area: 'output',
        path,
        what: 'noise added',
        after: `${m.mechanism} ε=${m.epsilon}`,
      })
  }

  // Contract terms
  const term = (
    path: string,
    what: string,
    b: string,
    a: string,
    wide: boolean,
    narrow: boolean,
  ): void => {
    const c = { area: 'contract' as const, path, what, before: b, after: a }
    if (wide) wider(c)
    else if (narrow) narrower(c)
    else if (b !== a) changed.push(c)
  }
  term(
    'mode',
    'sharing mode',
    before.mode,
    after.mode,
    MODE_RANK[after.mode]! > MODE_RANK[before.mode]!,
    MODE_RANK[after.mode]! < MODE_RANK[before.mode]!,
  )
  term(
    'personalization',
    'personalization level',
    String(before.personalization),
    String(after.personalization),
    after.personalization > before.personalization,
    after.personalization < before.personalization,
  )
  term(
    'retentionDays',
    'retention',
    `${before.retentionDays} days`,
    `${after.retentionDays} days`,
    after.retentionDays > before.retentionDays,
    after.retentionDays < before.retentionDays,
  )
  const [fo, fn] = [frequency(before.schedule), frequency(after.schedule)]
  term(
    'schedule',
    'schedule',
    scheduleText(before.schedule),
    scheduleText(after.schedule),
    fn > fo || (fn === fo && before.schedule.kind !== after.schedule.kind),
    fn < fo,
  )
  term(
    'partner',
    'partner',
    before.partner.id,
    after.partner.id,
    before.partner.id !== after.partner.id,
    false,
  )
  term('purpose', 'purpose', before.purpose, after.purpose, false, false)
  term('offer', 'offer', before.offer ?? '(none)', after.offer ?? '(none)', false, false)
  term('version', 'version', before.version, after.version, false, false)
  term('engine', 'engine', before.engine, after.engine, false, false)

  return { renew: widened.length > 0, widened, narrowed, changed }
}
