import {
  ATTR,
  METRICS,
  prometheusName,
  promLabel,
  sanitize,
  bucketProblem,
  DEFAULT_DURATION_BUCKETS,
} from '@modelwatch/semconv';

describe('Prometheus names', () => {
  it('follow exporter-prometheus: underscores, _total on counters, no unit suffix', () => {
    expect(prometheusName(METRICS.featureValues, 'exporter-prometheus')).toBe('modelwatch_feature_values_total');
    expect(prometheusName(METRICS.featureReferenceShare, 'exporter-prometheus')).toBe(
      'modelwatch_feature_reference_share'
    );
    expect(prometheusName(METRICS.inferenceDuration, 'exporter-prometheus')).toBe('modelwatch_inference_duration');
  });

  it('follow the OTLP translation: unit suffixes, _ratio for dimensionless gauges, annotations dropped', () => {
    expect(prometheusName(METRICS.featureValues, 'otlp')).toBe('modelwatch_feature_values_total');
    expect(prometheusName(METRICS.featureReferenceShare, 'otlp')).toBe('modelwatch_feature_reference_share_ratio');
    expect(prometheusName(METRICS.inferenceDuration, 'otlp')).toBe('modelwatch_inference_duration_seconds');
    expect(prometheusName(METRICS.detectorStatus, 'otlp')).toBe('modelwatch_detector_status_ratio');
  });

  it('turn attribute keys into label names', () => {
    expect(promLabel(ATTR.modelName)).toBe('model_name');
    expect(promLabel(ATTR.predictionClass)).toBe('prediction_class');
    expect(sanitize('9lives.x-y')).toBe('_9lives_x_y');
  });

  it('never use a reserved or colliding label name', () => {
    const labels = Object.values(ATTR).map((k) => promLabel(k));
    for (const reserved of ['le', 'quantile', 'job', 'instance', '__name__']) expect(labels).not.toContain(reserved);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('give every metric a distinct Prometheus name in both namings', () => {
    for (const naming of ['exporter-prometheus', 'otlp'] as const) {
      const names = Object.values(METRICS).map((m) => prometheusName(m, naming));
      expect(new Set(names).size).toBe(names.length);
    }
  });
});

describe('bucket layouts', () => {
  it('accept the default and reject unordered or non-positive boundaries', () => {
    expect(bucketProblem(DEFAULT_DURATION_BUCKETS)).toBeNull();
    expect(bucketProblem([0.1, 0.05])).toMatch(/boundary 1/);
    expect(bucketProblem([0, 1])).toMatch(/positive/);
    expect(bucketProblem([])).toMatch(/at least one/);
  });
});
