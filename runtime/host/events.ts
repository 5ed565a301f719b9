/** The runtime's events: a tiny typed emitter (no Node EventEmitter, so it runs in browsers). */

import type { RunOutcome } from './runtime.ts'

export interface RuntimeEventMap {
  install: { readonly bundleId: string; readonly digest: string }
  consent: { readonly bundleId: string; readonly status: string }
  revoke: { readonly bundleId: string; readonly deletion: boolean }
  run: RunOutcome
  refusal: { readonly bundleId: string; readonly code: string }
  delivery: { readonly envelopeId: string }
}

type Handler<T> = (payload: T) => void

/** Subscribe with `on`, which returns the unsubscribe function; handlers' errors never propagate. */
export class RuntimeEvents {
  readonly #handlers = new Map<keyof RuntimeEventMap, Set<Handler<never>>>()

  on<K extends keyof RuntimeEventMap>(event: K, handler: Handler<RuntimeEventMap[K]>): () => void {
    let set = this.#handlers.get(event)
    if (!set) this.#handlers.set(event, (set = new Set()))
    set.add(handler as Handler<never>)
    return () => set.delete(handler as Handler<never>)
  }

  emit<K extends keyof RuntimeEventMap>(event: K, payload: RuntimeEventMap[K]): void {
    for (const h of this.#handlers.get(event) ?? []) {
      try {
        ;(h as Handler<RuntimeEventMap[K]>)(payload)
      } catch {
        // A host's handler must not break the runtime.
      }
    }
  }
}
