// How the demo names alerts: one identity per alert regardless of severity (a drift alert that goes from warning
// to critical is one alert), and a short name for people.

/** Labels that tell one Modelwatch alert of a kind from another; model, version and team are the same for all. */
const DISTINGUISHING = [
  'feature',
  'statistic',
  'baseline',
  'group_attribute',
  'metric',
  'source',
  'issue',
  'slo',
  'long_window',
  'short_window',
] as const;

export type Labels = Readonly<Record<string, string>>;

/** `alertname{label="value", …}` over the distinguishing labels, without severity. */
export function alertIdentity(labels: Labels): string {
  const kept = DISTINGUISHING.filter((k) => labels[k] !== undefined).map((k) => `${k}="${labels[k]}"`);
  return `${labels.alertname ?? '(unnamed)'}{${kept.join(', ')}}`;
}

/** `ModelwatchFeatureDriftPSI pirat`, `ModelwatchSLOBurnRate latency 1m/15s`: what a person needs to tell alerts apart. */
export function shortAlertName(labels: Labels): string {
  const name = labels.alertname ?? '(unnamed)';
  const parts: string[] = [];
  if (labels.feature) parts.push(labels.feature);
  if (labels.baseline && labels.baseline !== 'reference') parts.push(`vs ${labels.baseline.replace('_', ' ')}`);
  if (labels.issue) parts.push(labels.issue);
  if (labels.metric) parts.push(`${labels.source ?? ''} ${labels.metric}`.trim());
  if (labels.group_attribute) parts.push(`${labels.statistic ?? ''} ${labels.group_attribute}`.trim());
  if (labels.slo)
    parts.push(`${labels.slo}${labels.long_window ? ` ${labels.long_window}/${labels.short_window}` : ''}`);
  return [name, ...parts].join(' ');
}

/** What a scenario says it raises: an alert name and the labels that must match. */
export interface AlertMatcher {
  alertname: string;
  labels?: Labels;
  /** The alert cannot fire sooner after the scenario starts (at speed 1), e.g. before late labels arrive. */
  notBeforeSeconds?: number;
  /** Why a scenario may raise it (for side effects). */
  why?: string;
}

export function matches(matcher: AlertMatcher, labels: Labels): boolean {
  if (labels.alertname !== matcher.alertname) return false;
  return Object.entries(matcher.labels ?? {}).every(([k, v]) => labels[k] === v);
}

export function describeMatcher(matcher: AlertMatcher): string {
  return shortAlertName({ alertname: matcher.alertname, ...matcher.labels });
}
