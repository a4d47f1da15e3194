// What tells the alerts the rules raise apart, for the tests that predict which must fire. The label names are
// literals on purpose: an oracle independent of the contract the rules are generated from.
const IDENTITY = [
  'severity',
  'statistic',
  'baseline',
  'feature',
  'group_attribute',
  'metric',
  'source',
  'issue',
  'slo',
  'long_window',
  'short_window',
];

/** An alert as `alertname{label="value", …}` over the identifying labels it carries, in a fixed order. */
export function alertIdentity(alertname: string, labels: Record<string, string>): string {
  const kept = IDENTITY.filter((k) => labels[k] !== undefined).map((k) => `${k}="${labels[k]}"`);
  return `${alertname}{${kept.join(', ')}}`;
}
