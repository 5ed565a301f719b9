/** The QuickJS engine build a sandbox Worker loads: the compiled module and its layout facts. */

import { readEngineImage, type EngineImage } from './_snapshot.ts'

export interface QuickJSBuild {
  readonly module: WebAssembly.Module
  /** Undefined when the binary's layout is not one snapshots understand (runs stay fresh). */
  readonly image: EngineImage | undefined
}

/** Compiles the engine's bytes and reads the layout facts snapshots rely on. */
export async function quickJSBuild(bytes: Uint8Array<ArrayBuffer>): Promise<QuickJSBuild> {
  let image: EngineImage | undefined
  try {
    image = readEngineImage(bytes)
  } catch {
    image = undefined
  }
  return { module: await WebAssembly.compile(bytes), image }
}
