import type { PolicyName } from '@modelwatch/semconv';
import type { Violation } from '../check/report.js';

/** The tests of one category against the highest-rate one (four-fifths); NaN is null, as everywhere in JSON. */
export interface ComparisonTestsJson {
  z: number | null;
  zPValue: number | null;
  twoStandardDeviations: boolean;
  fisherPValue: number | null;
  minExpected: number | null;
  /** The test that decides significance: Fisher's exact test when an expected cell is below 5. */
  test: 'fisher' | 'z';
  pValue: number | null;
  significant: boolean;
}

/** One category: the contract (count, selected, rate, impactRatio, excluded) and more. */
export interface CategoryJson {
  count: number;
  selected: number;
  rate: number | null;
  /** null when excluded, and when the highest rate is 0. */
  impactRatio: number | null;
  excluded: boolean;
  /** count / rows of the attribute (unknown ones included). */
  share: number | null;
  belowThreshold: boolean;
  /** four-fifths only; null for the highest-rate category and excluded ones. */
  tests?: ComparisonTestsJson | null;
}

export interface AttributeJson {
  unknown: number;
  /** The category every impact ratio is relative to; null when none is included. */
  highest: string | null;
  categories: Record<string, CategoryJson>;
}

/** What `modelwatch audit --format json` prints: a public contract (see docs/compliance.md). */
export interface AuditReport {
  policy: PolicyName;
  /** The legal text the pack implements. */
  reference: string;
  rate: 'selection' | 'scoring';
  /** Rows audited: data rows with a known outcome. */
  rows: number;
  /** Scoring only: the median score of the whole sample; a row is selected when its score is strictly above it. */
  median?: number;
  /** Data rows left out because their outcome (score or selection) is missing. */
  missingOutcome: number;
  threshold: number;
  /** law (four-fifths at the guidelines' 0.8) or organisation (any other threshold; nyc-ll144's always, as the law sets none). */
  thresholdSource: 'law' | 'organisation';
  excludeBelow: number;
  /** four-fifths only: significance level of the tests. */
  alpha?: number;
  /** Per attribute, then per intersection ("sex × race"). */
  attributes: Record<string, AttributeJson>;
  violations: Violation[];
  notes: string[];
}
