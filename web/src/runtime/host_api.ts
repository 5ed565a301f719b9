/**
 * What the page may ask of the runtime Worker, through comlink: plain data in, plain data out.
 * Every call answers a `HostResult` (a refusal is a value with its stable code, as in the sandbox),
 * and nothing here can reach the vault key, the sandbox or partner code.
 */

import type { Contract } from '../../../runtime/consent/index.ts'

/** A call's answer: the value, or a refusal with its `SEALPOST_*` code and a one-line message. */
export type HostResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: string; readonly message: string }

/** Rows per collection and the time they span. */
export interface CollectionSummary {
  readonly name: string
  readonly rows: number
  readonly minTime: number | null
  readonly maxTime: number | null
}

/** The unlocked vault at a glance. */
export interface VaultSummary {
  readonly vaultId: string
  readonly collections: readonly CollectionSummary[]
  readonly sealedBytes: number
}

/** What one import or generation added, per collection. */
export interface IngestReport {
  readonly source: string
  readonly counts: Readonly<Record<string, { readonly added: number; readonly duplicates: number }>>
}

/** A partner's offer: the installed bundle, its contract and where the person stands. */
export interface OfferView {
  readonly bundleId: string
  readonly version: string
  readonly partnerId: string
  readonly partnerName: string
  readonly purpose: string
  readonly offer: string | undefined
  readonly contract: Contract
  /** The contract text the runtime generates, per language. */
  readonly text: { readonly en: string; readonly fr: string }
  /** `given`, `refused`, `withdrawn`, `expired`, `renewed`, or `none` before any decision. */
  readonly consent: string
  /** Whether the personalization dial lets this bundle run. */
  readonly allowedByDial: boolean
  /** A one-off consent whose one run has happened: nothing more can run or be previewed. */
  readonly spent: boolean
  /** The output schema (with its descriptions and display hints), to show answers in words. */
  readonly outputSchema: unknown
}

/** The Offers screen: installed offers, and any the runtime refused to install (with why). */
export interface OffersView {
  readonly offers: readonly OfferView[]
  readonly skipped: readonly string[]
}

/** A one-off share's exact output, held in the Worker until the person sends or declines it. */
export interface PreviewView {
  readonly previewId: string
  readonly bundleId: string
  readonly output: unknown
  readonly read: readonly {
    readonly collection: string
    readonly fields: readonly string[]
    readonly rows: number
  }[]
}

/** A run that went through: what was read and what left. */
export interface RunView {
  readonly bundleId: string
  /** `private` and `share` runs sealed something to the partner; `local` ones showed it only here. */
  readonly mode: 'private' | 'share' | 'local'
  readonly output: unknown
  readonly bits: number
  readonly read: PreviewView['read']
  /** The sealed envelope's id (absent for `local` bundles). */
  readonly envelopeId: string | undefined
}

/** One line of the "what left about me" timeline. */
export interface TimelineItem {
  readonly time: number
  readonly kind: 'left' | 'consent' | 'revoke' | 'refusal' | 'deletion'
  readonly bundleId: string
  readonly partner: string | undefined
  readonly detail: string
  /** What left (kind `left`). */
  readonly output?: unknown
  readonly bits?: number
}

/** This year's bill of one partner. */
export interface BillView {
  readonly partnerId: string
  readonly partnerName: string
  /** The currency the partner is billed in (ISO 4217). */
  readonly currency: string
  readonly transfers: number
  /** Hundredths of `currency`. */
  readonly totalCents: number
  /** The yearly cap per person, hundredths of `currency`. */
  readonly capCents: number
}

/** The hostile modules of the safety check. */
export type ProbeKind = 'endless-loop' | 'native-stall' | 'wasm-endless-loop' | 'memory-bomb'

/** How a hostile module ended. */
export interface ProbeView {
  readonly kind: ProbeKind
  readonly code: string
  readonly message: string
  /** Whether the sandbox Worker had to be terminated (the hard deadline). */
  readonly hard: boolean
  readonly workersStarted: number
}

/** A record of the vault that an answer names (a flagged post), as the page shows it. */
export interface LinkedRecordView {
  readonly id: string
  readonly text?: string
  readonly url?: string
}

/** A search in one collection. */
export interface SearchView {
  readonly collection: string
  readonly text: string
  readonly limit: number
}

/** Where this device syncs: the relay's address and the operator key it pins. */
export interface RelaySettingsView {
  /** `http(s)://host[:port]` */
  readonly url: string
  /** The operator's Ed25519 public key, 64 hex digits. */
  readonly operatorKey: string
}

/** A bundle published on the relay's registry by an admitted partner. */
export interface RelayOfferView {
  readonly digest: string
  readonly partnerId: string
  /** The partner's name in the operator-signed directory. */
  readonly partnerName: string
  readonly bundleId: string
  readonly version: string
  readonly publishedAt: number
  /** The partner withdrew it. */
  readonly withdrawn: boolean
  /** This exact bundle is installed in the vault. */
  readonly installed: boolean
}

/**
 * Where one sealed answer is: `waiting` (not handed to the relay yet), `queued` (the relay holds
 * it), `delivered` (the partner opened it: the operator's signed receipt), `returned` (the relay
 * settled it undelivered), `failed` (the last attempt failed; retried at the next sync),
 * `cancelled` (consent withdrawn before it left).
 */
export type DeliveryState = 'waiting' | 'queued' | 'delivered' | 'returned' | 'failed' | 'cancelled'

/** One envelope of the outbox, as the delivery list shows it. */
export interface DeliveryView {
  readonly envelopeId: string
  readonly partnerId: string
  readonly partnerName: string
  readonly bundleId: string
  /** `answer` for a run's output, `deletion` for a deletion request. */
  readonly kind: 'answer' | 'deletion'
  readonly state: DeliveryState
  readonly queuedAt: number
  /** The receipt's settlement time (delivered). */
  readonly deliveredAt?: number
  /** What the envelope carries, as the partner will read it. */
  readonly output: unknown
}

/** What one "Sync now" did, and where every envelope stands after it. */
export interface SyncView {
  readonly posted: number
  readonly delivered: number
  readonly deletionAcks: number
  readonly returned: number
  readonly withdrawn: number
  readonly failed: number
  /** Signed pushes from partners applied to the vault (and refused). */
  readonly pushesApplied: number
  readonly pushesRefused: number
  /** Installed bundle ids whose partner withdrew them from the registry. */
  readonly withdrawnBundles: readonly string[]
  readonly deliveries: readonly DeliveryView[]
}

/** The runtime Worker's API, as the page sees it (each method answers a HostResult). */
export interface HostApi {
  /** Whether a vault exists in this browser, and whether it is unlocked. */
  status(): Promise<HostResult<{ readonly exists: boolean; readonly unlocked: boolean }>>
  create(passphrase: string): Promise<HostResult<VaultSummary>>
  unlock(passphrase: string): Promise<HostResult<VaultSummary>>
  lock(): Promise<HostResult<null>>
  summary(): Promise<HostResult<VaultSummary>>
  importFile(name: string, bytes: Uint8Array): Promise<HostResult<IngestReport>>
  generatePersona(seed: number, scale: number): Promise<HostResult<IngestReport>>
  search(query: SearchView): Promise<HostResult<readonly Readonly<Record<string, unknown>>[]>>
  /** The records of `collection` with these ids (at most 200), for an answer that names them. */
  records(collection: string, ids: readonly string[]): Promise<HostResult<LinkedRecordView[]>>
  offers(): Promise<HostResult<OffersView>>
  consent(bundleId: string): Promise<HostResult<string>>
  preview(bundleId: string): Promise<HostResult<PreviewView>>
  sendPreview(previewId: string): Promise<HostResult<RunView>>
  declinePreview(previewId: string): Promise<HostResult<null>>
  run(bundleId: string): Promise<HostResult<RunView>>
  revoke(bundleId: string, deletion: boolean): Promise<HostResult<null>>
  timeline(): Promise<HostResult<readonly TimelineItem[]>>
  dial(): Promise<HostResult<1 | 2 | 3>>
  setDial(level: 1 | 2 | 3): Promise<HostResult<1 | 2 | 3>>
  bills(): Promise<HostResult<readonly BillView[]>>
  probe(kind: ProbeKind): Promise<HostResult<ProbeView>>
  /** The relay this vault syncs with, or null (answers are then handed over on the device). */
  relaySettings(): Promise<HostResult<RelaySettingsView | null>>
  /** Sets the relay (an empty URL removes it); kept in the vault. */
  setRelay(url: string, operatorKey: string): Promise<HostResult<RelaySettingsView | null>>
  /** The relay's registry: offers of admitted partners. */
  relayOffers(): Promise<HostResult<RelayOfferView[]>>
  /** Downloads an offer, checks it against the partner's directory key, and installs it. */
  installRelayOffer(digest: string): Promise<HostResult<{ readonly bundleId: string }>>
  /** Every envelope of the outbox and where it stands. */
  deliveries(): Promise<HostResult<DeliveryView[]>>
  /** Syncs with the relay now: posts waiting answers, collects receipts, pulls pushes. */
  sync(): Promise<HostResult<SyncView>>
}
