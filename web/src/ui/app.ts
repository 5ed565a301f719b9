/** What every screen gets: the runtime client, a short live status line, navigation, settings. */

import type { HostClient } from './client.ts'
import type { Lang } from './_format.ts'

/** The screens behind the tabs. */
export type ViewName = 'data' | 'offers' | 'left' | 'settings' | 'safety'

/** The shell's services for a screen. */
export interface App {
  readonly client: HostClient
  /** The person's language (their choice, kept in this browser): the app's words, answers, contracts, dates, money. */
  readonly lang: Lang
  setLang(lang: Lang): void
  /** Whether the demo tools (a generated person) are shown. */
  readonly demo: boolean
  setDemo(on: boolean): void
  /** Says one short sentence in the status line (read out by screen readers). */
  announce(message: string, tone?: 'info' | 'error'): void
  /** Reports a failed call in one line; a locked vault leads back to the unlock screen. */
  fail(error: unknown): void
  go(view: ViewName): void
  /** Back to the unlock screen (after locking or a restart), saying why. */
  locked(message?: string): void
}

/** The code of a failed call, when it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** A failed call as one line a person understands (its code is kept apart, for support). */
export function describeError(error: unknown): string {
  const e = error as { message?: unknown } | null
  const message = typeof e?.message === 'string' ? e.message : String(error)
  return message.charAt(0).toUpperCase() + message.slice(1)
}
