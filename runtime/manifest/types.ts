/**
 * The bundle manifest (docs/contracts.md "Bundle", normative). `schemas/manifest.schema.json` is the
 * validating form of this type.
 */

/** A JSON Schema object (draft 2020-12) as plain data. */
export type JsonSchema = { readonly [key: string]: unknown }

export type Engine = 'quickjs' | 'wasm'
export type Mode = 'private' | 'share' | 'local'

export interface ManifestRead {
  readonly collection: string
  readonly fields: readonly string[]
  /** ISO 8601 duration back from the run's time, for example `P3Y`. Absent: all time. */
  readonly window?: string
}

export type Schedule =
  | { readonly kind: 'once' }
  | { readonly kind: 'recurring'; readonly every: string }
  | { readonly kind: 'trigger'; readonly on: string }

/** Per-run limits a manifest may ask for; they can only tighten the runtime's policy. */
export interface ManifestLimits {
  readonly memoryBytes?: number
  readonly stackBytes?: number
  readonly deadlineMs?: number
  readonly outputBytes?: number
}

export interface Manifest {
  readonly id: string
  readonly version: string
  readonly partner: { readonly id: string; readonly name: string }
  readonly engine: Engine
  readonly entry: string
  readonly mode: Mode
  readonly purpose: string
  readonly offer?: string
  readonly reads: readonly ManifestRead[]
  readonly output: JsonSchema
  readonly schedule: Schedule
  readonly personalization: 1 | 2 | 3
  readonly retentionDays: number
  readonly limits?: ManifestLimits
  /** Names of static asset files shipped in the bundle, exposed to the module as `input.params`. */
  readonly assets?: readonly string[]
}
