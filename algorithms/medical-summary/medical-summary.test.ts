import { afterAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createSandbox } from '../../sandbox/index.ts'
import { loadModuleFolder } from '../../runtime/dev/module_folder.ts'
import { importFile, sourceFromFile } from '../../runtime/importers/index.ts'
import { outputBitBound } from '../../runtime/manifest/index.ts'
import { MemorySource } from '../../runtime/pipeline/memory_source.ts'
import { runBundle } from '../../runtime/pipeline/run.ts'
import { giveConsent } from '../../runtime/policy/consent.ts'
import { loadFixtures } from '../../tests/_helpers/fixtures.ts'
// @ts-expect-error plain JavaScript module without types
import { clean, codeableConcept, currentStatus, fhirDate } from './index.js'

const dir = fileURLToPath(new URL('.', import.meta.url))
const IPS = fileURLToPath(
  new URL(
    '../../tests/fixtures/health/ips_Bundle-IPS-examples-Bundle-with-immunization.json',
    import.meta.url,
  ),
)
const sandbox = createSandbox()
afterAll(() => sandbox.dispose())

type Coding = { system?: string; code: string; display?: string }
type Resource = {
  resourceType: string
  id: string
  code?: { coding?: Coding[]; text?: string }
  medicationCodeableConcept?: { coding?: Coding[]; text?: string }
  [key: string]: unknown
}
type Bundle = {
  resourceType: string
  type: string
  timestamp: string
  entry: { resource: Resource }[]
}

async function summarise(records: Record<string, unknown>[], now: number): Promise<Bundle> {
  const bundle = await loadModuleFolder(dir)
  const result = await runBundle(
    {
      source: new MemorySource({ health: records }),
      sandbox,
      consent: giveConsent(bundle, now),
    },
    bundle,
    { now },
  )
  return result.output as Bundle
}

/** `ResourceType code` of each resource's first coding, sorted. */
function codesOf(resources: readonly Resource[]): string[] {
  return resources
    .map((r) => {
      const concept = r.code ?? r.medicationCodeableConcept
      return `${r.resourceType} ${concept?.coding?.[0]?.code}`
    })
    .sort()
}

const SUBJECT = { display: 'the person sharing this summary' }

describe('medical-summary', () => {
  it('writes FHIR dates at the precision the record knows', () => {
    const t = Date.UTC(2015, 2, 1, 9, 15, 7)
    expect(fhirDate(t, 'year')).toBe('2015')
    expect(fhirDate(t, 'month')).toBe('2015-03')
    expect(fhirDate(t, 'day')).toBe('2015-03-01')
    expect(fhirDate(t, 'time')).toBe('2015-03-01T09:15:07Z')
    expect(fhirDate(t, 'document')).toBeUndefined()
    expect(fhirDate(Number.NaN, 'day')).toBeUndefined()
    fc.assert(
      fc.property(fc.integer({ min: -2_208_988_800_000, max: 4_102_444_800_000 }), (ms) => {
        const whole = ms - (((ms % 1000) + 1000) % 1000)
        expect(fhirDate(whole, 'time')).toBe(new Date(whole).toISOString().replace('.000Z', 'Z'))
      }),
    )
  })

  it('keeps facts that still apply and gives them a FHIR status', () => {
    const now = Date.UTC(2026, 0, 1)
    const past = now - 1
    expect(currentStatus('condition', 'remission', past, now)).toBe('remission')
    expect(currentStatus('condition', 'Resolved', undefined, now)).toBeUndefined()
    expect(currentStatus('condition', undefined, past, now)).toBeUndefined()
    expect(currentStatus('condition', 'confirmed', now + 1, now)).toBe('active')
    expect(currentStatus('medication', 'completed', undefined, now)).toBeUndefined()
    expect(currentStatus('medication', 'on-hold', undefined, now)).toBe('on-hold')
    expect(currentStatus('medication', undefined, Number.NaN, now)).toBe('active')
    expect(currentStatus('allergy', 'refuted', undefined, now)).toBeUndefined()
    expect(currentStatus('allergy', 'active', past, now)).toBe('active')
  })

  it('codes a concept only when the code is plain, and falls back to the display text', () => {
    expect(codeableConcept('http://snomed.info/sct', '195967001', 'Asthma')).toEqual({
      coding: [{ system: 'http://snomed.info/sct', code: '195967001', display: 'Asthma' }],
    })
    expect(codeableConcept(undefined, 'has space', ' Vitamin\tD ')).toEqual({ text: 'Vitamin D' })
    expect(codeableConcept(undefined, undefined, '')).toBeUndefined()
  })

  it('cuts display text at whole characters within a character and a byte budget', () => {
    expect(clean(' a\nb ', 10, 10)).toBe('a b')
    expect(clean('漢漢漢', 10, 7)).toBe('漢漢')
    // An emoji is two UTF-16 units and four bytes: never cut in half.
    expect(clean('😷😷', 10, 6)).toBe('😷')
    expect(clean('abc', 2, 100)).toBe('ab')
    expect(clean('\t', 5, 5)).toBeUndefined()
  })

  it('lists exactly the allergies, conditions and medications of the real IPS document', async () => {
    const records: Record<string, unknown>[] = []
    for await (const r of importFile(sourceFromFile(IPS))) {
      if (r.collection === 'health') records.push(r.record as Record<string, unknown>)
    }
    const out = await summarise(records, Date.UTC(2026, 0, 15, 10))

    // The same codes read straight from the IPS JSON, medications through their Medication.
    const ips = JSON.parse(readFileSync(IPS, 'utf8')) as {
      entry: { fullUrl: string; resource: Record<string, unknown> & { resourceType: string } }[]
    }
    const byUrl = new Map(ips.entry.map((e) => [e.fullUrl, e.resource]))
    const wanted = ips.entry
      .map((e) => e.resource)
      .filter((r) =>
        ['AllergyIntolerance', 'Condition', 'MedicationStatement'].includes(r.resourceType),
      )
      .map((r) => {
        const ref = (r['medicationReference'] as { reference: string } | undefined)?.reference
        const concept = (ref ? byUrl.get(ref)?.['code'] : r['code']) as { coding: Coding[] }
        return { resourceType: r.resourceType, id: '', code: concept }
      })
    expect(wanted).toHaveLength(6)
    expect(codesOf(out.entry.map((e) => e.resource))).toEqual(codesOf(wanted))

    const cc = (code: string, display: string) => ({
      coding: [{ system: 'http://snomed.info/sct', code, display }],
    })
    const clinical = (kind: string, code: string) => ({
      coding: [{ system: `http://terminology.hl7.org/CodeSystem/${kind}-clinical`, code }],
    })
    expect(out).toEqual({
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: '2026-01-15T10:00:00Z',
      entry: [
        {
          resource: {
            resourceType: 'AllergyIntolerance',
            id: 'allergy-1',
            clinicalStatus: clinical('allergyintolerance', 'active'),
            code: cc(
              '373270004',
              'Substance with penicillin structure and antibacterial mechanism of action (substance)',
            ),
            category: ['medication'],
            criticality: 'high',
            onsetDateTime: '2010',
            patient: SUBJECT,
          },
        },
        {
          resource: {
            resourceType: 'AllergyIntolerance',
            id: 'allergy-2',
            clinicalStatus: clinical('allergyintolerance', 'active'),
            code: cc('429625007', 'No known food allergy (situation)'),
            patient: SUBJECT,
          },
        },
        {
          resource: {
            resourceType: 'Condition',
            id: 'condition-1',
            clinicalStatus: clinical('condition', 'active'),
            code: cc('198436008', 'Menopausal flushing (finding)'),
            severity: { text: 'Moderate severity' },
            onsetDateTime: '2015',
            subject: SUBJECT,
          },
        },
        {
          resource: {
            resourceType: 'Condition',
            id: 'condition-2',
            clinicalStatus: clinical('condition', 'remission'),
            code: cc('254837009', 'Malignant tumor of breast'),
            severity: { text: 'Severe' },
            onsetDateTime: '2015-01',
            abatementDateTime: '2015-03',
            subject: SUBJECT,
          },
        },
        {
          resource: {
            resourceType: 'MedicationStatement',
            id: 'medication-1',
            status: 'active',
            medicationCodeableConcept: cc(
              '108774000',
              'Product containing anastrozole (medicinal product)',
            ),
            effectiveDateTime: '2015-03',
            subject: SUBJECT,
          },
        },
        {
          resource: {
            resourceType: 'MedicationStatement',
            id: 'medication-2',
            status: 'active',
            medicationCodeableConcept: cc('412588001', 'Cimicifuga racemosa extract (substance)'),
            effectiveDateTime: '2016-01',
            subject: SUBJECT,
          },
        },
      ],
    })
  })

  it('stays under the 20,000-byte output cap for the largest record it accepts', async () => {
    const records: Record<string, unknown>[] = []
    const kinds = [
      ['allergy', 'AllergyIntolerance'],
      ['condition', 'Condition'],
      ['medication', 'MedicationStatement'],
    ] as const
    for (let i = 0; i < 300; i++) {
      const [kind, resourceType] = kinds[i % 3]!
      records.push({
        id: `h${i}`,
        recordedAt: Date.UTC(2020, 0, 1) + i * 60_000,
        datePrecision: 'time',
        kind,
        resourceType,
        codeSystem: `https://terminology.example/${'s'.repeat(100)}`.slice(0, 80),
        code: String(i).padStart(32, '9'),
        display: ['漢', '😷', 'Ω', 'e'][i % 4]!.repeat(1000),
        status: 'active',
        severity: '漢'.repeat(30),
        category: 'medication',
      })
    }
    const bundle = await loadModuleFolder(dir)
    const result = await runBundle(
      {
        source: new MemorySource({ health: records }),
        sandbox,
        consent: giveConsent(bundle, Date.UTC(2026, 0, 1)),
      },
      bundle,
      { now: Date.UTC(2026, 0, 1) },
    )
    const out = result.output as Bundle
    expect(out.entry).toHaveLength(30)
    // The most recent of each kind are kept: the last medication record is i = 299.
    const last = out.entry.at(-1)!.resource.medicationCodeableConcept!.coding![0]!.code
    expect(last).toBe(String(299).padStart(32, '9'))
    expect(new TextEncoder().encode(result.outputJson).length).toBeLessThanOrEqual(20_000)
  })

  it('has a finite bit bound although share mode would allow an infinite one', async () => {
    const { manifest } = await loadModuleFolder(dir)
    expect(manifest.mode).toBe('share')
    expect(Number.isFinite(outputBitBound(manifest.output).bits)).toBe(true)
  })

  for (const fixture of loadFixtures(dir)) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      expect(await summarise(fixture.collections['health'] ?? [], fixture.now)).toEqual(
        fixture.expected,
      )
    })
  }
})
