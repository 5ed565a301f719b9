/**
 * Partner keys. A partner has an Ed25519 signing key (bundles, pushed records) and an X25519
 * sealing key (HPKE envelopes). `ID.key` holds both secrets; `ID.pub` the public halves, safe to
 * publish. The key id is the first 16 hex digits of SHA-256 of the Ed25519 public key.
 */

import { x25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { randomBytes } from '@noble/hashes/utils.js'
import { fromHex, toHex, wipe } from '../crypto/bytes.ts'
import { ed25519PublicKey, isValidEd25519PublicKey, signEd25519 } from './_ed25519.ts'
import { KeyFileError } from './errors.ts'

/** Partner ids: short, lowercase, safe as a file name (`stridewear`). */
export const PARTNER_ID = /^[a-z0-9][a-z0-9-]{0,62}$/

const SECRET_TYPE = 'sealpost-partner-key'
const PUBLIC_TYPE = 'sealpost-partner-public-key'

/** The public half of a partner key, as `ID.pub` stores it and the trust store keeps it. */
export interface PartnerPublicKey {
  readonly partnerId: string
  readonly keyId: string
  /** Ed25519 verification key, 32 bytes. */
  readonly signingPublic: Uint8Array
  /** X25519 sealing key, 32 bytes. */
  readonly sealingPublic: Uint8Array
}

/** First 16 hex digits of SHA-256 of the Ed25519 public key. */
export function keyIdOf(signingPublic: Uint8Array): string {
  return toHex(sha256(signingPublic)).slice(0, 16)
}

function aPartnerId(id: unknown, name: string): string {
  if (typeof id !== 'string' || !PARTNER_ID.test(id)) {
    throw new TypeError(`${name} must be a partner id like 'stridewear' (a-z, 0-9, -)`)
  }
  return id
}

/** A partner's secret key pair. Wipe it with `dispose()` (or `using`) when done. */
export class PartnerKey {
  readonly partnerId: string
  readonly keyId: string
  readonly publicKey: PartnerPublicKey
  #signing: Uint8Array
  #sealing: Uint8Array
  #alive = true

  /** Wraps two 32-byte secrets (copied); see `generatePartnerKey` and `parsePartnerKey`. */
  constructor(partnerId: string, signingSecret: Uint8Array, sealingSecret: Uint8Array) {
    this.partnerId = aPartnerId(partnerId, 'partnerId')
    if (!(signingSecret instanceof Uint8Array) || signingSecret.length !== 32) {
      throw new RangeError('signingSecret must be 32 bytes')
    }
    if (!(sealingSecret instanceof Uint8Array) || sealingSecret.length !== 32) {
      throw new RangeError('sealingSecret must be 32 bytes')
    }
    this.#signing = signingSecret.slice()
    this.#sealing = sealingSecret.slice()
    const signingPublic = ed25519PublicKey(this.#signing)
    this.keyId = keyIdOf(signingPublic)
    this.publicKey = Object.freeze({
      partnerId,
      keyId: this.keyId,
      signingPublic,
      sealingPublic: x25519.getPublicKey(this.#sealing),
    })
  }

  get alive(): boolean {
    return this.#alive
  }

  #check(): void {
    if (!this.#alive) throw new Error('PartnerKey used after dispose()')
  }

  /** Ed25519 signature of `message`. */
  sign(message: Uint8Array): Uint8Array {
    this.#check()
    return signEd25519(message, this.#signing)
  }

  /** A copy of the X25519 secret, for opening envelopes; wipe it after use. */
  sealingSecret(): Uint8Array {
    this.#check()
    return this.#sealing.slice()
  }

  /** The `ID.key` file text (secret: write it with mode 0600). */
  toKeyFile(): string {
    this.#check()
    const file = {
      type: SECRET_TYPE,
      version: 1,
      partnerId: this.partnerId,
      keyId: this.keyId,
      signingSecret: toHex(this.#signing),
      sealingSecret: toHex(this.#sealing),
    }
    return JSON.stringify(file, null, 2) + '\n'
  }

  /** Wipes both secrets; the key cannot be used afterwards. */
  dispose(): void {
    if (!this.#alive) return
    wipe(this.#signing, this.#sealing)
    this.#alive = false
  }

  [Symbol.dispose](): void {
    this.dispose()
  }
}

/** A fresh random partner key. */
export function generatePartnerKey(partnerId: string): PartnerKey {
  const signing = randomBytes(32)
  const sealing = x25519.utils.randomSecretKey()
  try {
    return new PartnerKey(partnerId, signing, sealing)
  } finally {
    wipe(signing, sealing)
  }
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  if (typeof text !== 'string') throw new TypeError('text must be a string')
  if (text.length > 4096) throw new KeyFileError(`${what} is too long to be a key file`)
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch (e) {
    throw new KeyFileError(`${what} is not JSON`, { cause: e })
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new KeyFileError(`${what} is not a JSON object`)
  }
  return v as Record<string, unknown>
}

function hex32(o: Record<string, unknown>, field: string, what: string): Uint8Array {
  const v = o[field]
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) {
    throw new KeyFileError(`${what} field ${field} must be 64 lowercase hex digits`)
  }
  return fromHex(v)
}

function header(o: Record<string, unknown>, type: string, what: string): string {
  // The usual mistake: one file of the pair given where the other is needed.
  if (type === SECRET_TYPE && o['type'] === PUBLIC_TYPE) {
    throw new KeyFileError(
      `${what} is a public key (.pub); signing and opening need the secret key file (ID.key) that keygen wrote beside it`,
    )
  }
  if (type === PUBLIC_TYPE && o['type'] === SECRET_TYPE) {
    throw new KeyFileError(
      `${what} is a secret key (.key); give the public key file (ID.pub) instead, and never share the .key`,
    )
  }
  if (o['type'] !== type || o['version'] !== 1) {
    throw new KeyFileError(`${what} is not a version 1 ${type} file`)
  }
  const id = o['partnerId']
  if (typeof id !== 'string' || !PARTNER_ID.test(id)) {
    throw new KeyFileError(`${what} has no valid partnerId`)
  }
  return id
}

/**
 * Reads an `ID.key` file; checks the stored key id matches the secret. `file` names it in errors
 * (default `ID.key`).
 */
export function parsePartnerKey(text: string, file = 'ID.key'): PartnerKey {
  const o = parseJsonObject(text, file)
  const partnerId = header(o, SECRET_TYPE, file)
  const signing = hex32(o, 'signingSecret', file)
  const sealing = hex32(o, 'sealingSecret', file)
  try {
    const key = new PartnerKey(partnerId, signing, sealing)
    if (key.keyId !== o['keyId']) {
      key.dispose()
      throw new KeyFileError(`${file} keyId does not match its signing secret`)
    }
    return key
  } finally {
    wipe(signing, sealing)
  }
}

/** The `ID.pub` file text of a public key. */
export function publicKeyFile(pub: PartnerPublicKey): string {
  const file = {
    type: PUBLIC_TYPE,
    version: 1,
    partnerId: pub.partnerId,
    keyId: pub.keyId,
    signingPublic: toHex(pub.signingPublic),
    sealingPublic: toHex(pub.sealingPublic),
  }
  return JSON.stringify(file, null, 2) + '\n'
}

/**
 * Reads an `ID.pub` file; checks the key id and that the signing key is a canonical point. `file`
 * names it in errors (default `ID.pub`).
 */
export function parsePublicKey(text: string, file = 'ID.pub'): PartnerPublicKey {
  const o = parseJsonObject(text, file)
  const partnerId = header(o, PUBLIC_TYPE, file)
  const signingPublic = hex32(o, 'signingPublic', file)
  const sealingPublic = hex32(o, 'sealingPublic', file)
  if (!isValidEd25519PublicKey(signingPublic)) {
    throw new KeyFileError(`${file} signingPublic is not a valid Ed25519 public key`)
  }
  const keyId = keyIdOf(signingPublic)
  if (o['keyId'] !== keyId) throw new KeyFileError(`${file} keyId does not match its signing key`)
  return Object.freeze({ partnerId, keyId, signingPublic, sealingPublic })
}
