/**
 * Build time only: the manifest validator as an ES module of ajv's standalone code, exporting
 * `manifestValidator()` like `_manifest_validator.ts`. It still imports one ajv runtime helper
 * (`ajv/dist/runtime/ucs2length`) with `require`, so the build bundles it into the file.
 */

import { Ajv2020 } from 'ajv/dist/2020.js'
import standaloneCode from 'ajv/dist/standalone/index.js'
import manifestSchema from '../../schemas/manifest.schema.json' with { type: 'json' }
import { MANIFEST_AJV_OPTIONS } from './_manifest_validator.ts'

/** Source text of the precompiled manifest validator module. */
export function manifestValidatorModule(): string {
  const ajv = new Ajv2020({ ...MANIFEST_AJV_OPTIONS, code: { source: true, esm: true } })
  const code = standaloneCode.default(ajv, ajv.compile(manifestSchema))
  return `${code}\nexport function manifestValidator() {\n  return validate\n}\n`
}
