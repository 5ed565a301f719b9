/** Optional peer dependencies (the partner toolchain, sql.js), loaded on first use. */

import { MissingPeerError } from './errors.ts'

/** Loads an optional peer dependency, or says which one is missing and what needs it. */
export async function importPeer<T>(
  peer: string,
  feature: string,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load()
  } catch (e) {
    const code = (e as { code?: unknown })?.code
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new MissingPeerError(peer, feature, { cause: e })
    }
    throw e
  }
}
