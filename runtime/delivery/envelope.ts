/**
 * Sealed envelopes (docs/contracts.md "Delivery and billing"): HPKE base mode (RFC 9180; X25519,
 * HKDF-SHA256, ChaCha20-Poly1305) to the partner's sealing key, `info` binding "sealpost envelope
 * v1" and the partner id, the envelope's header bound as associated data, and the plaintext padded
 * to a size bucket. The relay sees who it goes to and the bucket, never the contents. HPKE is
 * `@hpke/core`'s, which is asynchronous (WebCrypto), so sealing and opening are too.
 *
 * @example
 * const envelope = await sealEnvelope(payload, { partnerId: 'stridewear', partnerPublicKey })
 * await openEnvelope(envelope, partnerSecretKey) // the payload
 */

import { openBase, sealBase } from '../crypto/hpke.ts'
import { utf8Decode, utf8Encode } from '../crypto/bytes.ts'
import { canonicalBytes } from '../crypto/jcs.ts'
import { randomUuid } from '../consent/record.ts'
import { fromBase64, toBase64 } from './_base64.ts'
import { EnvelopeMalformedError, EnvelopeOpenError } from './errors.ts'
import { DEFAULT_BUCKETS, pad, unpad } from './padding.ts'

/** The envelope format. */
export const ENVELOPE_VERSION = 'sealpost-envelope-v1'
const INFO_LABEL = 'sealpost envelope v1'

/** `sentAt` is sealed at this granularity (a UTC day): no envelope carries a precise time. */
export const SENT_AT_GRANULARITY_MS = 86_400_000

/**
 * The time an envelope says it was sent: `now` rounded down to the UTC day. Envelopes sealed in one
 * batch would otherwise share a millisecond that colluding partners could join their pseudonyms on.
 */
export function coarseSentAt(now: number): number {
  if (!Number.isFinite(now)) throw new RangeError('now must be ms since epoch')
  return Math.floor(now / SENT_AT_GRANULARITY_MS) * SENT_AT_GRANULARITY_MS
}

/** What an envelope carries. */
export type EnvelopeKind = 'output' | 'share' | 'deletion-request'

/** The sealed plaintext: what the partner reads after opening. */
export interface EnvelopePayload {
  readonly kind: EnvelopeKind
  readonly bundleId: string
  readonly bundleDigest: string
  /** The person's pseudonym for this partner. */
  readonly pseudonym: string
  /** The (noised, validated) output, the shared records, or the deletion request. */
  readonly output: unknown
  /** ms since epoch, rounded down to the UTC day when sealed (`coarseSentAt`). */
  readonly sentAt: number
  /** Digest of the contract the output left under. */
  readonly contractDigest: string
}

/** A sealed envelope as the relay carries it. */
export interface SealedEnvelope {
  readonly version: typeof ENVELOPE_VERSION
  /** Random id, for delivery receipts. */
  readonly id: string
  /** The partner id the envelope is sealed to. */
  readonly to: string
  /** HPKE encapsulated key, base64. */
  readonly enc: string
  /** HPKE ciphertext of the padded payload, base64 (its length reveals only the bucket). */
  readonly ciphertext: string
}

/** Where to seal to, and the size buckets. */
export interface SealOptions {
  readonly partnerId: string
  /** The partner's 32-byte X25519 sealing key (`PartnerPublicKey.sealingPublic`). */
  readonly partnerPublicKey: Uint8Array
  readonly buckets?: readonly number[]
}

const KINDS: readonly EnvelopeKind[] = ['output', 'share', 'deletion-request']

function infoFor(partnerId: string): Uint8Array {
  // A zero byte separates the label from the id, so no id can imitate another label.
  return utf8Encode(`${INFO_LABEL}\u0000${partnerId}`)
}

function aadFor(e: Pick<SealedEnvelope, 'version' | 'id' | 'to'>): Uint8Array {
  return utf8Encode(`${e.version}\n${e.id}\n${e.to}`)
}

/**
 * The exact plaintext an envelope carries: the RFC 8785 canonical bytes of the payload. The module
 * never chooses the byte form of what leaves: key order, spacing and number spelling are fixed by
 * the value alone (a key order would otherwise carry log2(n!) extra bits past the output's bound).
 */
export function envelopePlaintext(payload: EnvelopePayload): Uint8Array {
  return canonicalBytes({
    kind: payload.kind,
    bundleId: payload.bundleId,
    bundleDigest: payload.bundleDigest,
    pseudonym: payload.pseudonym,
    output: payload.output,
    sentAt: coarseSentAt(payload.sentAt),
    contractDigest: payload.contractDigest,
  })
}

/** Seals `payload` (its canonical bytes) to the partner; the ciphertext is padded to a size bucket. */
export async function sealEnvelope(
  payload: EnvelopePayload,
  options: SealOptions,
): Promise<SealedEnvelope> {
  if (!KINDS.includes(payload?.kind))
    throw new TypeError(`payload.kind must be one of ${KINDS.join(', ')}`)
  if (typeof options?.partnerId !== 'string' || options.partnerId === '') {
    throw new TypeError('options.partnerId must be a non-empty string')
  }
  const header = { version: ENVELOPE_VERSION, id: randomUuid(), to: options.partnerId } as const
  const padded = pad(envelopePlaintext(payload), options.buckets ?? DEFAULT_BUCKETS)
  let sealed: { enc: Uint8Array; ciphertext: Uint8Array }
  try {
    sealed = await sealBase(
      options.partnerPublicKey,
      infoFor(options.partnerId),
      aadFor(header),
      padded,
    )
  } finally {
    padded.fill(0)
  }
  const { enc, ciphertext } = sealed
  return { ...header, enc: toBase64(enc), ciphertext: toBase64(ciphertext) }
}

/**
 * The unpadded plaintext bytes of an envelope (what `envelopePlaintext` made), for a partner or an
 * auditor who checks the exact bytes; errors as `openEnvelope`.
 */
export async function openEnvelopePlaintext(
  envelope: SealedEnvelope,
  partnerSecretKey: Uint8Array,
): Promise<Uint8Array> {
  if (!(partnerSecretKey instanceof Uint8Array))
    throw new TypeError('partnerSecretKey must be a Uint8Array')
  if (partnerSecretKey.length !== 32) throw new RangeError('partnerSecretKey must be 32 bytes')
  if (envelope?.version !== ENVELOPE_VERSION) {
    throw new EnvelopeMalformedError(`not a ${ENVELOPE_VERSION} envelope`)
  }
  if (typeof envelope.to !== 'string' || typeof envelope.id !== 'string') {
    throw new EnvelopeMalformedError('envelope header is missing its id or recipient')
  }
  let enc: Uint8Array
  let ciphertext: Uint8Array
  try {
    enc = fromBase64(envelope.enc, 'envelope.enc')
    ciphertext = fromBase64(envelope.ciphertext, 'envelope.ciphertext')
  } catch (cause) {
    throw new EnvelopeMalformedError('envelope is not base64', { cause })
  }
  let padded: Uint8Array
  try {
    padded = await openBase(
      partnerSecretKey,
      enc,
      infoFor(envelope.to),
      aadFor(envelope),
      ciphertext,
    )
  } catch (cause) {
    throw new EnvelopeOpenError(
      `this envelope for ${envelope.to} does not open with this key (wrong key, or altered)`,
      { cause },
    )
  }
  try {
    return unpad(padded)
  } catch (cause) {
    throw new EnvelopeMalformedError('envelope plaintext is not a sealpost payload', { cause })
  }
}

/**
 * Opens an envelope with the partner's X25519 sealing secret key. A wrong key, an envelope sealed
 * to another partner, or any altered byte throws EnvelopeOpenError.
 */
export async function openEnvelope(
  envelope: SealedEnvelope,
  partnerSecretKey: Uint8Array,
): Promise<EnvelopePayload> {
  const plain = await openEnvelopePlaintext(envelope, partnerSecretKey)
  let payload: unknown
  try {
    payload = JSON.parse(utf8Decode(plain))
  } catch (cause) {
    throw new EnvelopeMalformedError('envelope plaintext is not a sealpost payload', { cause })
  }
  const p = payload as Partial<EnvelopePayload>
  if (
    !KINDS.includes(p.kind as EnvelopeKind) ||
    typeof p.bundleId !== 'string' ||
    typeof p.pseudonym !== 'string' ||
    typeof p.sentAt !== 'number'
  ) {
    throw new EnvelopeMalformedError('envelope plaintext is not a sealpost payload')
  }
  return payload as EnvelopePayload
}

/** The size bucket an envelope reveals: its padded plaintext length. */
export function envelopeBucket(envelope: SealedEnvelope): number {
  // ChaCha20-Poly1305's tag is 16 bytes; base64 decode length is exact.
  return fromBase64(envelope.ciphertext, 'envelope.ciphertext').length - 16
}
