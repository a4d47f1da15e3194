import { LABEL, METRICS, prometheusName, type MetricKey, type Naming } from '@modelwatch/semconv';
import { by, labelMatchers, matchers, MODEL, re, VERSION } from './selector.js';

/**
 * PromQL the dashboards add to what the recording rules record: live service health from the raw series, and
 * selections of recorded series. `$model` and `$version` are the dashboards' variables; with "All" selected
 * they read `.*`.
 */

/** Label matchers: `extra` values carry their operator (`="x"`, `=~"x"`). */
export type Selector = (extra?: Record<string, string>) => string;

export function selector(base: Record<string, string>): Selector {
  return (extra = {}) => labelMatchers({ ...base, ...extra });
}

/** The dashboards' model and version variables. */
export const MODEL_VARIABLE = '$model';
export const VERSION_VARIABLE = '$version';

/** The fleet: every model and version the variables select. */
export const fleetSelector = selector({ [MODEL]: re(MODEL_VARIABLE), [VERSION]: re(VERSION_VARIABLE) });

/** One model's series, its versions as the variable selects them. */
export function modelSelector(model: string): Selector {
  return (extra = {}) => matchers({ model, version: VERSION_VARIABLE }, extra);
}

export function metricName(key: MetricKey, naming: Naming): string {
  return prometheusName(METRICS[key], naming);
}

const sumRate = (name: string, sel: string, labels: readonly string[], range: string): string =>
  `sum ${by(labels)} (rate(${name}${sel}[${range}]))`;

export function predictionRate(naming: Naming, sel: Selector, labels: readonly string[], range: string): string {
  return sumRate(metricName('predictions', naming), sel(), labels, range);
}

/**
 * Failed inferences over all attempts. A version that has never failed has no error series (and one that
 * only failed since a restart no prediction series): each side falls back to zero where the other exists, so
 * an outage reads 1 and a clean run 0 rather than nothing.
 */
export function errorRatio(naming: Naming, sel: Selector, labels: readonly string[], range: string): string {
  const predictions = sumRate(metricName('predictions', naming), sel(), labels, range);
  const errors = sumRate(metricName('errors', naming), sel(), labels, range);
  const on = `on (${labels.join(', ')})`;
  const e = `(${errors} or ${on} (${predictions} * 0))`;
  const p = `(${predictions} or ${on} (${errors} * 0))`;
  return `${e} / (${p} + ${e})`;
}

/** A latency quantile from the duration histogram's buckets. */
export function latencyQuantile(
  q: number,
  naming: Naming,
  sel: Selector,
  labels: readonly string[],
  range: string
): string {
  return `histogram_quantile(${q}, ${sumRate(`${metricName('inferenceDuration', naming)}_bucket`, sel(), [...labels, LABEL.bucketBound], range)})`;
}

/** Per-second rate of a counter, split by `labels`. */
export function counterRate(
  key: MetricKey,
  naming: Naming,
  sel: Selector,
  labels: readonly string[],
  range: string
): string {
  return sumRate(metricName(key, naming), sel(), labels, range);
}

/**
 * Recorded series of several windows as one: a model entry records only its own window, so at most one of
 * the names has series for a given model version, and `or` picks it.
 */
export function anyOf(names: readonly string[], sel: string): string {
  return [...new Set(names)].map((n) => `${n}${sel}`).join(' or ');
}
