/** The tamper-evident audit log: hash-chained entries, verification, and "what left about me". */

export {
  AuditLog,
  entryHash,
  headMessage,
  verifyHeadSignature,
  verifyLog,
  AUDIT_KINDS,
  GENESIS_HASH,
} from './log.ts'
export type {
  AuditDetails,
  AuditEntry,
  AuditKind,
  AuditLogOptions,
  HeadSigner,
  LogVerification,
  SignedHead,
  VerifyLogOptions,
} from './log.ts'
export { summarizeLeft, whatLeft } from './query.ts'
export type { DepartedFilter, DepartedOutput, DepartedSummary } from './query.ts'
export { AuditLogBrokenError } from './errors.ts'
