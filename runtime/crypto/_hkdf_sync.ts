/**
 * HKDF-SHA256 for `@hpke/core` (its public `KdfInterface`) on `@noble/hashes`, computed
 * synchronously. The library's own `HkdfSha256` goes through WebCrypto: every Extract and Expand is
 * an `importKey` and a `sign` that leave the thread and come back, about 8 of them per setup, which
 * made a 1 KiB seal 1.7× slower than the hand-written code it replaced. The same bytes, computed in
 * place, take microseconds. The promises the interface asks for are already settled.
 *
 * Labels follow RFC 9180 §4: `LabeledExtract` prefixes `"HPKE-v1" || suite_id || label`, and
 * `LabeledExpand` also `I2OSP(L, 2)`, written on two bytes for every L up to 255 × Nh.
 */

import { DhkemX25519HkdfSha256, X25519 } from '@hpke/dhkem-x25519'
import { KdfId, type KdfInterface } from '@hpke/core'
import { expand, extract } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'

/** `"HPKE-v1"` (RFC 9180 §4). */
const HPKE_V1 = new Uint8Array([0x48, 0x50, 0x4b, 0x45, 0x2d, 0x76, 0x31])
/** Nh of SHA-256. */
const NH = 32

type BytesLike = ArrayBufferLike | ArrayBufferView

/** A view of `x`'s bytes, not a copy. */
function view(x: BytesLike): Uint8Array {
  return ArrayBuffer.isView(x)
    ? new Uint8Array(x.buffer, x.byteOffset, x.byteLength)
    : new Uint8Array(x)
}

/** `u` as the `ArrayBuffer` the library expects (noble's outputs own their whole buffer). */
function arrayBuffer(u: Uint8Array): ArrayBuffer {
  return u.byteOffset === 0 &&
    u.byteLength === u.buffer.byteLength &&
    u.buffer instanceof ArrayBuffer
    ? u.buffer
    : (u.slice().buffer as ArrayBuffer)
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** HKDF-SHA256 (KDF 0x0001) for `@hpke/core`, synchronous, on `@noble/hashes`. */
export class HkdfSha256Sync implements KdfInterface {
  readonly id = KdfId.HkdfSha256
  readonly hashSize = NH
  #suiteId: Uint8Array | undefined

  /** Called by the suite or the KEM that owns this instance with its `suite_id`. */
  init(suiteId: Uint8Array): void {
    this.#suiteId = suiteId.slice()
  }

  #suite(): Uint8Array {
    if (this.#suiteId === undefined) throw new Error('HkdfSha256Sync used before init(suiteId)')
    return this.#suiteId
  }

  buildLabeledIkm(label: Uint8Array, ikm: Uint8Array): Uint8Array {
    return concat(HPKE_V1, this.#suite(), label, ikm)
  }

  buildLabeledInfo(label: Uint8Array, info: Uint8Array, len: number): Uint8Array {
    const length = new Uint8Array([(len >>> 8) & 0xff, len & 0xff]) // I2OSP(L, 2)
    return concat(length, HPKE_V1, this.#suite(), label, info)
  }

  async extract(salt: BytesLike, ikm: BytesLike): Promise<ArrayBuffer> {
    // An empty salt is Nh zero bytes (RFC 5869 §2.2); HMAC pads an empty key to the same block.
    return arrayBuffer(extract(sha256, view(ikm), view(salt)))
  }

  async expand(prk: BytesLike, info: BytesLike, len: number): Promise<ArrayBuffer> {
    if (!Number.isSafeInteger(len) || len < 0 || len > 255 * NH)
      throw new RangeError(`HKDF-Expand length must be 0..${255 * NH}, got ${len}`)
    return arrayBuffer(expand(sha256, view(prk), view(info), len))
  }

  async extractAndExpand(
    salt: BytesLike,
    ikm: BytesLike,
    info: BytesLike,
    len: number,
  ): Promise<ArrayBuffer> {
    return this.expand(await this.extract(salt, ikm), info, len)
  }

  async labeledExtract(salt: BytesLike, label: Uint8Array, ikm: Uint8Array): Promise<ArrayBuffer> {
    return this.extract(salt, this.buildLabeledIkm(label, ikm))
  }

  async labeledExpand(
    prk: BytesLike,
    label: Uint8Array,
    info: Uint8Array,
    len: number,
  ): Promise<ArrayBuffer> {
    return this.expand(prk, this.buildLabeledInfo(label, info, len), len)
  }
}

/** `suite_id` of DHKEM(X25519, HKDF-SHA256): `"KEM" || I2OSP(0x0020, 2)` (RFC 9180 §4.1). */
const KEM_SUITE_ID = new Uint8Array([0x4b, 0x45, 0x4d, 0x00, 0x20])

/**
 * DHKEM(X25519, HKDF-SHA256) from `@hpke/dhkem-x25519` with its KDF (ExtractAndExpand of the
 * shared secret, DeriveKeyPair) swapped for `HkdfSha256Sync`. The package's `X25519` primitive
 * takes its KDF as a constructor argument; `Dhkem` keeps both in protected fields for subclasses.
 */
export class DhkemX25519HkdfSha256Sync extends DhkemX25519HkdfSha256 {
  constructor() {
    super()
    const kdf = new HkdfSha256Sync()
    kdf.init(KEM_SUITE_ID)
    this._kdf = kdf
    this._prim = new X25519(kdf)
  }
}
