/**
 * The auditor's view of a bundle (`sealpost audit`): who signed it, what it reads, every output
 * field with its bit bound, noise, schedule, retention, limits, and what changed against an
 * older version. `auditReport` is stable JSON (`--json`); `formatAudit` the human text.
 */

import { outputBitBound, runBitBound } from '../manifest/bits.ts'
import { compareManifests } from '../manifest/compare.ts'
import type { ManifestChange, ManifestComparison } from '../manifest/compare.ts'
import { outputNoise } from '../manifest/noise.ts'
import { displayLabel, outputDisplayHints } from '../manifest/display.ts'
import type { Manifest, ManifestLimits } from '../manifest/types.ts'
import type { VerifiedBundle } from './verify.ts'

/** Where an audited manifest came from: a signed bundle, or a bare manifest.json (unsigned). */
export interface AuditSubject {
  readonly manifest: Manifest
  /** Absent for a bare manifest. */
  readonly bundle?: Pick<VerifiedBundle, 'digest' | 'keyId' | 'partnerId' | 'trusted' | 'code'> & {
    readonly expiresAt?: number
    readonly bytes: number
  }
}

/** The stable `--json` shape (format 1). Bits are numbers, `null` when unbounded. */
export interface AuditReport {
  readonly format: 1
  readonly id: string
  readonly version: string
  readonly signed: boolean
  readonly signer: {
    readonly partnerId: string
    readonly partnerName: string
    readonly keyId: string | null
    readonly trusted: boolean
  }
  readonly digest: string | null
  readonly engine: Manifest['engine']
  readonly entry: string
  readonly codeBytes: number | null
  readonly bundleBytes: number | null
  readonly expiresAt: string | null
  readonly mode: Manifest['mode']
  readonly purpose: string
  readonly offer: string | null
  readonly reads: readonly {
    collection: string
    fields: readonly string[]
    window: string | null
  }[]
  readonly output: {
    /** The output's bound, plus `answerBits` for a trigger (answered or not); null if unbounded. */
    readonly bitsPerRun: number | null
    /** 1 for a trigger bundle: whether a run answers at all is a bit, charged on every run. */
    readonly answerBits: number
    readonly fields: readonly { path: string; bits: number | null; why: string }[]
    readonly noise: readonly { path: string; mechanism: string; epsilon: number }[]
    /** The `x-display` hints: how each field reads in the person's app (presentation only). */
    readonly display: readonly { path: string; label: string | null; hint: unknown }[]
  }
  readonly schedule: Manifest['schedule']
  readonly personalization: number
  readonly retentionDays: number
  readonly limits: ManifestLimits | null
  readonly assets: readonly string[]
  readonly against?: {
    readonly version: string
    readonly digest: string | null
    readonly renewConsent: boolean
    readonly widened: readonly ManifestChange[]
    readonly narrowed: readonly ManifestChange[]
    readonly changed: readonly ManifestChange[]
  }
}

const finite = (b: number): number | null =>
  Number.isFinite(b) && b >= 0 ? Math.round(b * 1000) / 1000 : null

/** Builds the report for `subject`, comparing with `old` when given. */
export function auditReport(subject: AuditSubject, old?: AuditSubject): AuditReport {
  const m = subject.manifest
  const b = subject.bundle
  const bound = outputBitBound(m.output)
  const report: AuditReport = {
    format: 1,
    id: m.id,
    version: m.version,
    signed: b !== undefined,
    signer: {
      partnerId: m.partner.id,
      partnerName: m.partner.name,
      keyId: b?.keyId ?? null,
      trusted: b?.trusted ?? false,
    },
    digest: b?.digest ?? null,
    engine: m.engine,
    entry: m.entry,
    codeBytes:
      b === undefined
        ? null
        : typeof b.code === 'string'
          ? new TextEncoder().encode(b.code).length
          : b.code.length,
    bundleBytes: b?.bytes ?? null,
    expiresAt: b?.expiresAt === undefined ? null : new Date(b.expiresAt).toISOString(),
    mode: m.mode,
    purpose: m.purpose,
    offer: m.offer ?? null,
    reads: m.reads.map((r) => ({
      collection: r.collection,
      fields: r.fields,
      window: r.window ?? null,
    })),
    output: {
      bitsPerRun: finite(runBitBound(m)),
      answerBits: m.schedule.kind === 'trigger' ? 1 : 0,
      fields: bound.fields.map((f) => ({ path: f.path, bits: finite(f.bits), why: f.why })),
      noise: outputNoise(m.output).map((n) => ({
        path: n.path,
        mechanism: n.mechanism,
        epsilon: n.epsilon,
      })),
      display: outputDisplayHints(m.output).map((d) => ({
        path: d.path,
        label: displayLabel(d.hint),
        hint: d.hint,
      })),
    },
    schedule: m.schedule,
    personalization: m.personalization,
    retentionDays: m.retentionDays,
    limits: m.limits ?? null,
    assets: m.assets ?? [],
  }
  if (!old) return report
  const c: ManifestComparison = compareManifests(old.manifest, m)
  return {
    ...report,
    against: {
      version: old.manifest.version,
      digest: old.bundle?.digest ?? null,
      renewConsent: c.renew,
      widened: c.widened,
      narrowed: c.narrowed,
      changed: c.changed,
    },
  }
}

const bitsText = (b: number | null): string => (b === null ? 'unbounded' : `${b.toFixed(2)} bits`)

function scheduleText(s: Manifest['schedule']): string {
  if (s.kind === 'once') return 'once'
  if (s.kind === 'recurring') return `every ${s.every}`
  return `on each new record in ${s.on}`
}

function changeText(c: ManifestChange): string {
  const ba =
    c.before !== undefined || c.after !== undefined
      ? `: ${c.before ?? '—'} → ${c.after ?? '—'}`
      : ''
  return `${c.area} ${c.path}: ${c.what}${ba}`
}

/** The report as lines a person reads. */
export function formatAudit(r: AuditReport): string[] {
  const lines: string[] = []
  const row = (label: string, value: string): number => lines.push(`  ${label.padEnd(16)}${value}`)
  lines.push(`${r.id} ${r.version}  (${r.mode})`)
  const trust = !r.signed
    ? 'UNSIGNED manifest'
    : r.signer.trusted
      ? 'signature verified against a trusted key'
      : 'signature valid for the key it carries; key not checked against a trust store'
  row(
    'signer',
    `${r.signer.partnerName} (${r.signer.partnerId})${r.signer.keyId ? `, key ${r.signer.keyId}` : ''}`,
  )
  row('', trust)
  if (r.digest) row('digest', r.digest)
  row(
    'engine',
    `${r.engine}, entry ${r.entry}${r.codeBytes !== null ? `, ${r.codeBytes} bytes of code` : ''}`,
  )
  row('purpose', r.purpose)
  row('offer', r.offer ?? 'none')
  if (r.reads.length === 0) row('reads', 'nothing')
  for (const [i, read] of r.reads.entries()) {
    const window = read.window ? `last ${read.window}` : 'all time'
    row(i === 0 ? 'reads' : '', `${read.collection}: ${read.fields.join(', ')} (${window})`)
  }
  row(
    'can leave',
    `${bitsText(r.output.bitsPerRun)} per run${r.mode === 'local' ? ' (local mode: shown to the person only)' : ''}`,
  )
  if (r.output.answerBits > 0) {
    row(
      '',
      `including ${r.output.answerBits} bit for answered or not, charged on every trigger run`,
    )
  }
  const width = Math.max(0, ...r.output.fields.map((f) => f.path.length))
  for (const f of r.output.fields) {
    row('', `${f.path.padEnd(width)}  ${bitsText(f.bits).padStart(9)}  ${f.why}`)
  }
  if (r.output.noise.length === 0) row('noise', 'none')
  for (const [i, n] of r.output.noise.entries()) {
    row(i === 0 ? 'noise' : '', `${n.path}: ${n.mechanism}, ε = ${n.epsilon}`)
  }
  for (const [i, d] of r.output.display.entries()) {
    // JSON quoting shows any control character the partner put in a label instead of running it.
    const shown = JSON.stringify(d.label ?? d.hint)
    row(i === 0 ? 'reads as' : '', `${d.path === '' ? '(the answer)' : d.path}: ${shown}`)
  }
  row('schedule', scheduleText(r.schedule))
  row('personalization', `${r.personalization} of 3`)
  row('retention', `${r.retentionDays} days`)
  const limits = r.limits
    ? Object.entries(r.limits)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ')
    : 'runtime defaults'
  row('limits', limits)
  if (r.assets.length > 0) row('assets', r.assets.join(', '))
  if (r.signed) row('expires', r.expiresAt ?? 'never')
  if (r.against) {
    const a = r.against
    lines.push('')
    lines.push(`changes since ${a.version}:`)
    for (const c of a.widened) lines.push(`  + widened   ${changeText(c)}`)
    for (const c of a.narrowed) lines.push(`  - narrowed  ${changeText(c)}`)
    for (const c of a.changed) lines.push(`  ~ changed   ${changeText(c)}`)
    if (a.widened.length + a.narrowed.length + a.changed.length === 0) lines.push('  none')
    lines.push(
      a.renewConsent
        ? 'consent must be renewed: this version reads or can send more'
        : 'existing consent still covers this version',
    )
  }
  return lines
}
