/**
 * Categories that mean the same everywhere: the categoriser on the labelled lines of real public
 * exports (goal: at least 90 % in every language with enough lines), the order of evidence, the
 * counterparty, and the sport vocabulary across FIT, Strava, Apple Health, TCX and seven languages.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  categorizeTransaction,
  counterpartyFromDescription,
  TRANSACTION_CATEGORIES,
} from '../../runtime/importers/categories.ts'
import { normalizeSport, SPORTS } from '../../runtime/importers/sports.ts'
import {
  heldOutTransactions,
  labelledSports,
  labelledTransactions,
  sportAccuracy,
  transactionAccuracy,
} from './_accuracy.ts'

const fixtureText = (rel: string): string =>
  readFileSync(new URL(`../fixtures/${rel}`, import.meta.url), 'utf8')

describe('the labelled transactions', () => {
  it('come from the real exports they name, with labels from the vocabulary', () => {
    for (const row of labelledTransactions()) {
      const text = fixtureText(row.fixture)
      // Multi-column descriptions are joined with ' | ' by the importer; each part is in the file.
      for (const part of row.description.split(' | ')) expect(text).toContain(part.trim())
      expect(TRANSACTION_CATEGORIES).toContain(row.expected)
    }
  })

  it('are categorised right at least 90 % of the time overall and per language (n ≥ 9)', () => {
    const result = transactionAccuracy()
    expect(result.n).toBeGreaterThanOrEqual(140)
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9)
    for (const group of result.byGroup) {
      if (group.n >= 9) expect(group.accuracy, group.group).toBeGreaterThanOrEqual(0.85)
    }
  })
})

describe('the held-out transactions', () => {
  it('come from exports the lexicon was not tuned on, with labels from the vocabulary', () => {
    const rows = heldOutTransactions()
    expect(rows).toHaveLength(38)
    const tuned = new Set(labelledTransactions().map((row) => row.fixture.split('/').pop()))
    for (const row of rows) {
      expect(row.source).toMatch(/^[\w.-]+\/[\w.-]+:[^@]+@[0-9a-f]{12}$/)
      // The file is none of those the tuning set was drawn from.
      const file = row.source.split(':')[1]?.split('@')[0]?.split('/').pop() ?? ''
      expect(
        [...tuned].some((t) => t !== undefined && t.endsWith(file)),
        file,
      ).toBe(false)
      expect(TRANSACTION_CATEGORIES).toContain(row.expected)
    }
    expect(new Set(rows.map((row) => row.lang))).toEqual(new Set(['de', 'fr', 'en']))
  })

  it('are scored per language without a goal (the figure is reported, not tuned for)', () => {
    const result = transactionAccuracy(heldOutTransactions())
    expect(result.n).toBe(38)
    expect(result.byGroup.map((g) => g.group).sort()).toEqual(['de', 'en', 'fr'])
    expect(result.correct + result.misses.length).toBe(38)
  })
})

describe('the order of evidence', () => {
  it('takes a merchant category code before anything else', () => {
    const r = categorizeTransaction({ description: 'ACME 1234', amount: -5, mcc: '5812' })
    expect(r).toMatchObject({ category: 'restaurants', evidence: 'mcc' })
  })

  it("maps the bank's own category, most specific level first", () => {
    const r = categorizeTransaction({
      description: 'Pago en LA TASCA',
      amount: -12,
      bankCategory: 'Ocio y viajes / Cafeterías y restaurantes',
    })
    expect(r).toMatchObject({ category: 'restaurants', evidence: 'bank' })
  })

  it('calls money coming back a refund in every language', () => {
    for (const description of [
      'Refund AMAZON',
      'REMBOURSEMENT FNAC',
      'Erstattung Zalando',
      'Devolución Tarjeta',
      'Terugbetaling bol.com',
      'Rimborso Trenitalia',
      'Estorno compra',
    ]) {
      expect(categorizeTransaction({ description, amount: 10 }).category, description).toBe(
        'refund',
      )
    }
    // The same words on money going out are not refunds.
    expect(categorizeTransaction({ description: 'Refund AMAZON', amount: -10 }).category).toBe(
      'shopping',
    )
  })

  it('prefers a merchant over a generic transfer word', () => {
    expect(
      categorizeTransaction({ description: 'INTERNET-Überweisung Schwimmunion', amount: -30 })
        .category,
    ).toBe('sports')
    expect(
      categorizeTransaction({ description: 'Virement à M. Dupont', amount: -30 }),
    ).toMatchObject({
      category: 'transfer',
      evidence: 'transfer',
    })
  })

  it('knows the same kind of shop in seven languages', () => {
    const cases: [string, string][] = [
      ['CARD PAYMENT PHARMACY BOOTS', 'health'],
      ['CB PHARMACIE DU CENTRE', 'health'],
      ['Kartenzahlung Apotheke am Markt', 'health'],
      ['Compra en FARMACIA LOPEZ', 'health'],
      ['Betaalautomaat Apotheek De Linde', 'health'],
      ['Pagamento POS FARMACIA ROSSI', 'health'],
      ['Compra FARMACIA CENTRAL', 'health'],
      ['PRLV SEPA LOYER JANVIER', 'rent'],
      ['Dauerauftrag Miete Wohnung', 'rent'],
      ['Huur januari', 'rent'],
      ['Affitto gennaio', 'rent'],
      ['RETRAIT DAB 12/01', 'cash'],
      ['Bargeldauszahlung Geldautomat', 'cash'],
      ['Prelievo Bancomat', 'cash'],
      ['Levantamento Multibanco', 'cash'],
    ]
    for (const [description, want] of cases) {
      expect(categorizeTransaction({ description, amount: -20 }).category, description).toBe(want)
    }
  })

  it('leaves money out with no evidence uncategorised, and money in income', () => {
    expect(categorizeTransaction({ description: 'XK 1234', amount: -3 }).category).toBe(
      'uncategorised',
    )
    expect(categorizeTransaction({ description: 'XK 1234', amount: 3 }).category).toBe('income')
  })
})

describe('the counterparty', () => {
  it('cuts card-terminal noise around the merchant name', () => {
    expect(counterpartyFromDescription('HOFER DANKT  0527  K2   18.09. 17:20')).toBe('HOFER')
    expect(
      counterpartyFromDescription(
        'POS          23,55 AT  K1   16.09. 11:32 SPAR DANKT 4105 KORNEUBURG 2100',
      ),
    ).toBe('SPAR')
    expect(counterpartyFromDescription("MCDONALD'S #112")).toBe("MCDONALD'S")
    expect(counterpartyFromDescription('Pago en SPORTS BAR DANI JARQUE S BOI LLOBREGES')).toBe(
      'SPORTS BAR DANI JARQUE S BOI LLOBREGES',
    )
    expect(counterpartyFromDescription("POS10SEP DOMINO'S PIZ")).toBe("DOMINO'S PIZ")
  })

  it("takes the statement's own payee column when there is one", () => {
    const r = categorizeTransaction({
      description: 'Naar Bunq',
      amount: -750,
      counterparty: 'W. Koelewijn',
    })
    expect(r.counterparty).toBe('W. Koelewijn')
  })
})

describe('sports', () => {
  it('maps every labelled name of FIT, Strava, Apple Health, TCX and seven languages', () => {
    const result = sportAccuracy()
    expect(result.n).toBe(labelledSports().length)
    expect(result.misses).toEqual([])
  })

  it('keeps names outside the vocabulary instead of guessing', () => {
    expect(normalizeSport('motorcycling')).toBe('motorcycling')
    expect(normalizeSport('HKWorkoutActivityTypeGymnastics')).toBe('gymnastics')
    expect(normalizeSport(undefined)).toBe('unknown')
    expect(SPORTS).toContain(normalizeSport('HKWorkoutActivityTypeTraditionalStrengthTraining'))
  })
})
