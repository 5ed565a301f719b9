/**
 * HPKE base mode (RFC 9180) for sealpost envelopes: DHKEM(X25519, HKDF-SHA256) (KEM 0x0020),
 * HKDF-SHA256 (KDF 0x0001) and ChaCha20-Poly1305 (AEAD 0x0003, the default) or AES-128-GCM
 * (AEAD 0x0001), built on noble primitives. Single-shot `sealBase`/`openBase` for one envelope;
 * `setupBaseSender`/`setupBaseRecipient` give a context for several messages and `export`.
 *
 * @example
 * const partner = generateHpkeKeyPair()
 * const info = utf8Encode('sealpost envelope v1')
 * const { enc, ciphertext } = sealBase(partner.publicKey, info, new Uint8Array(0), utf8Encode('{"euSize":42}'))
 * utf8Decode(openBase(partner.secretKey, enc, info, new Uint8Array(0), ciphertext)) // '{"euSize":42}'
 */

import { x25519 } from '@noble/curves/ed25519.js'
import { abytes, aint } from './_assert.ts'
import {
  decap,
  deriveKeyPair,
  encapWith,
  publicKeyOf,
  X25519_KEY_LENGTH,
  type KemKeyPair,
} from './_dhkem.ts'
import { NH } from './_hpke_labels.ts'
import {
  AEAD_SPECS,
  computeNonce,
  exportSecret,
  keyScheduleBase,
  type HpkeAeadSpec,
  type KeySchedule,
} from './_hpke_schedule.ts'
import { AeadAuthError, HpkeContextError } from './errors.ts'

/** The AEAD ids sealpost implements (RFC 9180 §7.3). */
export const HPKE_AEAD = Object.freeze({ AES_128_GCM: 0x0001, CHACHA20_POLY1305: 0x0003 } as const)
export type HpkeAeadId = (typeof HPKE_AEAD)[keyof typeof HPKE_AEAD]

/** The fixed KEM and KDF of sealpost's suite. */
export const HPKE_KEM_ID = 0x0020
export const HPKE_KDF_ID = 0x0001

/** Options of every HPKE setup; the AEAD defaults to ChaCha20-Poly1305. */
export interface HpkeOptions {
  readonly aead?: HpkeAeadId
}

/** An X25519 key pair for HPKE (32-byte keys); the caller owns and wipes `secretKey`. */
export type HpkeKeyPair = KemKeyPair

/** Upper bound on the sequence number: JS integers are exact up to 2^53 (RFC 9180 allows 2^96 - 1). */
const MAX_SEQ = Number.MAX_SAFE_INTEGER

function aeadSpec(opts: HpkeOptions | undefined): HpkeAeadSpec {
  const id = opts?.aead ?? HPKE_AEAD.CHACHA20_POLY1305
  const spec = AEAD_SPECS[id]
  if (!spec) throw new RangeError(`opts.aead must be 0x0001 or 0x0003, got ${String(id)}`)
  return spec
}

/** A fresh random X25519 key pair (GenerateKeyPair of §4). */
export function generateHpkeKeyPair(): HpkeKeyPair {
  const secretKey = x25519.utils.randomSecretKey()
  return { secretKey, publicKey: publicKeyOf(secretKey) }
}

/** The deterministic key pair of `ikm` (DeriveKeyPair, §7.1.3); `ikm` needs at least 32 bytes. */
export function deriveHpkeKeyPair(ikm: Uint8Array): HpkeKeyPair {
  return deriveKeyPair(ikm)
}

/** The 32-byte public key of an HPKE secret key. */
export function hpkePublicKey(secretKey: Uint8Array): Uint8Array {
  return publicKeyOf(secretKey)
}

/** Shared state of both context roles: the AEAD key, base nonce, exporter secret, sequence number. */
abstract class HpkeContextBase implements Disposable {
  readonly aead: HpkeAeadId
  #spec: HpkeAeadSpec
  #key: Uint8Array
  #baseNonce: Uint8Array
  #exporterSecret: Uint8Array
  #seq = 0
  #alive = true

  /** @internal built by `setupBaseSender` / `setupBaseRecipient`; takes ownership of `schedule`. */
  constructor(spec: HpkeAeadSpec, schedule: KeySchedule) {
    this.aead = spec.id as HpkeAeadId
    this.#spec = spec
    this.#key = schedule.key
    this.#baseNonce = schedule.baseNonce
    this.#exporterSecret = schedule.exporterSecret
    schedule.secret.fill(0)
  }

  /** False once disposed. */
  get alive(): boolean {
    return this.#alive
  }

  /** The sequence number the next seal/open will use. */
  get seq(): number {
    return this.#seq
  }

  #live(): void {
    if (!this.#alive) throw new HpkeContextError('HPKE context used after dispose()')
  }

  /** Runs one AEAD operation at the current nonce; the sequence number advances only on success. */
  protected step(
    aad: Uint8Array,
    data: Uint8Array,
    dataName: string,
    direction: 'seal' | 'open',
  ): Uint8Array {
    this.#live()
    abytes(aad, 'aad')
    abytes(data, dataName)
    // RFC 9180 §5.2: refuse to reuse a nonce once the counter would overflow.
    if (this.#seq >= MAX_SEQ)
      throw new HpkeContextError('HPKE message limit reached for this context')
    const nonce = computeNonce(this.#baseNonce, this.#seq)
    const cipher = this.#spec.cipher(this.#key, nonce, aad)
    let out: Uint8Array
    if (direction === 'seal') {
      out = cipher.encrypt(data)
    } else {
      if (data.length < this.#spec.tagLength)
        throw new AeadAuthError('HPKE ciphertext is shorter than its tag')
      try {
        out = cipher.decrypt(data)
      } catch (cause) {
        throw new AeadAuthError(
          'HPKE ciphertext failed authentication (wrong key, info or aad, or altered)',
          {
            cause,
          },
        )
      }
    }
    this.#seq++
    return out
  }

  /** A secret of `length` bytes bound to this context and `exporterContext` (§5.3); length ≤ 8160. */
  export(exporterContext: Uint8Array, length: number): Uint8Array {
    this.#live()
    abytes(exporterContext, 'exporterContext')
    aint(length, 'length', 0, 255 * NH)
    return exportSecret(this.#spec, this.#exporterSecret, exporterContext, length)
  }

  /** Wipes the key, nonce and exporter secret; later calls throw HpkeContextError. */
  dispose(): void {
    if (!this.#alive) return
    this.#key.fill(0)
    this.#baseNonce.fill(0)
    this.#exporterSecret.fill(0)
    this.#alive = false
  }

  [Symbol.dispose](): void {
    this.dispose()
  }
}

/** The sender's context (ContextS): seals messages in order, exports secrets. */
export class HpkeSenderContext extends HpkeContextBase {
  /** ciphertext||tag of `plaintext` at the next sequence number. */
  seal(aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    return this.step(aad, plaintext, 'plaintext', 'seal')
  }
}

/** The recipient's context (ContextR): opens messages in the order they were sealed, exports secrets. */
export class HpkeRecipientContext extends HpkeContextBase {
  /** The plaintext of `ciphertext`; throws AeadAuthError (and keeps the sequence number) if it fails. */
  open(aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
    return this.step(aad, ciphertext, 'ciphertext', 'open')
  }
}

function checkInfo(info: unknown): Uint8Array {
  return abytes(info, 'info')
}

/** @internal SetupBaseS with a given ephemeral key pair: the RFC vectors fix it, callers never should. */
export function setupBaseSenderWithEphemeral(
  ephemeral: HpkeKeyPair,
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  opts?: HpkeOptions,
): { enc: Uint8Array; context: HpkeSenderContext } {
  abytes(recipientPublicKey, 'recipientPublicKey', X25519_KEY_LENGTH)
  checkInfo(info)
  const spec = aeadSpec(opts)
  const { sharedSecret, enc } = encapWith(ephemeral, recipientPublicKey)
  try {
    return { enc, context: new HpkeSenderContext(spec, keyScheduleBase(sharedSecret, info, spec)) }
  } finally {
    sharedSecret.fill(0)
  }
}

/** SetupBaseS (§5.1.1): a fresh ephemeral key, the 32-byte `enc` to send, and the sender context. */
export function setupBaseSender(
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  opts?: HpkeOptions,
): { enc: Uint8Array; context: HpkeSenderContext } {
  const ephemeral = generateHpkeKeyPair()
  try {
    return setupBaseSenderWithEphemeral(ephemeral, recipientPublicKey, info, opts)
  } finally {
    ephemeral.secretKey.fill(0)
  }
}

/** SetupBaseR (§5.1.1): the recipient context for the sender's `enc`. */
export function setupBaseRecipient(
  enc: Uint8Array,
  recipientSecretKey: Uint8Array,
  info: Uint8Array,
  opts?: HpkeOptions,
): HpkeRecipientContext {
  checkInfo(info)
  const spec = aeadSpec(opts)
  const sharedSecret = decap(enc, recipientSecretKey)
  try {
    return new HpkeRecipientContext(spec, keyScheduleBase(sharedSecret, info, spec))
  } finally {
    sharedSecret.fill(0)
  }
}

/** Single-shot SealBase (§6.1): seals one message to `recipientPublicKey`. */
export function sealBase(
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
  opts?: HpkeOptions,
): { enc: Uint8Array; ciphertext: Uint8Array } {
  const { enc, context } = setupBaseSender(recipientPublicKey, info, opts)
  try {
    return { enc, ciphertext: context.seal(aad, plaintext) }
  } finally {
    context.dispose()
  }
}

/** Single-shot OpenBase (§6.1): opens one message; AeadAuthError if it does not authenticate. */
export function openBase(
  recipientSecretKey: Uint8Array,
  enc: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
  opts?: HpkeOptions,
): Uint8Array {
  const context = setupBaseRecipient(enc, recipientSecretKey, info, opts)
  try {
    return context.open(aad, ciphertext)
  } finally {
    context.dispose()
  }
}
