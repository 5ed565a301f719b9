import { describe, expect, it } from 'vitest'
import { compareManifests, parseManifest } from '../../runtime/manifest/index.ts'
import type { Manifest } from '../../runtime/manifest/index.ts'
import { example } from './_example.ts'

const m = (patch: Record<string, unknown> = {}): Manifest => parseManifest(example(patch))
const read = (fields: string[], window?: string) => [
  { collection: 'purchases', fields, ...(window ? { window } : {}) },
]
const what = (cs: readonly { path: string; what: string }[]) =>
  cs.map((c) => `${c.path}: ${c.what}`)

describe('compareManifests', () => {
  it('keeps consent for an identical manifest', () => {
    const c = compareManifests(m(), m())
    expect(c).toEqual({ renew: false, widened: [], narrowed: [], changed: [] })
  })

  it('widens on a new collection, a new field and a longer window', () => {
    const after = m({
      reads: [
        {
          collection: 'purchases',
          fields: ['orderedAt', 'category', 'size', 'brand'],
          window: 'P5Y',
        },
        { collection: 'activities', fields: ['sport'] },
      ],
    })
    const c = compareManifests(m(), after)
    expect(c.renew).toBe(true)
    expect(what(c.widened)).toEqual([
      'purchases.brand: new field',
      'purchases: longer window',
      'activities: new collection',
    ])
  })

  it('treats dropping a window as reading all time', () => {
    const c = compareManifests(m(), m({ reads: read(['orderedAt', 'category', 'size']) }))
    expect(c.widened).toEqual([
      { area: 'reads', path: 'purchases', what: 'longer window', before: 'P3Y', after: 'all time' },
    ])
  })

  it('compares windows by their longest span: P12M is wider than P1Y, P31D is not wider than P1M', () => {
    const c1 = compareManifests(
      m({ reads: read(['size'], 'P1Y') }),
      m({ reads: read(['size'], 'P12M') }),
    )
    expect(c1.renew).toBe(true)
    const c2 = compareManifests(
      m({ reads: read(['size'], 'P1M') }),
      m({ reads: read(['size'], 'P31D') }),
    )
    expect(c2.renew).toBe(false)
    expect(what(c2.changed)).toEqual(['purchases: window respelled'])
  })

  it('narrows without renewal when fields, window and bits shrink', () => {
    const after = m({
      reads: read(['orderedAt', 'size'], 'P1Y'),
      output: {
        type: 'object',
        additionalProperties: false,
        required: ['euSize'],
        properties: { euSize: { type: 'integer', minimum: 35, maximum: 48 } },
      },
    })
    const c = compareManifests(m(), after)
    expect(c.renew).toBe(false)
    expect(what(c.narrowed)).toEqual([
      'purchases.category: field no longer read',
      'purchases: shorter window',
      'euSize: fewer bits',
      '(total per run): lower bit bound',
    ])
  })

  it('widens when noise is weakened or removed', () => {
    const out = (noise?: object) => ({
      type: 'object',
      additionalProperties: false,
      required: ['likes'],
      properties: { likes: { type: 'boolean', ...(noise ? { 'x-noise': noise } : {}) } },
    })
    const rr = (epsilon: number) => ({ mechanism: 'randomized-response', epsilon })
    expect(
      compareManifests(m({ output: out(rr(1)) }), m({ output: out(rr(2)) })).widened[0]?.what,
    ).toBe('weaker noise')
    expect(compareManifests(m({ output: out(rr(1)) }), m({ output: out() })).widened[0]?.what).toBe(
      'noise removed',
    )
    expect(compareManifests(m({ output: out() }), m({ output: out(rr(1)) })).renew).toBe(false)
  })

  it('widens on contract terms that give the partner more', () => {
    const c = compareManifests(
      m(),
      m({
        mode: 'share',
        personalization: 3,
        retentionDays: 365,
        schedule: { kind: 'recurring', every: 'P1M' },
      }),
    )
    expect(what(c.widened)).toEqual([
      'mode: sharing mode',
      'personalization: personalization level',
      'retentionDays: retention',
      'schedule: schedule',
    ])
    const faster = compareManifests(
      m({ schedule: { kind: 'recurring', every: 'P1M' } }),
      m({ schedule: { kind: 'recurring', every: 'P1W' } }),
    )
    expect(faster.renew).toBe(true)
    const trigger = compareManifests(
      m({ schedule: { kind: 'recurring', every: 'P1D' } }),
      m({ schedule: { kind: 'trigger', on: 'purchases' } }),
    )
    expect(trigger.renew).toBe(true)
  })
})
