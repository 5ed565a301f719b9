/** What the run pipeline needs from the vault and from a bundle. */

import type { Frame } from '../../sandbox/frame/types.ts'
import type { Manifest } from '../manifest/types.ts'

/** A consented view: these fields of this collection, rows with time in [from, to). */
export interface ViewRequest {
  readonly collection: string
  readonly fields: readonly string[]
  readonly from: number
  readonly to: number
}

/** Where views come from: the encrypted vault, or records in memory for tests and `bundle test`. */
export interface ViewSource {
  /** Decrypts only the requested columns of the rows inside the window, in time order. */
  view(request: ViewRequest): Promise<Frame>
}

/** A bundle ready to run: verified (or, for local development, loaded from a folder). */
export interface RunnableBundle {
  readonly manifest: Manifest
  /** JavaScript source (quickjs) or WebAssembly bytes (wasm). */
  readonly code: string | Uint8Array
  /** Static assets, parsed JSON by file name, exposed to the module as `input.params`. */
  readonly assets: Readonly<Record<string, unknown>>
  /** Hex digest naming exactly what was signed (or, unsigned, what was loaded). */
  readonly digest: string
}
