import { formatCount, formatDuration, formatNumber, formatPercent, formatRate, NO_VALUE } from './format';

test('numbers: three significant digits, no trailing zeros, missing values never shown as 0', () => {
  expect([0.2, 0.123456, 14.4, 0.000412, 1234.5, -0.35].map(formatNumber)).toEqual([
    '0.2',
    '0.123',
    '14.4',
    '0.000412',
    '1,235',
    '-0.35',
  ]);
  expect([NaN, null, undefined].map(formatNumber)).toEqual([NO_VALUE, NO_VALUE, NO_VALUE]);
  expect(formatNumber(Infinity)).toBe('∞');
});

test('rates, percentages and counts', () => {
  expect(formatRate(0.3)).toBe('0.300');
  expect(formatRate(0.75, 2)).toBe('0.75');
  expect(formatRate(NaN)).toBe(NO_VALUE);
  expect(formatPercent(0.62)).toBe('62.0%');
  expect(formatPercent(-0.35)).toBe('-35.0%');
  expect(formatPercent(null)).toBe(NO_VALUE);
  expect(formatCount(5000)).toBe('5,000');
  expect(formatCount(12.5)).toBe('12.5');
});

test('durations: the two largest units, truncated', () => {
  // 3 d 4 h 59 min 59 s still reads 3 d 4 h: the budget must not look longer-lived than it is.
  expect(formatDuration(3 * 86400 + 4 * 3600 + 59 * 60 + 59)).toBe('3 d 4 h');
  expect(formatDuration(3 * 86400 + 30)).toBe('3 d');
  expect(formatDuration(3600 + 60)).toBe('1 h 1 min');
  expect(formatDuration(61)).toBe('1 min 1 s');
  // Floating-point error just under a whole second is not a second less; a real shortfall still truncates.
  expect(formatDuration(1788 * (1 - 1e-15))).toBe('29 min 48 s');
  expect(formatDuration(1787.9)).toBe('29 min 47 s');
  expect(formatDuration(59.9)).toBe('59 s');
  expect(formatDuration(0.5)).toBe('< 1 s');
});
