/**
 * Delivery: HPKE-sealed, padded envelopes to partners, per-partner pseudonyms, the outbox, the
 * courier that ties them together, and metering/billing of delivered transfers.
 */

export {
  EnvelopeMalformedError,
  EnvelopeOpenError,
  EnvelopeTooLargeError,
  LocalOnlyError,
  OutboxStateError,
  UnknownPartnerError,
} from './errors.ts'
export {
  coarseSentAt,
  envelopeBucket,
  envelopePlaintext,
  openEnvelope,
  openEnvelopePlaintext,
  sealEnvelope,
  ENVELOPE_VERSION,
  SENT_AT_GRANULARITY_MS,
} from './envelope.ts'
export type { EnvelopeKind, EnvelopePayload, SealedEnvelope, SealOptions } from './envelope.ts'
export { bucketFor, pad, unpad, DEFAULT_BUCKETS } from './padding.ts'
export { pseudonymSecret, PSEUDONYM_SECRET_LENGTH } from './pseudonym.ts'
export { derivePseudonymKey, pseudonymOf, PseudonymKey } from './pseudonym_key.ts'
export { openPush, pushRecipientKey, sealPush, PUSH_ENVELOPE_VERSION } from './push_envelope.ts'
export type { SealedPush } from './push_envelope.ts'
export { Outbox, sendPlan } from './outbox.ts'
export type { DeliveryStatus, OutboxEntry, OutboxMeta, SendPlanOptions } from './outbox.ts'
export { Courier } from './courier.ts'
export type { CourierOptions, DeliveryAuditSink, OutgoingOutput } from './courier.ts'
export { Meter } from './billing.ts'
export type { MeteredTransfer, MeterOptions, Statement, StatementLine } from './billing.ts'
