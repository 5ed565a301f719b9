/**
 * The browser's scrypt (ROMix in WebAssembly) gives RFC 7914's vectors and the same bytes as
 * `node:crypto`; its committed wasm is what its source compiles to.
 */
import { describe, expect, it } from 'vitest'
import { scryptSync } from 'node:crypto'
import fc from 'fast-check'
import { compileRomix, romixModuleText } from '../../web/build/compile_romix.ts'
import { readFile } from 'node:fs/promises'
import { wasmScrypt } from '../../web/src/runtime/scrypt/wasm_scrypt.ts'

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

// RFC 7914 §12 (the fourth vector, N = 2^20, needs 1 GiB and is left out).
const VECTORS = [
  {
    P: '',
    S: '',
    N: 16,
    r: 1,
    p: 1,
    dk: '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906',
  },
  {
    P: 'password',
    S: 'NaCl',
    N: 1024,
    r: 8,
    p: 16,
    dk: 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
  },
  {
    P: 'pleaseletmein',
    S: 'SodiumChloride',
    N: 16384,
    r: 8,
    p: 1,
    dk: '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
  },
]

describe('scrypt with ROMix in WebAssembly', () => {
  for (const v of VECTORS) {
    it(`gives RFC 7914's vector for N=${v.N}, r=${v.r}, p=${v.p}`, async () => {
      const dk = await wasmScrypt(v.P, v.S, { N: v.N, r: v.r, p: v.p, dkLen: 64 })
      expect(hex(dk)).toBe(v.dk)
    })
  }

  it('gives the same bytes as node:crypto for any password, salt and small parameters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 80 }),
        async (password, salt, logN, r, p, dkLen) => {
          const N = 2 ** logN
          const ours = await wasmScrypt(password, salt, { N, r, p, dkLen })
          expect(hex(ours)).toBe(hex(scryptSync(password, salt, dkLen, { N, r, p })))
        },
      ),
      { numRuns: 40 },
    )
  })

  it('refuses parameters that are not scrypt parameters, naming them', async () => {
    await expect(wasmScrypt('a', 'b', { N: 1000, r: 8, p: 1 })).rejects.toThrow(/options\.N/)
    await expect(wasmScrypt('a', 'b', { N: 16, r: 0, p: 1 })).rejects.toThrow(/options\.r/)
    await expect(
      wasmScrypt('a', 'b', { N: 2 ** 17, r: 8, p: 1, maxmem: 1024 * 1024 }),
    ).rejects.toThrow(/maxmem/)
  })

  it('ships the wasm its AssemblyScript source compiles to', async () => {
    const committed = await readFile(
      new URL('../../web/src/runtime/scrypt/_romix_wasm.ts', import.meta.url),
      'utf8',
    )
    expect(committed).toBe(romixModuleText(await compileRomix()))
  }, 60_000)
})
