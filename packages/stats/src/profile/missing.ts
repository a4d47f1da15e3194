/**
 * Cell texts that mean "no value". Empty and NA follow R's write.csv; the others are what pandas
 * reads as missing by default, so files written by either tool round-trip.
 */
const MISSING_TOKENS = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None']);

export function isMissing(cell: string | null | undefined): boolean {
  return cell === null || cell === undefined || MISSING_TOKENS.has(cell);
}

// A plain decimal number with optional exponent; Number() alone also accepts hex, binary and 'Infinity'.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The finite number a cell holds, or NaN when it is not a plain decimal number. */
export function parseNumber(cell: string): number {
  if (!DECIMAL.test(cell)) return Number.NaN;
  const x = Number(cell);
  return Number.isFinite(x) ? x : Number.NaN;
}
