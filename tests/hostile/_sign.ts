/**
 * Signs a bundle the way an older or hostile build tool would: no manifest checks at all, so the
 * device's own checks at install and run are what is under test.
 */
import { canonicalBytes } from '../../runtime/crypto/jcs.ts'
import { utf8Encode } from '../../runtime/crypto/bytes.ts'
import { writeBundle } from '../../runtime/bundle/format.ts'
import { bundleSignedMessage } from '../../runtime/bundle/signing.ts'
import type { PartnerKey } from '../../runtime/bundle/index.ts'

/** The bundle bytes of `manifest` + `code` (+ JSON `assets`), signed by `key`, unchecked. */
export function signUnchecked(
  manifest: unknown,
  code: string,
  key: PartnerKey,
  assets: Record<string, string> = {},
): Uint8Array {
  const manifestBytes = canonicalBytes(manifest)
  const codeBytes = utf8Encode(code)
  const parts = Object.keys(assets)
    .sort()
    .map((name) => ({ name, bytes: utf8Encode(assets[name]!) }))
  const message = bundleSignedMessage({
    manifestBytes,
    code: codeBytes,
    assets: parts,
    expiresAt: undefined,
  })
  return writeBundle({
    manifestBytes,
    code: codeBytes,
    assets: parts,
    signature: {
      alg: 'ed25519',
      keyId: key.keyId,
      publicKey: key.publicKey.signingPublic,
      sig: key.sign(message),
    },
  })
}
