/**
 * Admission of a compiled module, before anything of it runs: every import on the allow-list, one
 * bounded linear memory, the two exports the engine calls. Refusals name what was refused.
 */

import { GuestError, ModuleRejectedError } from '../errors.ts'
import {
  MalformedWasmError,
  readWasmLayout,
  type MemoryLimits,
  type WasmLayout,
} from './_binary.ts'
import {
  ENV_ABORT,
  ENV_MEMORY,
  ENV_MODULE,
  EXPORT_ANALYZE,
  EXPORT_MEMORY,
  EXPORT_OUTPUT_LEN,
  HOST_FUNCTIONS,
  HOST_MODULE,
  WASM_ADMISSION_LIMITS,
  WASM_PAGE_BYTES,
} from './abi.ts'

/** How a run provides the module's memory. */
export type MemoryPlan =
  /** The module imports `env.memory`: the host creates it with these limits (pages). */
  | { readonly kind: 'imported'; readonly initial: number; readonly maximum: number }
  /** The module defines and exports its own memory, declared with a maximum within the bound. */
  | { readonly kind: 'own'; readonly maximum: number }

// Why some well-known imports are refused, for the message a partner reads.
const HINTS: Readonly<Record<string, string>> = {
  'env.seed': ' (Math.random: a module gets no randomness)',
  'env.trace': ' (trace: a module has no console)',
  'env.Date.now': ' (Date.now: the run time is sealpost.now())',
}

const mib = (pages: number): string => {
  const n = (pages * WASM_PAGE_BYTES) / 2 ** 20
  return `${Number.isInteger(n) ? n : n.toFixed(2)} MiB`
}

/**
 * Checks `module` (compiled from `bytes`) against the ABI with a memory bound of `maxPages`;
 * returns how to provide its memory. Throws ModuleRejectedError or, without `analyze`, GuestError.
 */
export function admitModule(
  module: WebAssembly.Module,
  bytes: Uint8Array,
  maxPages: number,
): MemoryPlan {
  let layout
  try {
    layout = readWasmLayout(bytes)
  } catch (e) {
    if (e instanceof MalformedWasmError) {
      throw new ModuleRejectedError(`the module cannot be inspected: ${e.message}`, { cause: e })
    }
    throw e
  }
  let imported: MemoryLimits | undefined
  for (const imp of layout.imports) {
    const name = `${imp.module}.${imp.name}`
    if (imp.module === ENV_MODULE && imp.name === ENV_MEMORY && imp.kind === 'memory') {
      imported = imp.limits
      continue
    }
    const allowed =
      imp.kind === 'function' &&
      ((imp.module === ENV_MODULE && imp.name === ENV_ABORT) ||
        (imp.module === HOST_MODULE && Object.hasOwn(HOST_FUNCTIONS, imp.name)))
    if (!allowed) {
      throw new ModuleRejectedError(
        `the module imports '${name}' (${imp.kind}), which is not on the allow-list${HINTS[name] ?? ''}`,
      )
    }
  }
  const memoryCount = layout.memories.length + (imported ? 1 : 0)
  if (memoryCount !== 1) {
    throw new ModuleRejectedError(
      `the module must have exactly one linear memory, it has ${memoryCount}`,
    )
  }
  admitTablesAndGlobals(layout)
  const exports = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]))
  for (const name of [EXPORT_ANALYZE, EXPORT_OUTPUT_LEN]) {
    if (exports.get(name) !== 'function') {
      throw new GuestError(`the module does not export a function ${name}()`)
    }
  }
  const limits = imported ?? layout.memories[0]!
  if (limits.shared || limits.memory64) {
    throw new ModuleRejectedError('the module declares a shared or 64-bit memory')
  }
  if (limits.min > maxPages) {
    throw new ModuleRejectedError(
      `the module needs ${mib(limits.min)} of memory at start, over the bound of ${mib(maxPages)}`,
    )
  }
  if (imported) {
    // The host owns the bound: the module's own declared maximum can only lower it.
    const maximum = Math.min(maxPages, imported.max ?? maxPages)
    return { kind: 'imported', initial: limits.min, maximum }
  }
  if (limits.max === undefined) {
    throw new ModuleRejectedError(
      'the module declares an unbounded memory: compile with --importMemory or --maximumMemory',
    )
  }
  if (limits.max > maxPages) {
    throw new ModuleRejectedError(
      `the module declares a memory of up to ${mib(limits.max)}, over the bound of ${mib(maxPages)}`,
    )
  }
  if (exports.get(EXPORT_MEMORY) !== 'memory') {
    throw new ModuleRejectedError(`the module must export its memory as '${EXPORT_MEMORY}'`)
  }
  return { kind: 'own', maximum: limits.max }
}

/** Tables, globals and element segments against `WASM_ADMISSION_LIMITS`, before instantiation. */
function admitTablesAndGlobals(layout: WasmLayout): void {
  const L = WASM_ADMISSION_LIMITS
  if (layout.tables.length > L.tables) {
    throw new ModuleRejectedError(
      `the module declares ${layout.tables.length} tables, over the limit of ${L.tables}`,
    )
  }
  for (const [i, t] of layout.tables.entries()) {
    if (t.max === undefined) {
      throw new ModuleRejectedError(
        `table ${i} declares no maximum size: a table must be bounded (at most ${L.tableEntries} entries)`,
      )
    }
    if (t.min > L.tableEntries || t.max > L.tableEntries) {
      throw new ModuleRejectedError(
        `table ${i} declares up to ${Math.max(t.min, t.max)} entries, over the limit of ${L.tableEntries}`,
      )
    }
  }
  if (layout.globals > L.globals) {
    throw new ModuleRejectedError(
      `the module declares ${layout.globals} globals, over the limit of ${L.globals}`,
    )
  }
  if (layout.elementSegments > L.elementSegments || layout.elementBytes > L.elementBytes) {
    throw new ModuleRejectedError(
      `the module declares ${layout.elementSegments} element segments in ${layout.elementBytes} bytes, over the limit of ${L.elementSegments} segments in ${L.elementBytes} bytes`,
    )
  }
}
