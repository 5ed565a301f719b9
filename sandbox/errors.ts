/**
 * Errors raised at the sandbox boundary. Every refusal has a named class and a stable `code` that
 * hosts, the CLI and tests match on; messages are one line a person can read.
 */

// ---- one printable line ---------------------------------------------------------------------
// Text that came from a guest (an exception message, an abort string, a kernel complaint) or a
// file made safe for a log line or a terminal: control characters, ANSI escapes, bidi overrides
// and lone surrogates are written as visible escapes, and the length is capped. A guest cannot end
// a line, move the cursor, recolour the terminal or forge a second message. It lives here, beside
// the base class that applies it, so every layer that has errors has it too.

/** Longest guest-supplied text kept in a message, in UTF-16 units (before escaping). */
export const MAX_GUEST_TEXT = 300

// C0 and C1 controls, DEL, line/paragraph separators, bidi embeddings/overrides/isolates, BOM.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const hex = (c: string): string => c.charCodeAt(0).toString(16).padStart(4, '0')

/**
 * `text` with every character that could end a line or drive a terminal written as a visible
 * `\uXXXX` escape, nothing cut: `printable('a\nb')` is `a\\u000ab`. Applied to compact JSON (one
 * line, as `JSON.stringify(v)` writes it) it gives the same JSON value: such characters can only
 * stand inside its strings, where `\uXXXX` means the character itself.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${hex(c)}`).replace(LONE_SURROGATE, (c) => `\\u${hex(c)}`)
}

/**
 * `text` as one printable line of at most about `max` characters: `oneLine('a\nb\x1b[31m')` is
 * `a\\u000ab\\u001b[31m`.
 */
export function oneLine(text: unknown, max: number = MAX_GUEST_TEXT): string {
  let s = typeof text === 'string' ? text : String(text)
  const cut = s.length > max
  if (cut) {
    s = s.slice(0, max)
    // Do not leave half a surrogate pair at the cut.
    if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1)
  }
  s = printable(s)
  return cut ? `${s}…` : s
}

/** Longest message any sealpost error carries; guest-supplied parts are capped shorter. */
export const MAX_ERROR_MESSAGE = 2_000

/**
 * Base of every sealpost error: a stable machine code plus a one-line human message. The message
 * is made one printable line here, whatever it quotes (a guest's exception, a file name, a
 * manifest value): control characters and escapes are written visibly, the length capped.
 */
export class SealpostError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(oneLine(message, MAX_ERROR_MESSAGE), options)
    this.code = code
    this.name = new.target.name
  }
}

/** The guest ran past its deadline (soft interrupt or hard Worker termination). */
export class GuestTimeoutError extends SealpostError {
  readonly hard: boolean
  constructor(message: string, hard: boolean, options?: { cause?: unknown }) {
    super('SEALPOST_GUEST_TIMEOUT', message, options)
    this.hard = hard
  }
}

/** The guest exceeded its memory bound. */
export class GuestMemoryError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_GUEST_OUT_OF_MEMORY', message, options)
  }
}

/** The guest recursed past its stack bound. */
export class GuestStackError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_GUEST_STACK_OVERFLOW', message, options)
  }
}

/** The guest threw, failed to load, or did not export `analyze`. */
export class GuestError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_GUEST_ERROR', message, options)
  }
}

/** The guest's `analyze` returned a promise that never settled. */
export class GuestPendingError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_GUEST_PENDING', message, options)
  }
}

/** The guest's output string is longer than the output cap; it was not read. */
export class OutputTooLargeError extends SealpostError {
  readonly bytes: number
  readonly cap: number
  constructor(bytes: number, cap: number) {
    super('SEALPOST_OUTPUT_TOO_LARGE', `output is ${bytes} bytes, over the cap of ${cap} bytes`)
    this.bytes = bytes
    this.cap = cap
  }
}

/** A WebAssembly module asked for an import outside the allow-list, or is not valid wasm. */
export class ModuleRejectedError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_MODULE_REJECTED', message, options)
  }
}

/** The sandbox itself failed (worker crashed, engine could not start): a bug, not the guest's fault. */
export class SandboxCrashError extends SealpostError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SEALPOST_SANDBOX_CRASH', message, options)
  }
}

/** A feature needs an optional peer dependency the app did not install (esbuild, sql.js, …). */
export class MissingPeerError extends SealpostError {
  readonly peer: string
  constructor(peer: string, feature: string, options?: { cause?: unknown }) {
    super(
      'SEALPOST_MISSING_PEER',
      `${feature} needs the package ${peer}: npm install ${peer}`,
      options,
    )
    this.peer = peer
  }
}
