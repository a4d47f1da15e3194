// Prometheus HTTP API answers as Prometheus writes them (values as strings, timestamps in seconds), for tests.
// Label names are literals on purpose: an oracle independent of the contract the datasource reads them by.
import type { Labels, PromMatrix, PromVector } from '../prometheus/api';

/** Prometheus' text for a sample value. */
export function promText(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (v === Infinity) {
    return '+Inf';
  }
  if (v === -Infinity) {
    return '-Inf';
  }
  return String(v);
}

/** A range-query answer: each series with its values at unix seconds. */
export function matrix(series: Array<[Labels, Array<[number, number]>]>): PromMatrix {
  return {
    resultType: 'matrix',
    result: series.map(([metric, points]) => ({ metric, values: points.map(([t, v]) => [t, promText(v)]) })),
  };
}

/** An instant-query answer at one time. */
export function vector(samples: Array<[Labels, number]>, time = 1_700_000_000): PromVector {
  return { resultType: 'vector', result: samples.map(([metric, v]) => ({ metric, value: [time, promText(v)] })) };
}

/** The labels of `sum by (model_name, model_version, feature, feature_role, bin)` for one bin. */
export function binLabels(feature: string, bin: string | number, version = 'v1', model = 'credit'): Labels {
  return { model_name: model, model_version: version, feature, feature_role: 'feature', bin: String(bin) };
}

/** A series per bin: counts (or shares) per bin at each timestamp. */
export function binSeries(
  feature: string,
  perTime: Array<[number, number[]]>,
  version = 'v1',
  bins?: string[]
): Array<[Labels, Array<[number, number]>]> {
  const width = perTime[0]![1].length;
  const names = bins ?? Array.from({ length: width }, (_, i) => String(i));
  return names.map((bin, i) => [
    binLabels(feature, bin, version),
    perTime.map(([t, values]) => [t, values[i]!] as [number, number]),
  ]);
}
