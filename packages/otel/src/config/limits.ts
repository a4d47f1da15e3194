import { ISSUES, JOIN_RESULTS, METRICS, SELF_ERRORS } from '@modelwatch/semconv';

/**
 * Upper bounds of every option that sizes memory or the number of exported series. A monitor's state is laid
 * out at construction, so these bounds, and the series budget they add up to, bound its memory and its share of
 * a scrape whatever traffic it sees. Documented in the package README ("Guarantees").
 */
export const LIMITS = Object.freeze({
  /** UTF-8 bytes of an exported label value. */
  labelValueMaxBytes: { min: 16, max: 256 },
  /** Equal-probability bins per numeric column. */
  bins: { min: 2, max: 100 },
  /** Distinct values kept per protected attribute, segment, error type and unknown feature names. */
  attributeValueCap: { min: 1, max: 1000 },
  /** Protected attributes and segments together. */
  attributes: 16,
  /** Features and segments the segmentDrift option lists, each. */
  segmentDrift: { features: 32, segments: 4 },
  /** Intersections of protected attributes, each counted like one more protected attribute. */
  intersections: 8,
  /** Protected attributes one intersection joins. */
  intersectionParts: { min: 2, max: 4 },
  /** Class labels of a classifier. */
  classes: 100,
  /** Explicit boundaries of the duration histogram. */
  durationBuckets: 64,
  /** Entries of the pending-outcome store. */
  maxPending: 10_000_000,
  /** Time an outcome may take to arrive: 366 days. */
  ttlSeconds: 366 * 86_400,
  /** Longest inference duration recorded: 366 days (longer ones are counted as bad input). */
  durationSeconds: 366 * 86_400,
  minGroupSize: 1_000_000_000,
  /** Largest privacy.minCellSize: anything bigger would suppress every value for good. */
  minCellSize: 1_000_000_000,
  /** Concept-drift detectors (each kind at most once). */
  detectors: 5,
  /** Kept categories of one categorical profile column. */
  categories: 1000,
  /** Columns of the profile that are tracked (features, protected attributes, the score). */
  columns: 2000,
  /** Characters of a prediction id chosen by the service (longer ones get a generated id). */
  idLength: 1024,
  /** The reader's cardinality limit a monitor is told of (it sizes nothing; bounded like every option). */
  cardinalityLimit: 1_000_000_000,
  /** Series one monitor may export (the sum of seriesBound). */
  series: 20_000,
});

/** What the series bound depends on; every field is fixed at construction. */
export interface SeriesShape {
  task: 'classification' | 'regression';
  /** Class labels (classification); ignored for regression. */
  classes: number;
  /** Bins of every tracked column: B per numeric one, kept categories + 2 per categorical one. */
  columnBins: readonly number[];
  /** Protected attributes, intersections and segments: each a slice of attributeValueCap + 2 values. */
  attributes: number;
  attributeValueCap: number;
  /** segmentDrift: its segments times the bins of its features (each segment slot holds them all), else 0. */
  segmentDriftBins?: number;
  /** Protected attributes and intersections with scoring counts (scoringRate), else 0. */
  scoringGroups?: number;
  durationBuckets: number;
  detectors: number;
  /** Learned drift levels per tracked column (a profile with chunk statistics), else 0. */
  driftLevelsPerColumn?: number;
}

/**
 * The most series a monitor can export, by metric family. Worked out from the layout the exporter walks
 * (see export/metrics-binding.ts): a slot is only exported once used, so a monitor usually exports far fewer.
 */
export function seriesBound(s: SeriesShape): number {
  const slots = s.attributeValueCap + 2; // kept values, __other__, __missing__
  const features =
    s.columnBins.reduce((n, b) => n + 2 * b, 0) +
    s.columnBins.length * (1 + ISSUES.length + (s.driftLevelsPerColumn ?? 0)) + // reference size, issues, levels
    (s.segmentDriftBins ?? 0) * slots;
  const unknownNames = s.attributeValueCap + 1;
  const service =
    slots + // errors by type
    JOIN_RESULTS.length +
    1 + // pending outcomes
    3 * s.detectors + // detections (drift, warning) and status
    SELF_ERRORS.length +
    1 + // the cardinality the monitor's Meter may need
    s.durationBuckets +
    3; // buckets, +Inf, _sum, _count
  if (s.task === 'regression') {
    const regressionSums = Object.keys(METRICS).filter((k) => k.startsWith('regression')).length;
    return features + unknownNames + service + 1 + s.attributes * slots + regressionSums;
  }
  const C = s.classes + 1; // the known classes and __other__
  const totals = C + (C - 1) + C * C + 4; // predictions, reference shares, confusion cells, CBPE cells
  const scoring = 2 * (s.scoringGroups ?? 0) * slots; // scored and scored above the cut
  return features + unknownNames + service + totals + s.attributes * slots * (C + C * C) + scoring;
}
