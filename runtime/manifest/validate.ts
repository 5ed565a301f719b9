/**
 * Turns untrusted JSON into a `Manifest`: schema shape first (schemas/manifest.schema.json), then
 * what a schema cannot say: the collections and fields exist, windows parse, the output schema
 * compiles, and noise annotations sit on fields they can noise.
 */

import { didYouMean } from '../_did_you_mean.ts'
import type { ErrorObject } from 'ajv/dist/2020.js'
import { compileOutputSchema, validateManifestShape } from './_ajv.ts'
import { defaultCollectionCatalog } from './collections.ts'
import type { CollectionCatalog } from './collections.ts'
import { parseDuration } from './duration.ts'
import { ManifestInvalidError } from './errors.ts'
import { checkNoisePlacement } from './noise.ts'
import type { Manifest } from './types.ts'

/** Options for `parseManifest`. */
export interface ParseManifestOptions {
  /** Collections that exist; defaults to the repository's `schemas/collections/` (Node). */
  readonly collections?: CollectionCatalog
}

function describe(e: ErrorObject): { path: string; message: string } {
  const p = e.params as Record<string, unknown>
  if (e.keyword === 'required') {
    return { path: `${e.instancePath}/${String(p['missingProperty'])}`, message: 'is required' }
  }
  if (e.keyword === 'additionalProperties') {
    return {
      path: `${e.instancePath}/${String(p['additionalProperty'])}`,
      message: 'is not a manifest field',
    }
  }
  if (e.keyword === 'enum') {
    const allowed = (p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')
    return { path: e.instancePath, message: `must be one of ${allowed}` }
  }
  if (e.keyword === 'pattern') {
    const what = e.instancePath.endsWith('/version')
      ? 'a semantic version such as 1.2.0'
      : /window|every$/.test(e.instancePath)
        ? 'an ISO 8601 duration such as P3Y or P30D'
        : e.instancePath === '/id'
          ? 'a reverse-DNS id such as com.example.module'
          : `of the form ${String(p['pattern'])}`
    return { path: e.instancePath, message: `must be ${what}` }
  }
  return { path: e.instancePath, message: e.message ?? `fails ${e.keyword}` }
}

function checkReads(m: Manifest, catalog: CollectionCatalog): void {
  const seen = new Set<string>()
  m.reads.forEach((r, i) => {
    const info = catalog.get(r.collection)
    const at = `/reads/${i}`
    if (!info)
      throw new ManifestInvalidError(
        `${at}/collection`,
        `no collection named '${r.collection}'${didYouMean(r.collection, catalog.keys())}; the collections are ${[...catalog.keys()].join(', ')}`,
      )
    if (seen.has(r.collection)) {
      throw new ManifestInvalidError(
        `${at}/collection`,
        `collection '${r.collection}' is read twice`,
      )
    }
    seen.add(r.collection)
    r.fields.forEach((f, j) => {
      if (!info.fields.includes(f)) {
        throw new ManifestInvalidError(
          `${at}/fields/${j}`,
          `collection '${r.collection}' has no field '${f}'${didYouMean(f, info.fields)}; its fields are ${info.fields.join(', ')}`,
        )
      }
    })
    if (r.window !== undefined) {
      if (!parseDuration(r.window)) {
        throw new ManifestInvalidError(
          `${at}/window`,
          `'${r.window}' is not a usable ISO 8601 duration`,
        )
      }
      if (info.timeField === undefined) {
        throw new ManifestInvalidError(
          `${at}/window`,
          `collection '${r.collection}' has no time field to window on`,
        )
      }
    }
  })
}

function checkSchedule(m: Manifest, catalog: CollectionCatalog): void {
  const s = m.schedule
  if (s.kind === 'recurring' && !parseDuration(s.every)) {
    throw new ManifestInvalidError(
      '/schedule/every',
      `'${s.every}' is not a usable ISO 8601 duration`,
    )
  }
  if (s.kind === 'trigger' && !catalog.has(s.on)) {
    throw new ManifestInvalidError(
      '/schedule/on',
      `no collection named '${s.on}'${didYouMean(s.on, catalog.keys())}`,
    )
  }
}

function checkOutput(m: Manifest): void {
  try {
    compileOutputSchema(m.output)
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e)
    throw new ManifestInvalidError('/output', `is not a valid JSON Schema: ${why}`, { cause: e })
  }
  const noise = checkNoisePlacement(m.output)
  if (noise) throw new ManifestInvalidError(`/output${noise.pointer}`, noise.message)
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const x of Object.values(v)) deepFreeze(x)
    Object.freeze(v)
  }
  return v
}

/**
 * Validates untrusted manifest JSON and returns a frozen copy; throws `ManifestInvalidError`
 * naming the first failing path (`manifest /reads/0/fields/1: collection 'purchases' has no field 'x'`).
 */
export function parseManifest(raw: unknown, options: ParseManifestOptions = {}): Manifest {
  let copy: unknown
  try {
    copy = structuredClone(raw)
  } catch (e) {
    throw new ManifestInvalidError('', 'is not plain JSON data', { cause: e })
  }
  const err = validateManifestShape(copy)
  if (err) {
    const { path, message } = describe(err)
    throw new ManifestInvalidError(path, message)
  }
  const m = copy as Manifest
  const catalog = options.collections ?? defaultCollectionCatalog()
  checkReads(m, catalog)
  checkSchedule(m, catalog)
  checkOutput(m)
  return deepFreeze(m)
}
