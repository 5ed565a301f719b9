/**
 * Build time only: the manifest validators as an ES module of ajv's standalone code, exporting
 * `manifestValidator()` and `outputMetaValidator()` like `_manifest_validator.ts`. It still imports
 * ajv runtime helpers (`ajv/dist/runtime/ucs2length`, `…/equal`) with `require`, so the build
 * bundles them into the file.
 */

import { Ajv2020 } from 'ajv/dist/2020.js'
import standaloneCode from 'ajv/dist/standalone/index.js'
import manifestSchema from '../../schemas/manifest.schema.json' with { type: 'json' }
import { MANIFEST_AJV_OPTIONS, OUTPUT_META_SCHEMA_ID } from './_manifest_validator.ts'

/** Source text of the precompiled validators module. */
export function manifestValidatorModule(): string {
  const ajv = new Ajv2020({ ...MANIFEST_AJV_OPTIONS, code: { source: true, esm: true } })
  ajv.addSchema(manifestSchema)
  const code = standaloneCode.default(ajv, {
    manifest: manifestSchema.$id,
    outputMeta: OUTPUT_META_SCHEMA_ID,
  })
  return [
    code,
    `export const OUTPUT_META_SCHEMA_ID = ${JSON.stringify(OUTPUT_META_SCHEMA_ID)}`,
    'export function manifestValidator() {\n  return manifest\n}',
    'export function outputMetaValidator() {\n  return outputMeta\n}',
    '',
  ].join('\n')
}
