/**
 * What the browser build serves for `@noble/hashes/scrypt.js` (web/build/browser_only.ts): the
 * runtime's portable KDF path (`runtime/crypto/kdf.ts`, `scryptAsync`) then runs ROMix in
 * WebAssembly instead of JavaScript, with the same inputs, parameters and bytes out.
 */

import { wasmScrypt, type WasmScryptOptions } from './wasm_scrypt.ts'

/** noble's `scryptAsync`, computed by `wasmScrypt` (`asyncTick` and `onProgress` do not apply). */
export function scryptAsync(
  password: string | Uint8Array,
  salt: string | Uint8Array,
  options: WasmScryptOptions,
): Promise<Uint8Array> {
  return wasmScrypt(password, salt, options)
}
