/**
 * scrypt (RFC 7914) for browsers, where there is no native one: PBKDF2-HMAC-SHA256 in JavaScript
 * (@noble/hashes, one iteration: cheap) around ROMix in WebAssembly (`./assembly/romix.ts`), the
 * memory-hard loop that takes all the time. Byte-identical to `node:crypto` and noble (tested
 * against RFC 7914's vectors and the native one in tests/web/scrypt_wasm.test.ts).
 *
 * Why: noble's pure-JavaScript scrypt took 2.5–3.4 s per unlock in Chromium at N = 2^17, r = 8;
 * this core runs the same parameters at about the speed of Node's native scrypt (docs/web-app.md).
 *
 * @example
 * const key = await wasmScrypt(utf8('correct horse'), salt, { N: 2 ** 17, r: 8, p: 1, dkLen: 32 })
 */

import { pbkdf2 } from '@noble/hashes/pbkdf2.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { ROMIX_WASM_BASE64 } from './_romix_wasm.ts'

/** scrypt's parameters and output length; `maxmem` caps the memory one derivation may take. */
export interface WasmScryptOptions {
  readonly N: number
  readonly r: number
  readonly p: number
  readonly dkLen?: number
  readonly maxmem?: number
}

interface RomixExports {
  readonly memory: WebAssembly.Memory
  romix(r: number, N: number): void
}

const PAGE = 65536
const DEFAULT_MAXMEM = 1024 ** 3 + 2 * 1024

let compiled: Promise<WebAssembly.Module> | undefined

function romixModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(Uint8Array.from(atob(ROMIX_WASM_BASE64), (c) => c.charCodeAt(0)))
  return compiled
}

const bytesOf = (v: string | Uint8Array, name: string): Uint8Array => {
  if (typeof v === 'string') return new TextEncoder().encode(v)
  if (v instanceof Uint8Array) return v
  throw new TypeError(`${name} must be a string or a Uint8Array`)
}

/** scrypt(password, salt, N, r, p, dkLen): RFC 7914 §6, with ROMix in WebAssembly. */
export async function wasmScrypt(
  password: string | Uint8Array,
  salt: string | Uint8Array,
  options: WasmScryptOptions,
): Promise<Uint8Array> {
  const { N, r, p } = options
  const dkLen = options.dkLen ?? 32
  for (const [name, v] of [
    ['N', N],
    ['r', r],
    ['p', p],
    ['dkLen', dkLen],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`options.${name} must be ≥ 1`)
  }
  if (N < 2 || N > 2 ** 30 || (N & (N - 1)) !== 0) {
    throw new RangeError('options.N must be a power of two between 2 and 2^30')
  }
  const blockLength = 128 * r
  // B, X and Y blocks, then V (N blocks): what the wasm memory must hold.
  const needed = blockLength * (3 + N)
  if (128 * r * (N + p + 1) > (options.maxmem ?? DEFAULT_MAXMEM) || needed > 2 ** 32 - PAGE) {
    throw new RangeError('scrypt parameters need more memory than options.maxmem allows')
  }
  const P = bytesOf(password, 'password')
  const S = bytesOf(salt, 'salt')
  const instance = await WebAssembly.instantiate(await romixModule(), {})
  const core = instance.exports as unknown as RomixExports
  core.memory.grow(Math.ceil(needed / PAGE) - core.memory.buffer.byteLength / PAGE)
  const B = pbkdf2(sha256, P, S, { c: 1, dkLen: p * blockLength })
  try {
    for (let i = 0; i < p; i++) {
      const block = B.subarray(i * blockLength, (i + 1) * blockLength)
      new Uint8Array(core.memory.buffer, 0, blockLength).set(block)
      core.romix(r, N)
      block.set(new Uint8Array(core.memory.buffer, 0, blockLength))
    }
    return pbkdf2(sha256, P, B, { c: 1, dkLen })
  } finally {
    // The memory holds every intermediate block: wipe it rather than leave it to the collector.
    new Uint8Array(core.memory.buffer).fill(0)
    B.fill(0)
  }
}
