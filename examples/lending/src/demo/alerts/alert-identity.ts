// How the demo names alerts: one identity per alert regardless of severity (a drift alert that goes from warning
// to critical is one alert), and a short name for people.
import { ALERT_IDENTITY_LABELS, BASELINE, LABEL, type AlertName } from '@modelwatch/semconv';

export type Labels = Readonly<Record<string, string>>;

const nameOf = (labels: Labels): string => labels[LABEL.alertName] ?? '(unnamed)';

/** `alertname{label="value", …}` over the labels that tell alerts of one name apart, without severity. */
export function alertIdentity(labels: Labels): string {
  const kept = ALERT_IDENTITY_LABELS.filter((k) => labels[k] !== undefined).map((k) => `${k}="${labels[k]}"`);
  return `${nameOf(labels)}{${kept.join(', ')}}`;
}

/** `ModelwatchFeatureDriftPSI pirat`, `ModelwatchSLOBurnRate latency 1m/15s`: what a person needs to tell alerts apart. */
export function shortAlertName(labels: Labels): string {
  const feature = labels[LABEL.feature];
  const baseline = labels[LABEL.baseline];
  const issue = labels[LABEL.issue];
  const metric = labels[LABEL.metric];
  const groupAttribute = labels[LABEL.groupAttribute];
  const slo = labels[LABEL.slo];
  const longWindow = labels[LABEL.longWindow];
  const parts: string[] = [];
  if (feature) parts.push(feature);
  if (baseline && baseline !== BASELINE.reference) parts.push(`vs ${baseline.replace('_', ' ')}`);
  if (issue) parts.push(issue);
  if (metric) parts.push(`${labels[LABEL.source] ?? ''} ${metric}`.trim());
  if (groupAttribute) parts.push(`${labels[LABEL.statistic] ?? ''} ${groupAttribute}`.trim());
  if (slo) parts.push(`${slo}${longWindow ? ` ${longWindow}/${labels[LABEL.shortWindow]}` : ''}`);
  return [nameOf(labels), ...parts].join(' ');
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

/** The alert `name` with these labels, plus when or why a scenario raises it. */
export function alertMatcher(
  name: AlertName,
  labels: Labels,
  more: Pick<AlertMatcher, 'notBeforeSeconds' | 'why'> = {}
): AlertMatcher {
  return { alertname: name, labels, ...more };
}

export function matches(matcher: AlertMatcher, labels: Labels): boolean {
  if (labels[LABEL.alertName] !== matcher.alertname) return false;
  return Object.entries(matcher.labels ?? {}).every(([k, v]) => labels[k] === v);
}

export function describeMatcher(matcher: AlertMatcher): string {
  return shortAlertName({ [LABEL.alertName]: matcher.alertname, ...matcher.labels });
}
