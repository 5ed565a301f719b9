/** The folder backend's platform-neutral entry: the Node-only code is loaded only when called. */

import type { FsStorageOptions } from './_fs_storage.ts'
import type { Storage } from './types.ts'

/**
 * Opens the folder `dir` (created when missing, mode 0700; with `create: false` only at the first
 * write) as vault storage; Node only.
 * Example: `const vault = await openVault(await openFsStorage('./my-vault'), passphrase)`.
 */
export async function openFsStorage(dir: string, options: FsStorageOptions = {}): Promise<Storage> {
  const { createFsStorage } = await import('#platform/fs-storage')
  return createFsStorage(dir, options)
}
