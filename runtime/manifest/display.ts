/**
 * Display hints (`x-display`, docs/display-hints.md): how an output field reads in the person's
 * app — a label, words for values, a unit template, a currency, a chart. Presentation only: the bit
 * bound, validation and consent are computed from the schema exactly as without them. The keyword's
 * shape is checked when the output schema compiles (`displayMetaSchema`), so a signed manifest can
 * carry hints and an auditor sees them (`sealpost audit`).
 */

import type { JsonSchema } from './types.ts'

/** The annotation keyword. */
export const DISPLAY_KEYWORD = 'x-display'

/** Longest text a hint may carry: hints are shown on a phone, and they are partner-written. */
const MAX_TEXT = 200

const text = {
  anyOf: [
    { type: 'string', maxLength: MAX_TEXT },
    {
      type: 'object',
      maxProperties: 16,
      propertyNames: { maxLength: 8 },
      additionalProperties: { type: 'string', maxLength: MAX_TEXT },
    },
  ],
} as const

/** The shape of an `x-display` value (ajv meta-schema of the keyword). */
export const displayMetaSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    label: text,
    template: text,
    values: { type: 'object', maxProperties: 256, additionalProperties: text },
    currency: {
      anyOf: [
        { type: 'string', minLength: 3, maxLength: 3 },
        {
          type: 'object',
          additionalProperties: false,
          required: ['field'],
          properties: { field: { type: 'string', maxLength: 64 } },
        },
      ],
    },
    record: { type: 'string', maxLength: 64 },
    chart: {
      type: 'object',
      required: ['kind'],
      maxProperties: 8,
      properties: { kind: { enum: ['bars', 'ranking'] } },
      additionalProperties: { type: 'string', maxLength: 64 },
    },
    hidden: { type: 'boolean' },
  },
} as const

/** One field's hint: its path (names joined by `.`, `[]` for array items, `''` for the answer). */
export interface DisplayField {
  readonly path: string
  readonly hint: Readonly<Record<string, unknown>>
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Lists the `x-display` hints of an output schema, in schema order. */
export function outputDisplayHints(schema: JsonSchema): DisplayField[] {
  if (!isObject(schema)) throw new TypeError('schema must be a JSON Schema object')
  const out: DisplayField[] = []
  const walk = (s: unknown, path: string, depth: number): void => {
    if (!isObject(s) || depth > 64) return
    const hint = s[DISPLAY_KEYWORD]
    if (isObject(hint)) out.push({ path, hint })
    const props = s['properties']
    if (isObject(props)) {
      for (const [name, child] of Object.entries(props))
        walk(child, path === '' ? name : `${path}.${name}`, depth + 1)
    }
    if (isObject(s['items'])) walk(s['items'], `${path}[]`, depth + 1)
  }
  walk(schema, '', 0)
  return out
}

/** The English (else first) text of a hint's `label`, or null. */
export function displayLabel(hint: Readonly<Record<string, unknown>>): string | null {
  const label = hint['label']
  if (typeof label === 'string') return label
  if (isObject(label)) {
    const en = label['en']
    if (typeof en === 'string') return en
    const first = Object.values(label).find((v) => typeof v === 'string')
    return typeof first === 'string' ? first : null
  }
  return null
}
