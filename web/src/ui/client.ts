/**
 * The page's end of the runtime Worker: comlink over a module Worker, every call with its own
 * timeout. A call that times out restarts the Worker (the vault is locked again) rather than leave
 * the page waiting on a runtime that no longer answers.
 */

import { wrap, releaseProxy, transfer, type Remote } from 'comlink'
import type { HostApi, HostResult } from '../runtime/host_api.ts'
import { HostTimeoutError } from '../runtime/errors.ts'
import { SealpostError } from '../../../sandbox/errors.ts'

/** A refusal from the runtime, with its stable code. */
export class HostCallError extends SealpostError {}

/** Per-method timeouts, ms: key derivation, imports and sandbox runs take longest. */
export const CALL_TIMEOUTS: Readonly<Partial<Record<keyof HostApi, number>>> = {
  create: 120_000,
  unlock: 120_000,
  importFile: 300_000,
  generatePersona: 300_000,
  preview: 60_000,
  run: 60_000,
  probe: 60_000,
  relayOffers: 60_000,
  installRelayOffer: 60_000,
  sync: 120_000,
}
const DEFAULT_TIMEOUT_MS = 30_000

type Args<K extends keyof HostApi> = Parameters<HostApi[K]>
type Value<K extends keyof HostApi> =
  Awaited<ReturnType<HostApi[K]>> extends HostResult<infer T> ? T : never

/** The runtime Worker, as the page calls it. */
export class HostClient {
  #worker: Worker
  #remote: Remote<HostApi>
  readonly #onRestart: () => void

  /** `onRestart` runs after a timed-out call restarted the Worker (the vault is locked again). */
  constructor(onRestart: () => void) {
    this.#onRestart = onRestart
    ;[this.#worker, this.#remote] = HostClient.#spawn()
  }

  static #spawn(): [Worker, Remote<HostApi>] {
    const worker = new Worker(new URL('../runtime/worker.ts', import.meta.url), {
      type: 'module',
      name: 'sealpost-runtime',
    })
    return [worker, wrap<HostApi>(worker)]
  }

  /** Calls `method`; resolves with its value or rejects with a HostCallError / HostTimeoutError. */
  async call<K extends keyof HostApi>(method: K, ...args: Args<K>): Promise<Value<K>> {
    const ms = CALL_TIMEOUTS[method] ?? DEFAULT_TIMEOUT_MS
    const fn = this.#remote[method] as unknown as (...a: unknown[]) => Promise<HostResult<Value<K>>>
    const sent = args.map((a) =>
      a instanceof Uint8Array ? transfer(a, [a.buffer as ArrayBuffer]) : a,
    )
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HostTimeoutError(method, ms)), ms)
    })
    try {
      const result = await Promise.race([fn(...sent), timeout])
      if (!result.ok) throw new HostCallError(result.code, result.message)
      return result.value
    } catch (e) {
      if (e instanceof HostTimeoutError) this.#restart()
      throw e
    } finally {
      clearTimeout(timer)
    }
  }

  #restart(): void {
    this.#remote[releaseProxy]()
    this.#worker.terminate()
    ;[this.#worker, this.#remote] = HostClient.#spawn()
    this.#onRestart()
  }
}
