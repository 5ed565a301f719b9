/**
 * The one Ajv (JSON Schema 2020-12) factory of the runtime. Validators are compiled once, up front,
 * and cached by the caller; never in the hot path.
 */

import { Ajv2020 } from 'ajv/dist/2020.js'

/** A fresh Ajv 2020 instance that knows sealpost's schema annotations. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: false, strict: true, strictTypes: false })
  // sealpost annotations: storage kind and time field of collections, runtime-applied noise.
  for (const keyword of ['x-kind', 'x-time', 'x-noise', 'x-describe']) ajv.addKeyword({ keyword })
  return ajv
}
