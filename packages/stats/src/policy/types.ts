import type { SelectionCounts } from '../fairness/fairness.js';

/** The rows of one attribute (or intersection): selections per category, and rows whose category is unknown. */
export interface AttributeCounts {
  /** Rows whose value is missing; they are in no category. */
  unknown: number;
  categories: Map<string, SelectionCounts>;
}

export interface ImpactOptions {
  /** Categories holding less than this share of the rows are reported but left out of the impact ratios (default 0). */
  excludeBelow?: number;
  /** Impact ratios below this are flagged (default 0.8). */
  threshold?: number;
}

/** One category's row of an impact-ratio table. */
export interface CategoryImpact extends SelectionCounts {
  /** selected / count. */
  rate: number;
  /** count / all rows of the attribute, unknown ones included. */
  share: number;
  /** rate / the highest rate of the categories not excluded; null when excluded, NaN when the highest rate is 0. */
  impactRatio: number | null;
  /** share < excludeBelow: reported, but neither given an impact ratio nor counted towards the highest rate. */
  excluded: boolean;
  /** impactRatio < threshold. */
  belowThreshold: boolean;
}

/** Impact ratios of the categories of one attribute against the highest rate. */
export interface ImpactTable<C extends CategoryImpact = CategoryImpact> {
  /** Rows of the attribute, unknown ones included. */
  rows: number;
  unknown: number;
  threshold: number;
  excludeBelow: number;
  /** The category with the highest rate (the first by name on a tie); null when none is included. */
  highest: string | null;
  /** NaN when no category is included. */
  highestRate: number;
  /** In code-point order of the category names, so the table does not depend on the order of the rows. */
  categories: Map<string, C>;
}

/** The statistical tests of one category against the highest-rate category (four-fifths pack). */
export interface ComparisonTests {
  /** Pooled two-proportion z statistic (negative when the category's rate is lower); NaN when undefined. */
  z: number;
  /** Two-sided p-value of z. */
  zPValue: number;
  /** |z| > 2: the difference exceeds two standard deviations. */
  twoStandardDeviations: boolean;
  /** Two-sided p-value of Fisher's exact test; NaN for fractional counts. */
  fisherPValue: number;
  /** The smallest expected cell of the 2×2 table (category and highest × selected and not). */
  minExpected: number;
  /** Which test decides significance: Fisher's exact test when an expected cell is below 5, else the z-test. */
  test: 'fisher' | 'z';
  /** The deciding test's p-value. */
  pValue: number;
  /** pValue < alpha. */
  significant: boolean;
}

export interface FourFifthsCategory extends CategoryImpact {
  /** Against the highest-rate category; null for that category itself and for excluded ones. */
  tests: ComparisonTests | null;
}

export interface FourFifthsOptions extends ImpactOptions {
  /** Significance level of the tests (default 0.05). */
  alpha?: number;
}

export interface FourFifthsTable extends ImpactTable<FourFifthsCategory> {
  alpha: number;
}
