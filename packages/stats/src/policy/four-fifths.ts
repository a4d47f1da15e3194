import { fisherExactTest, twoProportionZTest } from './tests.js';
import { impactRatios } from './impact.js';
import type {
  AttributeCounts,
  ComparisonTests,
  FourFifthsCategory,
  FourFifthsOptions,
  FourFifthsTable,
} from './types.js';

export const DEFAULT_ALPHA = 0.05;
/** Below this expected count in any cell the normal approximation is not trusted and Fisher's exact test decides. */
export const MIN_EXPECTED_FOR_Z = 5;

/** Expected cells of [[x1, n1 − x1], [x2, n2 − x2]] under independence: row total × column total / N. */
function minExpected(x1: number, n1: number, x2: number, n2: number): number {
  const n = n1 + n2;
  const selected = x1 + x2;
  if (n === 0) return Number.NaN;
  return (Math.min(n1, n2) * Math.min(selected, n - selected)) / n;
}

function comparisonTests(x1: number, n1: number, x2: number, n2: number, alpha: number): ComparisonTests {
  const { z, pValue: zPValue } = twoProportionZTest(x1, n1, x2, n2);
  const whole = [x1, n1, x2, n2].every(Number.isInteger);
  const fisherPValue = whole ? fisherExactTest(x1, n1 - x1, x2, n2 - x2).pValue : Number.NaN;
  const expected = minExpected(x1, n1, x2, n2);
  const test = expected < MIN_EXPECTED_FOR_Z && whole ? 'fisher' : 'z';
  const pValue = test === 'fisher' ? fisherPValue : zPValue;
  return {
    z,
    zPValue,
    twoStandardDeviations: Math.abs(z) > 2,
    fisherPValue,
    minExpected: expected,
    test,
    pValue,
    significant: pValue < alpha,
  };
}

/**
 * The four-fifths rule (29 CFR 1607.4(D)) on one attribute: each category's selection rate against the highest
 * category's; an impact ratio below `threshold` (default 0.8) indicates adverse impact. Beside the ratio, each
 * category is tested against the highest-rate category with the pooled two-proportion z-test and Fisher's exact
 * test; Fisher's decides significance when an expected cell is below 5. Nothing is excluded unless `excludeBelow`
 * says so.
 */
export function fourFifths(counts: AttributeCounts, options: FourFifthsOptions = {}): FourFifthsTable {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const table = impactRatios(counts, { threshold: options.threshold, excludeBelow: options.excludeBelow ?? 0 });
  const top = table.highest === null ? null : table.categories.get(table.highest)!;
  const categories = new Map<string, FourFifthsCategory>();
  for (const [name, c] of table.categories) {
    const tests =
      top === null || c.excluded || name === table.highest
        ? null
        : comparisonTests(c.selected, c.count, top.selected, top.count, alpha);
    categories.set(name, { ...c, tests });
  }
  return { ...table, alpha, categories };
}
