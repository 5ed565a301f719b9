/**
 * Consent records in the shape of ISO/IEC TS 27560 with W3C DPV states (given, refused, withdrawn,
 * expired, renewed); see `tests/fixtures/consent/dpv_E0023_consent_record_27560.ttl`. A record
 * extends the pipeline's `ConsentRecord` (same bundle, scope and output-schema digests), so the
 * pipeline's check accepts it unchanged, and keeps every event in `events`.
 */

import { randomBytes } from '../crypto/random.ts'
import { toHex } from '../crypto/bytes.ts'
import type { Manifest } from '../manifest/types.ts'
import {
  outputSchemaDigest,
  scopeDigest,
  type ConsentRecord as PipelineConsentRecord,
  type ConsentStatus,
} from '../policy/consent.ts'
import { CONTRACT_VERSION, contractDigest, type Contract, type ContractRead } from './contract.ts'
import type { PersonalizationLevel, Recurrence } from './types.ts'

export type { ConsentStatus }

/** The version of ISO/IEC TS 27560 the DPV example follows. */
export const CONSENT_RECORD_STANDARD = 'ISO/IEC TS 27560 (DPV 27560-WD5)'

/** How a state was indicated (DPV: explicitly expressed, or by the system). */
export type ConsentMethod = 'explicit' | 'carried-over' | 'expiry'

/** One consent event (27560 "event"; DPV `dct:hasPart`): a state, when, and what it bound. */
export interface ConsentEvent {
  readonly status: ConsentStatus
  /** ms since epoch (`dpv:isIndicatedAtTime`) */
  readonly at: number
  readonly method: ConsentMethod
  readonly bundleVersion: string
  readonly bundleDigest: string
  readonly scopeDigest: string
  readonly outputSchemaDigest: string
  readonly contractDigest: string
  /** ms since epoch; absent: until withdrawn. */
  readonly expiresAt?: number
}

/** The processing the consent covers (27560 "process"; DPV `dpv:Process`). */
export interface ConsentProcess {
  /** The partner's stated purpose (`dct:title`, `dpv:hasPurpose`). */
  readonly purpose: string
  readonly legalBasis: 'dpv:Consent'
  /** What is read (`dpv:hasPersonalData`): collections, fields, windows. */
  readonly personalData: readonly ContractRead[]
  /** The partner (`dpv:hasDataController`). */
  readonly controller: { readonly id: string; readonly name: string }
  /** Who receives outputs (`dpv:hasRecipient`): the partner, or nobody in `local` mode. */
  readonly recipients: readonly string[]
  /** `dpv:hasProcessing`: Use on the device, plus Transfer when anything leaves. */
  readonly processing: readonly ('dpv:Use' | 'dpv:Transfer')[]
  /** `dpv:hasStorageCondition`: where the data stays, how long the partner may keep outputs. */
  readonly storage: { readonly location: 'device'; readonly retentionDays: number }
}

/** A full consent record: the pipeline's binding plus the 27560 fields and the event history. */
export interface ConsentRecord extends PipelineConsentRecord {
  /** Random UUID (`dpv:hasIdentifier`). */
  readonly id: string
  readonly standard: typeof CONSENT_RECORD_STANDARD
  /** The person's device-local subject id (`dpv:hasDataSubject`). */
  readonly dataSubject: string
  /** The notice shown: the generated contract (`dpv:hasNotice`). */
  readonly notice: { readonly contractVersion: string; readonly contractDigest: string }
  readonly process: ConsentProcess
  readonly partnerId: string
  readonly bundleVersion: string
  readonly mode: Manifest['mode']
  readonly personalization: PersonalizationLevel
  /** Bits per partner per day this consent allows. */
  readonly bitBudgetPerDay: number
  readonly recurrence: Recurrence
  /** ms since epoch of the latest event. */
  readonly updatedAt: number
  /** Every state change, oldest first. */
  readonly events: readonly ConsentEvent[]
}

/** A random RFC 9562 version 4 UUID from the platform's secure random source. */
export function randomUuid(): string {
  const b = randomBytes(16)
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = toHex(b)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** The event that binds `contract` (and the manifest it came from) in `status` at `at`. */
export function consentEvent(
  manifest: Manifest,
  contract: Contract,
  status: ConsentStatus,
  at: number,
  method: ConsentMethod,
): ConsentEvent {
  if (!Number.isFinite(at)) throw new RangeError('at must be ms since epoch')
  return {
    status,
    at,
    method,
    bundleVersion: manifest.version,
    bundleDigest: contract.bundle.digest,
    scopeDigest: scopeDigest(manifest),
    outputSchemaDigest: outputSchemaDigest(manifest),
    contractDigest: contractDigest(contract),
    ...(contract.expiresAt !== undefined ? { expiresAt: contract.expiresAt } : {}),
  }
}

/** The record fields the contract determines (what is processed, by whom, how often). */
function contractFields(contract: Contract) {
  const leaves = contract.mode !== 'local'
  const processing: ConsentProcess['processing'] = leaves
    ? ['dpv:Use', 'dpv:Transfer']
    : ['dpv:Use']
  const process: ConsentProcess = {
    purpose: contract.purpose,
    legalBasis: 'dpv:Consent',
    personalData: contract.reads,
    controller: contract.partner,
    recipients: leaves ? [contract.partner.id] : [],
    processing,
    storage: { location: 'device', retentionDays: contract.retentionDays },
  }
  return {
    process,
    bundleId: contract.bundle.id,
    partnerId: contract.partner.id,
    mode: contract.mode,
    personalization: contract.personalization,
    bitBudgetPerDay: contract.bitBudgetPerDay,
    recurrence: contract.schedule.kind,
  }
}

/** A new record whose first event is `event` (given or refused), for `contract`'s bundle. */
export function newConsentRecord(
  contract: Contract,
  event: ConsentEvent,
  dataSubject: string,
): ConsentRecord {
  const base: ConsentRecord = {
    id: randomUuid(),
    standard: CONSENT_RECORD_STANDARD,
    dataSubject,
    ...contractFields(contract),
    ...bindingOf(event),
    givenAt: event.at,
    status: event.status,
    updatedAt: event.at,
    events: [],
  }
  return applyEvent(base, event)
}

/**
 * The record after the person agreed to `contract` again (given or renewed, explicitly or carried
 * over to a new version): same id, subject and history, every contract field refreshed.
 */
export function rebindRecord(
  record: ConsentRecord,
  contract: Contract,
  event: ConsentEvent,
): ConsentRecord {
  if (event.status !== 'given' && event.status !== 'renewed') {
    throw new RangeError('event.status must be given or renewed to rebind a record')
  }
  if (contract.bundle.id !== record.bundleId) {
    throw new RangeError("contract must be for the record's bundle")
  }
  return applyEvent({ ...record, ...contractFields(contract) }, event)
}

function bindingOf(e: ConsentEvent) {
  return {
    bundleVersion: e.bundleVersion,
    bundleDigest: e.bundleDigest,
    scopeDigest: e.scopeDigest,
    outputSchemaDigest: e.outputSchemaDigest,
    notice: { contractVersion: CONTRACT_VERSION, contractDigest: e.contractDigest },
  }
}

/**
 * The record after `event`. Given and renewed events rebind the record to the event's digests
 * (and expiry); refused, withdrawn and expired keep the binding and only change the state.
 */
export function applyEvent(record: ConsentRecord, event: ConsentEvent): ConsentRecord {
  const rebinds = event.status === 'given' || event.status === 'renewed'
  const { expiresAt: _old, ...rest } = record
  const expiry = rebinds ? event.expiresAt : record.expiresAt
  return {
    ...rest,
    ...(rebinds ? bindingOf(event) : {}),
    ...(event.status === 'given' ? { givenAt: event.at } : {}),
    ...(expiry !== undefined ? { expiresAt: expiry } : {}),
    status: event.status,
    updatedAt: event.at,
    events: [...record.events, event],
  }
}

/** Whether the record allows runs at `now` (given or renewed, not past its expiry). */
export function isLive(record: PipelineConsentRecord, now: number): boolean {
  return (
    (record.status === 'given' || record.status === 'renewed') &&
    (record.expiresAt === undefined || now < record.expiresAt)
  )
}
