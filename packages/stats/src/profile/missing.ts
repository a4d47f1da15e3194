/**
 * Cell texts that mean "no value". Empty and NA follow R's write.csv; the others are what pandas
 * reads as missing by default, so files written by either tool round-trip.
 */
const MISSING_TOKENS = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None']);

export function isMissing(cell: string | null | undefined): boolean {
  if (cell === null || cell === undefined || cell === '') return true;
  // Every token but the empty one starts with N or n: most cells (numbers, categories) skip the set lookup.
  const first = cell.charCodeAt(0);
  return (first === 78 || first === 110) && MISSING_TOKENS.has(cell);
}

// A plain decimal number with optional exponent; Number() alone also accepts hex, binary and 'Infinity'.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

// Powers of ten that are exact doubles (10^22 is the largest).
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A cell like "-12.3456" read digit by digit: when its digits fit 2^53 and it has at most 22 decimals, the integer of
 * its digits and the power of ten are exact doubles, so one division rounds correctly and gives what Number() gives
 * (Clinger's fast path). Anything else (exponents, long mantissas) returns undefined for the general path.
 */
function plainDecimal(cell: string): number | undefined {
  const n = cell.length;
  let i = 0;
  let negative = false;
  const first = cell.charCodeAt(0);
  if (first === 45 || first === 43) {
    negative = first === 45;
    i = 1;
  }
  let digits = 0;
  let mantissa = 0;
  let decimals = -1;
  for (; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0) {
      decimals = 0;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15 || decimals > 22) return undefined;
  const x = decimals > 0 ? mantissa / EXACT_POWERS[decimals]! : mantissa;
  return negative ? -x : x;
}

/** The finite number a cell holds, or NaN when it is not a plain decimal number. */
export function parseNumber(cell: string): number {
  const fast = plainDecimal(cell);
  if (fast !== undefined) return fast;
  if (!DECIMAL.test(cell)) return Number.NaN;
  const x = Number(cell);
  return Number.isFinite(x) ? x : Number.NaN;
}
