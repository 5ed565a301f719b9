/**
 * The operator's Ed25519 key: it signs the directory, delivery receipts and statements. Devices
 * pin its public half. `operator.key` (secret, mode 0600) and `operator.pub` are small JSON files.
 */

import { fromHex, toHex, wipe } from '../runtime/crypto/bytes.ts'
import { signingPublicKey } from '../runtime/crypto/ed25519.ts'
import { randomBytes } from '../runtime/crypto/random.ts'
import { nativeSigner } from './_ed25519.ts'

const SECRET_TYPE = 'sealpost-operator-key'
const PUBLIC_TYPE = 'sealpost-operator-public-key'

/** The operator's signing key; `dispose()` wipes it. */
export class OperatorKey {
  readonly publicKey: Uint8Array
  #seed: Uint8Array
  #sign: (message: Uint8Array) => Uint8Array
  #alive = true

  constructor(seed: Uint8Array) {
    if (!(seed instanceof Uint8Array) || seed.length !== 32)
      throw new RangeError('seed must be 32 bytes')
    this.#seed = seed.slice()
    this.publicKey = signingPublicKey(this.#seed)
    // Receipts are signed per envelope: Node's native Ed25519 (the same deterministic bytes).
    this.#sign = nativeSigner(this.#seed)
  }

  /** A fresh random key. */
  static generate(): OperatorKey {
    const seed = randomBytes(32)
    try {
      return new OperatorKey(seed)
    } finally {
      wipe(seed)
    }
  }

  /** Reads `operator.key` text. */
  static fromKeyFile(text: string): OperatorKey {
    let o: { type?: unknown; secret?: unknown }
    try {
      o = JSON.parse(text) as typeof o
    } catch (cause) {
      throw new TypeError('operator.key is not JSON', { cause })
    }
    if (o.type !== SECRET_TYPE || typeof o.secret !== 'string' || !/^[0-9a-f]{64}$/.test(o.secret))
      throw new TypeError(`operator.key is not a ${SECRET_TYPE} file`)
    const seed = fromHex(o.secret)
    try {
      return new OperatorKey(seed)
    } finally {
      wipe(seed)
    }
  }

  /** Hex of the public key: what devices pin. */
  get publicKeyHex(): string {
    return toHex(this.publicKey)
  }

  /** Ed25519 signature of `message`. */
  sign(message: Uint8Array): Uint8Array {
    if (!this.#alive) throw new Error('OperatorKey used after dispose()')
    return this.#sign(message)
  }

  /** `operator.key` text (secret). */
  toKeyFile(): string {
    return (
      JSON.stringify({ type: SECRET_TYPE, version: 1, secret: toHex(this.#seed) }, null, 2) + '\n'
    )
  }

  /** `operator.pub` text. */
  toPublicFile(): string {
    return (
      JSON.stringify({ type: PUBLIC_TYPE, version: 1, publicKey: this.publicKeyHex }, null, 2) +
      '\n'
    )
  }

  dispose(): void {
    if (!this.#alive) return
    wipe(this.#seed)
    this.#sign = () => new Uint8Array(0)
    this.#alive = false
  }

  [Symbol.dispose](): void {
    this.dispose()
  }
}

/** The operator public key in `operator.pub` text, or a bare hex key. */
export function parseOperatorPublicKey(text: string): Uint8Array {
  const t = text.trim()
  if (/^[0-9a-f]{64}$/.test(t)) return fromHex(t)
  let o: { type?: unknown; publicKey?: unknown }
  try {
    o = JSON.parse(t) as typeof o
  } catch (cause) {
    throw new TypeError('operator.pub is neither hex nor JSON', { cause })
  }
  if (
    o.type !== PUBLIC_TYPE ||
    typeof o.publicKey !== 'string' ||
    !/^[0-9a-f]{64}$/.test(o.publicKey)
  )
    throw new TypeError(`operator.pub is not a ${PUBLIC_TYPE} file`)
  return fromHex(o.publicKey)
}
