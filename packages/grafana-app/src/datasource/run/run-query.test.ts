import { stepFor } from '../prometheus/client';
import { gridStart } from './run-query';

describe('range grids', () => {
  test('the grid ends exactly at the range end, so the last point is the value at the end', () => {
    const end = 1_700_000_123.456;
    const start = gridStart({ start: end - 3600 - 30, end, step: 60 });
    expect(end - start).toBeCloseTo(3600, 6);
    expect(Number.isInteger((end - start) / 60)).toBe(true);
  });

  test('the step follows the panel interval, at least 1 s, and keeps a range under 11,000 points', () => {
    expect(stepFor(0, 3600, 15_000)).toBe(15);
    expect(stepFor(0, 3600, 200)).toBe(1);
    expect(stepFor(0, 30 * 86_400, 60_000)).toBe(236);
    expect((30 * 86_400) / stepFor(0, 30 * 86_400, 60_000)).toBeLessThanOrEqual(11_000);
  });
});
