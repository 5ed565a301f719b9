/** Manifests: the type, validation, the output bit bound, durations and the collection catalog. */

export type {
  Engine,
  JsonSchema,
  Manifest,
  ManifestLimits,
  ManifestRead,
  Mode,
  Schedule,
} from './types.ts'
export { parseManifest } from './validate.ts'
export type { ParseManifestOptions } from './validate.ts'
export {
  outputBitBound,
  assertPrivateBounded,
  runBitBound,
  isBits,
  ANSWER_BIT,
  MAX_SCHEMA_DEPTH,
} from './bits.ts'
export type { BitBound, FieldBound } from './bits.ts'
export { outputNoise, checkNoisePlacement } from './noise.ts'
export type { NoiseField, NoiseMechanism } from './noise.ts'
export { outputDisplayHints, displayLabel, DISPLAY_KEYWORD } from './display.ts'
export type { DisplayField } from './display.ts'
export { parseDuration, windowStart, durationMaxMs } from './duration.ts'
export type { Duration } from './duration.ts'
export { catalogFromSchemas, collectionInfo, defaultCollectionCatalog } from './collections.ts'
export type { CollectionCatalog, CollectionInfo } from './collections.ts'
export { compareManifests } from './compare.ts'
export type { ManifestChange, ManifestComparison } from './compare.ts'
export { compileOutputSchema } from './_ajv.ts'
export { ManifestInvalidError, UnboundedOutputError } from './errors.ts'
