/**
 * Browser stand-ins for the runtime's Node-only adapters (folder storage, file paths), swapped in
 * by `web/build/browser_only.ts`: calling them says what is missing instead of shipping `node:fs`.
 */

import type { Storage } from '../../../runtime/storage/types.ts'
import type { ImportSource } from '../../../runtime/importers/types.ts'
import { NotInBrowserError } from './errors.ts'

/** Folder storage does not exist in browsers: the vault lives in IndexedDB. */
export async function createFsStorage(_dir: string): Promise<Storage> {
  throw new NotInBrowserError('a vault folder on disk')
}

/** File paths do not exist in browsers: import bytes with `sourceFromBytes`. */
export function nodeFileSource(_path: string): ImportSource {
  throw new NotInBrowserError('reading a file by path')
}
