/**
 * The device's tamper-evident audit log (docs/contracts.md "Consent"): append-only entries, each naming the
 * hash of the one before, hash = SHA-256 of the RFC 8785 canonical JSON of the entry without its
 * hash. `verifyLog` finds any edit, removal, insertion or reordering and reports the first bad seq.
 * Entries are stored in segments so an append rewrites one small document, not the whole log.
 *
 * @example
 * const log = new AuditLog(store)
 * await log.append('run', { bundleId, bundleDigest, scopeDigest, bits }, Date.now())
 * verifyLog(await log.entries()) // { ok: true, … }
 */

import { concatBytes, fromHex, toHex, utf8Encode } from '../crypto/bytes.ts'
import { verify as verifySignature } from '../crypto/ed25519.ts'
import { canonicalBytes, canonicalize } from '../crypto/jcs.ts'
import { sha256Hex } from '../digest.ts'
import type { DocStore } from '../consent/types.ts'
import { AuditLogBrokenError } from './errors.ts'

/** What an entry records. */
export type AuditKind = 'install' | 'trust' | 'consent' | 'revoke' | 'run' | 'delivery' | 'refusal'

/** Every kind, in the order the design lists them. */
export const AUDIT_KINDS: readonly AuditKind[] = Object.freeze([
  'install',
  'trust',
  'consent',
  'revoke',
  'run',
  'delivery',
  'refusal',
])

/** Facts of an entry, plain JSON; these keys have fixed meanings across kinds. */
export interface AuditDetails {
  readonly [key: string]: unknown
  readonly partner?: string
  readonly bundleId?: string
  readonly bundleDigest?: string
  readonly scopeDigest?: string
  readonly outputDigest?: string
  readonly contractDigest?: string
  readonly bits?: number
  readonly mode?: string
}

/** One hash-chained entry. */
export interface AuditEntry {
  /** 1, 2, 3, … with no gaps. */
  readonly seq: number
  /** ms since epoch */
  readonly time: number
  readonly kind: AuditKind
  readonly details: AuditDetails
  /** `hash` of the previous entry; GENESIS_HASH for the first. */
  readonly prevHash: string
  /** SHA-256 hex of the canonical JSON of { seq, time, kind, details, prevHash }. */
  readonly hash: string
}

/** The previous hash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64)

/** The result of a verification: ok with the head, or the first bad seq and why. */
export type LogVerification =
  | {
      readonly ok: true
      readonly count: number
      readonly head: string
      /** Hex Ed25519 key of the device whose signature on the head checked, when it was signed. */
      readonly signedBy?: string
    }
  | { readonly ok: false; readonly seq: number; readonly reason: string }

/**
 * The log's head as the device signed it: whoever rewrites the log (drops entries, recomputes the
 * hashes) cannot make a head that this device's key signed.
 */
export interface SignedHead {
  readonly seq: number
  readonly hash: string
  /** Hex Ed25519 public key of the device. */
  readonly devicePublicKey: string
  /** Hex Ed25519 signature over `headMessage(seq, hash)`. */
  readonly signature: string
}

/** What signs heads (the runtime passes the device key, `DeviceSigner`). */
export interface HeadSigner {
  readonly publicKey: Uint8Array
  sign(message: Uint8Array): Uint8Array
  dispose?(): void
}

const HEAD_CONTEXT = utf8Encode('sealpost audit head v1\n')

/** The bytes a head signature covers: a context string and the JCS of `{ seq, hash }`. */
export function headMessage(seq: number, hash: string): Uint8Array {
  return concatBytes(HEAD_CONTEXT, canonicalBytes({ seq, hash }))
}

/** Whether `head` carries a valid signature (by `devicePublicKey`, hex or bytes, when given). */
export function verifyHeadSignature(
  head: SignedHead,
  devicePublicKey?: Uint8Array | string,
): boolean {
  try {
    if (devicePublicKey !== undefined) {
      const want =
        typeof devicePublicKey === 'string' ? devicePublicKey.toLowerCase() : toHex(devicePublicKey)
      if (want !== head.devicePublicKey.toLowerCase()) return false
    }
    return verifySignature(
      fromHex(head.devicePublicKey),
      headMessage(head.seq, head.hash),
      fromHex(head.signature),
    )
  } catch {
    return false
  }
}

/** The hash an entry must carry. */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, time, kind, details, prevHash } = entry
  return sha256Hex(canonicalize({ seq, time, kind, details, prevHash }))
}

/** Options of `verifyLog`. */
export interface VerifyLogOptions {
  /** Where the log must end; a signed head's signature is checked too. */
  readonly head?: { readonly seq: number; readonly hash: string } | SignedHead
  /** The device key the head must be signed by (then an unsigned head fails). */
  readonly devicePublicKey?: Uint8Array | string
}

/**
 * Checks the chain: seq i+1 at position i, each prevHash the hash before, each hash recomputed.
 * With `head`, also that the log ends there (a truncated tail is otherwise invisible); a signed
 * head must carry a valid device signature, and with `devicePublicKey`, that device's.
 */
export function verifyLog(
  entries: readonly AuditEntry[],
  options: VerifyLogOptions = {},
): LogVerification {
  if (!Array.isArray(entries)) throw new TypeError('entries must be an array')
  let prev = GENESIS_HASH
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    const seq = i + 1
    if (typeof e !== 'object' || e === null) return { ok: false, seq, reason: 'not an entry' }
    if (e.seq !== seq) {
      return {
        ok: false,
        seq,
        reason: `expected entry ${seq}, found ${String(e.seq)} (removed, inserted or reordered)`,
      }
    }
    if (e.prevHash !== prev)
      return { ok: false, seq, reason: 'does not follow the entry before it' }
    if (!AUDIT_KINDS.includes(e.kind))
      return { ok: false, seq, reason: `unknown kind ${String(e.kind)}` }
    let hash: string
    try {
      hash = entryHash(e)
    } catch {
      return { ok: false, seq, reason: 'holds data JSON cannot represent' }
    }
    if (hash !== e.hash) return { ok: false, seq, reason: 'its contents were changed' }
    prev = hash
  }
  const head = options.head
  if (head && (head.seq !== entries.length || head.hash !== prev)) {
    return {
      ok: false,
      seq: Math.min(head.seq, entries.length + 1),
      reason: `the log should end at entry ${head.seq}; entries are missing or were added`,
    }
  }
  const signed = head && 'signature' in head ? (head as SignedHead) : undefined
  if (options.devicePublicKey !== undefined && !signed) {
    return { ok: false, seq: entries.length, reason: 'the head is not signed by the device' }
  }
  if (signed && !verifyHeadSignature(signed, options.devicePublicKey)) {
    return {
      ok: false,
      seq: entries.length,
      reason:
        options.devicePublicKey === undefined
          ? 'the head signature does not check: the log was rewritten'
          : 'the head is not signed by this device: the log was rewritten',
    }
  }
  return {
    ok: true,
    count: entries.length,
    head: prev,
    ...(signed ? { signedBy: signed.devicePublicKey.toLowerCase() } : {}),
  }
}

/** Options of `AuditLog`. */
export interface AuditLogOptions {
  /** Entries per stored segment (default 256). */
  readonly segmentSize?: number
  /** Signs the head on every append (the runtime passes the device key); disposed after use. */
  readonly signer?: () => Promise<HeadSigner>
}

interface Head {
  seq: number
  hash: string
  segmentSize: number
  devicePublicKey?: string
  signature?: string
}

const HEAD_DOC = 'audit/head'
const segmentDoc = (n: number): string => `audit/segment/${n}`

/** The append-only log of one vault, stored in DocStore segments. */
export class AuditLog {
  readonly #store: DocStore
  readonly #segmentSize: number
  readonly #signer: (() => Promise<HeadSigner>) | undefined
  #queue: Promise<unknown> = Promise.resolve()

  constructor(store: DocStore, options: AuditLogOptions = {}) {
    if (!store || typeof store.getDoc !== 'function')
      throw new TypeError('store must be a DocStore')
    const size = options.segmentSize ?? 256
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError('options.segmentSize must be an integer ≥ 1')
    this.#store = store
    this.#segmentSize = size
    this.#signer = options.signer
  }

  async #head(): Promise<Head> {
    return (
      (await this.#store.getDoc<Head>(HEAD_DOC)) ?? {
        seq: 0,
        hash: GENESIS_HASH,
        segmentSize: this.#segmentSize,
      }
    )
  }

  /** Appends an entry; `details` must be plain JSON (TypeError otherwise). */
  append(kind: AuditKind, details: AuditDetails, at: number): Promise<AuditEntry> {
    if (!AUDIT_KINDS.includes(kind))
      throw new RangeError(`kind must be one of ${AUDIT_KINDS.join(', ')}`)
    if (!Number.isFinite(at)) throw new RangeError('at must be ms since epoch')
    canonicalize(details) // throws TypeError on anything JSON cannot hold, before any write
    const run = this.#queue.then(async () => {
      const head = await this.#head()
      const body = { seq: head.seq + 1, time: at, kind, details, prevHash: head.hash }
      const entry: AuditEntry = { ...body, hash: entryHash(body) }
      const n = Math.floor((entry.seq - 1) / head.segmentSize)
      const segment = (await this.#store.getDoc<AuditEntry[]>(segmentDoc(n))) ?? []
      segment.push(entry)
      // Segment first, head second: a crash in between leaves an entry past the head, which
      // `verify` reports rather than silently accepting. (In the host runtime both are in one
      // commit with the step's other writes.)
      await this.#store.putDoc(segmentDoc(n), segment)
      const { devicePublicKey: _k, signature: _s, ...unsigned } = head
      await this.#store.putDoc(HEAD_DOC, {
        ...unsigned,
        seq: entry.seq,
        hash: entry.hash,
        ...(await this.#sign(entry.seq, entry.hash)),
      })
      return entry
    })
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #sign(
    seq: number,
    hash: string,
  ): Promise<{ devicePublicKey: string; signature: string } | Record<string, never>> {
    if (!this.#signer) return {}
    const signer = await this.#signer()
    try {
      return {
        devicePublicKey: toHex(signer.publicKey),
        signature: toHex(signer.sign(headMessage(seq, hash))),
      }
    } finally {
      signer.dispose?.()
    }
  }

  /** The stored head: `{ seq, hash }`, with the device signature once a signer has signed it. */
  async head(): Promise<{ readonly seq: number; readonly hash: string } | SignedHead> {
    await this.#queue
    const { seq, hash, devicePublicKey, signature } = await this.#head()
    return devicePublicKey !== undefined && signature !== undefined
      ? { seq, hash, devicePublicKey, signature }
      : { seq, hash }
  }

  /** Every entry, oldest first (optionally only those of `kind`). */
  async entries(kind?: AuditKind): Promise<AuditEntry[]> {
    await this.#queue
    const out: AuditEntry[] = []
    for (let n = 0; ; n++) {
      const segment = await this.#store.getDoc<AuditEntry[]>(segmentDoc(n))
      if (!segment) break
      out.push(...segment)
    }
    return kind === undefined ? out : out.filter((e) => e.kind === kind)
  }

  /** Verifies the stored chain against the stored head (and its device signature, when signed). */
  async verify(options: { devicePublicKey?: Uint8Array | string } = {}): Promise<LogVerification> {
    const head = await this.head()
    return verifyLog(await this.entries(), {
      head,
      ...(options.devicePublicKey !== undefined
        ? { devicePublicKey: options.devicePublicKey }
        : {}),
    })
  }

  /** Like `verify`, but throws AuditLogBrokenError naming the first bad entry. */
  async assertIntact(): Promise<void> {
    const v = await this.verify()
    if (!v.ok) throw new AuditLogBrokenError(v.seq, v.reason)
  }
}
