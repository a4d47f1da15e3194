import type { MetricKey } from '@modelwatch/semconv';
import { by, labelsOf, matchers, metric, quote, type Scope } from './selector.js';

/**
 * A source of counts that matchers can still be applied to: a recorded series name, or increase() over the
 * raw counter. Expressions built on a Source work the same on recorded rules and on raw metrics.
 */
export type Source = (match: Record<string, string>) => string;

/** A recorded series (or any metric name) as a Source. */
export function series(name: string): Source {
  return (match) => {
    const parts = Object.entries(match).map(([k, v]) => `${k}${v}`);
    return parts.length ? `${name}{${parts.join(', ')}}` : name;
  };
}

/** increase() of a counter over a window, summed over replicas by its own labels, as a Source. */
export function increaseOf(scope: Scope, key: MetricKey, window: string): Source {
  const labels = labelsOf(key);
  return (match) => `sum ${by(labels)} (increase(${metric(scope, key)}${matchers(scope, match)}[${window}]))`;
}

export const eq = (value: string): string => `=${quote(value)}`;
