/** Refusals of the browser host app's runtime Worker (the runtime's own layers have theirs). */

import { SealpostError } from '../../../sandbox/errors.ts'

/** A call that needs the unlocked vault came while it was locked. */
export class VaultLockedError extends SealpostError {
  constructor() {
    super('SEALPOST_VAULT_LOCKED', 'the vault is locked: unlock it with your passphrase first')
  }
}

/** A preview that was already sent, declined or never made. */
export class UnknownPreviewError extends SealpostError {
  constructor(previewId: string) {
    super('SEALPOST_UNKNOWN_PREVIEW', `no pending preview '${previewId}': it was sent or declined`)
  }
}

/** The runtime Worker did not answer a call in time (the page gives up; the Worker is restarted). */
export class HostTimeoutError extends SealpostError {
  constructor(method: string, ms: number) {
    super('SEALPOST_HOST_TIMEOUT', `the runtime did not answer '${method}' within ${ms} ms`)
  }
}

/** A one-off consent was used by its one share: neither a preview nor a run may follow. */
export class OneOffUsedError extends SealpostError {
  constructor(bundleId: string) {
    super(
      'SEALPOST_CONSENT_USED',
      `your one-off consent for ${bundleId} was used by the answer already sent: agree again to share once more`,
    )
  }
}

/** A relay call (offers, sync) with no relay set in Settings. */
export class NoRelayError extends SealpostError {
  constructor() {
    super('SEALPOST_NO_RELAY', 'no relay is set: add its address and key in Settings first')
  }
}
