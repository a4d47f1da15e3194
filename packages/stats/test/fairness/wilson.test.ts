import { normalQuantile } from '../../src/fairness/normal-quantile.js';
import { wilsonInterval } from '../../src/fairness/wilson.js';
import { expectClose, fixture } from '../performance/close.js';

interface W {
  wilson: { successes: number; trials: number; confidence: number; lower: number; upper: number }[];
  normalQuantile: { p: number; z: number }[];
}

const ref = fixture<W>('statsmodels-wilson.json');

describe('normalQuantile (AS 241)', () => {
  test('matches scipy.stats.norm.ppf to ~1e-15 relative', () => {
    for (const { p, z } of ref.normalQuantile) expectClose(normalQuantile(p), z, 4e-15, `p=${p}`);
  });

  test('ends and invalid input', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
    for (let p = 0.001; p < 0.5; p += 0.0123) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
  });
});

describe('wilsonInterval', () => {
  test("matches statsmodels' proportion_confint(method='wilson')", () => {
    expect(ref.wilson.length).toBeGreaterThan(10);
    for (const c of ref.wilson) {
      const i = wilsonInterval(c.successes, c.trials, c.confidence);
      const label = `${c.successes}/${c.trials} at ${c.confidence}`;
      expectClose(i.lower, c.lower, 1e-13, `${label} lower`);
      expectClose(i.upper, c.upper, 1e-13, `${label} upper`);
    }
  });

  test('default confidence 0.95, exact ends at 0 and n successes, NaN for no trials', () => {
    expect(wilsonInterval(3, 10)).toEqual(wilsonInterval(3, 10, 0.95));
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonInterval(10, 10).upper).toBe(1);
    const empty = wilsonInterval(0, 0);
    expect(empty.lower).toBeNaN();
    expect(empty.upper).toBeNaN();
  });

  test('bad arguments', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(/confidence/);
    expect(() => wilsonInterval(1, 10, 0)).toThrow(/confidence/);
  });
});
