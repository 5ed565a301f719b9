/**
 * Node-only: a file on disk as an `ImportSource`, read in 64 KiB chunks so large exports stream.
 */
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import type { ImportSource } from './types.ts'

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
  }
}
