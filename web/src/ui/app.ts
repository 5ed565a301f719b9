/** What every screen gets: the runtime client, a live status line, and navigation. */

import type { HostClient } from './client.ts'

/** The screens behind the tabs. */
export type ViewName = 'data' | 'offers' | 'left' | 'settings' | 'safety'

/** The shell's services for a screen. */
export interface App {
  readonly client: HostClient
  /** Says something in the status line (read out by screen readers). */
  announce(message: string, tone?: 'info' | 'error'): void
  /** Reports a failed call in the status line: its one-line message and its code. */
  fail(error: unknown): void
  go(view: ViewName): void
  /** Back to the unlock screen (after locking or a restart). */
  locked(): void
}

/** A failed call as one line a person understands, with its code for support. */
export function describeError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown }
  const message = typeof e?.message === 'string' ? e.message : String(error)
  return typeof e?.code === 'string' ? `${message} [${e.code}]` : message
}
