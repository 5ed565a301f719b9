/** A ViewSource over plain records in memory: for tests, fixtures and `bundle test`. */

import { frameFromRecords } from '../../sandbox/frame/codec.ts'
import type { Frame } from '../../sandbox/frame/types.ts'
import { collectionLayout } from '../collections.ts'
import type { ViewRequest, ViewSource } from './types.ts'

/** Serves consented views from `collections` (name → records), validating nothing. */
export class MemorySource implements ViewSource {
  readonly #collections: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>

  constructor(collections: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>) {
    this.#collections = collections
  }

  async view(request: ViewRequest): Promise<Frame> {
    const layout = collectionLayout(request.collection)
    const records = this.#collections[request.collection] ?? []
    return frameFromRecords(layout, records, request.fields, request.from, request.to)
  }
}
