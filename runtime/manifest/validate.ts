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
import { MAX_DURATION_YEARS, parseDuration } from './duration.ts'
import { ManifestInvalidError } from './errors.ts'
import { checkNoisePlacement } from './noise.ts'
import { LinearRegExp, PatternRefusedError } from './_linear_regex.ts'

/**
 * Sum of the compiled sizes of every pattern in one output schema. Validation tests each string
 * against the patterns that apply to it, so the host's regex work per output is at most the
 * output's length (capped at 20,000 bytes) times this.
 */
export const MAX_SCHEMA_PATTERN_STEPS = 8_000
/** Largest array an output schema may ask `uniqueItems` of. */
export const MAX_UNIQUE_ITEMS = 1_000
/** Output schemas nested deeper than this are refused (the bit bound stops at 64 too). */
const MAX_OUTPUT_SCHEMA_DEPTH = 64
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
          `'${r.window}' is not a usable ISO 8601 duration (whole numbers, at most ${MAX_DURATION_YEARS} years)`,
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
      `'${s.every}' is not a usable ISO 8601 duration (whole numbers, at most ${MAX_DURATION_YEARS} years)`,
    )
  }
  if (s.kind === 'trigger' && !catalog.has(s.on)) {
    throw new ManifestInvalidError(
      '/schedule/on',
      `no collection named '${s.on}'${didYouMean(s.on, catalog.keys())}`,
    )
  }
}

/**
 * Host work an output schema can ask for is bounded: every partner pattern compiles to the linear
 * engine within the schema's total budget, and `uniqueItems` needs a small `maxItems`.
 */
function checkPatterns(schema: unknown): void {
  let steps = 0
  const compile = (pattern: string, pointer: string): void => {
    try {
      steps += new LinearRegExp(pattern).size
    } catch (e) {
      if (!(e instanceof PatternRefusedError)) throw e
      throw new ManifestInvalidError(pointer, `pattern refused: ${e.message}`, { cause: e })
    }
    if (steps > MAX_SCHEMA_PATTERN_STEPS) {
      throw new ManifestInvalidError(
        pointer,
        `the output schema's patterns compile to more than ${MAX_SCHEMA_PATTERN_STEPS} steps in all`,
      )
    }
  }
  const walk = (node: unknown, pointer: string, depth: number): void => {
    if (typeof node !== 'object' || node === null) return
    if (depth > MAX_OUTPUT_SCHEMA_DEPTH) {
      throw new ManifestInvalidError(pointer, `nests deeper than ${MAX_OUTPUT_SCHEMA_DEPTH} levels`)
    }
    if (Array.isArray(node)) {
      node.forEach((x, i) => walk(x, `${pointer}/${i}`, depth + 1))
      return
    }
    const o = node as Record<string, unknown>
    if (typeof o['pattern'] === 'string') compile(o['pattern'], `${pointer}/pattern`)
    // Ajv compares items pairwise for uniqueItems: quadratic in the array's length.
    const maxItems = o['maxItems']
    if (
      o['uniqueItems'] === true &&
      !(typeof maxItems === 'number' && maxItems <= MAX_UNIQUE_ITEMS)
    ) {
      throw new ManifestInvalidError(
        `${pointer}/uniqueItems`,
        `needs maxItems of at most ${MAX_UNIQUE_ITEMS} (the check compares items pairwise)`,
      )
    }
    const pp = o['patternProperties']
    if (typeof pp === 'object' && pp !== null && !Array.isArray(pp)) {
      for (const key of Object.keys(pp)) compile(key, `${pointer}/patternProperties`)
    }
    for (const [k, v] of Object.entries(o)) {
      // `enum`/`const` values are data, not schemas: a "pattern" key inside them is not a pattern.
      if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') continue
      walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1)
    }
  }
  walk(schema, '/output', 0)
}

function checkOutput(m: Manifest): void {
  checkPatterns(m.output)
  try {
    compileOutputSchema(m.output)
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e)
    throw new ManifestInvalidError('/output', `is not a valid JSON Schema: ${why}`, { cause: e })
  }
  const noise = checkNoisePlacement(m.output)
  if (noise) throw new ManifestInvalidError(`/output${noise.pointer}`, noise.message)
}

/** Deepest nesting a manifest may have: the output schema's 64 levels plus the manifest's own. */
const MAX_MANIFEST_DEPTH = 80
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * What the canonical JSON a bundle signs can hold (RFC 8785 / I-JSON): bounded nesting, finite
 * numbers, strings that are Unicode text. Checked first, iteratively, so neither the schema
 * validator nor the canonicaliser ever meets a value that would overflow the stack or throw.
 */
function checkPlainJson(root: unknown): void {
  const stack: [unknown, string, number][] = [[root, '', 0]]
  while (stack.length > 0) {
    const [v, at, depth] = stack.pop()!
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) throw new ManifestInvalidError(at, 'holds a lone surrogate')
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new ManifestInvalidError(at, 'is not a finite number')
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= MAX_MANIFEST_DEPTH) {
        throw new ManifestInvalidError(at, `nests deeper than ${MAX_MANIFEST_DEPTH} levels`)
      }
      for (const [k, x] of Object.entries(v)) {
        const key = k.replace(/~/g, '~0').replace(/\//g, '~1')
        if (LONE_SURROGATE.test(k)) {
          throw new ManifestInvalidError(at, 'has a key with a lone surrogate')
        }
        stack.push([x, `${at}/${key}`, depth + 1])
      }
    }
  }
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
  checkPlainJson(copy)
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
