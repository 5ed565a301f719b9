/**
 * The contract a person reads before consenting (docs/contracts.md "Consent"): generated from the manifest,
 * never partner prose beyond `purpose` and `offer`, which are quoted as theirs. `Contract` is the
 * structured form for host apps; `renderContract` is the plain-language text in English or French.
 *
 * @example
 * const contract = buildContract({ manifest, digest }, { expiresAt: Date.UTC(2026, 0, 1) })
 * console.log(renderContract(contract, 'fr'))
 */

import { sha256Hex, stableJson } from '../digest.ts'
import { ANSWER_BIT, outputBitBound, outputNoise } from '../manifest/index.ts'
import type { NoiseMechanism } from '../manifest/noise.ts'
import type { JsonSchema, Manifest, Mode } from '../manifest/types.ts'
import { schemaNodesByPath } from './_schema_paths.ts'
import { WORDS, valueWords, type ContractLanguage } from './_contract_words.ts'
import type { PersonalizationLevel } from './types.ts'

export type { ContractLanguage }

/** The contract format; bump when the structure changes meaning. */
export const CONTRACT_VERSION = 'sealpost-contract-v1'

/** Bits per partner per day when the person does not choose (docs/contracts.md "Limits"). */
export const DEFAULT_BIT_BUDGET = 64

/** The values one output field can take, as data (rendered into words per language). */
export type ValueShape = (
  | { readonly kind: 'enum'; readonly values: readonly unknown[] }
  | { readonly kind: 'const'; readonly value: unknown }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'number'; readonly min: number; readonly max: number; readonly step?: number }
  | { readonly kind: 'string'; readonly maxLength: number }
  | { readonly kind: 'list'; readonly maxItems: number }
  | { readonly kind: 'object' }
  | { readonly kind: 'other' }
) & { readonly nullable?: true }

/** One collection the bundle reads. */
export interface ContractRead {
  readonly collection: string
  readonly fields: readonly string[]
  /** ISO 8601 duration back from each run; absent: all history. */
  readonly window?: string
}

/** One output field: what it is, what values it takes, how many bits it can carry. */
export interface ContractOutput {
  readonly path: string
  readonly bits: number
  /** The output schema's `description`, when the partner gave one. */
  readonly description?: string
  readonly values: ValueShape
  readonly noise?: { readonly mechanism: NoiseMechanism; readonly epsilon: number }
}

/** How often the bundle runs, as the manifest's `schedule` says. */
export type ContractSchedule =
  | { readonly kind: 'once' }
  | { readonly kind: 'recurring'; readonly every: string }
  | { readonly kind: 'trigger'; readonly on: string }

/** The structured contract: everything the text says, as data. */
export interface Contract {
  readonly version: typeof CONTRACT_VERSION
  readonly bundle: { readonly id: string; readonly version: string; readonly digest: string }
  readonly partner: { readonly id: string; readonly name: string }
  /** The partner's words, quoted as theirs. */
  readonly purpose: string
  /** The partner's words, quoted as theirs. */
  readonly offer?: string
  readonly mode: Mode
  readonly personalization: PersonalizationLevel
  readonly reads: readonly ContractRead[]
  readonly outputs: readonly ContractOutput[]
  /** Upper bound of one answer, in bits (Infinity when unbounded, possible only in `share`). */
  readonly totalBits: number
  /**
   * Present (1) for a `trigger` bundle whose answers leave: whether a run answers at all is one
   * more bit, charged on every run, so one run can say at most `totalBits + answerBit`.
   */
  readonly answerBit?: 1
  readonly schedule: ContractSchedule
  /** ms since epoch; absent: until withdrawn. */
  readonly expiresAt?: number
  readonly retentionDays: number
  readonly bitBudgetPerDay: number
}

/** What the person chooses alongside the manifest. */
export interface ContractOptions {
  /** Consent expiry, ms since epoch; absent: until withdrawn. */
  readonly expiresAt?: number
  /** Bits per partner per day (default 64). */
  readonly bitBudgetPerDay?: number
}

/** A bundle as the contract needs it: the manifest and the digest that names what was signed. */
export interface ContractSubject {
  readonly manifest: Manifest
  readonly digest: string
}

const isObject = (v: unknown): v is JsonSchema =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const finite = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined

/** The value set of one schema node, as data. */
export function valueShape(node: JsonSchema | undefined): ValueShape {
  if (!node) return { kind: 'other' }
  const type = node['type']
  const types = typeof type === 'string' ? [type] : Array.isArray(type) ? (type as string[]) : []
  const nullable = types.length === 2 && types.includes('null') ? ({ nullable: true } as const) : {}
  const main = types.find((t) => t !== 'null')
  if ('const' in node) return { kind: 'const', value: node['const'] }
  if (Array.isArray(node['enum'])) return { kind: 'enum', values: node['enum'] }
  const min = finite(node['minimum'] ?? node['exclusiveMinimum'])
  const max = finite(node['maximum'] ?? node['exclusiveMaximum'])
  switch (main) {
    case 'boolean':
      return { kind: 'boolean', ...nullable }
    case 'integer':
      return min !== undefined && max !== undefined
        ? { kind: 'integer', min, max, ...nullable }
        : { kind: 'other' }
    case 'number': {
      const step = finite(node['multipleOf'])
      return min !== undefined && max !== undefined
        ? { kind: 'number', min, max, ...(step === undefined ? {} : { step }), ...nullable }
        : { kind: 'other' }
    }
    case 'string': {
      const maxLength = finite(node['maxLength'])
      return maxLength === undefined
        ? { kind: 'other' }
        : { kind: 'string', maxLength, ...nullable }
    }
    case 'array': {
      const maxItems = finite(node['maxItems'])
      return maxItems === undefined ? { kind: 'other' } : { kind: 'list', maxItems, ...nullable }
    }
    case 'object':
      return { kind: 'object', ...nullable }
    default:
      return { kind: 'other' }
  }
}

/** Builds the structured contract of a bundle from its manifest (and the person's choices). */
export function buildContract(subject: ContractSubject, options: ContractOptions = {}): Contract {
  if (!isObject(subject) || !isObject(subject.manifest)) {
    throw new TypeError('subject must be { manifest, digest }')
  }
  if (typeof subject.digest !== 'string' || subject.digest === '') {
    throw new TypeError('subject.digest must be a non-empty string')
  }
  const budget = options.bitBudgetPerDay ?? DEFAULT_BIT_BUDGET
  if (!(budget >= 0) || !Number.isFinite(budget)) {
    throw new RangeError('options.bitBudgetPerDay must be a finite number ≥ 0')
  }
  if (options.expiresAt !== undefined && !Number.isFinite(options.expiresAt)) {
    throw new RangeError('options.expiresAt must be ms since epoch')
  }
  const m = subject.manifest
  const bound = outputBitBound(m.output)
  const nodes = schemaNodesByPath(m.output)
  const noise = new Map(outputNoise(m.output).map((n) => [n.path, n]))
  const outputs: ContractOutput[] = bound.fields.map((f) => {
    const node = nodes.get(f.path)
    const description = node?.['description']
    const n = noise.get(f.path)
    return {
      path: f.path,
      bits: f.bits,
      ...(typeof description === 'string' ? { description } : {}),
      values: valueShape(node),
      ...(n ? { noise: { mechanism: n.mechanism, epsilon: n.epsilon } } : {}),
    }
  })
  return {
    version: CONTRACT_VERSION,
    bundle: { id: m.id, version: m.version, digest: subject.digest },
    partner: { id: m.partner.id, name: m.partner.name },
    purpose: m.purpose,
    ...(m.offer !== undefined ? { offer: m.offer } : {}),
    mode: m.mode,
    personalization: m.personalization,
    reads: m.reads.map((r) => ({
      collection: r.collection,
      fields: [...r.fields],
      ...(r.window !== undefined ? { window: r.window } : {}),
    })),
    outputs,
    totalBits: bound.bits,
    ...(m.schedule.kind === 'trigger' && m.mode !== 'local' ? { answerBit: ANSWER_BIT } : {}),
    schedule: { ...m.schedule },
    ...(options.expiresAt !== undefined ? { expiresAt: options.expiresAt } : {}),
    retentionDays: m.retentionDays,
    bitBudgetPerDay: budget,
  }
}

/** SHA-256 (hex) of the contract's canonical JSON: what a consent record and an envelope cite. */
export function contractDigest(contract: Contract): string {
  // An unbounded share contract's Infinity serializes as null: still stable, and the bundle digest
  // already binds the schema it came from.
  return sha256Hex(stableJson(contract))
}

/** The contract as plain text in `lang` ('en' or 'fr'), one statement per line. */
export function renderContract(contract: Contract, lang: ContractLanguage): string {
  if (lang !== 'en' && lang !== 'fr') throw new RangeError(`lang must be 'en' or 'fr'`)
  const w = WORDS[lang]
  const partner = contract.partner.name
  const lines: string[] = [
    w.header(partner, contract.partner.id, contract.bundle.id, contract.bundle.version),
    w.why(partner, contract.purpose),
    '',
    w.reads,
    ...contract.reads.map(
      (r) => `  - ${r.collection}: ${r.fields.join(', ')} (${w.window(r.window)})`,
    ),
    '',
  ]
  if (contract.mode === 'local') {
    lines.push(w.noLeave)
  } else {
    lines.push(w.leaves)
    for (const o of contract.outputs) {
      const said = [
        o.description,
        valueWords(o.values, lang),
        o.noise ? w.noise(o.noise.mechanism, o.noise.epsilon) : undefined,
        w.atMost(o.bits),
      ].filter((x): x is string => x !== undefined)
      lines.push(`  - ${o.path}: ${said.join('; ')}`)
    }
    lines.push(w.total(contract.totalBits))
    if (contract.answerBit) lines.push(w.answered(contract.totalBits + contract.answerBit))
  }
  lines.push(
    '',
    w.mode(contract.mode, partner),
    w.schedule(contract.schedule),
    w.until(contract.expiresAt),
  )
  if (contract.mode !== 'local') lines.push(w.retention(partner, contract.retentionDays))
  lines.push(w.personalization(contract.personalization))
  if (contract.mode !== 'local') lines.push(w.budget(partner, contract.bitBudgetPerDay))
  if (contract.offer !== undefined) lines.push('', w.offer(partner, contract.offer))
  return lines.join('\n') + '\n'
}
