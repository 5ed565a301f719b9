/**
 * The demo offers in a vault: the partners' keys trusted and their signed bundles installed once
 * per bundle version, and each installed bundle as the Offers screen shows it.
 */

import { parsePublicKey } from '../../../runtime/bundle/index.ts'
import { renderContract, type ConsentRecord } from '../../../runtime/consent/index.ts'
import { fromBase64 } from '../../../runtime/delivery/_base64.ts'
import { sha256Hex } from '../../../runtime/digest.ts'
import type { SealpostRuntime } from '../../../runtime/host/index.ts'
import type { Vault } from '../../../runtime/vault/index.ts'
import type { OfferView } from './host_api.ts'

/** A reference bundle signed at build time with a demo partner key. */
export interface DemoOffer {
  readonly module: string
  readonly partnerId: string
  /** The partner's `ID.pub` file text. */
  readonly publicKey: string
  /** The signed bundle file, base64. */
  readonly bundle: string
}

/** Which demo keys and bundles this vault already holds (a document in the vault). */
interface OffersDoc {
  readonly trusted: readonly string[]
  readonly installed: Readonly<Record<string, string>>
}
const OFFERS_DOC = 'web/offers'

/**
 * Trusts the demo partners' keys and installs their bundles (each bundle version once). An offer
 * the runtime refuses is skipped, never fatal: returns one line per skipped offer.
 */
export async function installOffers(
  rt: SealpostRuntime,
  vault: Vault,
  offers: readonly DemoOffer[],
): Promise<string[]> {
  const doc = ((await vault.getDoc(OFFERS_DOC)) ?? { trusted: [], installed: {} }) as OffersDoc
  const trusted = new Set(doc.trusted)
  const installed: Record<string, string> = { ...doc.installed }
  const skipped: string[] = []
  for (const offer of offers) {
    const hash = sha256Hex(offer.bundle)
    if (installed[offer.module] === hash) continue
    try {
      const key = parsePublicKey(offer.publicKey)
      if (!trusted.has(key.keyId)) {
        await rt.trust(key)
        trusted.add(key.keyId)
      }
      await rt.install(fromBase64(offer.bundle, 'bundle'))
      installed[offer.module] = hash
    } catch (e) {
      const code = (e as { code?: unknown }).code
      skipped.push(`${offer.module}: ${(e as Error).message}${code ? ` [${String(code)}]` : ''}`)
    }
  }
  await vault.putDoc(OFFERS_DOC, { trusted: [...trusted], installed })
  return skipped
}

/** The consent layer's ledger document: which one-off consents have had their run. */
const LEDGER_DOC = 'policy/ledger'
interface LedgerDoc {
  /** bundle id → number of events of the consent record when its one run happened */
  readonly onceUsed?: Readonly<Record<string, number>>
}

/** Whether the live one-off consent `record` has had its one run (the policy refuses another). */
export async function oneOffUsed(
  vault: Vault,
  bundleId: string,
  record: ConsentRecord | undefined,
): Promise<boolean> {
  if (!record || record.recurrence !== 'once') return false
  if (record.status !== 'given' && record.status !== 'renewed') return false
  const ledger = (await vault.getDoc(LEDGER_DOC)) as LedgerDoc | undefined
  return ledger?.onceUsed?.[bundleId] === record.events.length
}

/** Every installed bundle with its contract (en, fr), consent status and the dial's verdict. */
export async function offerViews(rt: SealpostRuntime): Promise<OfferView[]> {
  const dial = await rt.dial()
  const out: OfferView[] = []
  for (const bundle of await rt.installed()) {
    const m = bundle.manifest
    const contract = await rt.contract(m.id)
    const record: ConsentRecord | undefined = await rt.consents.current(m.id)
    out.push({
      bundleId: m.id,
      version: m.version,
      partnerId: m.partner.id,
      partnerName: m.partner.name,
      purpose: m.purpose,
      offer: m.offer,
      contract,
      text: { en: renderContract(contract, 'en'), fr: renderContract(contract, 'fr') },
      consent: record?.status ?? 'none',
      allowedByDial: m.personalization <= dial,
      spent: await oneOffUsed(rt.vault, m.id, record),
      outputSchema: m.output,
    })
  }
  return out.sort((a, b) => a.bundleId.localeCompare(b.bundleId))
}
