/**
 * Signed consent receipts (Kantara Consent Receipt v1.1 is the model for the fields) and the device
 * key that signs them. The Ed25519 key lives in the DocStore (the vault encrypts it), is generated on
 * first use, and anyone holding the device's public key can verify a receipt.
 *
 * @example
 * const device = await DeviceSigner.open(store)
 * const receipt = issueReceipt(device, record, Date.now())
 * verifyReceipt(receipt, device.publicKey) // true
 */

import { canonicalBytes } from '../crypto/jcs.ts'
import { concatBytes, fromHex, toHex, utf8Encode, wipe } from '../crypto/bytes.ts'
import { generateSigningKeyPair, sign, signingPublicKey, verify } from '../crypto/ed25519.ts'
import type { ConsentRecord } from './record.ts'
import { randomUuid } from './record.ts'
import type { DocStore } from './types.ts'

/** The receipt format. */
export const RECEIPT_VERSION = 'sealpost-receipt-v1'

/** Domain separation: a receipt signature can never be mistaken for another signed message. */
const RECEIPT_CONTEXT = utf8Encode('sealpost consent receipt v1\n')

const DEVICE_DOC = 'consent/device'

/** A consent receipt: who consented to what, in which state, signed by the device. */
export interface ConsentReceipt {
  readonly version: typeof RECEIPT_VERSION
  readonly receiptId: string
  /** ms since epoch (Kantara `consentTimestamp`). */
  readonly issuedAt: number
  /** Kantara `collectionMethod`. */
  readonly collectionMethod: 'sealpost contract screen'
  /** The person's device-local subject id (Kantara `piiPrincipalId`). */
  readonly piiPrincipalId: string
  /** The partner (Kantara `piiControllers`). */
  readonly piiControllers: readonly { readonly id: string; readonly name: string }[]
  /** The bundle and purpose consented to (Kantara `services`). */
  readonly service: {
    readonly bundleId: string
    readonly bundleVersion: string
    readonly purpose: string
    /** `collection.field` names read (Kantara `piiCategory`). */
    readonly piiCategory: readonly string[]
    /** Kantara `thirdPartyDisclosure`: false, outputs go to the controller only. */
    readonly thirdPartyDisclosure: false
  }
  /** The record's state and bindings at issue time. */
  readonly consent: {
    readonly recordId: string
    readonly status: ConsentRecord['status']
    /** Index of the event this receipt attests in the record's history. */
    readonly event: number
    readonly bundleDigest: string
    readonly scopeDigest: string
    readonly outputSchemaDigest: string
    readonly contractDigest: string
    readonly bitBudgetPerDay: number
    readonly recurrence: ConsentRecord['recurrence']
    /** ms since epoch, or null: until withdrawn (Kantara `termination`). */
    readonly expiresAt: number | null
  }
  /** Hex Ed25519 public key of the device that signed. */
  readonly devicePublicKey: string
  /** Hex Ed25519 signature over the context string and the JCS bytes of every other field. */
  readonly signature: string
}

interface DeviceDoc {
  readonly subjectId: string
  readonly signingSecret: string
}

/** The device's signing key and the person's subject id; `dispose()` wipes the secret. */
export class DeviceSigner implements Disposable {
  readonly subjectId: string
  readonly publicKey: Uint8Array
  #secret: Uint8Array
  #alive = true

  private constructor(subjectId: string, secret: Uint8Array) {
    this.subjectId = subjectId
    this.#secret = secret
    this.publicKey = signingPublicKey(secret)
  }

  /** Loads the device key from `store`, generating and saving one on first use. */
  static async open(store: DocStore): Promise<DeviceSigner> {
    const doc = await store.getDoc<DeviceDoc>(DEVICE_DOC)
    if (doc) return new DeviceSigner(doc.subjectId, fromHex(doc.signingSecret))
    const pair = generateSigningKeyPair()
    const fresh: DeviceDoc = { subjectId: randomUuid(), signingSecret: toHex(pair.secretKey) }
    await store.putDoc(DEVICE_DOC, fresh)
    return new DeviceSigner(fresh.subjectId, pair.secretKey)
  }

  /** False once disposed. */
  get alive(): boolean {
    return this.#alive
  }

  /** Signs `message` with the device key. */
  sign(message: Uint8Array): Uint8Array {
    if (!this.#alive) throw new TypeError('DeviceSigner used after dispose()')
    return sign(this.#secret, message)
  }

  /** Wipes the secret key; later `sign` calls throw. */
  dispose(): void {
    if (!this.#alive) return
    wipe(this.#secret)
    this.#alive = false
  }

  [Symbol.dispose](): void {
    this.dispose()
  }
}

function signedBytes(unsigned: Omit<ConsentReceipt, 'signature'>): Uint8Array {
  return concatBytes(RECEIPT_CONTEXT, canonicalBytes(unsigned))
}

/** A receipt for the record's latest event, signed by `device`. */
export function issueReceipt(
  device: DeviceSigner,
  record: ConsentRecord,
  issuedAt: number,
): ConsentReceipt {
  if (!Number.isFinite(issuedAt)) throw new RangeError('issuedAt must be ms since epoch')
  const unsigned: Omit<ConsentReceipt, 'signature'> = {
    version: RECEIPT_VERSION,
    receiptId: randomUuid(),
    issuedAt,
    collectionMethod: 'sealpost contract screen',
    piiPrincipalId: record.dataSubject,
    piiControllers: [record.process.controller],
    service: {
      bundleId: record.bundleId,
      bundleVersion: record.bundleVersion,
      purpose: record.process.purpose,
      piiCategory: record.process.personalData.flatMap((r) =>
        r.fields.map((f) => `${r.collection}.${f}`),
      ),
      thirdPartyDisclosure: false,
    },
    consent: {
      recordId: record.id,
      status: record.status,
      event: record.events.length - 1,
      bundleDigest: record.bundleDigest,
      scopeDigest: record.scopeDigest,
      outputSchemaDigest: record.outputSchemaDigest,
      contractDigest: record.notice.contractDigest,
      bitBudgetPerDay: record.bitBudgetPerDay,
      recurrence: record.recurrence,
      expiresAt: record.expiresAt ?? null,
    },
    devicePublicKey: toHex(device.publicKey),
  }
  return { ...unsigned, signature: toHex(device.sign(signedBytes(unsigned))) }
}

/**
 * Whether `receipt` carries a valid device signature; with `devicePublicKey` (bytes or hex), also
 * that it was signed by that device. Malformed receipts are simply false.
 */
export function verifyReceipt(
  receipt: ConsentReceipt,
  devicePublicKey?: Uint8Array | string,
): boolean {
  try {
    const { signature, ...unsigned } = receipt
    if (unsigned.version !== RECEIPT_VERSION) return false
    const key = fromHex(unsigned.devicePublicKey)
    if (devicePublicKey !== undefined) {
      const expected =
        typeof devicePublicKey === 'string' ? devicePublicKey.toLowerCase() : toHex(devicePublicKey)
      if (expected !== unsigned.devicePublicKey.toLowerCase()) return false
    }
    return verify(key, signedBytes(unsigned), fromHex(signature))
  } catch {
    return false
  }
}
