/**
 * The wasm module ABI in one place (described for partners in ABI.md): which imports a module may
 * declare, which exports it must have, and the numeric codes both sides agree on. The engine admits
 * a module only when every import it declares is listed here.
 */

/** Import module name of the host functions. */
export const HOST_MODULE = 'sealpost'

/** Host functions a module may import from `sealpost`, with their wasm signatures. */
export const HOST_FUNCTIONS = {
  now: '() -> f64',
  collection: '(namePtr: i32, nameLen: i32) -> i32',
  rows: '(coll: i32) -> i32',
  field: '(coll: i32, namePtr: i32, nameLen: i32) -> i32',
  field_kind: '(coll: i32, field: i32) -> i32',
  column_bytes: '(coll: i32, field: i32, part: i32) -> i32',
  column_copy: '(coll: i32, field: i32, part: i32, dest: i32, len: i32) -> void',
  dict_size: '(coll: i32, field: i32) -> i32',
  dict_entry: '(coll: i32, field: i32, index: i32) -> i32',
  params_json: '() -> i32',
  trigger_row: '() -> i32',
  trigger_collection: '() -> i32',
  kernel: '(namePtr: i32, nameLen: i32, coll: i32, argsPtr: i32, argsLen: i32) -> i32',
  take: '(dest: i32, len: i32) -> void',
} as const

export type HostFunctionName = keyof typeof HOST_FUNCTIONS

/** `env` imports AssemblyScript emits: `abort` (assertions, `throw`) and the linear memory. */
export const ENV_MODULE = 'env'
export const ENV_ABORT = 'abort'
export const ENV_MEMORY = 'memory'

/** Exports the engine calls: `analyze()` returns the output's address, `output_len()` its length. */
export const EXPORT_ANALYZE = 'analyze'
export const EXPORT_OUTPUT_LEN = 'output_len'
/** A module that defines its own memory must export it under this name. */
export const EXPORT_MEMORY = 'memory'

/** Column kinds as `field_kind` reports them (the frame codec's tags); 0 = no such field. */
export const KIND_CODES = { time: 1, number: 2, category: 3, text: 4, bool: 5 } as const

/** Size of a WebAssembly page. */
export const WASM_PAGE_BYTES = 65_536

/**
 * What a module may declare besides its memory, checked before instantiation. V8 allocates tables
 * and globals eagerly and a failed table allocation or growth can abort the whole process, so the
 * bounds are far below V8's own (10M entries per table) and far above what AssemblyScript emits
 * (one function table of a few hundred entries, a few hundred globals).
 */
export const WASM_ADMISSION_LIMITS = Object.freeze({
  /** Tables the module defines. */
  tables: 4,
  /** Entries of each table, at start and at most (a table must declare its maximum). */
  tableEntries: 100_000,
  /** Globals the module defines. */
  globals: 10_000,
  /** Element segments, and the bytes of the section that declares them. */
  elementSegments: 10_000,
  elementBytes: 1 << 20,
})
