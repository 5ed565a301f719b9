/**
 * Vectorized kernels: the scans a module would otherwise loop over in the interpreter, run natively
 * in the sandbox worker over the run's own consented columns. They take and return plain data, add
 * no capability (they see only the frames of this run) and fall under the run's hard deadline.
 */

import type { Column, Frame } from './frame/types.ts'
import { MISSING_CODE, MISSING_BOOL } from './frame/types.ts'
import { decayExp } from './_exp.ts'
import { jsonDepth } from './_json_depth.ts'
import {
  pick,
  textMatch,
  type KernelContext,
  type TextMatchOptions,
  type TextMatchSpec,
} from './text_kernels.ts'

/** Which rows a kernel considers. All conditions must hold. */
export interface Where {
  /** Time field for `from`/`to`; defaults to the frame's first time column. */
  readonly on?: string
  /** Inclusive lower bound of the time field, ms since epoch. */
  readonly from?: number
  /** Exclusive upper bound of the time field, ms since epoch. */
  readonly to?: number
  /** Field equals value (category, number, bool or text). A value array means "any of". */
  readonly eq?: Readonly<
    Record<string, string | number | boolean | readonly (string | number | boolean)[]>
  >
}

/** Exponential recency weighting: a row `halfLifeMs` older than `now` counts half. */
export interface Decay {
  readonly halfLifeMs: number
  readonly now: number
  readonly on?: string
}

/** A kernel was called with arguments it cannot use; reported to the guest as a TypeError. */
export class KernelArgumentError extends Error {
  override name = 'KernelArgumentError'
}

function column(frame: Frame, field: string): Column {
  const col = frame.columns[field]
  if (!col) throw new KernelArgumentError(`no field '${field}' in ${frame.collection}`)
  return col
}

function timeColumn(frame: Frame, on: string | undefined): Float64Array {
  if (on !== undefined) {
    const col = column(frame, on)
    if (col.kind !== 'time' && col.kind !== 'number') {
      throw new KernelArgumentError(`'${on}' is not a time or number field`)
    }
    return col.values
  }
  for (const col of Object.values(frame.columns)) if (col.kind === 'time') return col.values
  throw new KernelArgumentError(`${frame.collection} has no time field in this view`)
}

/** Guests pass `where` as JSON: check its shape before trusting it. */
function checkWhere(where: Where): void {
  if (typeof where !== 'object' || where === null || Array.isArray(where)) {
    throw new KernelArgumentError('where must be an object')
  }
  for (const k of ['from', 'to'] as const) {
    if (where[k] !== undefined && typeof where[k] !== 'number') {
      throw new KernelArgumentError(`where.${k} must be a number`)
    }
  }
  if (where.on !== undefined && typeof where.on !== 'string') {
    throw new KernelArgumentError('where.on must be a field name')
  }
  if (where.eq !== undefined && (typeof where.eq !== 'object' || where.eq === null)) {
    throw new KernelArgumentError('where.eq must be an object')
  }
}

/** A per-row predicate compiled from `eq` for one column. */
function equalsTest(
  col: Column,
  wanted: readonly (string | number | boolean)[],
): (i: number) => boolean {
  switch (col.kind) {
    case 'category': {
      const codes = new Set<number>()
      const set = new Set(wanted)
      col.dictionary.forEach((s, c) => set.has(s) && codes.add(c))
      if (codes.size === 1) {
        const only = [...codes][0]!
        return (i) => col.codes[i] === only
      }
      return (i) => codes.has(col.codes[i]!)
    }
    case 'time':
    case 'number': {
      // A Set, not `includes`: a guest may pass thousands of values, and this runs per row.
      const set = new Set(wanted)
      return (i) => set.has(col.values[i]!)
    }
    case 'bool': {
      const w = new Set<number>(wanted.map((b) => (b === true ? 1 : b === false ? 0 : -1)))
      return (i) => col.values[i] !== MISSING_BOOL && w.has(col.values[i]!)
    }
    case 'text': {
      const decoder = new TextDecoder()
      const set = new Set(wanted)
      return (i) =>
        set.has(decoder.decode(col.bytes.subarray(col.offsets[i]!, col.offsets[i + 1]!)))
    }
  }
}

/** Row indices selected by `where`, or undefined for "all rows" (the fast path). */
export function selectRows(frame: Frame, where: Where | undefined | null): Uint32Array | undefined {
  // Guests omit `where` as undefined, which JSON turns into null.
  if (where === null || where === undefined) return undefined
  checkWhere(where)
  if (!where || (where.from === undefined && where.to === undefined && !where.eq)) return undefined
  const tests: ((i: number) => boolean)[] = []
  if (where.from !== undefined || where.to !== undefined) {
    const t = timeColumn(frame, where.on)
    const from = where.from ?? -Infinity
    const to = where.to ?? Infinity
    tests.push((i) => t[i]! >= from && t[i]! < to)
  }
  for (const [field, value] of Object.entries(where.eq ?? {})) {
    tests.push(equalsTest(column(frame, field), Array.isArray(value) ? value : [value as never]))
  }
  const out = new Uint32Array(frame.length)
  let n = 0
  outer: for (let i = 0; i < frame.length; i++) {
    for (const test of tests) if (!test(i)) continue outer
    out[n++] = i
  }
  return out.subarray(0, n)
}

function numeric(frame: Frame, field: string): Float64Array {
  const col = column(frame, field)
  if (col.kind !== 'number' && col.kind !== 'time') {
    throw new KernelArgumentError(`'${field}' is not a number field`)
  }
  return col.values
}

/** Checks a decay spec and returns its time column and rate (ln 2 / half-life). */
function decayOf(
  frame: Frame,
  decay: Decay | undefined,
): { t: Float64Array; k: number; now: number } | undefined {
  if (!decay) return undefined
  if (!(decay.halfLifeMs > 0)) throw new KernelArgumentError('decay.halfLifeMs must be positive')
  if (typeof decay.now !== 'number') throw new KernelArgumentError('decay.now must be a number')
  return { t: timeColumn(frame, decay.on), k: Math.LN2 / decay.halfLifeMs, now: decay.now }
}

/** Number of rows matching `where`. */
export function count(frame: Frame, where?: Where): number {
  const rows = selectRows(frame, where)
  return rows ? rows.length : frame.length
}

/** Sum of a number field over the rows matching `where` (missing values skipped). */
export function sum(frame: Frame, field: string, where?: Where): number {
  const v = numeric(frame, field)
  const rows = selectRows(frame, where)
  let s = 0
  if (!rows) {
    for (let i = 0; i < v.length; i++) if (v[i] === v[i]) s += v[i]!
  } else {
    for (let j = 0; j < rows.length; j++) {
      const x = v[rows[j]!]!
      if (x === x) s += x
    }
  }
  return s
}

/** Group keys: category values (missing skipped) or bool values, per row. */
function groupKeys(frame: Frame, key: string): { codes: Int32Array; names: readonly string[] } {
  const col = column(frame, key)
  if (col.kind === 'category') return { codes: col.codes, names: col.dictionary }
  if (col.kind === 'bool') {
    const codes = new Int32Array(col.values.length)
    for (let i = 0; i < codes.length; i++) {
      const b = col.values[i]!
      codes[i] = b === MISSING_BOOL ? MISSING_CODE : b
    }
    return { codes, names: ['false', 'true'] }
  }
  throw new KernelArgumentError(`'${key}' is not a category or bool field`)
}

export interface GroupOptions {
  readonly where?: Where
  readonly decay?: Decay
}

/**
 * Per-group sum of `value` (or row count when `value` is null), optionally recency-weighted.
 * Returns `{ groupName: total }` for groups with at least one row.
 */
export function groupSum(
  frame: Frame,
  key: string,
  value: string | null,
  options: GroupOptions = {},
): Record<string, number> {
  const { codes, names } = groupKeys(frame, key)
  const v = value === null ? undefined : numeric(frame, value)
  const decay = decayOf(frame, options.decay)
  const rows = selectRows(frame, options.where)
  const totals = new Float64Array(names.length)
  const seen = new Uint8Array(names.length)
  const n = rows ? rows.length : frame.length
  const t = decay?.t
  const k = decay?.k ?? 0
  const now = decay?.now ?? 0
  if (!rows && v && t) {
    // Recency-weighted sums over every row (favourite-sport's call): a loop of its own, so the
    // JIT sees no `rows`, `v` or `t` branches in it.
    decayedSums(codes, v, t, k, now, n, totals, seen)
  } else {
    // One tight loop; the branches are loop-invariant and cheap for the JIT.
    for (let j = 0; j < n; j++) {
      const i = rows ? rows[j]! : j
      const c = codes[i]!
      if (c < 0) continue
      let x = v ? v[i]! : 1
      if (x !== x) continue
      if (t) {
        const age = now - t[i]!
        if (age > 0) x *= decayExp(-k * age)
      }
      totals[c] = totals[c]! + x
      seen[c] = 1
    }
  }
  const out: Record<string, number> = {}
  for (let c = 0; c < names.length; c++) if (seen[c]) out[names[c]!] = totals[c]!
  return out
}

/** `groupSum`'s loop over all `n` rows with a value column and decay (same order, same sums). */
function decayedSums(
  codes: Int32Array,
  v: Float64Array,
  t: Float64Array,
  k: number,
  now: number,
  n: number,
  totals: Float64Array,
  seen: Uint8Array,
): void {
  for (let i = 0; i < n; i++) {
    const c = codes[i]!
    let x = v[i]!
    if (c < 0 || x !== x) continue
    const age = now - t[i]!
    if (age > 0) x *= decayExp(-k * age)
    totals[c] = totals[c]! + x
    seen[c] = 1
  }
}

/** Per-group mean of `value` over rows matching `where` (rows missing the value are skipped). */
export function groupMean(
  frame: Frame,
  key: string,
  value: string,
  options: GroupOptions = {},
): Record<string, number> {
  const { codes, names } = groupKeys(frame, key)
  const v = numeric(frame, value)
  const rows = selectRows(frame, options.where)
  const totals = new Float64Array(names.length)
  const counts = new Float64Array(names.length)
  const n = rows ? rows.length : frame.length
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j]! : j
    const c = codes[i]!
    const x = v[i]!
    if (c < 0 || x !== x) continue
    totals[c] = totals[c]! + x
    counts[c] = counts[c]! + 1
  }
  const out: Record<string, number> = {}
  for (let c = 0; c < names.length; c++) if (counts[c]) out[names[c]!] = totals[c]! / counts[c]!
  return out
}

/** The `k` largest groups by row count, or by the sum of `by`; ties broken by name. */
export function topK(
  frame: Frame,
  key: string,
  k: number,
  options: GroupOptions & { readonly by?: string } = {},
): { key: string; value: number }[] {
  if (!Number.isInteger(k) || k < 1 || k > 1000) throw new KernelArgumentError('k must be 1..1000')
  const totals = groupSum(frame, key, options.by ?? null, options)
  return Object.entries(totals)
    .map(([name, value]) => ({ key: name, value }))
    .sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, k)
}

/** Counts of a number field in `bins` equal-width bins over [min, max); outside values dropped. */
export function histogram(
  frame: Frame,
  field: string,
  spec: {
    readonly min: number
    readonly max: number
    readonly bins: number
    readonly where?: Where
  },
): number[] {
  const { min, max, bins } = spec
  if (!Number.isInteger(bins) || bins < 1 || bins > 10_000) {
    throw new KernelArgumentError('bins must be 1..10000')
  }
  if (!(max > min)) throw new KernelArgumentError('max must be greater than min')
  const v = numeric(frame, field)
  const rows = selectRows(frame, spec.where)
  const out = new Array<number>(bins).fill(0)
  const n = rows ? rows.length : frame.length
  const scale = bins / (max - min)
  for (let j = 0; j < n; j++) {
    const x = v[rows ? rows[j]! : j]!
    if (!(x >= min && x < max)) continue
    const b = Math.min(bins - 1, Math.floor((x - min) * scale))
    out[b] = out[b]! + 1
  }
  return out
}

/** Mean Earth radius in metres (IUGG), for great-circle distances. */
export const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres between two points in degrees (haversine). */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLon = (lon2 - lon1) * rad
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A point of the guest's list; other properties (an id, a name) are allowed and ignored. */
export interface GeoPoint {
  readonly lat: number
  readonly lon: number
}

/** At most this many points per `nearest` call: a shop list, not a map. */
export const MAX_NEAREST_POINTS = 10_000

/**
 * The point of `points` nearest (haversine) to the LATEST row matching `where` (rows are in time
 * order; rows missing a coordinate are skipped): `{ row, index, meters }`, or null when no row has
 * both coordinates. Ties go to the earlier point.
 */
export function nearest(
  frame: Frame,
  latField: string,
  lonField: string,
  points: readonly GeoPoint[],
  options: { readonly where?: Where } = {},
): { row: number; index: number; meters: number } | null {
  if (!Array.isArray(points) || points.length > MAX_NEAREST_POINTS) {
    throw new KernelArgumentError(`points must be an array of at most ${MAX_NEAREST_POINTS}`)
  }
  for (const p of points) {
    const ok =
      typeof p === 'object' &&
      p !== null &&
      typeof p.lat === 'number' &&
      typeof p.lon === 'number' &&
      Math.abs(p.lat) <= 90 &&
      Math.abs(p.lon) <= 180
    if (!ok) {
      throw new KernelArgumentError('every point needs lat in [-90, 90] and lon in [-180, 180]')
    }
  }
  const lat = numeric(frame, latField)
  const lon = numeric(frame, lonField)
  const rows = selectRows(frame, options.where)
  let row = -1
  for (let j = (rows ? rows.length : frame.length) - 1; j >= 0; j--) {
    const i = rows ? rows[j]! : j
    if (lat[i] === lat[i] && lon[i] === lon[i]) {
      row = i
      break
    }
  }
  if (row < 0 || points.length === 0) return null
  let index = 0
  let meters = Infinity
  for (let k = 0; k < points.length; k++) {
    const d = haversineM(lat[row]!, lon[row]!, points[k]!.lat, points[k]!.lon)
    if (d < meters) {
      meters = d
      index = k
    }
  }
  return { row, index, meters }
}

/** The kernel names a guest may call, and how each is invoked from decoded JSON arguments. */
export const KERNELS = {
  count: (f: Frame, a: unknown[]) => count(f, a[0] as Where | undefined),
  sum: (f: Frame, a: unknown[]) => sum(f, str(a[0]), a[1] as Where | undefined),
  groupSum: (f: Frame, a: unknown[]) =>
    groupSum(f, str(a[0]), a[1] === null ? null : str(a[1]), (a[2] ?? {}) as GroupOptions),
  groupMean: (f: Frame, a: unknown[]) =>
    groupMean(f, str(a[0]), str(a[1]), (a[2] ?? {}) as GroupOptions),
  topK: (f: Frame, a: unknown[]) =>
    topK(f, str(a[0]), a[1] as number, (a[2] ?? {}) as GroupOptions & { by?: string }),
  histogram: (f: Frame, a: unknown[]) =>
    histogram(f, str(a[0]), a[1] as { min: number; max: number; bins: number }),
  nearest: (f: Frame, a: unknown[]) =>
    nearest(f, str(a[0]), str(a[1]), a[2] as GeoPoint[], (a[3] ?? {}) as { where?: Where }),
  textMatch: (f: Frame, a: unknown[], c: KernelContext) =>
    textMatch(
      f,
      str(a[0]),
      a[1] as TextMatchSpec | TextMatchSpec[],
      (a[2] ?? {}) as TextMatchOptions,
      c,
    ),
  pick: (f: Frame, a: unknown[]) => pick(f, a[0] as string[], a[1] as number[]),
} as const satisfies Record<string, (f: Frame, args: unknown[], c: KernelContext) => unknown>

export type KernelName = keyof typeof KERNELS

function str(x: unknown): string {
  if (typeof x !== 'string') throw new KernelArgumentError('field names must be strings')
  return x
}

/**
 * Largest JSON argument list a kernel call takes, in UTF-16 units (≈ bytes for the ASCII JSON
 * guests send): room for `nearest` over its 10,000 points, far below what would stall the host.
 */
export const MAX_KERNEL_ARGS_CHARS = 1 << 20
/** Deepest nesting of `[` and `{` in a kernel's arguments: real calls use 4 or 5 levels. */
export const MAX_KERNEL_ARGS_DEPTH = 32
/** Longest kernel or collection name a guest may pass. */
export const MAX_KERNEL_NAME_CHARS = 256

/**
 * Refuses an argument string by its length alone, before it is copied out of the guest or read:
 * the bridges call this with the length the guest declares.
 */
export function checkKernelArgsLength(chars: number): void {
  if (!(chars >= 0 && chars <= MAX_KERNEL_ARGS_CHARS)) {
    throw new KernelArgumentError(
      `kernel arguments are ${chars} characters, over the cap of ${MAX_KERNEL_ARGS_CHARS}`,
    )
  }
}

/**
 * Runs kernel `name` on the frame called `collection` with JSON-encoded arguments; the bridge the
 * guest calls. Only plain JSON crosses, in both directions. Length and depth are checked before
 * the arguments are parsed, so the host's work is bounded by the caps, whatever the guest sends.
 */
export function callKernel(
  frames: ReadonlyMap<string, Frame>,
  name: string,
  collection: string,
  argsJson: string,
  context: KernelContext = {},
): string {
  if (name.length > MAX_KERNEL_NAME_CHARS || collection.length > MAX_KERNEL_NAME_CHARS) {
    throw new KernelArgumentError('kernel and collection names are short')
  }
  if (!Object.hasOwn(KERNELS, name)) throw new KernelArgumentError(`unknown kernel '${name}'`)
  const frame = frames.get(collection)
  if (!frame) throw new KernelArgumentError(`no collection '${collection}' in this run`)
  checkKernelArgsLength(argsJson.length)
  if (jsonDepth(argsJson, MAX_KERNEL_ARGS_DEPTH) > MAX_KERNEL_ARGS_DEPTH) {
    throw new KernelArgumentError(
      `kernel arguments nest deeper than ${MAX_KERNEL_ARGS_DEPTH} levels`,
    )
  }
  let args: unknown
  try {
    args = JSON.parse(argsJson)
  } catch {
    throw new KernelArgumentError('kernel arguments are not valid JSON')
  }
  if (!Array.isArray(args)) throw new KernelArgumentError('kernel arguments must be an array')
  try {
    return JSON.stringify(KERNELS[name as KernelName](frame, args, context))
  } catch (e) {
    // Kernels are pure functions over this run's frames: a TypeError or RangeError out of one
    // comes from the shape of the guest's arguments (`histogram` without a spec), so it is the
    // guest's refusal, with the same class as every other.
    if (e instanceof TypeError || e instanceof RangeError) {
      throw new KernelArgumentError(`${name}: ${e.message}`)
    }
    throw e
  }
}
