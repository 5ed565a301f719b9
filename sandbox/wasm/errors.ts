/** Errors of the wasm toolchain (compiling partner AssemblyScript); run-time refusals are in ../errors.ts. */

import { SealpostError } from '../errors.ts'

/** AssemblyScript source did not compile, or compiled to a module the engine would refuse. */
export class WasmCompileError extends SealpostError {
  /** The compiler's diagnostics, as it printed them. */
  readonly diagnostics: string
  constructor(message: string, diagnostics: string, options?: { cause?: unknown }) {
    super('SEALPOST_WASM_COMPILE', message, options)
    this.diagnostics = diagnostics
  }
}
