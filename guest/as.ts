// @ts-nocheck: AssemblyScript, compiled by asc (sandbox/wasm/compile.ts), never by tsc.
/**
 * `sealpost/guest/as`: what an AssemblyScript module imports, from any folder (the compiler
 * resolves this path from the sealpost package). See sandbox/wasm/ABI.md and docs/partners.md.
 *
 *   import { Frame, now, output, jsonString } from 'sealpost/guest/as'
 *   export { output_len } from 'sealpost/guest/as'
 */
export * from '../sandbox/wasm/as/sealpost'
