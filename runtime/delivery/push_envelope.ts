/**
 * Sealed pushes, partner → person (docs/relay.md "Pushes"): a partner seals its signed push to the
 * person's pseudonym with HPKE (the same suite as envelopes: X25519, HKDF-SHA256,
 * ChaCha20-Poly1305), so the relay that holds it until the device acknowledges it holds no
 * plaintext. The recipient key is the pseudonym itself: a pseudonym is an Ed25519 public key, and
 * its X25519 form (the birational map of RFC 7748 §4.1, as libsodium's
 * `crypto_sign_ed25519_pk_to_curve25519`) is a key only the device can open with (its secret is
 * the pseudonym's signing scalar). So a partner can seal to any pseudonym that wrote to it, with
 * nothing to register or look up; using one key pair for Ed25519 signatures and an X25519 KEM is
 * analysed as safe (Thormarker, "On using the same key pair for Ed25519 and an X25519 based KEM",
 * 2021).
 *
 * `info` binds "sealpost push v1" and the pseudonym; the header (version, id, partner, pseudonym) is
 * associated data; the plaintext (the push's RFC 8785 bytes) is padded to a size bucket. The device
 * still verifies the partner's signature inside: sealing says who may read it, not who wrote it.
 *
 * @example
 * const sealed = await sealPush(signedPush, { id, partnerId: 'stridewear', pseudonym })
 * await openPush(sealed, pseudonymKey) // the signed push
 */

import { ed25519 } from '@noble/curves/ed25519.js'
import { fromHex, utf8Decode, utf8Encode } from '../crypto/bytes.ts'
import { openBase, sealBase } from '../crypto/hpke.ts'
import { canonicalBytes } from '../crypto/jcs.ts'
import { fromBase64, toBase64 } from './_base64.ts'
import { EnvelopeMalformedError, EnvelopeOpenError } from './errors.ts'
import { DEFAULT_BUCKETS, pad, unpad } from './padding.ts'
import type { PseudonymKey } from './pseudonym_key.ts'

/** The sealed push format. */
export const PUSH_ENVELOPE_VERSION = 'sealpost-push-v1'
const INFO_LABEL = 'sealpost push v1'

/** A push as the relay carries it: who from, who to, and ciphertext. */
export interface SealedPush {
  readonly version: typeof PUSH_ENVELOPE_VERSION
  /** The push's id (the relay's, for acknowledgements). */
  readonly id: string
  /** The partner who sealed it. */
  readonly from: string
  /** The pseudonym it is sealed to. */
  readonly to: string
  /** HPKE encapsulated key, base64. */
  readonly enc: string
  /** HPKE ciphertext of the padded push, base64. */
  readonly ciphertext: string
}

function infoFor(pseudonym: string): Uint8Array {
  return utf8Encode(`${INFO_LABEL}\u0000${pseudonym}`)
}

function aadFor(p: Pick<SealedPush, 'version' | 'id' | 'from' | 'to'>): Uint8Array {
  return utf8Encode(`${p.version}\n${p.id}\n${p.from}\n${p.to}`)
}

/** The X25519 public key a pseudonym (hex Ed25519 public key) is sealed to. */
export function pushRecipientKey(pseudonym: string): Uint8Array {
  if (typeof pseudonym !== 'string' || !/^[0-9a-f]{64}$/.test(pseudonym)) {
    throw new TypeError('pseudonym must be 64 hex digits')
  }
  return ed25519.utils.toMontgomery(fromHex(pseudonym))
}

/** Seals a partner's signed push (any JSON value) to `pseudonym`. */
export async function sealPush(
  push: unknown,
  to: { readonly id: string; readonly partnerId: string; readonly pseudonym: string },
): Promise<SealedPush> {
  const header = {
    version: PUSH_ENVELOPE_VERSION,
    id: to.id,
    from: to.partnerId,
    to: to.pseudonym,
  } as const
  const padded = pad(canonicalBytes(push), DEFAULT_BUCKETS)
  try {
    // `await`: the HPKE functions may be asynchronous (WebCrypto-based libraries are).
    const { enc, ciphertext } = await sealBase(
      pushRecipientKey(to.pseudonym),
      infoFor(to.pseudonym),
      aadFor(header),
      padded,
    )
    return { ...header, enc: toBase64(enc), ciphertext: toBase64(ciphertext) }
  } finally {
    padded.fill(0)
  }
}

/**
 * Opens a sealed push with the pseudonym's key: the signed push inside (verify it!). A push sealed
 * to another pseudonym, or any altered byte, throws EnvelopeOpenError.
 */
export async function openPush(sealed: SealedPush, key: PseudonymKey): Promise<unknown> {
  if (sealed?.version !== PUSH_ENVELOPE_VERSION) {
    throw new EnvelopeMalformedError(`not a ${PUSH_ENVELOPE_VERSION} push`)
  }
  if (
    typeof sealed.id !== 'string' ||
    typeof sealed.from !== 'string' ||
    sealed.to !== key.pseudonym
  ) {
    throw new EnvelopeOpenError('this push is not sealed to this pseudonym')
  }
  let enc: Uint8Array
  let ciphertext: Uint8Array
  try {
    enc = fromBase64(sealed.enc, 'push.enc')
    ciphertext = fromBase64(sealed.ciphertext, 'push.ciphertext')
  } catch (cause) {
    throw new EnvelopeMalformedError('push is not base64', { cause })
  }
  const secret = key.pushOpeningKey()
  let padded: Uint8Array
  try {
    padded = await openBase(secret, enc, infoFor(sealed.to), aadFor(sealed), ciphertext)
  } catch (cause) {
    throw new EnvelopeOpenError('this push does not open with this pseudonym (altered?)', {
      cause,
    })
  } finally {
    secret.fill(0)
  }
  try {
    return JSON.parse(utf8Decode(unpad(padded))) as unknown
  } catch (cause) {
    throw new EnvelopeMalformedError('push plaintext is not JSON', { cause })
  }
}
