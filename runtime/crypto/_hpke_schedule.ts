/** RFC 9180 §5.1 key schedule (base mode) and the AEADs sealpost supports. */

import { chacha20poly1305 } from '@noble/ciphers/chacha.js'
import { gcm } from '@noble/ciphers/aes.js'
import { hpkeSuiteId, labeledExpand, labeledExtract, NH } from './_hpke_labels.ts'
import { KEM_ID } from './_dhkem.ts'
import { concatBytes } from './bytes.ts'

export const KDF_ID_HKDF_SHA256 = 0x0001

/** One AEAD of RFC 9180 §7.3: key, nonce and tag sizes and its cipher constructor. */
export interface HpkeAeadSpec {
  readonly id: number
  readonly name: string
  readonly keyLength: number
  readonly nonceLength: number
  readonly tagLength: number
  readonly cipher: (
    key: Uint8Array,
    nonce: Uint8Array,
    aad: Uint8Array,
  ) => { encrypt(pt: Uint8Array): Uint8Array; decrypt(ct: Uint8Array): Uint8Array }
}

export const AEAD_SPECS: Readonly<Record<number, HpkeAeadSpec>> = Object.freeze({
  0x0001: {
    id: 0x0001,
    name: 'AES-128-GCM',
    keyLength: 16,
    nonceLength: 12,
    tagLength: 16,
    cipher: gcm,
  },
  0x0003: {
    id: 0x0003,
    name: 'ChaCha20-Poly1305',
    keyLength: 32,
    nonceLength: 12,
    tagLength: 16,
    cipher: chacha20poly1305,
  },
})

/** The secrets of an HPKE context, plus the intermediate values the RFC vectors list. */
export interface KeySchedule {
  readonly keyScheduleContext: Uint8Array
  readonly secret: Uint8Array
  readonly key: Uint8Array
  readonly baseNonce: Uint8Array
  readonly exporterSecret: Uint8Array
}

const MODE_BASE = 0x00
const EMPTY = new Uint8Array(0)

/** KeySchedule(mode_base, shared_secret, info, psk = "", psk_id = "") of §5.1. */
export function keyScheduleBase(
  sharedSecret: Uint8Array,
  info: Uint8Array,
  aead: HpkeAeadSpec,
): KeySchedule {
  const suite = hpkeSuiteId(KEM_ID, KDF_ID_HKDF_SHA256, aead.id)
  const pskIdHash = labeledExtract(suite, EMPTY, 'psk_id_hash', EMPTY)
  const infoHash = labeledExtract(suite, EMPTY, 'info_hash', info)
  const keyScheduleContext = concatBytes(new Uint8Array([MODE_BASE]), pskIdHash, infoHash)
  const secret = labeledExtract(suite, sharedSecret, 'secret', EMPTY)
  return {
    keyScheduleContext,
    secret,
    key: labeledExpand(suite, secret, 'key', keyScheduleContext, aead.keyLength),
    baseNonce: labeledExpand(suite, secret, 'base_nonce', keyScheduleContext, aead.nonceLength),
    exporterSecret: labeledExpand(suite, secret, 'exp', keyScheduleContext, NH),
  }
}

/** ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn) (§5.2). */
export function computeNonce(baseNonce: Uint8Array, seq: number): Uint8Array {
  const nonce = baseNonce.slice()
  let v = seq
  for (let i = nonce.length - 1; i >= 0 && v > 0; i--) {
    nonce[i]! ^= v % 256
    v = Math.floor(v / 256)
  }
  return nonce
}

/** Export(exporter_context, L) = LabeledExpand(exporter_secret, "sec", exporter_context, L) (§5.3). */
export function exportSecret(
  aead: HpkeAeadSpec,
  exporterSecret: Uint8Array,
  exporterContext: Uint8Array,
  length: number,
): Uint8Array {
  const suite = hpkeSuiteId(KEM_ID, KDF_ID_HKDF_SHA256, aead.id)
  return labeledExpand(suite, exporterSecret, 'sec', exporterContext, length)
}
