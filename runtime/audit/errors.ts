/** Refusals of the audit log, each with a stable code. */

import { SealpostError } from '../../sandbox/errors.ts'

/** The stored log does not verify: an entry was edited, removed, inserted or reordered. */
export class AuditLogBrokenError extends SealpostError {
  readonly seq: number
  constructor(seq: number, reason: string) {
    super('SEALPOST_AUDIT_BROKEN', `the audit log is broken at entry ${seq}: ${reason}`)
    this.seq = seq
  }
}
