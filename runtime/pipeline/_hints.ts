/**
 * Completes a guest's "not declared" error with what only the host knows: whether the name exists
 * at all in the vault's collections, and the closest one that does. The guest names the mistake
 * from the consented view alone; it never sees the catalog.
 */

import { GuestError, type SealpostError } from '../../sandbox/errors.ts'
import { didYouMean } from '../_did_you_mean.ts'
import { defaultCollectionCatalog, type CollectionCatalog } from '../manifest/collections.ts'

const FIELD = /field '([^']+)' is not in the consented view of ([\w-]+)/
const COLLECTION = /collection '([^']+)' is not in this bundle's reads/

/** The same error, or a GuestError whose message also says what exists when the name does not. */
export function withCatalogHint(
  error: SealpostError,
  catalog: CollectionCatalog = defaultCollectionCatalog(),
): SealpostError {
  if (error.code !== 'SEALPOST_GUEST_ERROR') return error
  // The guest's location stays last: `… manifest.json; <hint> (at module.js:3:9)`.
  const at = / \(at module\.js:[\d:]+\)$/.exec(error.message)?.[0] ?? ''
  const message = error.message.slice(0, error.message.length - at.length)
  const field = FIELD.exec(message)
  if (field) {
    const info = catalog.get(field[2]!)
    if (!info || info.fields.includes(field[1]!)) return error
    return new GuestError(
      `${message}; ${field[2]} has no field '${field[1]}'${didYouMean(field[1]!, info.fields)} (its fields: ${info.fields.join(', ')})${at}`,
      { cause: error },
    )
  }
  const collection = COLLECTION.exec(message)
  if (collection && !catalog.has(collection[1]!)) {
    return new GuestError(
      `${message}; there is no collection '${collection[1]}'${didYouMean(collection[1]!, catalog.keys())} (the collections: ${[...catalog.keys()].join(', ')})${at}`,
      { cause: error },
    )
  }
  return error
}
