/**
 * HPKE base mode (RFC 9180) for sealpost envelopes on `@hpke/core`: DHKEM(X25519, HKDF-SHA256)
 * (KEM 0x0020, `@hpke/dhkem-x25519`), HKDF-SHA256 (KDF 0x0001) and ChaCha20-Poly1305 (AEAD 0x0003,
 * `@hpke/chacha20poly1305`, the default) or AES-128-GCM (AEAD 0x0001, WebCrypto). The library is
 * asynchronous, so is every call here. This file only adapts it: byte arrays in and out, argument
 * checks that name the argument, and the library's errors mapped to sealpost's codes.
 *
 * @example
 * const partner = generateHpkeKeyPair()
 * const info = utf8Encode('sealpost envelope v1')
 * const { enc, ciphertext } = await sealBase(partner.publicKey, info, new Uint8Array(0), utf8Encode('{"euSize":42}'))
 * utf8Decode(await openBase(partner.secretKey, enc, info, new Uint8Array(0), ciphertext)) // '{"euSize":42}'
 */

import {
  Aes128Gcm,
  CipherSuite,
  DecapError,
  EncapError,
  MessageLimitReachedError,
  OpenError,
  type RecipientContext,
  type SenderContext,
} from '@hpke/core'
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305'
import { x25519 } from '@noble/curves/ed25519.js'
import { abytes, aint } from './_assert.ts'
import { DhkemX25519HkdfSha256Sync, HkdfSha256Sync } from './_hkdf_sync.ts'
import { AeadAuthError, HpkeContextError, InvalidPublicKeyError } from './errors.ts'

/** The AEAD ids sealpost supports (RFC 9180 §7.3). */
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
export interface HpkeKeyPair {
  readonly secretKey: Uint8Array
  readonly publicKey: Uint8Array
}

/** X25519 keys, `enc` and the DeriveKeyPair input floor are all Nsk = Npk = Nenc = 32 bytes. */
const X25519_KEY_LENGTH = 32
/** HKDF-SHA256's Nh: `export` gives at most 255 × Nh bytes (RFC 9180 §5.3). */
const NH = 32

const suites = new Map<HpkeAeadId, CipherSuite>()

/** The library's suite for one AEAD, made on first use (no work at import time). */
function suiteFor(opts: HpkeOptions | undefined): CipherSuite {
  const id = opts?.aead ?? HPKE_AEAD.CHACHA20_POLY1305
  if (id !== HPKE_AEAD.AES_128_GCM && id !== HPKE_AEAD.CHACHA20_POLY1305)
    throw new RangeError(`opts.aead must be 0x0001 or 0x0003, got ${String(id)}`)
  let suite = suites.get(id)
  if (!suite) {
    suite = new CipherSuite({
      // The library's KDF classes go through asynchronous WebCrypto; ours computes the same
      // bytes synchronously on @noble/hashes (see _hkdf_sync.ts).
      kem: new DhkemX25519HkdfSha256Sync(),
      kdf: new HkdfSha256Sync(),
      aead: id === HPKE_AEAD.AES_128_GCM ? new Aes128Gcm() : new Chacha20Poly1305(),
    })
    suites.set(id, suite)
  }
  return suite
}

/** The library's failures as sealpost's: a low-order key, a bad tag, an exhausted context. */
function mapError(cause: unknown): unknown {
  if (cause instanceof OpenError)
    return new AeadAuthError(
      'HPKE ciphertext failed authentication (wrong key, info or aad, or altered)',
      { cause },
    )
  // X25519 gives the all-zero secret only for a low-order point; the library refuses it (§7.1.4).
  if (cause instanceof EncapError || cause instanceof DecapError)
    return new InvalidPublicKeyError('HPKE public key or enc is a low-order X25519 point', {
      cause,
    })
  if (cause instanceof MessageLimitReachedError)
    return new HpkeContextError('HPKE message limit reached for this context', { cause })
  return cause
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (cause) {
    throw mapError(cause)
  }
}

/** A fresh random X25519 key pair (GenerateKeyPair of §4). */
export function generateHpkeKeyPair(): HpkeKeyPair {
  const secretKey = x25519.utils.randomSecretKey()
  return { secretKey, publicKey: hpkePublicKey(secretKey) }
}

/** The 32-byte public key of an HPKE secret key. */
export function hpkePublicKey(secretKey: Uint8Array): Uint8Array {
  return x25519.getPublicKey(abytes(secretKey, 'secretKey', X25519_KEY_LENGTH))
}

/** The deterministic key pair of `ikm` (DeriveKeyPair, §7.1.3); `ikm` needs at least 32 bytes. */
export async function deriveHpkeKeyPair(ikm: Uint8Array): Promise<HpkeKeyPair> {
  abytes(ikm, 'ikm')
  if (ikm.length < X25519_KEY_LENGTH)
    throw new RangeError(`ikm must be at least ${X25519_KEY_LENGTH} bytes, got ${ikm.length}`)
  const kem = suiteFor(undefined).kem
  const pair = await kem.deriveKeyPair(ikm)
  const secretKey = new Uint8Array(await kem.serializePrivateKey(pair.privateKey))
  return { secretKey, publicKey: new Uint8Array(await kem.serializePublicKey(pair.publicKey)) }
}

/** Shared state of both context roles: the library context, its sequence number, its lifetime. */
abstract class HpkeContextBase<C extends SenderContext | RecipientContext> implements Disposable {
  readonly aead: HpkeAeadId
  protected context: C | undefined
  #seq = 0

  /** @internal built by `setupBaseSender` / `setupBaseRecipient`. */
  constructor(aead: HpkeAeadId, context: C) {
    this.aead = aead
    this.context = context
  }

  /** False once disposed. */
  get alive(): boolean {
    return this.context !== undefined
  }

  /** The sequence number the next seal/open will use. */
  get seq(): number {
    return this.#seq
  }

  protected live(): C {
    if (!this.context) throw new HpkeContextError('HPKE context used after dispose()')
    return this.context
  }

  /** Runs one AEAD operation; the sequence number advances only on success (the library's too). */
  protected async step(
    aad: Uint8Array,
    data: Uint8Array,
    dataName: string,
    run: (context: C) => Promise<ArrayBuffer>,
  ): Promise<Uint8Array> {
    const context = this.live()
    abytes(aad, 'aad')
    abytes(data, dataName)
    const out = new Uint8Array(await mapped(() => run(context)))
    this.#seq++
    return out
  }

  /** A secret of `length` bytes bound to this context and `exporterContext` (§5.3); length ≤ 8160. */
  async export(exporterContext: Uint8Array, length: number): Promise<Uint8Array> {
    const context = this.live()
    abytes(exporterContext, 'exporterContext')
    aint(length, 'length', 0, 255 * NH)
    if (length === 0) return new Uint8Array(0)
    return new Uint8Array(await mapped(() => context.export(exporterContext, length)))
  }

  /**
   * Drops the library context; later calls throw HpkeContextError. The library keeps its keys in
   * its own objects (WebCrypto keys for AES-GCM), which cannot be wiped from here.
   */
  dispose(): void {
    this.context = undefined
  }

  [Symbol.dispose](): void {
    this.dispose()
  }
}

/** The sender's context (ContextS): seals messages in order, exports secrets. */
export class HpkeSenderContext extends HpkeContextBase<SenderContext> {
  /** ciphertext||tag of `plaintext` at the next sequence number. */
  seal(aad: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
    return this.step(aad, plaintext, 'plaintext', (c) => c.seal(plaintext, aad))
  }
}

/** The recipient's context (ContextR): opens messages in the order they were sealed, exports secrets. */
export class HpkeRecipientContext extends HpkeContextBase<RecipientContext> {
  /** The plaintext of `ciphertext`; throws AeadAuthError (and keeps the sequence number) if it fails. */
  open(aad: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
    return this.step(aad, ciphertext, 'ciphertext', (c) => c.open(ciphertext, aad))
  }
}

async function senderContext(
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  opts: HpkeOptions | undefined,
  ephemeralIkm: Uint8Array | undefined,
): Promise<{ enc: Uint8Array; context: HpkeSenderContext }> {
  abytes(recipientPublicKey, 'recipientPublicKey', X25519_KEY_LENGTH)
  abytes(info, 'info')
  const suite = suiteFor(opts)
  const context = await mapped(async () =>
    suite.createSenderContext({
      recipientPublicKey: await suite.kem.deserializePublicKey(recipientPublicKey),
      info,
      ...(ephemeralIkm ? { ekm: ephemeralIkm } : {}),
    }),
  )
  const aead = suite.aead.id as HpkeAeadId
  return { enc: new Uint8Array(context.enc), context: new HpkeSenderContext(aead, context) }
}

/**
 * @internal SetupBaseS with the ephemeral key derived from `ephemeralIkm` (DeriveKeyPair): the RFC
 * vectors fix it, callers never should.
 */
export function setupBaseSenderWithEphemeral(
  ephemeralIkm: Uint8Array,
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  opts?: HpkeOptions,
): Promise<{ enc: Uint8Array; context: HpkeSenderContext }> {
  return senderContext(recipientPublicKey, info, opts, abytes(ephemeralIkm, 'ephemeralIkm'))
}

/** SetupBaseS (§5.1.1): a fresh ephemeral key, the 32-byte `enc` to send, and the sender context. */
export function setupBaseSender(
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  opts?: HpkeOptions,
): Promise<{ enc: Uint8Array; context: HpkeSenderContext }> {
  return senderContext(recipientPublicKey, info, opts, undefined)
}

/** SetupBaseR (§5.1.1): the recipient context for the sender's `enc`. */
export async function setupBaseRecipient(
  enc: Uint8Array,
  recipientSecretKey: Uint8Array,
  info: Uint8Array,
  opts?: HpkeOptions,
): Promise<HpkeRecipientContext> {
  abytes(enc, 'enc', X25519_KEY_LENGTH)
  abytes(recipientSecretKey, 'recipientSecretKey', X25519_KEY_LENGTH)
  abytes(info, 'info')
  const suite = suiteFor(opts)
  const context = await mapped(async () =>
    suite.createRecipientContext({
      recipientKey: await suite.kem.deserializePrivateKey(recipientSecretKey),
      enc,
      info,
    }),
  )
  return new HpkeRecipientContext(suite.aead.id as HpkeAeadId, context)
}

/** Single-shot SealBase (§6.1): seals one message to `recipientPublicKey`. */
export async function sealBase(
  recipientPublicKey: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
  opts?: HpkeOptions,
): Promise<{ enc: Uint8Array; ciphertext: Uint8Array }> {
  abytes(aad, 'aad')
  abytes(plaintext, 'plaintext')
  const { enc, context } = await setupBaseSender(recipientPublicKey, info, opts)
  try {
    return { enc, ciphertext: await context.seal(aad, plaintext) }
  } finally {
    context.dispose()
  }
}

/** Single-shot OpenBase (§6.1): opens one message; AeadAuthError if it does not authenticate. */
export async function openBase(
  recipientSecretKey: Uint8Array,
  enc: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
  opts?: HpkeOptions,
): Promise<Uint8Array> {
  abytes(aad, 'aad')
  abytes(ciphertext, 'ciphertext')
  const context = await setupBaseRecipient(enc, recipientSecretKey, info, opts)
  try {
    return await context.open(aad, ciphertext)
  } finally {
    context.dispose()
  }
}
