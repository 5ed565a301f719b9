/**
 * The validators, compiled once on first use and never per call (STYLE: ajv). One instance checks
 * manifests; another compiles partner output schemas, strict so that a misspelt keyword such as
 * `maximun` is refused instead of silently widening what can leave.
 */

import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import { manifestValidator, OUTPUT_META_SCHEMA_ID, outputMetaValidator } from '#manifest-validator'
import { LinearRegExp } from './_linear_regex.ts'
import { DISPLAY_KEYWORD, displayMetaSchema } from './display.ts'

/**
 * Ajv's regular-expression hook for partner schemas: every `pattern`, `patternProperties` key and
 * `propertyNames` pattern compiles to the linear-time engine, never to a backtracking RegExp
 * (Ajv passes the `u` flag, which is the syntax the engine reads).
 */
const linearRegExp = Object.assign((pattern: string) => new LinearRegExp(pattern), {
  code: 'linearRegExp',
})

/** Annotation asking the runtime to add local differential-privacy noise to a field. */
export const NOISE_KEYWORD = 'x-noise'

const noiseMetaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['mechanism', 'epsilon'],
  properties: {
    mechanism: { enum: ['randomized-response', 'laplace', 'geometric'] },
    epsilon: { type: 'number', exclusiveMinimum: 0, maximum: 50 },
    sensitivity: { type: 'number', exclusiveMinimum: 0 },
  },
} as const

let outputAjv: Ajv2020 | undefined
const outputValidators = new WeakMap<object, ValidateFunction>()

/** The compiled manifest schema. */
export function validateManifestShape(raw: unknown): ErrorObject | undefined {
  const validate = manifestValidator()
  return validate(raw) ? undefined : (validate.errors?.[0] ?? undefined)
}

function outputCompiler(): Ajv2020 {
  if (!outputAjv) {
    // Without the meta-schemas: compiling them is most of what a fresh process would spend here.
    // Schemas are checked against the precompiled meta-schema instead (checkAgainstMetaSchema).
    outputAjv = new Ajv2020({
      strict: true,
      strictTypes: false,
      strictTuples: false,
      meta: false,
      validateSchema: false,
      code: { regExp: linearRegExp },
    })
    outputAjv.addKeyword({ keyword: NOISE_KEYWORD, metaSchema: noiseMetaSchema })
    // Presentation only (docs/display-hints.md): its shape is checked, it validates nothing.
    outputAjv.addKeyword({ keyword: DISPLAY_KEYWORD, metaSchema: displayMetaSchema })
  }
  return outputAjv
}

/** Compiles (once per schema object) a partner's output schema; throws ajv's error if it is invalid. */
export function compileOutputSchema(schema: object): ValidateFunction {
  const cached = outputValidators.get(schema)
  if (cached) return cached
  const ajv = outputCompiler()
  checkAgainstMetaSchema(ajv, schema)
  const fn = ajv.compile(schema)
  // Forget the schema inside ajv (its cache and any `$id`), so two manifests that reuse an `$id`
  // do not collide and the instance does not grow with every schema it has seen.
  ajv.removeSchema(schema)
  outputValidators.set(schema, fn)
  return fn
}

/**
 * What ajv's own `validateSchema` does before compiling, with the same errors: a schema is checked
 * against the JSON Schema 2020-12 meta-schema (its validator precompiled in the package), and a
 * `$schema` may only name that meta-schema.
 */
function checkAgainstMetaSchema(ajv: Ajv2020, schema: object): void {
  const $schema = (schema as { $schema?: unknown }).$schema
  if ($schema !== undefined && typeof $schema !== 'string')
    throw new Error('$schema must be a string')
  if ($schema !== undefined && $schema !== OUTPUT_META_SCHEMA_ID) {
    throw new Error(`no schema with key or ref "${$schema}"`)
  }
  const validate = outputMetaValidator()
  if (!validate(schema)) throw new Error(`schema is invalid: ${ajv.errorsText(validate.errors)}`)
}
