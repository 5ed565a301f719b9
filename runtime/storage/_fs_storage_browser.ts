/**
 * Browser stand-in for `_fs_storage.ts`, chosen by the `browser` condition of `#platform/fs-storage`
 * (package.json `imports`): calling it says what is missing instead of shipping `node:fs`.
 */

import { NotInBrowserError } from '../platform_errors.ts'
import type { Storage } from './types.ts'

/** Folder storage does not exist in browsers: the vault lives in IndexedDB. */
export async function createFsStorage(_dir: string, _options?: unknown): Promise<Storage> {
  throw new NotInBrowserError('a vault folder on disk')
}
