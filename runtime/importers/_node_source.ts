/**
 * Node-only: a file on disk as an `ImportSource`, read in 64 KiB chunks so large exports stream.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ImportSource, RandomAccess } from './types.ts'

/** Chunk size for file reads. */
const CHUNK_BYTES = 64 * 1024

/** A source that streams the file at `path`; each `chunks()` call reads it again from the start. */
export function nodeFileSource(path: string): ImportSource {
  return {
    name: basename(path),
    async *chunks() {
      const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES })
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
      }
    },
    randomAccess: () => nodeFileRandomAccess(path),
  }
}

/** Reads of any part of the file at `path` (ZIP archives are read from their central directory). */
export async function nodeFileRandomAccess(path: string): Promise<RandomAccess> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    return {
      size,
      async read(offset, length) {
        const want = Math.max(0, Math.min(length, size - offset))
        const out = new Uint8Array(want)
        let got = 0
        while (got < want) {
          const { bytesRead } = await handle.read(out, got, want - got, offset + got)
          if (bytesRead === 0) break
          got += bytesRead
        }
        return got === want ? out : out.subarray(0, got)
      },
      close: () => handle.close(),
    }
  } catch (error) {
    await handle.close()
    throw error
  }
}
