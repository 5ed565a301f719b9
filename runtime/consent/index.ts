/**
 * Consent, contract and policy: the generated contract (en/fr), ISO/IEC TS 27560 consent records
 * with signed receipts, the consent book, the personalization and bit-budget policy, and local
 * differential privacy on outputs.
 */

export type {
  AuditSink,
  ConsentAuditKind,
  DeletionRequest,
  DeletionRequestSink,
  DocStore,
  PersonalizationLevel,
  Recurrence,
} from './types.ts'
export { MemoryDocStore } from './memory_store.ts'
export {
  BudgetSpentError,
  ConsentExpiredError,
  ConsentRevokedError,
  ConsentStateError,
  NoConsentError,
  NoiseSchemaError,
  PersonalizationError,
} from './errors.ts'
export {
  buildContract,
  contractDigest,
  renderContract,
  valueShape,
  CONTRACT_VERSION,
  DEFAULT_BIT_BUDGET,
} from './contract.ts'
export type {
  Contract,
  ContractLanguage,
  ContractOptions,
  ContractOutput,
  ContractRead,
  ContractSchedule,
  ContractSubject,
  ValueShape,
} from './contract.ts'
export {
  applyEvent,
  consentEvent,
  isLive,
  newConsentRecord,
  randomUuid,
  rebindRecord,
  CONSENT_RECORD_STANDARD,
} from './record.ts'
export type {
  ConsentEvent,
  ConsentMethod,
  ConsentProcess,
  ConsentRecord,
  ConsentStatus,
} from './record.ts'
export { DeviceSigner, issueReceipt, verifyReceipt, RECEIPT_VERSION } from './receipt.ts'
export type { ConsentReceipt } from './receipt.ts'
export { assertConsent } from './check.ts'
export type { ConsentSubject } from './check.ts'
export { ConsentBook } from './book.ts'
export type { ConsentBookOptions, ConsentChange, NewVersionOutcome } from './book.ts'
export { wideningsOf } from './widening.ts'
export type { Widening } from './widening.ts'
export { SharingPolicy } from './policy.ts'
export type { BudgetSpending, Revocation, RunPermit, SharingPolicyOptions } from './policy.ts'
export {
  applyNoise,
  geometricNoise,
  keepProbability,
  laplaceNoise,
  noiseRandom,
  randomizedResponse,
} from './noise.ts'
export type { NoiseOptions, NoiseRandom } from './noise.ts'
