/**
 * Bundle files on disk (Node only). Every read is bounded: the path must be a regular file (not
 * /dev/zero, a FIFO or a folder, whose size says nothing about what a read returns), and at most
 * cap + 1 bytes are ever read, so a file that grows between the size check and the read, or a
 * device that never ends, costs no more than the cap.
 */

import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { BundleTooLargeError, NotARegularFileError } from './errors.ts'
import { BUNDLE_MAGIC, DEFAULT_BUNDLE_LIMITS, maxBundleBytes, readBundle } from './format.ts'
import type { BundleLimits, ParsedBundle } from './format.ts'

// Opening a FIFO for reading blocks until a writer appears; non-blocking open returns at once
// and the type check below refuses it. (No effect on regular files; absent on Windows.)
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * The bytes of the regular file at `path`, refused by size when over `maxBytes` (`tooLarge` makes
 * the error), and never more than `maxBytes + 1` bytes read whatever the file does meanwhile.
 * Throws NotARegularFileError for anything but a regular file; fs errors (ENOENT, EACCES) as is.
 */
export async function readCappedFile(
  path: string,
  maxBytes: number,
  tooLarge: (size: number) => Error = (size) =>
    new BundleTooLargeError(`${path} is ${size} bytes, over the ${maxBytes} byte cap`),
): Promise<Uint8Array> {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError('maxBytes must be a non-negative integer')
  }
  const handle = await open(path, OPEN_FLAGS)
  try {
    const st = await handle.stat()
    if (!st.isFile()) throw new NotARegularFileError(path, fileKind(st))
    if (st.size > maxBytes) throw tooLarge(st.size)
    const buf = new Uint8Array(Math.min(st.size, maxBytes) + 1)
    let got = 0
    for (;;) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, got)
      if (bytesRead === 0) break
      got += bytesRead
      // The file grew past the cap after the size check: refuse it without reading further.
      if (got > maxBytes) throw tooLarge(got)
      if (got === buf.length) break
    }
    return buf.subarray(0, got)
  } finally {
    await handle.close()
  }
}

function fileKind(st: {
  isDirectory(): boolean
  isCharacterDevice(): boolean
  isBlockDevice(): boolean
  isFIFO(): boolean
  isSocket(): boolean
}): string {
  if (st.isDirectory()) return 'a folder'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device'
  if (st.isFIFO()) return 'a pipe'
  if (st.isSocket()) return 'a socket'
  return 'not a file'
}

/** Whether the file at `path` starts with the bundle magic (false for a manifest.json). */
export async function isBundleFile(path: string): Promise<boolean> {
  const handle = await open(path, OPEN_FLAGS)
  try {
    const st = await handle.stat()
    if (!st.isFile()) throw new NotARegularFileError(path, fileKind(st))
    const head = new Uint8Array(BUNDLE_MAGIC.length)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    return bytesRead === head.length && BUNDLE_MAGIC.every((b, i) => head[i] === b)
  } finally {
    await handle.close()
  }
}

/** Reads and splits the bundle at `path`; refuses an oversize file or a non-file first. */
export async function readBundleFile(
  path: string,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
): Promise<ParsedBundle> {
  return readBundle(await readCappedFile(path, maxBundleBytes(limits)), limits)
}
