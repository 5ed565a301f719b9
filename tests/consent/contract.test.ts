import { describe, expect, it } from 'vitest'
import {
  buildContract,
  contractDigest,
  renderContract,
  DEFAULT_BIT_BUDGET,
} from '../../runtime/consent/index.ts'
import { favoriteSport, shoeSize, subject, variant } from './_helpers.ts'

describe('the contract is generated from the manifest', () => {
  const contract = buildContract(subject(shoeSize), { expiresAt: Date.UTC(2027, 0, 1) })

  it('names who, why, what is read and the bound of what can leave', () => {
    expect(contract.partner).toEqual({ id: 'stridewear', name: 'StrideWear' })
    expect(contract.purpose).toBe('Recommend running shoes in your size')
    expect(contract.offer).toBe('10% off your next pair')
    expect(contract.reads).toEqual([
      { collection: 'purchases', fields: ['orderedAt', 'category', 'size'], window: 'P3Y' },
    ])
    // integer in [30, 50] or null: 21 + 1 values.
    expect(contract.totalBits).toBeCloseTo(Math.log2(22), 9)
    expect(contract.outputs).toHaveLength(1)
    expect(contract.outputs[0]!.path).toBe('euSize')
    expect(contract.outputs[0]!.description).toBe(
      'your EU shoe size, or null when no footwear purchase tells it',
    )
    expect(contract.outputs[0]!.values).toEqual({
      kind: 'integer',
      min: 30,
      max: 50,
      nullable: true,
    })
    expect(contract.bitBudgetPerDay).toBe(DEFAULT_BIT_BUDGET)
    expect(contract.expiresAt).toBe(Date.UTC(2027, 0, 1))
    expect(contract.bundle.digest).toBe(subject(shoeSize).digest)
  })

  it('renders in English with the partner words quoted as theirs', () => {
    const text = renderContract(contract, 'en')
    expect(text).toContain(
      'StrideWear (stridewear) asks to run com.stridewear.shoe-size version 1.0.0',
    )
    expect(text).toContain(`Why, in StrideWear's words: "Recommend running shoes in your size"`)
    expect(text).toContain('  - purchases: orderedAt, category, size (the last 3 years)')
    expect(text).toContain(
      '  - euSize: your EU shoe size, or null when no footwear purchase tells it; a whole number from 30 to 50, or nothing; at most 4.46 bits',
    )
    expect(text).toContain('In all, one answer carries at most 4.46 bits.')
    expect(text).toContain('How often: once.')
    expect(text).toContain('Until: 2027-01-01')
    expect(text).toContain('StrideWear may keep what it receives for 30 days')
    expect(text).toContain('Personalization: level 2 of 3 (intermediate).')
    expect(text).toContain('at most 64 bits per day may go to StrideWear')
    expect(text).toContain(`In exchange, in StrideWear's words: "10% off your next pair"`)
    expect(text).toContain('Mode: private.')
  })

  it('renders in French with the decimal comma and French quotes', () => {
    const text = renderContract(contract, 'fr')
    expect(text).toContain('StrideWear (stridewear) demande à exécuter com.stridewear.shoe-size')
    expect(text).toContain('Pourquoi, selon StrideWear : « Recommend running shoes in your size »')
    expect(text).toContain('  - purchases: orderedAt, category, size (les 3 dernières années)')
    expect(text).toContain('un nombre entier de 30 à 50, ou rien; au plus 4,46 bits')
    expect(text).toContain('Fréquence : une seule fois.')
    expect(text).toContain('Jusqu’à quand : le 2027-01-01')
    expect(text).toContain('Personnalisation : niveau 2 sur 3 (intermédiaire).')
    expect(text).toContain('Mode : privé.')
    expect(text).not.toContain('How often')
  })

  it('says an enum output in words and a recurring schedule', () => {
    const c = buildContract(subject(favoriteSport))
    const en = renderContract(c, 'en')
    expect(en).toContain(
      'favoriteSport: the sport you spent most time on, recent months weighted more; one of: running, cycling, swimming, walking, hiking, yoga, strength, other, none; at most 3.17 bits',
    )
    expect(en).toContain('How often: every month, until you withdraw.')
    expect(en).toContain('Until: you withdraw your consent')
    expect(renderContract(c, 'fr')).toContain('Fréquence : tous les mois')
  })

  it('states noise with its ε', () => {
    const m = variant(favoriteSport, {
      output: {
        type: 'object',
        additionalProperties: false,
        required: ['runs'],
        properties: {
          runs: { type: 'boolean', 'x-noise': { mechanism: 'randomized-response', epsilon: 1.5 } },
        },
      },
    })
    const c = buildContract(subject(m))
    expect(c.outputs[0]!.noise).toEqual({ mechanism: 'randomized-response', epsilon: 1.5 })
    expect(renderContract(c, 'en')).toContain(
      'randomized on your device before it leaves (randomized response, ε = 1.5)',
    )
    expect(renderContract(c, 'fr')).toContain('(réponse randomisée, ε = 1,5)')
  })

  it('tells a local bundle that nothing leaves, and drops retention and budget', () => {
    const c = buildContract(subject(variant(shoeSize, { mode: 'local' })))
    const text = renderContract(c, 'en')
    expect(text).toContain('Nothing leaves your device')
    expect(text).not.toContain('may keep')
    expect(text).not.toContain('bits per day')
  })

  it('words a trigger schedule and a window of all history', () => {
    const m = variant(favoriteSport, {
      schedule: { kind: 'trigger', on: 'activities' },
      reads: [{ collection: 'activities', fields: ['sport'] }],
    })
    const text = renderContract(buildContract(subject(m)), 'en')
    expect(text).toContain('How often: each time new activities arrive in your vault.')
    expect(text).toContain('(all of your history)')
  })

  it('has a digest that changes with anything the person agrees to', () => {
    const a = contractDigest(buildContract(subject(shoeSize)))
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(contractDigest(buildContract(subject(shoeSize)))).toBe(a)
    expect(contractDigest(buildContract(subject(shoeSize), { bitBudgetPerDay: 12 }))).not.toBe(a)
    expect(contractDigest(buildContract(subject(shoeSize, 'other-digest')))).not.toBe(a)
  })

  it('refuses bad arguments by name', () => {
    expect(() => buildContract(subject(shoeSize), { bitBudgetPerDay: -1 })).toThrow(RangeError)
    expect(() => buildContract({ manifest: shoeSize, digest: '' })).toThrow(/subject.digest/)
    expect(() => renderContract(buildContract(subject(shoeSize)), 'de' as 'en')).toThrow(/lang/)
  })
})
