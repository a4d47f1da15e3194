/**
 * Floating-point building blocks for the special functions: exact power-of-two scaling and error-free
 * transformations (the rounding error of a sum or product recovered exactly as a second double).
 */

const SPLITTER = 134217729; // 2^27 + 1, Dekker's splitting constant for 53-bit significands

// Bit-level access to a double; the word order is detected once, so this holds on any endianness.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
const HI = U32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** 2^k for integer −1022 <= k <= 1023, built from its bits. */
function pow2(k: number): number {
  U32[HI] = (k + 1023) << 20;
  U32[LO] = 0;
  return F64[0]!;
}

/** x · 2^k, exact whenever the result is a normal number (2^k alone overflows for k > 1023). */
export function ldexp(x: number, k: number): number {
  let y = x;
  let e = k;
  while (e > 1023) {
    y *= 2 ** 1023;
    e -= 1023;
  }
  while (e < -1022) {
    y *= 2 ** -1022;
    e += 1022;
  }
  return y * pow2(e);
}

/** The binary exponent e with x = m · 2^e and 0.5 <= |m| < 1 (C's frexp); 0 for 0 and non-finite x. */
export function exponentOf(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  F64[0] = x;
  const biased = (U32[HI]! >>> 20) & 0x7ff;
  return biased === 0 ? exponentOf(x * 2 ** 64) - 64 : biased - 1022;
}

/** [s, err] with s = fl(a + b) and a + b = s + err exactly (Knuth). */
export function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

/** [p, err] with p = fl(a · b) and a · b = p + err exactly (Dekker; |a|, |b| well below 1e300). */
export function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = SPLITTER * a;
  const ahi = ca - (ca - a);
  const alo = a - ahi;
  const cb = SPLITTER * b;
  const bhi = cb - (cb - b);
  const blo = b - bhi;
  return [p, ahi * bhi - p + ahi * blo + alo * bhi + alo * blo];
}

/** Rounds half to even, as NumPy's `round` does, so lattice rounding agrees with SciPy on exact ties. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
