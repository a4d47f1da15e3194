/** Shown for a value that is missing or not computable (NaN); never 0, which would read as a measurement. */
export const NO_VALUE = '–';

function missing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

/** Three significant digits, without trailing zeros: 0.2 → "0.2", 0.123456 → "0.123", 14.4 → "14.4". */
export function formatNumber(value: number | null | undefined): string {
  if (missing(value)) {
    return NO_VALUE;
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '∞' : '-∞';
  }
  if (Math.abs(value) >= 1000) {
    return Math.round(value).toLocaleString('en-US');
  }
  return String(Number(value.toPrecision(3)));
}

/** Rates and their bounds with a fixed number of decimals, so a column of them lines up. */
export function formatRate(value: number | null | undefined, decimals = 3): string {
  return missing(value) ? NO_VALUE : value.toFixed(decimals);
}

/** A share (0..1) as a percentage: 0.62 → "62.0%", −0.35 → "-35.0%". */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  return missing(value) ? NO_VALUE : `${(value * 100).toFixed(decimals)}%`;
}

export function formatCount(value: number | null | undefined): string {
  if (missing(value)) {
    return NO_VALUE;
  }
  return Number.isInteger(value) ? value.toLocaleString('en-US') : formatNumber(value);
}

const UNITS: ReadonlyArray<[string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['min', 60],
  ['s', 1],
];

/**
 * A time left, in seconds, as its two largest units ("3 d 4 h", "45 min", "12 s"). Truncated rather than
 * rounded: the budget must not be reported to last longer than it does.
 */
export function formatDuration(exact: number): string {
  // A budget lasting a whole number of seconds often comes back a hair under it from floating point
  // (1,787.9999… for 1,788): snap such values first, so truncation does not lose a whole second.
  const nearest = Math.round(exact);
  const seconds = Math.abs(exact - nearest) <= 1e-9 * Math.max(1, exact) ? nearest : exact;
  if (seconds < 1) {
    return '< 1 s';
  }
  const first = UNITS.findIndex(([, size]) => seconds >= size);
  const [unit, size] = UNITS[first]!;
  const whole = Math.floor(seconds / size);
  const next = UNITS[first + 1];
  if (!next) {
    return `${whole} ${unit}`;
  }
  const rest = Math.floor((seconds - whole * size) / next[1]);
  return rest > 0 ? `${whole} ${unit} ${rest} ${next[0]}` : `${whole} ${unit}`;
}
