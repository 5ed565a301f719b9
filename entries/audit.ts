/**
 * `sealpost/audit`: what an auditor checks. A bundle's report (signer, reads, every output
 * field's bits, what changed against an older version), signature checks, and the verification of
 * a device's hash-chained audit log.
 */

export { auditReport, formatAudit } from '../runtime/bundle/audit.ts'
export type { AuditReport, AuditSubject } from '../runtime/bundle/audit.ts'
export { inspectBundle, readBundle, verifyBundle, TrustStore } from '../runtime/bundle/index.ts'
export type { ParsedBundle, VerifiedBundle } from '../runtime/bundle/index.ts'
export { compareManifests, outputBitBound, parseManifest } from '../runtime/manifest/index.ts'
export type { BitBound, ManifestComparison } from '../runtime/manifest/index.ts'
export { summarizeLeft, verifyLog, whatLeft } from '../runtime/audit/index.ts'
export type { DepartedOutput, DepartedSummary } from '../runtime/audit/index.ts'
export { SealpostError } from '../sandbox/errors.ts'
export { ERROR_CODES, isSealpostError } from '../runtime/error_codes.ts'
export type { SealpostErrorCode } from '../runtime/error_codes.ts'
