/**
 * The crypto layer's public names. Everything here is platform-neutral; Node fast paths
 * (`node-native` XChaCha20-Poly1305 and scrypt) are found at call time, never imported statically.
 */

export {
  AeadAuthError,
  HpkeContextError,
  InvalidPublicKeyError,
  WrongPassphraseError,
} from './errors.ts'

export { concatBytes, equalBytes, fromHex, toHex, utf8Decode, utf8Encode, wipe } from './bytes.ts'
export { randomBytes } from './random.ts'

export {
  defaultXChaCha,
  nobleXChaCha,
  nodeNativeXChaCha,
  XCHACHA_KEY_LENGTH,
  XCHACHA_NONCE_LENGTH,
  XCHACHA_TAG_LENGTH,
  type XChaChaAead,
} from './xchacha.ts'

export {
  ED25519_PUBLIC_KEY_LENGTH,
  ED25519_SECRET_KEY_LENGTH,
  ED25519_SIGNATURE_LENGTH,
  generateSigningKeyPair,
  isValidSigningPublicKey,
  sign,
  signingPublicKey,
  verify,
  type SigningKeyPair,
} from './ed25519.ts'

export {
  deriveHpkeKeyPair,
  generateHpkeKeyPair,
  HPKE_AEAD,
  HPKE_KDF_ID,
  HPKE_KEM_ID,
  hpkePublicKey,
  HpkeRecipientContext,
  HpkeSenderContext,
  openBase,
  sealBase,
  setupBaseRecipient,
  setupBaseSender,
  type HpkeAeadId,
  type HpkeKeyPair,
  type HpkeOptions,
} from './hpke.ts'

export {
  checkScryptParams,
  DEFAULT_SCRYPT_LIMITS,
  DEFAULT_SCRYPT_PARAMS,
  defaultScrypt,
  deriveWrappingKey,
  KDF_SALT_LENGTH,
  nobleScrypt,
  nodeNativeScrypt,
  TEST_SCRYPT_PARAMS,
  unwrapKey,
  wrapKey,
  WRAPPED_KEY_LENGTH,
  WRAPPING_KEY_LENGTH,
  type DeriveOptions,
  type ScryptKdf,
  type ScryptLimits,
  type ScryptParams,
} from './kdf.ts'

export { canonicalBytes, canonicalize, JCS_MAX_DEPTH } from './jcs.ts'
