/**
 * Bundle files on disk (Node only). The size is checked against the caps before a byte is read,
 * so an endless or oversize file costs nothing.
 */

import { open, readFile, stat } from 'node:fs/promises'
import { BundleTooLargeError } from './errors.ts'
import { BUNDLE_MAGIC, DEFAULT_BUNDLE_LIMITS, maxBundleBytes, readBundle } from './format.ts'
import type { BundleLimits, ParsedBundle } from './format.ts'

/** Whether the file at `path` starts with the bundle magic (false for a manifest.json). */
export async function isBundleFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const head = new Uint8Array(BUNDLE_MAGIC.length)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    return bytesRead === head.length && BUNDLE_MAGIC.every((b, i) => head[i] === b)
  } finally {
    await handle.close()
  }
}

/** Reads and splits the bundle at `path`; refuses an oversize file by its size first. */
export async function readBundleFile(
  path: string,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
): Promise<ParsedBundle> {
  const { size } = await stat(path)
  const cap = maxBundleBytes(limits)
  if (size > cap)
    throw new BundleTooLargeError(`${path} is ${size} bytes, over the ${cap} byte cap`)
  return readBundle(new Uint8Array(await readFile(path)), limits)
}
