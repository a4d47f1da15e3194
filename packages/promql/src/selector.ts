import { ATTR, METRICS, prometheusName, promLabel, type MetricKey, type Naming } from '@modelwatch/semconv';

/** Which series an expression reads: one model, optionally a version regex, in one naming scheme. */
export interface Scope {
  model: string;
  /** A Prometheus (RE2) regex over model_version; omitted = every version. */
  version?: string;
  naming: Naming;
}

export const MODEL = promLabel(ATTR.modelName);
export const VERSION = promLabel(ATTR.modelVersion);
/** Aggregations keep exactly these labels (plus the metric's own), so extra target labels never split series. */
export const MODEL_LABELS = [MODEL, VERSION] as const;

/** A PromQL string literal. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** A regex that matches the text exactly (for =~ matchers over class names). */
export function literalRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function matchers(scope: Scope, extra: Record<string, string> = {}): string {
  const parts = [`${MODEL}=${quote(scope.model)}`];
  if (scope.version !== undefined) parts.push(`${VERSION}=~${quote(scope.version)}`);
  for (const [k, v] of Object.entries(extra)) parts.push(`${k}${v}`);
  return `{${parts.join(', ')}}`;
}

/** The Prometheus name of a metric in the scope's naming. */
export function metric(scope: Scope, key: MetricKey): string {
  return prometheusName(METRICS[key], scope.naming);
}

/** The label names of a metric's attributes, model labels first. */
export function labelsOf(key: MetricKey, ...drop: string[]): string[] {
  return [...MODEL_LABELS, ...METRICS[key].attributes.map((a) => promLabel(a))].filter((l) => !drop.includes(l));
}

export function by(labels: readonly string[]): string {
  return `by (${labels.join(', ')})`;
}
