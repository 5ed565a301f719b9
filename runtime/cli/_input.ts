/**
 * Files named on the command line, where `-` means standard input: the bytes (capped before they
 * are all read), or a streaming source for the importers.
 */

import { SealpostError } from '../../sandbox/errors.ts'
import { KeyFileError } from '../bundle/errors.ts'
import { readCappedFile } from '../bundle/file.ts'
import { parsePublicKey, type PartnerPublicKey } from '../bundle/keys.ts'
import { utf8Decode } from '../crypto/bytes.ts'
import type { ImportSource } from '../importers/types.ts'
import { UsageError } from './_args.ts'
import type { CliIO } from './_command.ts'

/** The name `-` stands for standard input. */
export const STDIN = '-'

function stdinOf(io: CliIO): AsyncIterable<Uint8Array> {
  return io.stdin ?? (process.stdin as AsyncIterable<Uint8Array>)
}

/** All of standard input, refused by `tooLarge` as soon as it passes `maxBytes`. */
export async function readStdin(
  io: CliIO,
  maxBytes: number,
  tooLarge: (size: number) => Error,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of stdinOf(io)) {
    size += chunk.length
    if (size > maxBytes) throw tooLarge(size)
    chunks.push(chunk)
  }
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

/**
 * The bytes of a file named on the command line (`-`: standard input). A missing or unreadable
 * file is wrong usage; one over `maxBytes` is refused by its size before it is read, and
 * anything but a regular file (a device, a FIFO) is refused before a byte is read.
 */
export async function readFileArg(
  path: string,
  what: string,
  maxBytes: number,
  tooLarge: (size: number) => Error,
  io?: CliIO,
): Promise<Uint8Array> {
  if (path === STDIN && io !== undefined) return readStdin(io, maxBytes, tooLarge)
  const fail = (e: unknown): never => {
    const code = (e as NodeJS.ErrnoException).code
    throw new UsageError(
      code === 'ENOENT' ? `no such ${what}: ${path}` : `cannot read ${what} ${path} (${code})`,
    )
  }
  // Regular files only, and never more than maxBytes + 1 bytes read (`install /dev/zero`).
  return readCappedFile(path, maxBytes, tooLarge).catch((e: unknown) => {
    if (e instanceof SealpostError) throw e
    return fail(e)
  })
}

/** A partner's `ID.pub` named on the command line (`-`: standard input), parsed. */
export async function readPublicKeyArg(path: string, io?: CliIO): Promise<PartnerPublicKey> {
  const bytes = await readFileArg(
    path,
    'public key file',
    4096,
    (size) => new KeyFileError(`${path} is ${size} bytes: too long to be a key file`),
    io,
  )
  return parsePublicKey(utf8Decode(bytes))
}

/** Standard input as an importer source, streamed (named `stdin` in messages). */
export function stdinSource(io: CliIO): ImportSource {
  return {
    name: 'stdin',
    async *chunks() {
      for await (const chunk of stdinOf(io)) yield chunk
    },
  }
}

/** Shows `what: N records read` in place on a terminal, every `every` records. */
export function progressPrinter(io: CliIO, what: string, every = 10_000): (n: number) => void {
  let last = 0
  return (n) => {
    if (io.progress === undefined || n - last < every) return
    last = n
    io.progress(`${what}: ${n.toLocaleString('en-US')} records read`)
  }
}
