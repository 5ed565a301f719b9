/** RFC 9180 §4 building blocks: I2OSP, suite ids and the labeled HKDF-SHA256 extract/expand. */

import { extract, expand } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8Encode } from './bytes.ts'

/** HKDF-SHA256 output size (Nh). */
export const NH = 32

const HPKE_V1 = utf8Encode('HPKE-v1')

/** Big-endian encoding of a non-negative integer `n` into `length` bytes (RFC 8017 I2OSP). */
export function i2osp(n: number, length: number): Uint8Array {
  const out = new Uint8Array(length)
  let v = n
  for (let i = length - 1; i >= 0 && v > 0; i--) {
    out[i] = v % 256
    v = Math.floor(v / 256)
  }
  return out
}

/** `"KEM" || I2OSP(kem_id, 2)` (§4.1). */
export function kemSuiteId(kemId: number): Uint8Array {
  return concatBytes(utf8Encode('KEM'), i2osp(kemId, 2))
}

/** `"HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2)` (§5.1). */
export function hpkeSuiteId(kemId: number, kdfId: number, aeadId: number): Uint8Array {
  return concatBytes(utf8Encode('HPKE'), i2osp(kemId, 2), i2osp(kdfId, 2), i2osp(aeadId, 2))
}

/** LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm). */
export function labeledExtract(
  suiteId: Uint8Array,
  salt: Uint8Array,
  label: string,
  ikm: Uint8Array,
): Uint8Array {
  const labeledIkm = concatBytes(HPKE_V1, suiteId, utf8Encode(label), ikm)
  try {
    return extract(sha256, labeledIkm, salt)
  } finally {
    labeledIkm.fill(0)
  }
}

/** LabeledExpand(prk, label, info, L) = Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L). */
export function labeledExpand(
  suiteId: Uint8Array,
  prk: Uint8Array,
  label: string,
  info: Uint8Array,
  length: number,
): Uint8Array {
  const labeledInfo = concatBytes(i2osp(length, 2), HPKE_V1, suiteId, utf8Encode(label), info)
  return expand(sha256, prk, labeledInfo, length)
}
