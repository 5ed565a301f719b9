/**
 * The `health` collection, shaped like facts from a FHIR R4 patient summary: one or two
 * conditions with their medication, allergies, immunizations (yearly flu shots), yearly check-ups
 * (weight, height, blood pressure as a panel, heart rate, labs) and weigh-ins from a smart scale.
 * Codes are real: SNOMED CT, ATC, CVX and LOINC.
 */

import {
  DAY_MS,
  HOUR_MS,
  RecordEmitter,
  localDate,
  type Draft,
  type PersonaContext,
  type PersonaRecord,
} from './_context.ts'
import { Prng } from './_prng.ts'

const SNOMED = 'http://snomed.info/sct'
const LOINC = 'http://loinc.org'
const ATC = 'http://www.whocc.no/atc'
const CVX = 'http://hl7.org/fhir/sid/cvx'

/** Smart-scale weigh-ins per day at scale 1 (the scaled part of the collection). */
export const WEIGH_INS_PER_DAY = 0.04

/** Condition, and the medication that treats it. */
const CONDITIONS: readonly (readonly [
  code: string,
  display: string,
  med: readonly [string, string],
])[] = [
  ['367498001', 'Seasonal allergic rhinitis', ['R06AE07', 'cetirizine']],
  ['195967001', 'Asthma', ['R03AC02', 'salbutamol']],
  ['59621000', 'Essential hypertension', ['C09AA05', 'ramipril']],
  ['37796009', 'Migraine', ['N02CC01', 'sumatriptan']],
  ['44465007', 'Sprain of ankle', ['M01AE01', 'ibuprofen']],
]
const ALLERGIES: readonly (readonly [string, string])[] = [
  ['91936005', 'Allergy to penicillin'],
  ['91935009', 'Allergy to peanut'],
  ['300916003', 'Latex allergy'],
]

/** Yields health facts in time order. */
export function* generateHealth(ctx: PersonaContext): Generator<PersonaRecord> {
  const rng = new Prng(ctx.seed, 'health')
  const p = ctx.profile
  const emitter = new RecordEmitter(ctx, 'health', 'recordedAt')
  const base = { source: 'persona' }
  const conditions: (typeof CONDITIONS)[number][] = []
  for (let k = rng.int(1, 2); conditions.length < k;) {
    const c = rng.pick(CONDITIONS)
    if (!conditions.includes(c)) conditions.push(c)
  }
  const hypertensive = conditions.some(([code]) => code === '59621000')
  const onsets = new Map(
    conditions.map((c) => [c[0], ctx.start + rng.int(20, 900) * DAY_MS + 10 * HOUR_MS]),
  )
  const allergies = ALLERGIES.filter(() => rng.chance(0.25))
  const checkupMonth = rng.int(1, 12)
  const checkupDay = rng.int(3, 26)
  const fluMonth = rng.pick([10, 11])
  let weight = p.weightKg
  const drafts: Draft[] = []
  const fact = (at: number, fields: Record<string, string | number | undefined>): void => {
    drafts.push({ at, fields: { ...base, ...fields } })
  }
  for (const dayStart of ctx.dayStarts) {
    const { month, day } = localDate(ctx, dayStart)
    if (dayStart === ctx.dayStarts[1]) {
      for (const [code, display] of allergies) {
        fact(dayStart + 9 * HOUR_MS, {
          kind: 'allergy',
          resourceType: 'AllergyIntolerance',
          codeSystem: SNOMED,
          code,
          display,
          status: 'active',
          severity: rng.pick(['low', 'high']),
          datePrecision: 'document',
        })
      }
    }
    for (const [code, display, [atc, drug]] of conditions) {
      const onset = onsets.get(code) as number
      if (onset < dayStart || onset >= dayStart + DAY_MS) continue
      const resolved = code === '44465007'
      fact(onset, {
        kind: 'condition',
        resourceType: 'Condition',
        codeSystem: SNOMED,
        code,
        display,
        status: resolved ? 'resolved' : 'active',
        category: 'problem-list-item',
        endAt: resolved ? onset + 21 * DAY_MS : undefined,
        datePrecision: 'day',
      })
      fact(onset + HOUR_MS, {
        kind: 'medication',
        resourceType: 'MedicationStatement',
        codeSystem: ATC,
        code: atc,
        display: drug,
        status: resolved ? 'completed' : 'active',
        endAt: resolved ? onset + 14 * DAY_MS : undefined,
        datePrecision: 'day',
      })
    }
    if (month === fluMonth && day === 15) {
      fact(dayStart + 11 * HOUR_MS, {
        kind: 'immunization',
        resourceType: 'Immunization',
        codeSystem: CVX,
        code: '140',
        display: 'Influenza, seasonal, injectable, preservative free',
        status: 'completed',
        datePrecision: 'day',
      })
    }
    if (month === checkupMonth && day === checkupDay) {
      const at = dayStart + 9 * HOUR_MS + rng.int(0, 7) * 30 * 60_000
      const observe = (
        code: string,
        display: string,
        value: number,
        unit: string,
        category: string,
        panel?: string,
      ): void =>
        fact(at, {
          kind: 'observation',
          resourceType: 'Observation',
          codeSystem: LOINC,
          code,
          display,
          status: 'final',
          category,
          value,
          unit,
          panel,
          datePrecision: 'time',
        })
      const systolic = Math.round(rng.normal(hypertensive ? 134 : 118, 7))
      observe('29463-7', 'Body weight', Math.round(weight * 10) / 10, 'kg', 'vital-signs')
      observe('8302-2', 'Body height', p.heightCm, 'cm', 'vital-signs')
      observe(
        '39156-5',
        'Body mass index (BMI) [Ratio]',
        Math.round((weight / (p.heightCm / 100) ** 2) * 10) / 10,
        'kg/m2',
        'vital-signs',
      )
      observe('8480-6', 'Systolic blood pressure', systolic, 'mm[Hg]', 'vital-signs', '85354-9')
      observe(
        '8462-4',
        'Diastolic blood pressure',
        Math.round(systolic * rng.range(0.6, 0.68)),
        'mm[Hg]',
        'vital-signs',
        '85354-9',
      )
      observe(
        '8867-4',
        'Heart rate',
        Math.round(
          rng.normal(p.favoriteSport === 'running' || p.favoriteSport === 'cycling' ? 54 : 64, 5),
        ),
        '/min',
        'vital-signs',
      )
      observe(
        '2093-3',
        'Cholesterol [Mass/volume] in Serum or Plasma',
        Math.round(rng.normal(185, 22)),
        'mg/dL',
        'laboratory',
      )
      observe(
        '4548-4',
        'Hemoglobin A1c/Hemoglobin.total in Blood',
        Math.round(rng.normal(5.3, 0.25) * 10) / 10,
        '%',
        'laboratory',
      )
    }
    weight += rng.normal(0, 0.03)
    const weighIns = rng.poisson(WEIGH_INS_PER_DAY * ctx.scale)
    for (let i = 0; i < weighIns; i++) {
      fact(dayStart + rng.int(6 * 60, 9 * 60) * 60_000, {
        kind: 'observation',
        resourceType: 'Observation',
        codeSystem: LOINC,
        code: '29463-7',
        display: 'Body weight',
        status: 'final',
        category: 'vital-signs',
        value: Math.round((weight + rng.normal(0, 0.3)) * 10) / 10,
        unit: 'kg',
        datePrecision: 'time',
      })
    }
    yield* emitter.flush(drafts)
  }
}
