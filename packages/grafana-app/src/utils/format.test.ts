import { NOT_AVAILABLE, formatNumber, formatPercent, formatRate } from './format';

describe('overview number formats', () => {
  it('shows NaN as not available and never as 0', () => {
    expect(formatNumber(Number.NaN)).toBe(NOT_AVAILABLE);
    expect(formatPercent(Number.NaN)).toBe(NOT_AVAILABLE);
    expect(formatRate(Number.NaN)).toBe(NOT_AVAILABLE);
  });

  it('rounds to fixed decimals, infinities as symbols', () => {
    expect(formatNumber(1.25125)).toBe('1.251');
    expect(formatNumber(0.0004, 2)).toBe('0.00');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });

  it('shows shares as percentages, overspent budgets below zero', () => {
    expect(formatPercent(0.832)).toBe('83.2%');
    expect(formatPercent(-19)).toBe('-1900.0%');
    expect(formatPercent(0.00502, 2)).toBe('0.50%');
  });

  it('gives rates fewer decimals as they grow', () => {
    expect(formatRate(0.3305)).toBe('0.331/s');
    expect(formatRate(12.34)).toBe('12.3/s');
    expect(formatRate(1234.5)).toBe('1235/s');
  });
});
