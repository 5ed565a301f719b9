import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { ImportFormatError } from '../../runtime/importers/errors.ts'
import { fhirImporter as importer, parseFhirDate } from '../../runtime/importers/fhir.ts'
import {
  bytesSource,
  hasSchema,
  readAllRecords,
  recordsOf,
  schemaErrors,
  sharedFixture,
  textSource,
  thrown,
} from './_exports.ts'

const IPS = 'health/ips_Bundle-IPS-examples-Bundle-with-immunization.json'

async function loadIps(chunkSize?: number) {
  return readAllRecords(importer, bytesSource('ips.json', sharedFixture(IPS), chunkSize))
}

function bundle(...resources: object[]): string {
  return JSON.stringify({
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: '2024-03-01T10:00:00Z',
    entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:${i}`, resource })),
  })
}

describe('FHIR R4 importer', () => {
  it('recognises a Bundle and single clinical resources', () => {
    const enc = new TextEncoder()
    expect(importer.sniff(sharedFixture(IPS).subarray(0, 65536), 'x.json')).toBe(90)
    expect(importer.sniff(enc.encode('{"resourceType": "Observation"}'), 'o.json')).toBe(70)
    expect(importer.sniff(enc.encode('{"resourceType": "Patient"}'), 'p.json')).toBe(0)
    expect(importer.sniff(enc.encode('{"locations": []}'), 'Records.json')).toBe(0)
  })

  it('turns the IPS bundle into 14 health facts by kind', async () => {
    const records = recordsOf(await loadIps(), 'health')
    const count = (kind: string) => records.filter((r) => r.kind === kind).length
    expect(records).toHaveLength(14)
    expect([
      count('condition'),
      count('medication'),
      count('allergy'),
      count('immunization'),
      count('observation'),
    ]).toEqual([2, 2, 2, 1, 7])
  })

  it('keeps code system, code, display, status and partial dates of conditions', async () => {
    const records = recordsOf(await loadIps(), 'health')
    const cancer = records.find((r) => r.code === '254837009')
    expect(cancer).toMatchObject({
      kind: 'condition',
      codeSystem: 'http://snomed.info/sct',
      display: 'Malignant tumor of breast',
      status: 'remission',
      severity: 'Severe',
      category: 'Problem',
      recordedAt: Date.UTC(2015, 0, 1),
      endAt: Date.UTC(2015, 2, 1),
      datePrecision: 'month',
    })
    expect(records[0]).toMatchObject({
      code: '198436008',
      recordedAt: Date.UTC(2015, 0, 1),
      datePrecision: 'year',
    })
  })

  it('resolves medicationReference to the Medication inside the bundle', async () => {
    const meds = recordsOf(await loadIps(), 'health').filter((r) => r.kind === 'medication')
    expect(meds.map((m) => [m.code, m.display, m.recordedAt, m.status])).toEqual([
      [
        '108774000',
        'Product containing anastrozole (medicinal product)',
        Date.UTC(2015, 2, 1),
        'active',
      ],
      ['412588001', 'Cimicifuga racemosa extract (substance)', Date.UTC(2016, 0, 1), 'active'],
    ])
  })

  it('reads quantity and coded observation values, notes and zoned times', async () => {
    const obs = recordsOf(await loadIps(), 'health').filter((r) => r.kind === 'observation')
    expect(obs.find((o) => o.code === '17856-6')).toMatchObject({
      value: 7.5,
      unit: '%',
      note: 'Above stated goal of 7.0 %',
      recordedAt: Date.parse('2017-11-10T07:20:00Z'),
      category: 'laboratory',
    })
    expect(obs.find((o) => o.code === '882-1')).toMatchObject({
      valueCode: '278149003',
      valueText: 'Blood group A Rh(D) positive',
    })
    expect(obs.find((o) => o.display === 'Blood typing')).not.toHaveProperty('code')
  })

  it('dates an undated allergy with the document date, and says so', async () => {
    const none = recordsOf(await loadIps(), 'health').find((r) => r.code === '429625007')
    expect(none).toMatchObject({
      recordedAt: Date.parse('2017-12-11T13:30:00Z'),
      datePrecision: 'document',
    })
  })

  it('reads an immunization with its vaccine code', async () => {
    const [vaccine] = recordsOf(await loadIps(), 'health').filter((r) => r.kind === 'immunization')
    expect(vaccine).toMatchObject({
      code: '871878002',
      status: 'completed',
      recordedAt: Date.parse('1998-06-03T22:00:00Z'),
    })
  })

  it('flattens components into one fact each and resolves contained medications', async () => {
    const text = bundle(
      {
        resourceType: 'Observation',
        id: 'bp',
        status: 'final',
        code: {
          coding: [
            { system: 'http://loinc.org', code: '85354-9', display: 'Blood pressure panel' },
          ],
        },
        effectiveDateTime: '2024-02-01T08:00:00Z',
        component: [
          {
            code: { coding: [{ system: 'http://loinc.org', code: '8480-6', display: 'Systolic' }] },
            valueQuantity: { value: 120, unit: 'mmHg' },
          },
          {
            code: {
              coding: [{ system: 'http://loinc.org', code: '8462-4', display: 'Diastolic' }],
            },
            valueQuantity: { value: 80, code: 'mm[Hg]' },
          },
        ],
      },
      {
        resourceType: 'MedicationRequest',
        id: 'rx',
        status: 'active',
        authoredOn: '2024-01-15',
        contained: [{ resourceType: 'Medication', id: 'm1', code: { text: 'Ibuprofen 200 mg' } }],
        medicationReference: { reference: '#m1' },
      },
    )
    const records = recordsOf(await readAllRecords(importer, textSource('b.json', text)), 'health')
    expect(records.map((r) => [r.code, r.display, r.value, r.unit, r.panel])).toEqual([
      ['8480-6', 'Systolic', 120, 'mmHg', '85354-9'],
      ['8462-4', 'Diastolic', 80, 'mm[Hg]', '85354-9'],
      [undefined, 'Ibuprofen 200 mg', undefined, undefined, undefined],
    ])
    expect(records[2]).toMatchObject({
      kind: 'medication',
      resourceType: 'MedicationRequest',
      recordedAt: Date.UTC(2024, 0, 15),
    })
  })

  it('gives the same ids when imported twice', async () => {
    const a = (await loadIps()).map((r) => r.record.id)
    const b = (await loadIps(4096)).map((r) => r.record.id)
    expect(b).toEqual(a)
    expect(new Set(a).size).toBe(a.length)
  })

  it.skipIf(!hasSchema('health'))('yields records valid against the health schema', async () => {
    expect(schemaErrors(await loadIps())).toEqual([])
  })

  it('refuses a reference to a medication that is not in the bundle', async () => {
    const text = bundle({
      resourceType: 'MedicationStatement',
      status: 'active',
      effectiveDateTime: '2020',
      medicationReference: { reference: 'urn:uuid:missing' },
    })
    const error = await thrown(() => readAllRecords(importer, textSource('b.json', text)))
    expect(error).toBeInstanceOf(ImportFormatError)
    expect((error as ImportFormatError).position.record).toBe(1)
  })

  it('refuses impossible dates and non-FHIR JSON', async () => {
    const bad = bundle({
      resourceType: 'Condition',
      onsetDateTime: '2021-02-30',
      code: { text: 'x' },
    })
    expect(await thrown(() => readAllRecords(importer, textSource('b.json', bad)))).toBeInstanceOf(
      ImportFormatError,
    )
    expect(
      await thrown(() => readAllRecords(importer, textSource('b.json', '[1,2]'))),
    ).toBeInstanceOf(ImportFormatError)
  })

  it('parses FHIR partial dates to the start of their period', () => {
    expect(parseFhirDate('2015')).toEqual({ ms: Date.UTC(2015, 0, 1), precision: 'year' })
    expect(parseFhirDate('2016-10')).toEqual({ ms: Date.UTC(2016, 9, 1), precision: 'month' })
    expect(parseFhirDate('2015-10-10T09:15:00+01:00')).toEqual({
      ms: Date.UTC(2015, 9, 10, 8, 15),
      precision: 'time',
    })
    expect(parseFhirDate('2015-13')).toBeUndefined()
    expect(parseFhirDate('2015-10-10T25:00:00Z')).toBeUndefined()
  })

  it('round-trips generated observation values (property)', async () => {
    const obs = fc.record({
      code: fc.stringMatching(/^\d{1,5}-\d$/),
      value: fc.double({ noNaN: true, noDefaultInfinity: true }),
      t: fc.integer({ min: 0, max: 4_000_000_000_000 }),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(obs, { maxLength: 10 }), async (list) => {
        const text = bundle(
          ...list.map((o) => ({
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: o.code }] },
            effectiveDateTime: new Date(o.t).toISOString(),
            valueQuantity: { value: o.value, unit: 'u' },
          })),
        )
        const out = recordsOf(
          await readAllRecords(importer, textSource('b.json', text, 33)),
          'health',
        )
        expect(out.map((r) => [r.code, r.value, r.recordedAt])).toEqual(
          list.map((o) => [o.code, Object.is(o.value, -0) ? 0 : o.value, o.t]),
        )
      }),
      { numRuns: 100 },
    )
  })

  it('throws nothing but ImportFormatError on garbage (property)', async () => {
    const resource = fc.record({
      resourceType: fc.constantFrom(
        'Condition',
        'Observation',
        'MedicationStatement',
        'Immunization',
        'AllergyIntolerance',
      ),
      code: fc.oneof(
        fc.json().map((j) => JSON.parse(j) as unknown),
        fc.constant({ text: 'x' }),
      ),
      effectiveDateTime: fc.oneof(fc.string(), fc.constant('2020-01-01')),
      onsetDateTime: fc.oneof(fc.string(), fc.integer()),
      valueQuantity: fc.json().map((j) => JSON.parse(j) as unknown),
      component: fc.json().map((j) => JSON.parse(j) as unknown),
    })
    const garbage = fc.oneof(
      fc.string(),
      fc.array(resource, { maxLength: 3 }).map((list) => bundle(...list)),
      fc.json().map((j) => `{"resourceType":"Bundle","entry":${j}}`),
    )
    await fc.assert(
      fc.asyncProperty(garbage, async (text) => {
        const error = await thrown(() => readAllRecords(importer, textSource('b.json', text)))
        if (error !== undefined) expect(error).toBeInstanceOf(ImportFormatError)
      }),
      { numRuns: 300 },
    )
  })
})
