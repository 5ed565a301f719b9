/** The host API: what an app embeds. Public names, listed explicitly. */

export { createRuntime, SealpostRuntime } from './runtime.ts'
export type { InstallResult, Preview, RunOutcome, RuntimeOptions } from './runtime.ts'
export type { RuntimeEventMap } from './events.ts'
export { syncWithRelay } from './sync.ts'
export type { RelaySettings, SyncReport } from './sync.ts'
export { signPush, verifyPush, MAX_PUSH_RECORDS } from './push.ts'
export type { SignedPush } from './push.ts'
export { PushRejectedError, RuntimeStateError, UnknownBundleError } from './errors.ts'
