import {
  LABEL,
  METRICS,
  MODEL_LABELS,
  prometheusName,
  promLabel,
  type MetricKey,
  type Naming,
} from '@modelwatch/semconv';

/** Which series an expression reads: one model, optionally a version regex, in one naming scheme. */
export interface Scope {
  model: string;
  /** A Prometheus (RE2) regex over model_version; omitted = every version. */
  version?: string;
  naming: Naming;
}

export const MODEL = LABEL.modelName;
export const VERSION = LABEL.modelVersion;
/** Aggregations keep exactly these labels (plus the metric's own), so extra target labels never split series. */
export { MODEL_LABELS };

/** A PromQL string literal. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** A regex that matches the text exactly (for =~ matchers over class names). */
export function literalRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `=` and a quoted value: an equality matcher's operator and value. */
export const eq = (value: string): string => `=${quote(value)}`;

/** `=~` and a quoted pattern. */
export const re = (pattern: string): string => `=~${quote(pattern)}`;

/** The model's and version's matchers as label → operator and value, for builders that add their own. */
export function modelMatch(scope: Pick<Scope, 'model' | 'version'>): Record<string, string> {
  const out: Record<string, string> = { [MODEL]: eq(scope.model) };
  if (scope.version !== undefined) out[VERSION] = re(scope.version);
  return out;
}

/** `{l1="v", l2=~"p"}` from label → operator and value (values carry their operator). */
export function labelMatchers(match: Record<string, string>): string {
  // A loop, not entries/map/join: a fleet's rule files call this hundreds of thousands of times.
  let text = '{';
  let first = true;
  for (const k of Object.keys(match)) {
    text += first ? `${k}${match[k]}` : `, ${k}${match[k]}`;
    first = false;
  }
  return `${text}}`;
}

/** The last scope's model matchers as text: rules are generated model by model, so most calls repeat it. */
let lastScope: { model: string; version: string | undefined; text: string } | undefined;

function modelMatchersText(scope: Pick<Scope, 'model' | 'version'>): string {
  if (lastScope?.model !== scope.model || lastScope.version !== scope.version) {
    const text = labelMatchers(modelMatch(scope));
    lastScope = { model: scope.model, version: scope.version, text: text.slice(1, -1) };
  }
  return lastScope.text;
}

/** The model's and version's matchers, then `extra` (values carry their operator: `="x"`, `=~"x"`). */
export function matchers(scope: Pick<Scope, 'model' | 'version'>, extra: Record<string, string> = {}): string {
  let text = `{${modelMatchersText(scope)}`;
  for (const k of Object.keys(extra)) {
    // `extra` may override the model's own matchers, in their place: the general way keeps that order.
    if (k === MODEL || k === VERSION) return labelMatchers({ ...modelMatch(scope), ...extra });
    text += `, ${k}${extra[k]}`;
  }
  return `${text}}`;
}

/** A series of one model (and version selector), with `extra` label values compared for equality. */
export function selectSeries(
  name: string,
  scope: Pick<Scope, 'model' | 'version'>,
  equal: Record<string, string> = {}
): string {
  let text = `${name}{${modelMatchersText(scope)}`;
  for (const k of Object.keys(equal)) {
    if (k === MODEL || k === VERSION) {
      const extra = Object.fromEntries(Object.entries(equal).map(([l, v]) => [l, eq(v)]));
      return `${name}${labelMatchers({ ...modelMatch(scope), ...extra })}`;
    }
    text += `, ${k}=${quote(equal[k]!)}`;
  }
  return `${text}}`;
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
