/**
 * The relay's wire protocol, shared by the relay (relay/) and its client (runtime/relay/client.ts):
 * the shapes of what travels, how a call is signed, and how the operator signs what it vouches for.
 * Platform-neutral; imports only crypto.
 *
 * Request signatures are a documented equivalent of HTTP Message Signatures (RFC 9421) with fixed
 * covered components: the signature base is
 *
 *   "sealpost-request-v1\n" METHOD "\n" PATH?QUERY "\n" hex(SHA-256(body)) "\n" CREATED "\n" NONCE "\n" KEY
 *
 * signed with Ed25519 by the key named in `sealpost-key` (`partner:ID` or `pseudonym:HEX`). CREATED is
 * ms since epoch and must be within the relay's window; NONCE (16–64 hex digits) may be used once
 * per key within that window, so a captured request cannot be replayed.
 */

import type { SealedPush } from '../delivery/push_envelope.ts'
import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, fromHex, toHex, utf8Encode } from '../crypto/bytes.ts'
import { verify } from '../crypto/ed25519.ts'
import { canonicalBytes } from '../crypto/jcs.ts'
import { randomBytes } from '../crypto/random.ts'
import type { SealedEnvelope } from '../delivery/envelope.ts'

/** Header names of a signed call. */
export const HEADER = Object.freeze({
  key: 'sealpost-key',
  created: 'sealpost-created',
  nonce: 'sealpost-nonce',
  signature: 'sealpost-signature',
})

/** Who signs a call: a partner (by id) or a device (by the pseudonym it holds). */
export type CallerKey =
  | { readonly kind: 'partner'; readonly id: string }
  | { readonly kind: 'pseudonym'; readonly pseudonym: string }

const REQUEST_DOMAIN = 'sealpost-request-v1'
const DOCUMENT_DOMAIN = 'sealpost-relay-document-v1'

/** The `sealpost-key` header value of a caller. */
export function callerKeyHeader(key: CallerKey): string {
  return key.kind === 'partner' ? `partner:${key.id}` : `pseudonym:${key.pseudonym}`
}

/** Parses a `sealpost-key` header; undefined when it is neither form. */
export function parseCallerKey(header: string | undefined): CallerKey | undefined {
  if (!header) return undefined
  const m = /^(partner|pseudonym):(.+)$/.exec(header)
  if (!m) return undefined
  if (m[1] === 'partner')
    return /^[a-z0-9][a-z0-9-]{0,62}$/.test(m[2]!) ? { kind: 'partner', id: m[2]! } : undefined
  return /^[0-9a-f]{64}$/.test(m[2]!) ? { kind: 'pseudonym', pseudonym: m[2]! } : undefined
}

/** The exact bytes a call's signature covers (see the module comment). */
export function requestSignatureBase(parts: {
  readonly method: string
  readonly pathAndQuery: string
  readonly body: Uint8Array
  readonly created: number
  readonly nonce: string
  readonly key: string
}): Uint8Array {
  return utf8Encode(
    [
      REQUEST_DOMAIN,
      parts.method.toUpperCase(),
      parts.pathAndQuery,
      toHex(sha256(parts.body)),
      String(parts.created),
      parts.nonce,
      parts.key,
    ].join('\n'),
  )
}

/** Headers signing one call; a fresh nonce each time, so every retry is a new signature. */
export function signRequest(
  signer: { sign(message: Uint8Array): Uint8Array },
  key: CallerKey,
  method: string,
  pathAndQuery: string,
  body: Uint8Array,
  now: number,
): Record<string, string> {
  const nonce = toHex(randomBytes(16))
  const header = callerKeyHeader(key)
  const sig = signer.sign(
    requestSignatureBase({ method, pathAndQuery, body, created: now, nonce, key: header }),
  )
  return {
    [HEADER.key]: header,
    [HEADER.created]: String(now),
    [HEADER.nonce]: nonce,
    [HEADER.signature]: toHex(sig),
  }
}

// ---- documents the operator signs ---------------------------------------------------------------

/** What the operator signs: the directory, delivery receipts, statements and partner admissions. */
export type DocumentType = 'directory' | 'receipt' | 'statement' | 'admission'

/** A document and the operator's Ed25519 signature over `documentSignedMessage`. */
export interface SignedDocument<T> {
  readonly type: DocumentType
  readonly body: T
  /** hex, 64 bytes */
  readonly signature: string
}

/** "sealpost-relay-document-v1\n" TYPE "\n" JCS(body): a receipt can never pass for a directory. */
export function documentSignedMessage(type: DocumentType, body: unknown): Uint8Array {
  return concatBytes(utf8Encode(`${DOCUMENT_DOMAIN}\n${type}\n`), canonicalBytes(body))
}

/** Signs a document with the operator's key. */
export function signDocument<T>(
  signer: { sign(message: Uint8Array): Uint8Array },
  type: DocumentType,
  body: T,
): SignedDocument<T> {
  return { type, body, signature: toHex(signer.sign(documentSignedMessage(type, body))) }
}

/** Whether `doc` is a `type` document signed by `operatorKey` (32-byte Ed25519 public key). */
export function verifyDocument(
  doc: unknown,
  type: DocumentType,
  operatorKey: Uint8Array,
): doc is SignedDocument<unknown> {
  if (typeof doc !== 'object' || doc === null) return false
  const d = doc as Partial<SignedDocument<unknown>>
  if (d.type !== type || typeof d.signature !== 'string' || !/^[0-9a-f]{128}$/.test(d.signature))
    return false
  try {
    return verify(operatorKey, documentSignedMessage(type, d.body), fromHex(d.signature))
  } catch {
    return false // a body JCS cannot encode is not a valid document
  }
}

// ---- shapes -------------------------------------------------------------------------------------

/** One admitted partner in the directory (keys as hex). */
export interface DirectoryPartner {
  readonly id: string
  readonly name: string
  readonly keyId: string
  readonly signingPublic: string
  readonly sealingPublic: string
  readonly admittedAt: number
}

/** The operator's directory of admitted partners, versioned and expiring like a TUF root. */
export interface Directory {
  readonly format: 'sealpost-directory-v1'
  readonly version: number
  readonly issuedAt: number
  readonly expiresAt: number
  readonly partners: readonly DirectoryPartner[]
}

/**
 * The operator's admission of a partner, signed offline with the operator key and posted to the
 * relay by anyone (`POST /v1/partners`): the relay checks the signature against its own operator
 * key, the validity window, and that no admission of this partner issued at or after this one was
 * applied (a replayed or older document would roll a rotated key back).
 */
export interface PartnerAdmission {
  readonly format: 'sealpost-admission-v1'
  readonly partnerId: string
  readonly name: string
  readonly keyId: string
  /** hex Ed25519 public key: signs the partner's bundles, pushes and calls. */
  readonly signingPublic: string
  /** hex X25519 public key: envelopes are sealed to it. */
  readonly sealingPublic: string
  readonly issuedAt: number
  /** The relay refuses the document from this time on. */
  readonly expiresAt: number
}

/** The relay's answer to an admission it applied. */
export interface AdmissionResult {
  readonly partnerId: string
  readonly keyId: string
  /** The signed directory version that carries the partner. */
  readonly directoryVersion: number
}

/** A bundle a partner published, as the offers list shows it (the bytes are fetched apart). */
export interface Offer {
  readonly digest: string
  readonly partnerId: string
  readonly bundleId: string
  readonly version: string
  readonly size: number
  readonly publishedAt: number
  /** Set once the partner withdrew it: devices should stop offering it. */
  readonly withdrawnAt?: number
}

/** Where an envelope is on the relay. */
export type EnvelopeState = 'queued' | 'delivered' | 'unopenable' | 'withdrawn' | 'expired'

/**
 * The operator's receipt for an envelope: accepted (`queued`) when posted, then `delivered` (the
 * partner opened and acknowledged it; `cents` is what it was billed) or `unopenable` (the partner
 * could not open it: never billed), or `withdrawn` / `expired` (never reached the partner).
 */
export interface EnvelopeReceipt {
  readonly format: 'sealpost-receipt-v1'
  readonly envelopeId: string
  readonly partnerId: string
  readonly pseudonym: string
  readonly bucket: number
  /** hex SHA-256 of JCS(envelope): binds the receipt to exactly the bytes posted. */
  readonly envelopeDigest: string
  readonly billable: boolean
  readonly state: EnvelopeState
  readonly acceptedAt: number
  readonly settledAt?: number
  readonly cents?: number
}

/** A device posts an envelope; `billable` is false for deletion requests (never billed). */
export interface PostEnvelopeRequest {
  readonly envelope: SealedEnvelope
  readonly billable: boolean
}

/** One envelope in a partner's inbox. */
export interface InboxItem {
  readonly envelope: SealedEnvelope
  readonly pseudonym: string
  readonly postedAt: number
}

/** The partner's verdict on an envelope it pulled. */
export type AckOutcome = 'opened' | 'unopenable'

/** A partner's acknowledgements. */
export interface AckRequest {
  readonly acks: readonly { readonly id: string; readonly outcome: AckOutcome }[]
}

/** A push a partner addressed to a pseudonym, waiting for the device. */
export interface PushItem {
  readonly id: string
  readonly partnerId: string
  /**
   * The partner-signed push (runtime/host/push.ts `SignedPush`) sealed to the pseudonym
   * (runtime/delivery/push_envelope.ts): the device opens it, then verifies the signature.
   */
  readonly sealed: SealedPush
  readonly postedAt: number
}

/** One line of a statement: a pseudonym and what its deliveries cost this year. */
export interface StatementLine {
  readonly pseudonym: string
  readonly transfers: number
  readonly cents: number
}

/** What a partner owes for a calendar year, signed by the operator. */
export interface PartnerStatement {
  readonly format: 'sealpost-statement-v1'
  readonly partnerId: string
  readonly year: number
  readonly issuedAt: number
  readonly lines: readonly StatementLine[]
  readonly transfers: number
  readonly totalCents: number
}

/** RFC 9457 problem details, with the project's stable code. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly code: string
  readonly detail?: string
}

/** hex SHA-256 of an envelope's canonical JSON. */
export function envelopeDigest(envelope: SealedEnvelope): string {
  return toHex(sha256(canonicalBytes(envelope)))
}
