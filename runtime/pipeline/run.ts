/**
 * One private-sharing run (docs/contracts.md "One private-sharing run"): consent → consented views →
 * sandbox → output gate. Only what the consent covers is decrypted and copied; only a validated
 * output comes back.
 */

import type { Sandbox } from '../../sandbox/host.ts'
import type { Frame } from '../../sandbox/frame/types.ts'
import { DEFAULT_LIMITS, tightenLimits, type SandboxLimits } from '../../sandbox/limits.ts'
import type { GuestStats } from '../../sandbox/_protocol.ts'
import { windowStart } from '../manifest/duration.ts'
import { collectionLayout } from '../collections.ts'
import { UnknownCollectionError } from '../errors.ts'
import { assertConsent } from '../consent/check.ts'
import type { ConsentRecord } from '../policy/consent.ts'
import { canonicalize } from '../crypto/jcs.ts'
import { checkOutput } from './output.ts'
import { withCatalogHint } from './_hints.ts'
import type { RunnableBundle, ViewRequest, ViewSource } from './types.ts'

/** What a run read: one entry per consented collection. */
export interface ScopeRead extends ViewRequest {
  readonly rows: number
}

export interface RunResult {
  readonly bundleId: string
  readonly digest: string
  /** The validated output value. */
  readonly output: unknown
  /**
   * The validated output re-serialised canonically (RFC 8785): the guest's own text never leaves,
   * so whitespace, key order or number spelling cannot carry bits the schema does not bound.
   */
  readonly outputJson: string
  readonly read: readonly ScopeRead[]
  readonly stats: GuestStats & { readonly viewMs: number; readonly totalMs: number }
}

export interface RunContext {
  readonly source: ViewSource
  readonly sandbox: Sandbox
  /** The consent on record for this bundle id, if any. */
  readonly consent: ConsentRecord | undefined
  /** The host's policy limits; the manifest may only tighten them. */
  readonly limits?: SandboxLimits
}

export interface RunRequest {
  /** The run's logical time, ms since epoch (the only clock the module sees). */
  readonly now: number
  readonly trigger?: { readonly collection: string; readonly firstRow: number }
  /**
   * Local development only (`bundle test`): receives the guest's output text when the output
   * gate refuses it, so the partner sees the offending value. Production runs never pass it, and
   * the error itself never carries the value.
   */
  readonly onRejectedOutput?: (outputJson: string) => void
}

/** The consented views a bundle gets at `now`: its reads, each bounded by its window. */
export function viewRequests(bundle: RunnableBundle, now: number): ViewRequest[] {
  return bundle.manifest.reads.map((read) => {
    let layout
    try {
      layout = collectionLayout(read.collection)
    } catch {
      throw new UnknownCollectionError(
        `${bundle.manifest.id} reads unknown collection '${read.collection}'`,
      )
    }
    for (const f of read.fields) {
      if (!(f in layout.kinds)) {
        throw new UnknownCollectionError(
          `${bundle.manifest.id} reads unknown field '${read.collection}.${f}'`,
        )
      }
    }
    return {
      collection: read.collection,
      fields: read.fields,
      from: read.window === undefined ? -Infinity : windowStart(read.window, now),
      // The window ends at the run's time, inclusive.
      to: now + 1,
    }
  })
}

/** The assets of loaded bundles as JSON text, made once per bundle rather than once per run. */
const ASSETS_JSON = new WeakMap<object, string>()

/**
 * A bundle's assets as the JSON text the sandbox sends to its Worker. Loaded bundles are not
 * changed after loading (their digest names them), so the text is made on their first run: a
 * trigger bundle runs on every new record, and stringifying coffee-trigger's lexicon and shops cost
 * more than its guest code (20–60 µs a run).
 */
function assetsJson(assets: RunnableBundle['assets']): string {
  if (typeof assets !== 'object' || assets === null) return JSON.stringify(assets ?? null)
  let json = ASSETS_JSON.get(assets)
  if (json === undefined) ASSETS_JSON.set(assets, (json = JSON.stringify(assets)))
  return json
}

/**
 * Runs a bundle once. Throws a named SealpostError for every refusal: no consent, a guest
 * failure, an output over the cap or breaking its schema.
 */
export async function runBundle(
  context: RunContext,
  bundle: RunnableBundle,
  request: RunRequest,
): Promise<RunResult> {
  const start = performance.now()
  assertConsent(context.consent, bundle, request.now)
  const requests = viewRequests(bundle, request.now)
  const frames: Frame[] = await Promise.all(requests.map((r) => context.source.view(r)))
  const read = requests.map((r, i) => ({ ...r, rows: frames[i]!.length }))
  const viewMs = performance.now() - start
  const limits = tightenLimits(context.limits ?? DEFAULT_LIMITS, bundle.manifest.limits)
  const result = await context.sandbox.run({
    engine: bundle.manifest.engine,
    code: bundle.code,
    frames,
    now: request.now,
    params: bundle.assets,
    paramsJson: assetsJson(bundle.assets),
    trigger: request.trigger,
    limits,
    reuseKey: `${bundle.manifest.partner.id}/${bundle.digest}`,
  })
  if (!result.ok) throw withCatalogHint(result.error)
  // A trigger run may answer null: "nothing to report" for these new records. Nothing is
  // validated, sealed or sent for it.
  const quiet = request.trigger !== undefined && result.output === 'null'
  let output: unknown = null
  try {
    if (!quiet) output = checkOutput(result.output, bundle.manifest.output)
  } catch (e) {
    request.onRejectedOutput?.(result.output)
    throw e
  }
  return {
    bundleId: bundle.manifest.id,
    digest: bundle.digest,
    output,
    outputJson: canonicalize(output),
    read,
    stats: { ...result.stats, viewMs, totalMs: performance.now() - start },
  }
}
