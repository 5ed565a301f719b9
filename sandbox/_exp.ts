/**
 * `exp` for the kernels' recency decay: one call per row, where `Math.exp` was 85 % of a 100k-row
 * group-sum (V8 calls out to its C library for it). Table-driven, as in the ARM optimized-routines
 * and musl `exp`: x = k·ln2/128 + r with |r| ≤ ln2/256, exp(x) = 2^(k/128) · exp(r), 2^(k/128)
 * from a 128-entry table (value and correction term) and exp(r) − 1 from a degree-5 polynomial.
 * The method's published bound is 0.511 ulp without fused multiply-add; what the tests check
 * (tests/sandbox/exp.test.ts) is that it is within 1 ulp of V8's `Math.exp` (fdlibm, itself not
 * correctly rounded): it differs by 1 ulp on about 9 % of arguments, never by more. Outside
 * |x| < 700 (near overflow, subnormal results, NaN, ±Infinity) it is `Math.exp` itself.
 */

/** Table entries: 2^(1/128) steps. */
const N = 128
/** Bits of the fixed-point numbers the table is computed with. */
const P = 200n
const ONE = 1n << P

/** 2^(1/128) in fixed point, by Newton's method on y^128 = 2. */
function root128of2(): bigint {
  let y = ONE + ONE / 185n
  for (let it = 0; it < 12; it++) {
    let y127 = ONE
    for (let j = 0; j < 127; j++) y127 = (y127 * y) >> P
    const f = ((y127 * y) >> P) - 2n * ONE
    y -= (f * ONE) / (128n * y127)
  }
  return y
}

/** The double nearest a fixed-point value in [1, 2) (ties to even). */
function nearestDouble(fx: bigint): number {
  const shift = P - 52n
  let m = fx >> shift
  const rem = fx - (m << shift)
  const half = 1n << (shift - 1n)
  if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n
  return Number(m) / 2 ** 52
}

/** SCALE[i] is the double nearest 2^(i/128); 2^(i/128) = SCALE[i] · (1 + TAIL[i]) to ~2^-100. */
const SCALE = new Float64Array(N)
const TAIL = new Float64Array(N)
{
  const step = root128of2()
  let v = ONE
  for (let i = 0; i < N; i++) {
    const s = nearestDouble(v)
    SCALE[i] = s
    const sfx = BigInt(s * 2 ** 52) << (P - 52n)
    TAIL[i] = Number(((v - sfx) << 120n) / sfx) / 2 ** 120
    v = (v * step) >> P
  }
}

/** POW2[e + 1024] = 2^e, for the exponents a result below |x| < 700 can have. */
const POW2 = new Float64Array(2048)
for (let e = -1022; e <= 1023; e++) POW2[e + 1024] = 2 ** e

const INV_LN2_N = 1.4426950408889634 * N
/** −ln2/128 split in two: `kd · NEG_LN2_HI_N` is exact for the kd a |x| < 700 gives. */
const NEG_LN2_HI_N = -0.005415212348111709
const NEG_LN2_LO_N = -1.2864023111638346e-14
/** exp(r) − 1 − r ≈ r²·(C2 + r·C3) + r⁴·(C4 + r·C5) on |r| ≤ ln2/256. */
const C2 = 0.49999999999996786
const C3 = 0.16666666666665886
const C4 = 0.0416666808410674
const C5 = 0.008333335853059549
/** Adding and subtracting 1.5·2^52 rounds to the nearest integer. */
const ROUND = 6755399441055744

/** e^x, within 1 ulp of `Math.exp(x)` (see the file's comment). */
export function decayExp(x: number): number {
  if (!(x > -700 && x < 700)) return Math.exp(x)
  const kd = x * INV_LN2_N + ROUND - ROUND
  const r = x + kd * NEG_LN2_HI_N + kd * NEG_LN2_LO_N
  const ki = kd | 0
  const i = ki & (N - 1)
  const r2 = r * r
  const tmp = TAIL[i]! + r + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5)
  const scale = SCALE[i]! * POW2[(ki >> 7) + 1024]!
  return scale + scale * tmp
}
