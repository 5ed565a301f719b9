// A medical summary for a doctor abroad (mode `share`: the person hands these facts over, under
// the contract): allergies and intolerances, active conditions (and those in remission, which a
// doctor must know about) and current medications, as a FHIR R4 Bundle of type `collection` with
// AllergyIntolerance, Condition and MedicationStatement resources, each with its code, name,
// status and dates. Nothing else of the health record (observations, immunizations, notes,
// resolved conditions, finished medications) is read into the answer. Reads health.recordedAt,
// .endAt, .datePrecision, .kind, .codeSystem, .code, .display, .status, .severity, .category.

import { civilFromMs, DAY_MS } from 'sealpost/guest'

/** How many of each are sent, the most recent first (keeps the answer under the output cap). */
const MAX = { allergy: 8, condition: 10, medication: 12 }
/** Statuses that mean a fact no longer applies (FHIR clinical and verification status codes). */
const ENDED = ['inactive', 'resolved', 'refuted', 'entered-in-error']
const CONDITION_STATUS = ['active', 'recurrence', 'relapse', 'remission']
const MEDICATION_STATUS = ['active', 'intended', 'on-hold']
const ALLERGY_CATEGORY = ['food', 'medication', 'environment', 'biologic']
const CRITICALITY = ['low', 'high', 'unable-to-assess']
const SUBJECT = { display: 'the person sharing this summary' }

/**
 * A FHIR dateTime at the precision the record knows ('2015', '2015-03', '2015-03-01',
 * '2015-03-01T09:15:00Z'); undefined for a missing date or one that is only the document's.
 */
export function fhirDate(ms, precision) {
  if (!(ms === ms) || ms === undefined || precision === 'document') return undefined
  const { year, month, day } = civilFromMs(ms)
  const p2 = (n) => String(n).padStart(2, '0')
  const y = String(year).padStart(4, '0')
  if (precision === 'year') return y
  if (precision === 'month') return `${y}-${p2(month)}`
  if (precision === 'day') return `${y}-${p2(month)}-${p2(day)}`
  const s = Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / 1000)
  return `${y}-${p2(month)}-${p2(day)}T${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}Z`
}

/**
 * Display text on one line, cut to whole characters within `maxChars` characters and `maxBytes`
 * UTF-8 bytes (so that the answer stays under the output cap whatever the script); undefined when
 * empty.
 */
export function clean(text, maxChars, maxBytes) {
  if (typeof text !== 'string') return undefined
  const s = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  let out = ''
  let chars = 0
  let bytes = 0
  for (const ch of s) {
    const cp = ch.codePointAt(0)
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
    if (chars + 1 > maxChars || bytes + size > maxBytes) break
    out += ch
    chars++
    bytes += size
  }
  return out === '' ? undefined : out
}

/** A CodeableConcept from a record's code system, code and display; undefined if it has none. */
export function codeableConcept(system, code, display) {
  const name = clean(display, 120, 120)
  if (typeof code === 'string' && /^[!-~]{1,32}$/.test(code)) {
    const coding = {}
    if (typeof system === 'string' && /^[!-~]{1,80}$/.test(system)) coding.system = system
    coding.code = code
    if (name !== undefined) coding.display = name
    return { coding: [coding] }
  }
  return name === undefined ? undefined : { text: name }
}

/**
 * Whether a fact still applies at `now`, and the FHIR status it gets: `undefined` when it is left
 * out. A missing status counts as current unless the fact has ended (`endAt` in the past).
 */
export function currentStatus(kind, status, endAt, now) {
  const s = typeof status === 'string' ? status.toLowerCase() : undefined
  if (s !== undefined && ENDED.includes(s)) return undefined
  const ended = endAt === endAt && endAt !== undefined && endAt <= now
  if (kind === 'allergy') return 'active'
  if (kind === 'condition') {
    if (s !== undefined && CONDITION_STATUS.includes(s)) return s
    return ended ? undefined : 'active'
  }
  if (kind === 'medication') {
    if (s !== undefined && MEDICATION_STATUS.includes(s)) return s
    return s === undefined && !ended ? 'active' : undefined
  }
  return undefined
}

function allergyResource(r, status, id) {
  const res = {
    resourceType: 'AllergyIntolerance',
    id,
    clinicalStatus: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
          code: status,
        },
      ],
    },
    code: r.concept,
  }
  if (ALLERGY_CATEGORY.includes(r.category)) res.category = [r.category]
  if (CRITICALITY.includes(r.severity)) res.criticality = r.severity
  const onset = fhirDate(r.recordedAt, r.datePrecision)
  if (onset) res.onsetDateTime = onset
  res.patient = SUBJECT
  return res
}

function conditionResource(r, status, id) {
  const res = {
    resourceType: 'Condition',
    id,
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: status },
      ],
    },
    code: r.concept,
  }
  const severity = clean(r.severity, 30, 30)
  if (severity) res.severity = { text: severity }
  const onset = fhirDate(r.recordedAt, r.datePrecision)
  if (onset) res.onsetDateTime = onset
  // FHIR con-4: an abatement goes with an inactive clinical status (here: remission).
  const end = fhirDate(r.endAt, r.datePrecision === 'document' ? 'day' : r.datePrecision)
  if (end && status === 'remission') res.abatementDateTime = end
  res.subject = SUBJECT
  return res
}

function medicationResource(r, status, id) {
  const res = {
    resourceType: 'MedicationStatement',
    id,
    status,
    medicationCodeableConcept: r.concept,
  }
  const start = fhirDate(r.recordedAt, r.datePrecision)
  if (start) res.effectiveDateTime = start
  res.subject = SUBJECT
  return res
}

const BUILD = {
  allergy: allergyResource,
  condition: conditionResource,
  medication: medicationResource,
}

export function analyze(input) {
  const h = input.collections.health
  const latest = { allergy: new Map(), condition: new Map(), medication: new Map() }
  // Rows are in time order: a later record of the same code replaces an earlier one.
  for (let i = 0; i < h.length; i++) {
    const kind = h.get('kind', i)
    if (!Object.hasOwn(latest, kind)) continue
    const r = {
      recordedAt: h.get('recordedAt', i),
      endAt: h.get('endAt', i),
      datePrecision: h.get('datePrecision', i),
      category: h.get('category', i),
      severity: h.get('severity', i),
      status: h.get('status', i),
      concept: codeableConcept(h.get('codeSystem', i), h.get('code', i), h.get('display', i)),
    }
    if (r.concept === undefined) continue
    const c = r.concept.coding ? r.concept.coding[0] : undefined
    const key = c ? `${c.system || ''}|${c.code}` : `|${r.concept.text.toLowerCase()}`
    latest[kind].delete(key)
    latest[kind].set(key, r)
  }
  const entry = []
  for (const kind of ['allergy', 'condition', 'medication']) {
    const kept = []
    for (const r of latest[kind].values()) {
      const status = currentStatus(kind, r.status, r.endAt, input.now)
      if (status !== undefined) kept.push({ r, status })
    }
    kept.slice(-MAX[kind]).forEach(({ r, status }, n) => {
      entry.push({ resource: BUILD[kind](r, status, `${kind}-${n + 1}`) })
    })
  }
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: fhirDate(input.now, 'time'),
    entry,
  }
}
