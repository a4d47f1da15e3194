/**
 * Default explicit buckets of the inference duration histogram, in seconds: OpenTelemetry's HTTP
 * server duration advice, which covers 5 ms to 10 s. Latency SLO thresholds must sit on one of the
 * boundaries in use, so a threshold can be read exactly from the `le` series.
 */
export const DEFAULT_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
]);

/** Equal-probability bins per numeric feature (and score), as in @modelwatch/stats. */
export const DEFAULT_DRIFT_BINS = 10;

/** Distinct values kept per protected attribute or segment before the rest count as `__other__`. */
export const DEFAULT_ATTRIBUTE_VALUE_CAP = 50;

/**
 * Longest exported label value in UTF-8 bytes (group, segment and error-type values, unknown feature names,
 * class labels, category names); longer run-time values are exported as `__other__`.
 */
export const DEFAULT_LABEL_VALUE_MAX_BYTES = 128;

/**
 * Attribute sets sdk-metrics keeps per instrument and reader unless a View sets `aggregationCardinalityLimit`;
 * later ones fold into one `otel_metric_overflow="true"` series.
 */
export const DEFAULT_CARDINALITY_LIMIT = 2000;

/** Checks a bucket layout: finite, strictly ascending, positive. Returns a problem or null. */
export function bucketProblem(buckets: readonly number[]): string | null {
  if (buckets.length === 0) return 'must list at least one boundary';
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i]!;
    if (!Number.isFinite(b) || b <= 0) return `boundary ${i} (${b}) must be a positive finite number of seconds`;
    if (i > 0 && b <= buckets[i - 1]!)
      return `boundary ${i} (${b}) must be above boundary ${i - 1} (${buckets[i - 1]})`;
  }
  return null;
}
