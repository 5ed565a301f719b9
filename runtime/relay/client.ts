/**
 * The relay client: fetch only, so it runs in browsers, Workers and Node alike. Every call is
 * idempotent on the relay's side (envelopes by id, pushes by id, bundles by digest, acks settle
 * once), so the client retries network failures and 408/429/5xx with exponential backoff and
 * jitter, signing each attempt afresh (a new nonce: a retry is never refused as a replay).
 *
 * Partners use `PartnerRelayClient` (publish, withdraw, pull the inbox, ack, push, statements);
 * devices use `DeviceRelayClient`, which pins the operator's key: the directory must be signed by
 * it, never older than the last one seen (rollback), never expired (freeze), never two contents
 * for one version (mix-and-match); bundles must be signed by the directory's key for their partner
 * byte for byte; receipts must be the operator's, for exactly the envelope posted.
 *
 * @example
 * const partner = new PartnerRelayClient({ url, key, operatorKey })
 * for (const item of await partner.pullInbox()) await openEnvelope(item.envelope, secret)
 */

import { readBundle } from '../bundle/format.ts'
import { bundleDigest, bundleSignedMessage } from '../bundle/signing.ts'
import { sha256 } from '@noble/hashes/sha2.js'
import { equalBytes, fromHex, toHex, utf8Decode, utf8Encode } from '../crypto/bytes.ts'
import { verify } from '../crypto/ed25519.ts'
import { canonicalize } from '../crypto/jcs.ts'
import { randomUuid } from '../consent/record.ts'
import type { SealedEnvelope } from '../delivery/envelope.ts'
import { sealPush } from '../delivery/push_envelope.ts'
import { RelayError, RelayTrustError, RelayUnreachableError } from './errors.ts'
import {
  envelopeDigest,
  signRequest,
  verifyDocument,
  type AckOutcome,
  type AdmissionResult,
  type CallerKey,
  type Directory,
  type DirectoryPartner,
  type EnvelopeReceipt,
  type InboxItem,
  type Offer,
  type PartnerAdmission,
  type PartnerStatement,
  type Problem,
  type PushItem,
  type SignedDocument,
} from './protocol.ts'

/** Something that signs: a `PartnerKey` or a `PseudonymKey`. */
export interface RequestSigner {
  sign(message: Uint8Array): Uint8Array
}

/** Options shared by both clients. */
export interface RelayClientOptions {
  /** The relay's base URL, e.g. `https://relay.example` (no trailing path). */
  readonly url: string
  /** The fetch to use (default `globalThis.fetch`). */
  readonly fetch?: typeof fetch
  /** Retries after the first attempt (default 4). */
  readonly retries?: number
  /** First backoff in ms, doubled each retry, with up to 50% jitter (default 100). */
  readonly backoffMs?: number
  readonly clock?: () => number
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504])

/** The transport both clients share. */
class RelayTransport {
  readonly #base: string
  readonly #fetch: typeof fetch
  readonly #retries: number
  readonly #backoff: number
  readonly clock: () => number

  constructor(o: RelayClientOptions) {
    if (typeof o?.url !== 'string' || !/^https?:\/\//.test(o.url))
      throw new TypeError('options.url must be an http(s) URL')
    this.#base = o.url.replace(/\/+$/, '')
    this.#fetch = o.fetch ?? globalThis.fetch.bind(globalThis)
    this.#retries = o.retries ?? 4
    this.#backoff = o.backoffMs ?? 100
    this.clock = o.clock ?? Date.now
  }

  /** One call, retried; returns the response of a 2xx, throws RelayError on a problem. */
  async call(
    method: string,
    path: string,
    options: {
      body?: Uint8Array | object
      contentType?: string
      signer?: { key: CallerKey; signer: RequestSigner }
    } = {},
  ): Promise<Response> {
    const body =
      options.body === undefined
        ? new Uint8Array(0)
        : options.body instanceof Uint8Array
          ? options.body
          : utf8Encode(JSON.stringify(options.body))
    const contentType =
      options.contentType ??
      (options.body instanceof Uint8Array ? 'application/octet-stream' : 'application/json')
    let lastError: unknown
    for (let attempt = 0; attempt <= this.#retries; attempt++) {
      if (attempt > 0) {
        const wait = this.#backoff * 2 ** (attempt - 1)
        await new Promise((r) => setTimeout(r, wait + Math.random() * wait * 0.5))
      }
      const headers: Record<string, string> = {}
      if (options.body !== undefined) headers['content-type'] = contentType
      if (options.signer) {
        Object.assign(
          headers,
          signRequest(options.signer.signer, options.signer.key, method, path, body, this.clock()),
        )
      }
      let res: Response
      try {
        res = await this.#fetch(this.#base + path, {
          method,
          headers,
          ...(options.body !== undefined ? { body: body.slice() } : {}),
        })
      } catch (e) {
        lastError = e
        continue
      }
      if (res.ok) return res
      const problem = await readProblem(res)
      if (RETRY_STATUS.has(res.status)) {
        lastError = new RelayError(problem)
        continue
      }
      throw new RelayError(problem)
    }
    if (lastError instanceof RelayError) throw lastError
    throw new RelayUnreachableError(
      `the relay at ${this.#base} did not answer after ${this.#retries + 1} attempts`,
      { cause: lastError },
    )
  }

  async json<T>(...args: Parameters<RelayTransport['call']>): Promise<T> {
    return (await (await this.call(...args)).json()) as T
  }
}

async function readProblem(res: Response): Promise<Problem> {
  try {
    const p = (await res.json()) as Partial<Problem>
    if (typeof p.code === 'string' && p.code.startsWith('SEALPOST_')) {
      return {
        type: String(p.type),
        title: String(p.title),
        status: res.status,
        code: p.code,
        ...(p.detail ? { detail: String(p.detail) } : {}),
      }
    }
  } catch {
    // not a problem body: described below by its status
  }
  return {
    type: 'about:blank',
    title: res.statusText || 'error',
    status: res.status,
    code: 'SEALPOST_RELAY_HTTP_ERROR',
  }
}

function checkedDocument<T>(
  doc: unknown,
  type: 'receipt' | 'statement' | 'directory',
  operatorKey: Uint8Array,
): T {
  if (!verifyDocument(doc, type, operatorKey)) {
    throw new RelayTrustError(
      'SEALPOST_RELAY_BAD_SIGNATURE',
      `the relay's ${type} is not signed by the pinned operator key`,
    )
  }
  return (doc as SignedDocument<T>).body
}

// ---- partners ----------------------------------------------------------------------------------

/** A partner's key, as the client needs it (`PartnerKey` fits). */
export interface PartnerSigner extends RequestSigner {
  readonly partnerId: string
}

/** Options of `PartnerRelayClient`. */
export interface PartnerClientOptions extends RelayClientOptions {
  readonly key: PartnerSigner
  /**
   * The operator's public key, to verify receipts and statements. Without it they are taken as
   * served (publishing and pulling need no operator signature).
   */
  readonly operatorKey?: Uint8Array
}

/** A partner's calls to the relay; see the module comment. */
export class PartnerRelayClient {
  readonly #t: RelayTransport
  readonly #key: PartnerSigner
  readonly #operator: Uint8Array | undefined

  constructor(options: PartnerClientOptions) {
    this.#t = new RelayTransport(options)
    this.#key = options.key
    this.#operator = options.operatorKey
  }

  /** Whether receipts and statements are checked against a pinned operator key. */
  get verifies(): boolean {
    return this.#operator !== undefined
  }

  #document<T>(doc: unknown, type: 'receipt' | 'statement'): T {
    if (this.#operator) return checkedDocument<T>(doc, type, this.#operator)
    return (doc as SignedDocument<T>).body
  }

  get #signer(): { key: CallerKey; signer: RequestSigner } {
    return { key: { kind: 'partner', id: this.#key.partnerId }, signer: this.#key }
  }

  /** Publishes a signed bundle file; publishing the same bytes again is a no-op. */
  publish(bundle: Uint8Array): Promise<Offer> {
    return this.#t.json('POST', '/v1/bundles', { body: bundle, signer: this.#signer })
  }

  /** Withdraws one of the partner's bundles. */
  withdraw(digest: string): Promise<Offer> {
    return this.#t.json('DELETE', `/v1/bundles/${encodeURIComponent(digest)}`, {
      signer: this.#signer,
    })
  }

  /** Leases up to `limit` envelopes from the inbox; ack them before the lease ends. */
  async pullInbox(limit?: number): Promise<InboxItem[]> {
    const r = await this.#t.json<{ items: InboxItem[] }>('POST', '/v1/inbox/pull', {
      body: limit === undefined ? {} : { limit },
      signer: this.#signer,
    })
    return r.items
  }

  /** Acknowledges envelopes; returns the verified receipts and the ids the relay did not know. */
  async ack(
    acks: readonly { id: string; outcome: AckOutcome }[],
  ): Promise<{ receipts: EnvelopeReceipt[]; unknown: string[] }> {
    const r = await this.#t.json<{ receipts: unknown[]; unknown: string[] }>(
      'POST',
      '/v1/inbox/ack',
      {
        body: { acks },
        signer: this.#signer,
      },
    )
    return {
      receipts: r.receipts.map((d) => this.#document<EnvelopeReceipt>(d, 'receipt')),
      unknown: r.unknown,
    }
  }

  /**
   * Pushes signed records (`signPush`) to a pseudonym that wrote to this partner, sealed to the
   * pseudonym first: the relay carries ciphertext only.
   */
  async push(pseudonym: string, push: object, id: string = randomUuid()): Promise<{ id: string }> {
    const sealed = await sealPush(push, { id, partnerId: this.#key.partnerId, pseudonym })
    return this.#t.json('POST', '/v1/pushes', {
      body: { id, pseudonym, sealed },
      signer: this.#signer,
    })
  }

  /** The operator-signed statement for `year`, verified. */
  async statement(year: number): Promise<PartnerStatement> {
    const doc = await this.#t.json<unknown>('GET', `/v1/statements/${year}`, {
      signer: this.#signer,
    })
    const s = this.#document<PartnerStatement>(doc, 'statement')
    if (s.partnerId !== this.#key.partnerId || s.year !== year) {
      throw new RelayTrustError(
        'SEALPOST_RELAY_BAD_SIGNATURE',
        'the statement is for another partner or year',
      )
    }
    return s
  }
}

// ---- devices -----------------------------------------------------------------------------------

/** What a device remembers of the directory between syncs (persist it with the vault). */
export interface DirectoryPin {
  readonly version: number
  /** hex SHA-256 of the directory's canonical JSON, so a same-version swap is seen. */
  readonly digest: string
}

/** A pseudonym key, as the client needs it (`PseudonymKey` fits). */
export interface PseudonymSigner extends RequestSigner {
  readonly pseudonym: string
}

/** Options of `DeviceRelayClient`. */
export interface DeviceClientOptions extends RelayClientOptions {
  /** The operator's pinned public key (32 bytes). */
  readonly operatorKey: Uint8Array
  /** The directory last seen, to refuse rollback and mix-and-match. */
  readonly pin?: DirectoryPin
}

/** A device's calls to the relay; see the module comment. */
export class DeviceRelayClient {
  readonly #t: RelayTransport
  readonly #operator: Uint8Array
  #pin: DirectoryPin | undefined
  #directory: Directory | undefined

  constructor(options: DeviceClientOptions) {
    if (!(options.operatorKey instanceof Uint8Array) || options.operatorKey.length !== 32)
      throw new RangeError('options.operatorKey must be 32 bytes')
    this.#t = new RelayTransport(options)
    this.#operator = options.operatorKey
    this.#pin = options.pin
  }

  /** The directory pin to persist after a sync. */
  get pin(): DirectoryPin | undefined {
    return this.#pin
  }

  /** Fetches and checks the directory (signature, rollback, freeze, mix-and-match). */
  async directory(): Promise<Directory> {
    const doc = await this.#t.json<unknown>('GET', '/v1/directory')
    const d = checkedDocument<Directory>(doc, 'directory', this.#operator)
    if (
      d.format !== 'sealpost-directory-v1' ||
      !Number.isSafeInteger(d.version) ||
      !Array.isArray(d.partners)
    ) {
      throw new RelayTrustError(
        'SEALPOST_RELAY_BAD_SIGNATURE',
        'the directory is not a sealpost-directory-v1',
      )
    }
    const digest = toHex(sha256(utf8Encode(canonicalize(d))))
    if (this.#pin && d.version < this.#pin.version) {
      throw new RelayTrustError(
        'SEALPOST_DIRECTORY_ROLLBACK',
        `directory version ${d.version} is older than ${this.#pin.version}, seen before`,
      )
    }
    if (this.#pin && d.version === this.#pin.version && digest !== this.#pin.digest) {
      throw new RelayTrustError(
        'SEALPOST_DIRECTORY_MISMATCH',
        `two different directories claim version ${d.version}`,
      )
    }
    if (d.expiresAt <= this.#t.clock()) {
      throw new RelayTrustError(
        'SEALPOST_DIRECTORY_EXPIRED',
        `the directory expired at ${new Date(d.expiresAt).toISOString()} (a frozen relay?)`,
      )
    }
    this.#pin = { version: d.version, digest }
    this.#directory = d
    return d
  }

  async #partner(partnerId: string): Promise<DirectoryPartner | undefined> {
    const d = this.#directory ?? (await this.directory())
    return d.partners.find((p) => p.id === partnerId)
  }

  /** Offers of admitted partners (withdrawn ones included, with `withdrawnAt`). */
  async offers(): Promise<Offer[]> {
    const r = await this.#t.json<{ offers: Offer[] }>('GET', '/v1/bundles')
    const d = this.#directory ?? (await this.directory())
    const admitted = new Set(d.partners.map((p) => p.id))
    return r.offers.filter((o) => admitted.has(o.partnerId))
  }

  /**
   * Downloads an offer's bundle and checks every byte: the container, the signature by the
   * directory's key for that partner, and the digest asked for. Install still verifies it fully.
   */
  async downloadBundle(offer: Pick<Offer, 'digest' | 'partnerId'>): Promise<Uint8Array> {
    const partner = await this.#partner(offer.partnerId)
    if (!partner)
      throw new RelayTrustError(
        'SEALPOST_BUNDLE_MISMATCH',
        `${offer.partnerId} is not in the directory`,
      )
    const res = await this.#t.call('GET', `/v1/bundles/${encodeURIComponent(offer.digest)}`)
    const bytes = new Uint8Array(await res.arrayBuffer())
    const bad = (why: string): never => {
      throw new RelayTrustError('SEALPOST_BUNDLE_MISMATCH', `bundle ${offer.digest}: ${why}`)
    }
    let parsed
    try {
      parsed = readBundle(bytes)
    } catch (e) {
      return bad((e as Error).message)
    }
    const sig = parsed.signature
    const key = fromHex(partner.signingPublic)
    if (sig.keyId !== partner.keyId || !equalBytes(sig.publicKey, key))
      bad(`not signed with ${partner.id}'s directory key`)
    const message = bundleSignedMessage({ ...parsed, expiresAt: sig.expiresAt })
    if (!verify(key, message, sig.sig)) bad('the signature does not verify')
    if (bundleDigest(message) !== offer.digest) bad('its digest is not the one offered')
    let manifestPartner: unknown
    try {
      manifestPartner = (
        JSON.parse(utf8Decode(parsed.manifestBytes)) as { partner?: { id?: unknown } }
      ).partner?.id
    } catch {
      bad('the manifest is not JSON')
    }
    if (manifestPartner !== partner.id) bad('the manifest names another partner')
    return bytes
  }

  /** The directory's public key file fields for a partner (to trust it in the vault). */
  async partnerKey(partnerId: string): Promise<DirectoryPartner | undefined> {
    return this.#partner(partnerId)
  }

  #device(key: PseudonymSigner): { key: CallerKey; signer: RequestSigner } {
    return { key: { kind: 'pseudonym', pseudonym: key.pseudonym }, signer: key }
  }

  #receipt(doc: unknown, key: PseudonymSigner): EnvelopeReceipt {
    const r = checkedDocument<EnvelopeReceipt>(doc, 'receipt', this.#operator)
    if (r.pseudonym !== key.pseudonym)
      throw new RelayTrustError('SEALPOST_RELAY_BAD_SIGNATURE', 'a receipt for another pseudonym')
    return r
  }

  /** Posts a sealed envelope (a retry is harmless); returns the operator's verified receipt. */
  async postEnvelope(
    key: PseudonymSigner,
    envelope: SealedEnvelope,
    billable: boolean,
  ): Promise<EnvelopeReceipt> {
    const doc = await this.#t.json<unknown>('POST', '/v1/envelopes', {
      body: { envelope, billable },
      signer: this.#device(key),
    })
    const r = this.#receipt(doc, key)
    if (
      r.envelopeId !== envelope.id ||
      r.envelopeDigest !== envelopeDigest(envelope) ||
      r.billable !== billable
    ) {
      throw new RelayTrustError(
        'SEALPOST_RELAY_BAD_SIGNATURE',
        `the receipt is not for envelope ${envelope.id} as posted`,
      )
    }
    return r
  }

  /** Receipts of the pseudonym's envelopes: queued ones, and those settled since `since`. */
  async receipts(key: PseudonymSigner, since = 0): Promise<EnvelopeReceipt[]> {
    const r = await this.#t.json<{ receipts: unknown[] }>('GET', `/v1/receipts?since=${since}`, {
      signer: this.#device(key),
    })
    return r.receipts.map((d) => this.#receipt(d, key))
  }

  /** Withdraws an envelope not yet delivered; the receipt says what became of it. */
  async withdrawEnvelope(key: PseudonymSigner, envelopeId: string): Promise<EnvelopeReceipt> {
    const doc = await this.#t.json<unknown>(
      'DELETE',
      `/v1/envelopes/${encodeURIComponent(envelopeId)}`,
      {
        signer: this.#device(key),
      },
    )
    return this.#receipt(doc, key)
  }

  /** Pushes waiting for the pseudonym, sealed (`openPush`, then verify with the trust store). */
  async pushes(key: PseudonymSigner): Promise<PushItem[]> {
    return (
      await this.#t.json<{ items: PushItem[] }>('GET', '/v1/pushes', { signer: this.#device(key) })
    ).items
  }

  /** Acknowledges received pushes: the relay deletes them. */
  async ackPushes(key: PseudonymSigner, ids: readonly string[]): Promise<number> {
    const r = await this.#t.json<{ deleted: number }>('POST', '/v1/pushes/ack', {
      body: { ids },
      signer: this.#device(key),
    })
    return r.deleted
  }
}

// ---- admissions ---------------------------------------------------------------------------------

/** What `submitAdmission` learned: the relay's answer, and whether this call applied it. */
export interface SubmittedAdmission extends AdmissionResult {
  /** False when the relay had applied this very admission before (a retry after a lost answer). */
  readonly applied: boolean
}

/**
 * Posts an operator-signed admission (`relay partner admit`) to the relay. The relay refuses a
 * document it applied before; when it does and its directory (verified against `operatorKey`
 * when given) already carries the partner under this key, that is reported as `applied: false`
 * rather than thrown, so a retried submission is not an error.
 */
export async function submitAdmission(
  options: RelayClientOptions & { readonly operatorKey?: Uint8Array },
  admission: SignedDocument<PartnerAdmission>,
): Promise<SubmittedAdmission> {
  const t = new RelayTransport(options)
  try {
    const r = await t.json<AdmissionResult>('POST', '/v1/partners', { body: admission })
    return { ...r, applied: true }
  } catch (e) {
    if (!(e instanceof RelayError) || e.problem.code !== 'SEALPOST_ADMISSION_REPLAYED') throw e
    const doc = await t.json<SignedDocument<Directory>>('GET', '/v1/directory')
    const d = options.operatorKey
      ? checkedDocument<Directory>(doc, 'directory', options.operatorKey)
      : doc.body
    const a = admission.body
    const listed = d.partners.find((p) => p.id === a.partnerId)
    if (listed?.keyId !== a.keyId || listed.signingPublic !== a.signingPublic) throw e
    return { partnerId: a.partnerId, keyId: a.keyId, directoryVersion: d.version, applied: false }
  }
}
