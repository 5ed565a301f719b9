/**
 * Shared shapes of the consent layer: where its state persists (`DocStore`, the vault in production,
 * memory in tests) and the narrow hooks it calls into other layers without importing them.
 */

/** Named JSON documents; the vault implements it with encrypted documents. */
export interface DocStore {
  /** The document stored under `name`, or undefined. */
  getDoc<T>(name: string): Promise<T | undefined>
  /** Replaces the document under `name` (plain JSON data). */
  putDoc(name: string, value: unknown): Promise<void>
}

/** The personalization dial: 1 basic, 2 (default) intermediate, 3 deep. */
export type PersonalizationLevel = 1 | 2 | 3

/** How often a consented bundle may run (docs/contracts.md `schedule.kind`). */
export type Recurrence = 'once' | 'recurring' | 'trigger'

/** A request that the partner delete what it received for a bundle, queued on revocation. */
export interface DeletionRequest {
  readonly partnerId: string
  readonly bundleId: string
  readonly bundleDigest: string
  /** Digest of the contract the data was shared under. */
  readonly contractDigest: string
  /** ms since epoch */
  readonly requestedAt: number
}

/** Where deletion requests go (delivery's `Courier` seals them into the outbox). */
export interface DeletionRequestSink {
  queueDeletionRequest(request: DeletionRequest): Promise<unknown>
}

/** The audit kinds the consent layer writes. */
export type ConsentAuditKind = 'consent' | 'revoke' | 'refusal'

/** Where consent and policy decisions are recorded (the audit log's `AuditLog` fits). */
export interface AuditSink {
  append(
    kind: ConsentAuditKind,
    details: Readonly<Record<string, unknown>>,
    at: number,
  ): Promise<unknown>
}
