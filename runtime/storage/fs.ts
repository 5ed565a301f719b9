/** The folder backend's platform-neutral entry: the Node-only code is loaded only when called. */

import type { Storage } from './types.ts'

/**
 * Opens the folder `dir` (created when missing) as vault storage; Node only.
 * Example: `const vault = await openVault(await openFsStorage('./my-vault'), passphrase)`.
 */
export async function openFsStorage(dir: string): Promise<Storage> {
  const { createFsStorage } = await import('#platform/fs-storage')
  return createFsStorage(dir)
}
