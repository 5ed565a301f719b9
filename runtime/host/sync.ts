/**
 * The device's sync with the relay (`runtime.sync()`, `sealpost sync VAULT --relay URL`):
 *
 *  1. fetch the operator-signed directory (pinned key; rollback, freeze and mix-and-match refused)
 *     and remember its version in the vault;
 *  2. withdraw from the relay the envelopes it may hold that revocation cancelled since: the
 *     relay decides a withdrawal racing the partner's ack in one transaction, and its signed
 *     receipt is the verdict; one the partner acknowledged first is marked delivered after all
 *     and billed here as the relay billed it (so the bills still agree);
 *  3. post every pending envelope under the person's pseudonym for its partner (a retry is
 *     harmless: the relay keys envelopes by id) — deletion requests as not billable; each is
 *     noted as possibly accepted before it is posted, so one whose answer was lost is still
 *     withdrawn if its consent is revoked before the next sync;
 *  4. collect the operator-signed receipts: delivered envelopes are marked and metered at the
 *     relay's delivery time (so the device's bill matches the relay's statement), deletion
 *     requests' receipts are the partner's deletion acks, unopenable / withdrawn / expired ones
 *     are returned;
 *  5. pull the partners' pushes, open them (sealed to the pseudonym), apply them (verified against the vault's trust store,
 *     triggers fire), and acknowledge them so the relay deletes them;
 *  6. list the offers, noting installed bundles their partner withdrew.
 */

import type { Offer } from '../relay/protocol.ts'
import { DeviceRelayClient, type DirectoryPin } from '../relay/client.ts'
import { RelayError } from '../relay/errors.ts'
import { fromHex } from '../crypto/bytes.ts'
import type { RunOutcome, SealpostRuntime } from './runtime.ts'
import type { SignedPush } from './push.ts'
import { openPush } from '../delivery/push_envelope.ts'

const STATE_DOC = 'relay/state'

/** Where the relay is, and the operator key the device pins. */
export interface RelaySettings {
  readonly url: string
  /** The operator's Ed25519 public key: 32 bytes or 64 hex digits. */
  readonly operatorKey: Uint8Array | string
  /** A fetch to use (default `globalThis.fetch`). */
  readonly fetch?: typeof fetch
  /** Retries per call (default 4). */
  readonly retries?: number
  /**
   * The wall clock that signs calls and judges the directory's expiry (default `Date.now`): the
   * relay checks signatures against its own time, whatever logical time the runtime runs at.
   */
  readonly clock?: () => number
}

/** What one sync did. */
export interface SyncReport {
  readonly directoryVersion: number
  readonly posted: number
  readonly delivered: number
  /** Deletion requests the partner acknowledged. */
  readonly deletionAcks: number
  readonly returned: number
  readonly withdrawn: number
  /** Calls that failed and will be retried at the next sync. */
  readonly failed: number
  readonly pushesApplied: number
  readonly pushesRefused: number
  /** The trigger runs the applied pushes fired (their envelopes go out at the next sync). */
  readonly triggered: readonly RunOutcome[]
  readonly offers: readonly Offer[]
  /** Installed bundle ids whose published version the partner withdrew. */
  readonly withdrawnBundles: readonly string[]
}

interface SyncState {
  readonly pin?: DirectoryPin
  /** Envelopes the relay accepted whose receipt has not settled yet: not posted again. */
  readonly accepted?: readonly string[]
  /** Envelopes posted without a known answer (the relay may hold them): posted again if pending. */
  readonly attempted?: readonly string[]
}

/** Syncs `rt`'s vault with the relay; see the module comment. */
export async function syncWithRelay(
  rt: SealpostRuntime,
  settings: RelaySettings,
  clock: () => number = Date.now,
): Promise<SyncReport> {
  const operatorKey =
    typeof settings.operatorKey === 'string' ? fromHex(settings.operatorKey) : settings.operatorKey
  const state = ((await rt.vault.getDoc(STATE_DOC)) ?? {}) as SyncState
  const client = new DeviceRelayClient({
    url: settings.url,
    operatorKey,
    clock: settings.clock ?? Date.now,
    ...(state.pin ? { pin: state.pin } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.retries !== undefined ? { retries: settings.retries } : {}),
  })
  const directory = await client.directory()
  const accepted = new Set(state.accepted ?? [])
  const attempted = new Set(state.attempted ?? [])
  const save = (): Promise<void> =>
    rt.vault.putDoc(STATE_DOC, {
      pin: client.pin,
      accepted: [...accepted],
      attempted: [...attempted],
    })
  const forget = (id: string): void => {
    accepted.delete(id)
    attempted.delete(id)
  }
  await save()

  let posted = 0
  let delivered = 0
  let deletionAcks = 0
  let returned = 0
  let withdrawn = 0
  let failed = 0
  const courier = rt.courier

  // A cancelled envelope the relay settled as delivered: the partner acknowledged it before the
  // withdrawal reached the relay. The relay's signed receipt is the verdict: billed here too.
  const deliveredAfterCancel = async (id: string, at: number, kind: string): Promise<void> => {
    await rt.delivered(id, at, { afterCancel: true })
    if (kind === 'deletion-request') deletionAcks++
    else delivered++
  }

  // 2: envelopes cancelled on revocation that the relay may hold are withdrawn from it.
  const partners = new Set<string>()
  for (const entry of await rt.outbox()) {
    const id = entry.envelope.id
    if (entry.status !== 'cancelled' || !(accepted.has(id) || attempted.has(id))) continue
    using key = await courier.pseudonymKeyFor(entry.meta.partnerId)
    try {
      const receipt = await client.withdrawEnvelope(key, id)
      forget(id)
      if (receipt.state === 'withdrawn') withdrawn++
      else if (receipt.state === 'delivered')
        await deliveredAfterCancel(id, receipt.settledAt ?? clock(), entry.meta.kind)
      // unopenable or expired: never billed, it stays cancelled here
    } catch (e) {
      if (e instanceof RelayError && e.code === 'SEALPOST_NOT_FOUND') forget(id)
      else failed++
    }
  }
  await save()

  // 3: post every pending envelope (deletion requests as not billable), each noted as possibly
  // accepted first (one vault write for the batch), so a lost answer is never a lost envelope.
  const toPost = (await rt.outbox({ pending: true })).filter((e) => !accepted.has(e.envelope.id))
  for (const entry of toPost) attempted.add(entry.envelope.id)
  if (toPost.length > 0) await save()
  for (const entry of await rt.outbox({ pending: true })) {
    const m = entry.meta
    partners.add(m.partnerId)
    if (accepted.has(entry.envelope.id)) continue
    using key = await courier.pseudonymKeyFor(m.partnerId)
    try {
      await client.postEnvelope(key, entry.envelope, m.kind !== 'deletion-request')
      accepted.add(entry.envelope.id)
      attempted.delete(entry.envelope.id)
      posted++
    } catch (e) {
      await rt.failed(entry.envelope.id, String((e as Error)?.message ?? e))
      failed++
    }
  }
  await save()

  // 4: receipts, per partner pseudonym (also of cancelled envelopes whose withdrawal failed).
  const cancelledHeld = new Map<string, string>()
  for (const e of await rt.outbox()) {
    if (e.status !== 'cancelled') continue
    if (!accepted.has(e.envelope.id) && !attempted.has(e.envelope.id)) continue
    cancelledHeld.set(e.envelope.id, e.meta.kind)
    partners.add(e.meta.partnerId)
  }
  for (const partnerId of partners) {
    using key = await courier.pseudonymKeyFor(partnerId)
    let receipts
    try {
      receipts = await client.receipts(key)
    } catch {
      failed++
      continue
    }
    for (const r of receipts) {
      if (r.state === 'queued') continue
      const cancelledKind = cancelledHeld.get(r.envelopeId)
      if (cancelledKind !== undefined) {
        forget(r.envelopeId)
        if (r.state === 'delivered')
          await deliveredAfterCancel(r.envelopeId, r.settledAt ?? clock(), cancelledKind)
        continue
      }
      forget(r.envelopeId)
      const entry = (await rt.outbox({ pending: true })).find((e) => e.envelope.id === r.envelopeId)
      if (!entry) continue
      if (r.state === 'delivered') {
        await rt.delivered(r.envelopeId, r.settledAt ?? clock())
        if (entry.meta.kind === 'deletion-request') deletionAcks++
        else delivered++
      } else {
        await rt.returned(r.envelopeId, r.state)
        returned++
      }
    }
  }
  await save()

  // 5: pushes, for every partner the person deals with.
  const installed = await rt.installed()
  for (const b of installed) partners.add(b.partnerId)
  let pushesApplied = 0
  let pushesRefused = 0
  const triggered: RunOutcome[] = []
  for (const partnerId of partners) {
    using key = await courier.pseudonymKeyFor(partnerId)
    const items = await client.pushes(key).catch(() => [])
    const done: string[] = []
    for (const item of items) {
      try {
        if (item.partnerId !== partnerId || item.sealed.from !== partnerId)
          throw new Error('a push from another partner')
        const push = (await openPush(item.sealed, key)) as SignedPush
        if (push.partnerId !== partnerId) throw new Error('a push signed by another partner')
        triggered.push(...(await rt.push(push)).triggered)
        pushesApplied++
      } catch {
        // Refused (untrusted key, bad signature, invalid records): logged by the runtime or
        // dropped here; acknowledged either way so the relay does not keep it.
        pushesRefused++
      }
      done.push(item.id)
    }
    if (done.length > 0) await client.ackPushes(key, done)
  }

  // 6: offers, and withdrawals of installed versions.
  const offers = await client.offers()
  const withdrawnDigests = new Set(
    offers.filter((o) => o.withdrawnAt !== undefined).map((o) => o.digest),
  )
  const withdrawnBundles = installed
    .filter((b) => withdrawnDigests.has(b.digest))
    .map((b) => b.manifest.id)

  return {
    directoryVersion: directory.version,
    posted,
    delivered,
    deletionAcks,
    returned,
    withdrawn,
    failed,
    pushesApplied,
    pushesRefused,
    triggered,
    offers,
    withdrawnBundles,
  }
}
