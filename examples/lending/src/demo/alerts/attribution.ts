// Which scenario raised which alert. An alert belongs to the scenario during which it fired, unless it was
// already firing during the scenario before: drift and fairness windows keep an effect visible for one window
// after its cause stopped, and that tail is not the next scenario's doing.
import { LABEL } from '@modelwatch/semconv';
import { alertIdentity, type Labels } from './alert-identity.js';

/** One alert series (one severity) and the times Prometheus evaluated it as firing, in ms. */
export interface FiringHistory {
  labels: Labels;
  firingAt: readonly number[];
}

export interface Span {
  start: number;
  end: number;
}

export interface Raised {
  identity: string;
  /** The alert's labels without severity. */
  labels: Labels;
  severities: string[];
  /** First firing evaluation within the span. */
  firstAt: number;
}

function withoutSeverity(labels: Labels): Labels {
  const rest: Record<string, string> = { ...labels };
  delete rest[LABEL.severity];
  delete rest[LABEL.alertState];
  return rest;
}

export function raisedBySpan(spans: readonly Span[], history: readonly FiringHistory[]): Raised[][] {
  return spans.map((span, i) => {
    const previousStart = i === 0 ? -Infinity : spans[i - 1]!.start;
    const carried = new Set<string>();
    const raised = new Map<string, Raised>();
    for (const series of history) {
      const identity = alertIdentity(series.labels);
      if (series.firingAt.some((t) => t >= previousStart && t < span.start)) carried.add(identity);
      const during = series.firingAt.filter((t) => t >= span.start && t < span.end);
      if (during.length === 0) continue;
      const entry = raised.get(identity) ?? {
        identity,
        labels: withoutSeverity(series.labels),
        severities: [],
        firstAt: Infinity,
      };
      const severity = series.labels[LABEL.severity] ?? 'none';
      if (!entry.severities.includes(severity)) entry.severities.push(severity);
      entry.firstAt = Math.min(entry.firstAt, ...during);
      raised.set(identity, entry);
    }
    return [...raised.values()].filter((r) => !carried.has(r.identity)).sort((a, b) => a.firstAt - b.firstAt);
  });
}
