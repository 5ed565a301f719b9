/** Per-run limits (docs/contracts.md "Limits"). A manifest may ask for less, never for more than policy. */

export interface SandboxLimits {
  /** Upper bound of the guest's WebAssembly linear memory, in bytes. */
  readonly memoryBytes: number
  /** QuickJS stack bound, in bytes; without it deep recursion escapes to the host. */
  readonly stackBytes: number
  /** Soft deadline: the interpreter's interrupt handler stops the guest after this many ms. */
  readonly deadlineMs: number
  /** Hard deadline: the Worker is terminated this many ms after the soft deadline. */
  readonly graceMs: number
  /** Largest output the guest may return, in UTF-8 bytes; checked before the output is read. */
  readonly outputBytes: number
}

/** The defaults of docs/contracts.md: 64 MiB, 256 KiB, 2 s + 250 ms, 20,000 bytes. */
export const DEFAULT_LIMITS: SandboxLimits = Object.freeze({
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 256 * 1024,
  deadlineMs: 2_000,
  graceMs: 250,
  outputBytes: 20_000,
})

const WASM_PAGE = 65_536
/** QuickJS's own heap needs this much linear memory before any guest allocation. */
export const MIN_MEMORY_BYTES = 16 * 1024 * 1024

/**
 * Combines the policy limits with what a manifest asks for: each requested value can only lower
 * the policy's. Throws RangeError naming a limit that is not a positive finite number.
 */
export function tightenLimits(
  policy: SandboxLimits,
  requested: Partial<SandboxLimits> | undefined,
): SandboxLimits {
  const out: Record<string, number> = { ...policy }
  for (const [key, value] of Object.entries(requested ?? {})) {
    if (!(key in policy)) throw new RangeError(`unknown limit '${key}'`)
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`limit '${key}' must be a positive number`)
    }
    out[key] = Math.min(value, policy[key as keyof SandboxLimits])
  }
  if (out.memoryBytes! < MIN_MEMORY_BYTES) out.memoryBytes = MIN_MEMORY_BYTES
  return out as unknown as SandboxLimits
}

/** Number of 64 KiB wasm pages for a byte bound (rounded down, at least the QuickJS minimum). */
export function memoryPages(bytes: number): number {
  return Math.max(MIN_MEMORY_BYTES / WASM_PAGE, Math.floor(bytes / WASM_PAGE))
}
