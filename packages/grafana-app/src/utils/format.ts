/** Shown where a statistic is not computable (NaN): an empty window is not a zero. */
export const NOT_AVAILABLE = '–';

export function formatNumber(value: number, digits = 3): string {
  if (Number.isNaN(value)) {
    return NOT_AVAILABLE;
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '∞' : '−∞';
  }
  return value.toFixed(digits);
}

/** A share in 0..1 as a percentage. */
export function formatPercent(share: number, digits = 1): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : NOT_AVAILABLE;
}

/** Events per second, with fewer decimals as the rate grows. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) {
    return NOT_AVAILABLE;
  }
  const digits = perSecond >= 100 ? 0 : perSecond >= 1 ? 1 : 3;
  return `${perSecond.toFixed(digits)}/s`;
}
