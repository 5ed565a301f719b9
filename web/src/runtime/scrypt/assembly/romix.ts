// @ts-nocheck: AssemblyScript, compiled by asc (web/build/compile_romix.ts), never by tsc.
// scrypt's memory-hard core, ROMix with BlockMix over Salsa20/8 (RFC 7914 §3–§5), over this
// module's own linear memory. PBKDF2-HMAC-SHA256 before and after stays in JavaScript (it is
// cheap); this is the part that takes the time. The caller lays memory out as:
//   [0, 128r)            B: one block in, the mixed block out
//   [128r, 256r)         X
//   [256r, 384r)         Y
//   [384r, 384r + 128rN) V
// and grows the memory to fit before calling romix(r, N). Words are little-endian, as in the RFC.

/** BlockMix_salsa20/8 of the 2r 64-byte blocks at `src` into `dst` (RFC 7914 §4). */
function blockMix(src: usize, dst: usize, r: i32): void {
  const last = src + (((r << 1) - 1) << 6)
  let x0 = load<u32>(last, 0)
  let x1 = load<u32>(last, 4)
  let x2 = load<u32>(last, 8)
  let x3 = load<u32>(last, 12)
  let x4 = load<u32>(last, 16)
  let x5 = load<u32>(last, 20)
  let x6 = load<u32>(last, 24)
  let x7 = load<u32>(last, 28)
  let x8 = load<u32>(last, 32)
  let x9 = load<u32>(last, 36)
  let x10 = load<u32>(last, 40)
  let x11 = load<u32>(last, 44)
  let x12 = load<u32>(last, 48)
  let x13 = load<u32>(last, 52)
  let x14 = load<u32>(last, 56)
  let x15 = load<u32>(last, 60)
  for (let i = 0; i < r << 1; i++) {
    const b = src + ((<usize>i) << 6)
    x0 ^= load<u32>(b, 0)
    x1 ^= load<u32>(b, 4)
    x2 ^= load<u32>(b, 8)
    x3 ^= load<u32>(b, 12)
    x4 ^= load<u32>(b, 16)
    x5 ^= load<u32>(b, 20)
    x6 ^= load<u32>(b, 24)
    x7 ^= load<u32>(b, 28)
    x8 ^= load<u32>(b, 32)
    x9 ^= load<u32>(b, 36)
    x10 ^= load<u32>(b, 40)
    x11 ^= load<u32>(b, 44)
    x12 ^= load<u32>(b, 48)
    x13 ^= load<u32>(b, 52)
    x14 ^= load<u32>(b, 56)
    x15 ^= load<u32>(b, 60)
    const j0 = x0
    const j1 = x1
    const j2 = x2
    const j3 = x3
    const j4 = x4
    const j5 = x5
    const j6 = x6
    const j7 = x7
    const j8 = x8
    const j9 = x9
    const j10 = x10
    const j11 = x11
    const j12 = x12
    const j13 = x13
    const j14 = x14
    const j15 = x15
    for (let k = 0; k < 4; k++) {
      x4 ^= rotl<u32>(x0 + x12, 7)
      x8 ^= rotl<u32>(x4 + x0, 9)
      x12 ^= rotl<u32>(x8 + x4, 13)
      x0 ^= rotl<u32>(x12 + x8, 18)
      x9 ^= rotl<u32>(x5 + x1, 7)
      x13 ^= rotl<u32>(x9 + x5, 9)
      x1 ^= rotl<u32>(x13 + x9, 13)
      x5 ^= rotl<u32>(x1 + x13, 18)
      x14 ^= rotl<u32>(x10 + x6, 7)
      x2 ^= rotl<u32>(x14 + x10, 9)
      x6 ^= rotl<u32>(x2 + x14, 13)
      x10 ^= rotl<u32>(x6 + x2, 18)
      x3 ^= rotl<u32>(x15 + x11, 7)
      x7 ^= rotl<u32>(x3 + x15, 9)
      x11 ^= rotl<u32>(x7 + x3, 13)
      x15 ^= rotl<u32>(x11 + x7, 18)
      x1 ^= rotl<u32>(x0 + x3, 7)
      x2 ^= rotl<u32>(x1 + x0, 9)
      x3 ^= rotl<u32>(x2 + x1, 13)
      x0 ^= rotl<u32>(x3 + x2, 18)
      x6 ^= rotl<u32>(x5 + x4, 7)
      x7 ^= rotl<u32>(x6 + x5, 9)
      x4 ^= rotl<u32>(x7 + x6, 13)
      x5 ^= rotl<u32>(x4 + x7, 18)
      x11 ^= rotl<u32>(x10 + x9, 7)
      x8 ^= rotl<u32>(x11 + x10, 9)
      x9 ^= rotl<u32>(x8 + x11, 13)
      x10 ^= rotl<u32>(x9 + x8, 18)
      x12 ^= rotl<u32>(x15 + x14, 7)
      x13 ^= rotl<u32>(x12 + x15, 9)
      x14 ^= rotl<u32>(x13 + x12, 13)
      x15 ^= rotl<u32>(x14 + x13, 18)
    }
    x0 += j0
    x1 += j1
    x2 += j2
    x3 += j3
    x4 += j4
    x5 += j5
    x6 += j6
    x7 += j7
    x8 += j8
    x9 += j9
    x10 += j10
    x11 += j11
    x12 += j12
    x13 += j13
    x14 += j14
    x15 += j15
    // Even blocks go to the first half of the output, odd ones to the second.
    const o = dst + ((<usize>((i & 1) * r + (i >> 1))) << 6)
    store<u32>(o, x0, 0)
    store<u32>(o, x1, 4)
    store<u32>(o, x2, 8)
    store<u32>(o, x3, 12)
    store<u32>(o, x4, 16)
    store<u32>(o, x5, 20)
    store<u32>(o, x6, 24)
    store<u32>(o, x7, 28)
    store<u32>(o, x8, 32)
    store<u32>(o, x9, 36)
    store<u32>(o, x10, 40)
    store<u32>(o, x11, 44)
    store<u32>(o, x12, 48)
    store<u32>(o, x13, 52)
    store<u32>(o, x14, 56)
    store<u32>(o, x15, 60)
  }
}

/** X ^= the 128r bytes at `v`, eight bytes at a time. */
function xorInto(x: usize, v: usize, len: usize): void {
  for (let k: usize = 0; k < len; k += 8) store<u64>(x + k, load<u64>(x + k) ^ load<u64>(v + k))
}

/** ROMix (RFC 7914 §5) of the block at 0 with cost N (a power of two) and block size r, in place. */
export function romix(r: i32, N: i32): void {
  const len = <usize>(r << 7)
  let x: usize = len
  let y: usize = len << 1
  const v: usize = len * 3
  memory.copy(x, 0, len)
  for (let i = 0; i < N; i++) {
    memory.copy(v + <usize>i * len, x, len)
    blockMix(x, y, r)
    const t = x
    x = y
    y = t
  }
  const mask = <u32>(N - 1)
  for (let i = 0; i < N; i++) {
    // Integerify: the first word of the last 64-byte block, modulo N (N <= 2^30 fits in 32 bits).
    const j = load<u32>(x + len - 64) & mask
    xorInto(x, v + <usize>j * len, len)
    blockMix(x, y, r)
    const t = x
    x = y
    y = t
  }
  memory.copy(0, x, len)
}
