import { describe, expect, it } from 'vitest'
import { wideningsOf } from '../../runtime/consent/index.ts'
import type { Manifest } from '../../runtime/manifest/types.ts'
import { favoriteSport, variant } from './_helpers.ts'

const noised = (epsilon: number): Manifest =>
  variant(favoriteSport, {
    output: {
      type: 'object',
      additionalProperties: false,
      required: ['favoriteSport'],
      properties: {
        favoriteSport: {
          enum: ['running', 'cycling'],
          'x-noise': { mechanism: 'randomized-response', epsilon },
        },
      },
    },
  })

describe('what counts as widening a consent', () => {
  it('finds nothing when only the version changes', () => {
    expect(wideningsOf(favoriteSport, variant(favoriteSport, {}))).toEqual([])
  })

  it('treats a shorter window, fewer fields and a smaller output as narrowing', () => {
    const next = variant(favoriteSport, {
      reads: [{ collection: 'activities', fields: ['sport'], window: 'P6M' }],
      retentionDays: 10,
      personalization: 1,
    })
    expect(wideningsOf(favoriteSport, next)).toEqual([])
  })

  it('counts a window dropped to all time as wider', () => {
    const next = variant(favoriteSport, {
      reads: [{ collection: 'activities', fields: ['startedAt', 'sport', 'durationSec'] }],
    })
    expect(wideningsOf(favoriteSport, next)).toEqual([
      { what: 'window', message: 'reads activities further back: all time instead of P2Y' },
    ])
  })

  it('counts less noise (a larger ε) as wider, more noise as narrower', () => {
    expect(wideningsOf(noised(1), noised(2)).map((w) => w.what)).toEqual(['noise'])
    expect(wideningsOf(noised(2), noised(1))).toEqual([])
  })

  it('counts the rest of the contract: partner, purpose, mode, schedule, level, retention', () => {
    const next = variant(favoriteSport, {
      partner: { id: 'other', name: 'Other' },
      purpose: 'Something new',
      mode: 'share',
      schedule: { kind: 'recurring', every: 'P1W' },
      personalization: 3,
      retentionDays: 365,
    })
    expect(wideningsOf(favoriteSport, next).map((w) => w.what)).toEqual([
      'partner',
      'purpose',
      'mode',
      'schedule',
      'personalization',
      'retention',
    ])
    expect(
      wideningsOf(favoriteSport, variant(favoriteSport, { schedule: { kind: 'once' } })),
    ).toEqual([])
  })
})
