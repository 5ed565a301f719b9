/**
 * The relay in the runtime Worker: its settings (a vault document), the registry's offers (each
 * bundle downloaded and checked byte for byte against its partner's key in the operator-signed
 * directory before the runtime installs it), the outbox as a delivery list, and "sync now"
 * (`SealpostRuntime.sync`). Everything goes through the fetch-only client (`runtime/relay/`).
 */

import { fromHex } from '../../../runtime/crypto/bytes.ts'
import type { PartnerPublicKey } from '../../../runtime/bundle/index.ts'
import type { SealpostRuntime } from '../../../runtime/host/index.ts'
import { DeviceRelayClient, type DirectoryPin } from '../../../runtime/relay/index.ts'
import type { Vault } from '../../../runtime/vault/index.ts'
import type {
  DeliveryState,
  DeliveryView,
  RelayOfferView,
  RelaySettingsView,
  SyncView,
} from './host_api.ts'

const SETTINGS_DOC = 'web/relay'
/** The sync's own state (`runtime/host/sync.ts`): the directory pin and the envelopes accepted. */
const SYNC_STATE_DOC = 'relay/state'

interface SyncState {
  readonly pin?: DirectoryPin
  readonly accepted?: readonly string[]
}

/** The relay this vault syncs with, if any. */
export async function relaySettings(vault: Vault): Promise<RelaySettingsView | null> {
  const doc = (await vault.getDoc(SETTINGS_DOC)) as RelaySettingsView | undefined
  return doc && typeof doc.url === 'string' && doc.url !== '' ? doc : null
}

/** Checks and keeps the relay settings; an empty URL removes them. */
export async function setRelaySettings(
  vault: Vault,
  url: string,
  operatorKey: string,
): Promise<RelaySettingsView | null> {
  if (typeof url !== 'string' || typeof operatorKey !== 'string')
    throw new TypeError('url and operatorKey must be strings')
  const trimmed = url.trim().replace(/\/+$/, '')
  if (trimmed === '') {
    await vault.putDoc(SETTINGS_DOC, { url: '', operatorKey: '' })
    return null
  }
  let parsed: URL
  try {
    parsed = new URL(trimmed)
  } catch {
    throw new RangeError(`the relay address is not a web address: ${trimmed}`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new RangeError('the relay address must start with https:// (or http://)')
  const key = operatorKey.trim().toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(key))
    throw new RangeError("the operator's public key must be 64 hexadecimal digits")
  const settings = { url: trimmed, operatorKey: key }
  await vault.putDoc(SETTINGS_DOC, settings)
  return settings
}

async function client(vault: Vault, settings: RelaySettingsView): Promise<DeviceRelayClient> {
  const state = ((await vault.getDoc(SYNC_STATE_DOC)) ?? {}) as SyncState
  return new DeviceRelayClient({
    url: settings.url,
    operatorKey: fromHex(settings.operatorKey),
    retries: 2,
    ...(state.pin ? { pin: state.pin } : {}),
  })
}

/** The registry's offers, with the partner's name from the signed directory. */
export async function relayOffers(
  rt: SealpostRuntime,
  settings: RelaySettingsView,
): Promise<RelayOfferView[]> {
  const c = await client(rt.vault, settings)
  const directory = await c.directory()
  const names = new Map(directory.partners.map((p) => [p.id, p.name]))
  const installed = new Set((await rt.installed()).map((b) => b.digest))
  return (await c.offers())
    .map((o) => ({
      digest: o.digest,
      partnerId: o.partnerId,
      partnerName: names.get(o.partnerId) ?? o.partnerId,
      bundleId: o.bundleId,
      version: o.version,
      publishedAt: o.publishedAt,
      withdrawn: o.withdrawnAt !== undefined,
      installed: installed.has(o.digest),
    }))
    .sort((a, b) => a.bundleId.localeCompare(b.bundleId) || b.publishedAt - a.publishedAt)
}

/**
 * Installs the offer `digest`: the client checks the bundle against the directory's key for its
 * partner, the vault trusts that key, and the runtime verifies and installs the bundle.
 */
export async function installRelayOffer(
  rt: SealpostRuntime,
  settings: RelaySettingsView,
  digest: string,
): Promise<{ bundleId: string }> {
  if (typeof digest !== 'string') throw new TypeError('digest must be a string')
  const c = await client(rt.vault, settings)
  const offer = (await c.offers()).find((o) => o.digest === digest)
  if (!offer) throw new RangeError(`the relay offers no bundle ${digest}`)
  if (offer.withdrawnAt !== undefined)
    throw new RangeError(`${offer.bundleId} was withdrawn by its partner`)
  const bytes = await c.downloadBundle(offer)
  const partner = (await c.partnerKey(offer.partnerId))!
  const key: PartnerPublicKey = {
    partnerId: partner.id,
    keyId: partner.keyId,
    signingPublic: fromHex(partner.signingPublic),
    sealingPublic: fromHex(partner.sealingPublic),
  }
  await rt.trust(key)
  const result = await rt.install(bytes)
  return { bundleId: result.bundleId }
}

/** Every envelope of the outbox, newest first, and where it stands. */
export async function deliveries(rt: SealpostRuntime): Promise<DeliveryView[]> {
  const state = ((await rt.vault.getDoc(SYNC_STATE_DOC)) ?? {}) as SyncState
  const accepted = new Set(state.accepted ?? [])
  const names = new Map((await rt.installed()).map((b) => [b.partnerId, b.manifest.partner.name]))
  return (await rt.outbox())
    .map((e) => {
      const stateOf = (): DeliveryState => {
        if (e.status === 'pending') return accepted.has(e.envelope.id) ? 'queued' : 'waiting'
        return e.status
      }
      return {
        envelopeId: e.envelope.id,
        partnerId: e.meta.partnerId,
        partnerName: names.get(e.meta.partnerId) ?? e.meta.partnerId,
        bundleId: e.meta.bundleId,
        kind: e.meta.kind === 'deletion-request' ? ('deletion' as const) : ('answer' as const),
        state: stateOf(),
        queuedAt: e.queuedAt,
        ...(e.deliveredAt !== undefined ? { deliveredAt: e.deliveredAt } : {}),
        output: e.meta.output,
      }
    })
    .sort((a, b) => b.queuedAt - a.queuedAt)
}

/** Syncs now; the report and the delivery list after it. */
export async function syncNow(rt: SealpostRuntime, settings: RelaySettingsView): Promise<SyncView> {
  const r = await rt.sync({ url: settings.url, operatorKey: settings.operatorKey, retries: 2 })
  return {
    posted: r.posted,
    delivered: r.delivered,
    deletionAcks: r.deletionAcks,
    returned: r.returned,
    withdrawn: r.withdrawn,
    failed: r.failed,
    pushesApplied: r.pushesApplied,
    pushesRefused: r.pushesRefused,
    withdrawnBundles: r.withdrawnBundles,
    deliveries: await deliveries(rt),
  }
}
