/** The tamper-evident audit log: hash-chained entries, verification, and "what left about me". */

export { AuditLog, entryHash, verifyLog, AUDIT_KINDS, GENESIS_HASH } from './log.ts'
export type {
  AuditDetails,
  AuditEntry,
  AuditKind,
  AuditLogOptions,
  LogVerification,
} from './log.ts'
export { summarizeLeft, whatLeft } from './query.ts'
export type { DepartedFilter, DepartedOutput, DepartedSummary } from './query.ts'
export { AuditLogBrokenError } from './errors.ts'
