/** Shared pieces for the bundle tests: a manifest, a code string, keys and a trust store. */

import { generatePartnerKey, TrustStore } from '../../runtime/bundle/index.ts'
import type { PartnerKey } from '../../runtime/bundle/index.ts'

/** A small private manifest reading activities; `patch` merges over the top level. */
export function manifest(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'com.stridewear.weekly-runs',
    version: '1.0.0',
    partner: { id: 'stridewear', name: 'StrideWear' },
    engine: 'quickjs',
    entry: 'index.js',
    mode: 'private',
    purpose: 'Suggest a training plan',
    reads: [{ collection: 'activities', fields: ['startedAt', 'sport'], window: 'P90D' }],
    output: {
      type: 'object',
      additionalProperties: false,
      required: ['runsPerWeek'],
      properties: { runsPerWeek: { type: 'integer', minimum: 0, maximum: 14 } },
    },
    schedule: { kind: 'once' },
    personalization: 1,
    retentionDays: 7,
    ...patch,
  }
}

export const code = `export function analyze(input) {
  const runs = input.collections.activities
  return { runsPerWeek: Math.min(14, Math.round(runs.length / 13)) }
}
`

const keys = new Map<string, PartnerKey>()

/** One key per partner id for the whole test file (generation is cheap, but stable ids help reading). */
export function keyOf(partnerId: string): PartnerKey {
  let k = keys.get(partnerId)
  if (!k) {
    k = generatePartnerKey(partnerId)
    keys.set(partnerId, k)
  }
  return k
}

/** A store trusting the given partners' keys. */
export function storeTrusting(...partnerIds: string[]): TrustStore {
  const store = new TrustStore()
  for (const id of partnerIds) store.add(keyOf(id).publicKey)
  return store
}
