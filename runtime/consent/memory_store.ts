/** An in-memory `DocStore` for tests and `bundle test`: documents are deep-copied in and out. */

import type { DocStore } from './types.ts'

/** Documents in a Map; copies on write and read so callers cannot mutate stored state. */
export class MemoryDocStore implements DocStore {
  readonly #docs = new Map<string, string>()

  /** The stored document, a fresh copy, or undefined. */
  async getDoc<T>(name: string): Promise<T | undefined> {
    if (typeof name !== 'string' || name === '')
      throw new TypeError('name must be a non-empty string')
    const text = this.#docs.get(name)
    return text === undefined ? undefined : (JSON.parse(text) as T)
  }

  /** Stores a JSON copy of `value` under `name`. */
  async putDoc(name: string, value: unknown): Promise<void> {
    if (typeof name !== 'string' || name === '')
      throw new TypeError('name must be a non-empty string')
    const text = JSON.stringify(value)
    if (text === undefined) throw new TypeError('value must be JSON data')
    this.#docs.set(name, text)
  }

  /** Names of the stored documents, sorted (for tests and inspection). */
  names(): string[] {
    return [...this.#docs.keys()].sort()
  }
}
