/**
 * The trust store: which partner keys this device trusts, which were revoked, and the highest
 * version installed per bundle id (rollback protection). In memory; `toJSON`/`fromJSON` let the
 * vault persist it encrypted with everything else.
 */

import { fromHex, toHex } from '../crypto/bytes.ts'
import { isValidEd25519PublicKey } from './_ed25519.ts'
import {
  KeyFileError,
  RevokedKeyError,
  RollbackError,
  UntrustedKeyError,
  VersionConflictError,
  WrongKeyError,
} from './errors.ts'
import { PARTNER_ID, keyIdOf } from './keys.ts'
import type { PartnerPublicKey } from './keys.ts'
import { compareSemver } from './semver.ts'
import type { VerifiedBundle } from './verify.ts'

/** A key in the store. */
export interface TrustedKey {
  readonly key: PartnerPublicKey
  readonly addedAt: number
  /** Set once revoked; revocation is permanent. */
  readonly revokedAt?: number
}

/** What `verifyBundle` needs from a trust store. */
export interface KeyLookup {
  lookup(keyId: string): TrustedKey | undefined
}

/** The highest version of a bundle id installed so far. */
export interface InstalledBundle {
  readonly version: string
  readonly digest: string
  readonly keyId: string
}

/** The persisted form (`TrustStore.toJSON`). */
export interface TrustStoreJson {
  readonly format: 1
  readonly keys: readonly {
    partnerId: string
    keyId: string
    signingPublic: string
    sealingPublic: string
    addedAt: number
    revokedAt?: number
  }[]
  readonly installed: Readonly<Record<string, InstalledBundle>>
}

/** Partner keys trusted on this device and the versions installed. */
export class TrustStore implements KeyLookup {
  #keys = new Map<string, TrustedKey>()
  #installed = new Map<string, InstalledBundle>()

  /** Trusts `key`. Adding the same key again is a no-op; a revoked key cannot come back. */
  add(key: PartnerPublicKey, now: number = Date.now()): void {
    const existing = this.#keys.get(key.keyId)
    if (existing) {
      if (existing.revokedAt !== undefined)
        throw new RevokedKeyError(key.keyId, existing.key.partnerId)
      if (
        existing.key.partnerId !== key.partnerId ||
        toHex(existing.key.sealingPublic) !== toHex(key.sealingPublic)
      ) {
        throw new KeyFileError(
          `key ${key.keyId} is already trusted with a different partner or sealing key`,
        )
      }
      return
    }
    if (keyIdOf(key.signingPublic) !== key.keyId)
      throw new KeyFileError('keyId does not match signingPublic')
    this.#keys.set(key.keyId, { key, addedAt: now })
  }

  /** Revokes a key for good; returns false if it was not in the store. */
  revoke(keyId: string, now: number = Date.now()): boolean {
    const existing = this.#keys.get(keyId)
    if (!existing) return false
    if (existing.revokedAt === undefined) this.#keys.set(keyId, { ...existing, revokedAt: now })
    return true
  }

  /** The entry for `keyId`, revoked or not. */
  lookup(keyId: string): TrustedKey | undefined {
    return this.#keys.get(keyId)
  }

  /** Every key, in the order added. */
  keys(): TrustedKey[] {
    return [...this.#keys.values()]
  }

  /** The installed version of `bundleId`, if any. */
  installed(bundleId: string): InstalledBundle | undefined {
    return this.#installed.get(bundleId)
  }

  /** Runs `installCheck` and records the bundle as the installed version of its id. */
  recordInstall(verified: VerifiedBundle): void {
    installCheck(verified, this)
    this.#installed.set(verified.manifest.id, {
      version: verified.manifest.version,
      digest: verified.digest,
      keyId: verified.keyId,
    })
  }

  /** Plain JSON for the vault. */
  toJSON(): TrustStoreJson {
    return {
      format: 1,
      keys: this.keys().map((t) => ({
        partnerId: t.key.partnerId,
        keyId: t.key.keyId,
        signingPublic: toHex(t.key.signingPublic),
        sealingPublic: toHex(t.key.sealingPublic),
        addedAt: t.addedAt,
        ...(t.revokedAt !== undefined ? { revokedAt: t.revokedAt } : {}),
      })),
      installed: Object.fromEntries(this.#installed),
    }
  }

  /** Restores a store from `toJSON` output, re-checking every key. */
  static fromJSON(json: unknown): TrustStore {
    const bad = (why: string): never => {
      throw new KeyFileError(`trust store: ${why}`)
    }
    if (typeof json !== 'object' || json === null) return bad('not an object')
    const j = json as Partial<TrustStoreJson>
    if (
      j.format !== 1 ||
      !Array.isArray(j.keys) ||
      typeof j.installed !== 'object' ||
      j.installed === null
    ) {
      return bad('not a format 1 trust store')
    }
    const store = new TrustStore()
    for (const k of j.keys) {
      const ok =
        typeof k.partnerId === 'string' &&
        PARTNER_ID.test(k.partnerId) &&
        /^[0-9a-f]{64}$/.test(String(k.signingPublic)) &&
        /^[0-9a-f]{64}$/.test(String(k.sealingPublic)) &&
        Number.isFinite(k.addedAt)
      if (!ok) return bad(`key ${String(k.keyId)} is malformed`)
      const signingPublic = fromHex(k.signingPublic)
      if (!isValidEd25519PublicKey(signingPublic) || keyIdOf(signingPublic) !== k.keyId) {
        return bad(`key ${String(k.keyId)} does not match its public key`)
      }
      const key = Object.freeze({
        partnerId: k.partnerId,
        keyId: k.keyId,
        signingPublic,
        sealingPublic: fromHex(k.sealingPublic),
      })
      store.#keys.set(k.keyId, {
        key,
        addedAt: k.addedAt,
        ...(k.revokedAt !== undefined ? { revokedAt: k.revokedAt } : {}),
      })
    }
    for (const [id, v] of Object.entries(j.installed)) {
      if (
        typeof v?.version !== 'string' ||
        typeof v.digest !== 'string' ||
        typeof v.keyId !== 'string'
      ) {
        return bad(`installed entry ${id} is malformed`)
      }
      store.#installed.set(id, { version: v.version, digest: v.digest, keyId: v.keyId })
    }
    return store
  }
}

/**
 * Whether `verified` may be installed now: its key still trusted and not revoked, its partner the
 * key's, and its version newer than the installed one (TUF rollback protection).
 */
export function installCheck(verified: VerifiedBundle, store: TrustStore): void {
  if (!verified.trusted) throw new UntrustedKeyError(verified.keyId)
  const entry = store.lookup(verified.keyId)
  if (!entry) throw new UntrustedKeyError(verified.keyId)
  if (entry.revokedAt !== undefined) throw new RevokedKeyError(verified.keyId, entry.key.partnerId)
  if (
    entry.key.partnerId !== verified.partnerId ||
    verified.manifest.partner.id !== entry.key.partnerId
  ) {
    throw new WrongKeyError(verified.manifest.partner.id, entry.key.partnerId, verified.keyId)
  }
  const installed = store.installed(verified.manifest.id)
  if (!installed) return
  const { id, version } = verified.manifest
  const order = compareSemver(version, installed.version)
  if (order === 0 && installed.digest !== verified.digest)
    throw new VersionConflictError(id, version)
  if (order <= 0) throw new RollbackError(id, version, installed.version)
  // A newer version signed by another partner's key would be a takeover of the id.
  const previous = store.lookup(installed.keyId)
  if (previous && previous.key.partnerId !== entry.key.partnerId) {
    const [from, to] = [previous.key.partnerId, entry.key.partnerId]
    throw new WrongKeyError(
      to,
      from,
      verified.keyId,
      `${id} belongs to partner '${from}', not '${to}'`,
    )
  }
}
