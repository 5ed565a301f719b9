/**
 * FHIR R4 → `health`. Reads a Bundle (document, collection, searchset, ...) or a single resource and
 * turns Condition, MedicationStatement / MedicationRequest, AllergyIntolerance, Immunization and
 * Observation into flat health facts: kind, code system / code / display, status, dates, and for
 * observations the value (quantity, coded or text), one record per component.
 */
import { StableIds } from './_id.ts'
import {
  clip,
  compact,
  FieldReader,
  isObject,
  maxBytesOption,
  readJsonDocument,
  sniffText,
  type Draft,
  type JsonObject,
} from './_json_export.ts'
import { ImportFormatError } from './errors.ts'
import { parseFhirDate, type DatePrecision } from './_fhir_date.ts'
import type { ImportedRecord, Importer, ImportSource } from './types.ts'

const FORMAT = 'fhir'

export { parseFhirDate, type DatePrecision } from './_fhir_date.ts'

/** What a health fact is. */
export type HealthKind = 'condition' | 'medication' | 'allergy' | 'immunization' | 'observation'

/** One `health` record as this importer writes it. */
export type HealthRecord = {
  id: string
  recordedAt: number
  source: string
  kind: HealthKind
  resourceType: string
  datePrecision: DatePrecision
  codeSystem?: string
  code?: string
  display?: string
  status?: string
  category?: string
  endAt?: number
  value?: number
  unit?: string
  valueCode?: string
  valueText?: string
  panel?: string
  severity?: string
  note?: string
}

const KIND_OF: Readonly<Record<string, HealthKind>> = {
  Condition: 'condition',
  MedicationStatement: 'medication',
  MedicationRequest: 'medication',
  AllergyIntolerance: 'allergy',
  Immunization: 'immunization',
  Observation: 'observation',
}

/** FHIR R4 JSON Bundle or resource (an International Patient Summary, a portal export). */
export const fhirImporter: Importer = {
  format: FORMAT,
  description:
    'FHIR R4 JSON Bundle: conditions, medications, allergies, immunizations, observations',
  sniff(head) {
    const text = sniffText(head).slice(0, 8192)
    if (!text.startsWith('{')) return 0
    if (/"resourceType"\s*:\s*"Bundle"/.test(text)) return 90
    const m = /"resourceType"\s*:\s*"(\w+)"/.exec(text)
    return m !== null && m[1] !== undefined && KIND_OF[m[1]] !== undefined ? 70 : 0
  },
  read(source, options) {
    return readFhir(source, options)
  },
}

async function* readFhir(
  source: ImportSource,
  options: Readonly<Record<string, unknown>> | undefined,
): AsyncGenerator<ImportedRecord> {
  const doc = await readJsonDocument(source, FORMAT, maxBytesOption(options))
  if (!isObject(doc) || typeof doc['resourceType'] !== 'string') {
    throw new ImportFormatError(FORMAT, 'expected a FHIR resource with a "resourceType"')
  }
  const resources = doc['resourceType'] === 'Bundle' ? bundleResources(doc) : [{ resource: doc }]
  const index = indexResources(resources)
  const documentDate = bundleDate(doc, resources)
  const ids = new StableIds(FORMAT)
  for (let i = 0; i < resources.length; i++) {
    const { resource } = resources[i] ?? { resource: {} }
    const type = resource['resourceType']
    if (typeof type !== 'string' || KIND_OF[type] === undefined) continue
    const r = new FieldReader(FORMAT, i + 1, `${type} ${String(resource['id'] ?? `#${i}`)}`)
    for (const draft of toHealth(r, resource, type, index, documentDate)) {
      const id = ids.next([
        draft.resourceType,
        String(resource['id'] ?? ''),
        draft.code,
        draft.panel,
        draft.recordedAt,
      ])
      yield {
        collection: 'health',
        record: compact<HealthRecord>({ id, source: FORMAT, ...fitted(draft) }),
      }
    }
  }
}

interface Entry {
  readonly fullUrl?: string
  readonly resource: JsonObject
}

function bundleResources(bundle: JsonObject): Entry[] {
  const r = new FieldReader(FORMAT, 0, 'Bundle')
  return r.array(bundle, 'entry').map((entry, i) => {
    const er = new FieldReader(FORMAT, i + 1, `Bundle.entry[${i}]`)
    if (!isObject(entry)) throw er.fail('must be an object')
    const resource = er.optObject(entry, 'resource')
    if (resource === undefined) throw er.fail('has no resource')
    if (typeof resource['resourceType'] !== 'string') throw er.fail('resource has no resourceType')
    const fullUrl = er.optString(entry, 'fullUrl')
    return fullUrl === undefined ? { resource } : { fullUrl, resource }
  })
}

/** Resources by every name a reference may use: fullUrl, `Type/id`, and `#id` for contained ones. */
function indexResources(entries: readonly Entry[]): Map<string, JsonObject> {
  const index = new Map<string, JsonObject>()
  for (const { fullUrl, resource } of entries) {
    if (fullUrl !== undefined) index.set(fullUrl, resource)
    const id = resource['id']
    if (typeof id === 'string') index.set(`${String(resource['resourceType'])}/${id}`, resource)
    const contained = resource['contained']
    if (Array.isArray(contained)) {
      for (const c of contained)
        if (isObject(c) && typeof c['id'] === 'string') index.set(`#${c['id']}`, c)
    }
  }
  return index
}

/** The date facts without one fall back to: the Composition's date, else the Bundle's timestamp. */
function bundleDate(doc: JsonObject, entries: readonly Entry[]): number | undefined {
  const composition = entries.find((e) => e.resource['resourceType'] === 'Composition')?.resource
  const text = composition?.['date'] ?? doc['timestamp']
  return typeof text === 'string' ? parseFhirDate(text)?.ms : undefined
}

interface Coded {
  readonly codeSystem?: string
  readonly code?: string
  readonly display?: string
}

/** The first coding of a CodeableConcept (FHIR lists the primary one first), with `text` as fallback. */
function coded(r: FieldReader, concept: JsonObject | undefined): Coded {
  if (concept === undefined) return {}
  const first = r.array(concept, 'coding').find(isObject)
  const text = r.optString(concept, 'text')
  if (first === undefined) return text === undefined ? {} : { display: text }
  return compact<Coded>({
    codeSystem: r.optString(first, 'system'),
    code: r.optString(first, 'code'),
    display: r.optString(first, 'display') ?? text,
  })
}

/** The code of the first coding of a CodeableConcept field (statuses: 'active', 'remission'). */
function codeOf(r: FieldReader, obj: JsonObject, key: string): string | undefined {
  const concept = r.optObject(obj, key)
  if (concept === undefined) return undefined
  const c = coded(r, concept)
  return c.code ?? c.display
}

/** The display of a CodeableConcept field, else its code (severities: 'Moderate severity'). */
function labelOf(r: FieldReader, obj: JsonObject, key: string): string | undefined {
  const concept = r.optObject(obj, key)
  if (concept === undefined) return undefined
  const c = coded(r, concept)
  return c.display ?? c.code
}

function firstCategory(r: FieldReader, obj: JsonObject): string | undefined {
  const first = r.array(obj, 'category')[0]
  if (typeof first === 'string') return first // AllergyIntolerance.category is a code list
  if (!isObject(first)) return undefined
  const c = coded(r, first)
  return c.display ?? c.code
}

function dateField(r: FieldReader, obj: JsonObject, key: string) {
  const text = r.optString(obj, key)
  if (text === undefined) return undefined
  const parsed = parseFhirDate(text)
  if (parsed === undefined) throw r.fail(`${key} is not a FHIR date: ${JSON.stringify(text)}`)
  return parsed
}

function periodField(r: FieldReader, obj: JsonObject, key: string) {
  const period = r.optObject(obj, key)
  if (period === undefined) return { start: undefined, end: undefined }
  return { start: dateField(r, period, 'start'), end: dateField(r, period, 'end') }
}

function notes(r: FieldReader, obj: JsonObject): string | undefined {
  const texts = r
    .array(obj, 'note')
    .filter(isObject)
    .map((n) => r.optString(n, 'text'))
    .filter((t): t is string => t !== undefined)
  return texts.length > 0 ? texts.join('\n') : undefined
}

type HealthDraft = Draft<
  Omit<HealthRecord, 'id' | 'source'>,
  'recordedAt' | 'kind' | 'resourceType' | 'datePrecision'
>

function* toHealth(
  r: FieldReader,
  res: JsonObject,
  type: string,
  index: ReadonlyMap<string, JsonObject>,
  documentDate: number | undefined,
): Generator<HealthDraft> {
  const kind = KIND_OF[type] as HealthKind
  let when: { ms: number; precision: DatePrecision } | undefined
  let end: { ms: number } | undefined
  let concept: Coded
  let status: string | undefined
  let severity: string | undefined
  switch (type) {
    case 'Condition':
      when =
        dateField(r, res, 'onsetDateTime') ??
        periodField(r, res, 'onsetPeriod').start ??
        dateField(r, res, 'recordedDate')
      end = dateField(r, res, 'abatementDateTime') ?? periodField(r, res, 'abatementPeriod').end
      concept = coded(r, r.optObject(res, 'code'))
      status = codeOf(r, res, 'clinicalStatus')
      severity = labelOf(r, res, 'severity')
      break
    case 'AllergyIntolerance':
      when = dateField(r, res, 'onsetDateTime') ?? dateField(r, res, 'recordedDate')
      concept = coded(r, r.optObject(res, 'code'))
      status = codeOf(r, res, 'clinicalStatus')
      severity = r.optString(res, 'criticality')
      break
    case 'Immunization':
      when = dateField(r, res, 'occurrenceDateTime') ?? dateField(r, res, 'recorded')
      concept = coded(r, r.optObject(res, 'vaccineCode'))
      status = r.optString(res, 'status')
      break
    case 'MedicationStatement':
    case 'MedicationRequest': {
      const period = periodField(r, res, 'effectivePeriod')
      when =
        dateField(r, res, 'effectiveDateTime') ??
        period.start ??
        dateField(r, res, 'authoredOn') ??
        dateField(r, res, 'dateAsserted')
      end = period.end
      concept = medication(r, res, index)
      status = r.optString(res, 'status')
      break
    }
    default: {
      const period = periodField(r, res, 'effectivePeriod')
      when = dateField(r, res, 'effectiveDateTime') ?? period.start ?? dateField(r, res, 'issued')
      end = period.end
      concept = coded(r, r.optObject(res, 'code'))
      status = r.optString(res, 'status')
    }
  }
  const at =
    when ??
    (documentDate === undefined ? undefined : { ms: documentDate, precision: 'document' as const })
  if (at === undefined) throw r.fail('has no date and the bundle has none to fall back on')
  const base: HealthDraft = {
    recordedAt: at.ms,
    datePrecision: at.precision,
    kind,
    resourceType: type,
    ...concept,
    status,
    category: firstCategory(r, res),
    endAt: end?.ms,
    severity,
    note: notes(r, res),
  }
  if (type !== 'Observation') {
    yield base
    return
  }
  const components = r.array(res, 'component').filter(isObject)
  if (components.length === 0) {
    yield { ...base, ...observationValue(r, res) }
    return
  }
  // A panel such as blood pressure: one fact per component, named by the component's own code.
  const panel = base.code ?? base.display
  for (const component of components) {
    yield {
      ...base,
      ...coded(r, r.optObject(component, 'code')),
      panel,
      ...observationValue(r, component),
    }
  }
}

function medication(
  r: FieldReader,
  res: JsonObject,
  index: ReadonlyMap<string, JsonObject>,
): Coded {
  const inline = r.optObject(res, 'medicationCodeableConcept')
  if (inline !== undefined) return coded(r, inline)
  const ref = r.optObject(res, 'medicationReference')
  if (ref === undefined)
    throw r.fail('has neither medicationCodeableConcept nor medicationReference')
  const target = r.optString(ref, 'reference')
  const found = target === undefined ? undefined : index.get(target)
  if (found === undefined) {
    const display = r.optString(ref, 'display')
    if (display !== undefined) return { display }
    throw r.fail(`medicationReference ${JSON.stringify(target)} is not in the bundle`)
  }
  return coded(r, r.optObject(found, 'code'))
}

function observationValue(r: FieldReader, obj: JsonObject) {
  const quantity = r.optObject(obj, 'valueQuantity')
  if (quantity !== undefined) {
    return {
      value: r.optNumber(quantity, 'value'),
      unit: r.optString(quantity, 'unit') ?? r.optString(quantity, 'code'),
    }
  }
  const concept = r.optObject(obj, 'valueCodeableConcept')
  if (concept !== undefined) {
    const c = coded(r, concept)
    return { valueCode: c.code, valueText: c.display }
  }
  const text = r.optString(obj, 'valueString')
  if (text !== undefined) return { valueText: text }
  const n = r.optNumber(obj, 'valueInteger')
  if (n !== undefined) return { value: n }
  const b = obj['valueBoolean']
  if (typeof b === 'boolean') return { valueText: String(b) }
  return {}
}

/** Clips free text to the health schema's limits (a long note must not sink the whole import). */
function fitted(d: HealthDraft): HealthDraft {
  return {
    ...d,
    codeSystem: clip(d.codeSystem, 200),
    code: clip(d.code, 100),
    display: clip(d.display, 1000),
    status: clip(d.status, 60),
    category: clip(d.category, 100),
    unit: clip(d.unit, 60),
    valueCode: clip(d.valueCode, 100),
    valueText: clip(d.valueText, 2000),
    panel: clip(d.panel, 200),
    severity: clip(d.severity, 40),
    note: clip(d.note, 4000),
  }
}
