/**
 * The output gate: the guest's JSON string (already within the byte cap) is parsed, searched for
 * prototype-pollution keys and validated against the bundle's output schema. Validators are
 * compiled once per schema (the manifest layer caches them).
 */

import { OutputForbiddenKeyError, OutputInvalidError } from '../errors.ts'
import { compileOutputSchema } from '../manifest/index.ts'
import type { JsonSchema } from '../manifest/types.ts'

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const MAX_DEPTH = 64

// I-JSON (RFC 7493 §2.1): strings are Unicode text. A lone surrogate has no UTF-8 form, so
// the envelope's canonical JSON could not carry it; it is refused here, at the gate, by name.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Throws OutputForbiddenKeyError at the first forbidden key, OutputInvalidError when too deep or
 * when a key or a string holds a lone surrogate.
 */
export function assertNoForbiddenKeys(value: unknown, path = '', depth = 0): void {
  if (depth > MAX_DEPTH)
    throw new OutputInvalidError(`output nests deeper than ${MAX_DEPTH} levels`)
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) {
      throw new OutputInvalidError(`output ${path || '/'} holds a lone surrogate, not Unicode text`)
    }
    return
  }
  if (value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoForbiddenKeys(v, `${path}/${i}`, depth + 1))
    return
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new OutputForbiddenKeyError(`${path}/${key}`)
    if (LONE_SURROGATE.test(key)) {
      throw new OutputInvalidError(`output ${path || '/'} has a key with a lone surrogate`)
    }
    assertNoForbiddenKeys((value as Record<string, unknown>)[key], `${path}/${key}`, depth + 1)
  }
}

/** Parses and validates a guest output string; returns the output value. */
export function checkOutput(json: string, schema: JsonSchema): unknown {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new OutputInvalidError('output is not valid JSON')
  }
  assertNoForbiddenKeys(value)
  const validate = compileOutputSchema(schema)
  if (!validate(value)) {
    const issues = (validate.errors ?? []).map((e) => ({
      instancePath: e.instancePath,
      schemaPath: e.schemaPath,
      message: e.message ?? 'invalid',
    }))
    const first = issues[0]
    throw new OutputInvalidError(
      `output breaks the bundle's schema: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'}`,
      issues,
    )
  }
  return value
}
