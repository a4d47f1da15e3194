import type { MetricKey } from '@modelwatch/semconv';
import { by, labelMatchers, labelsOf, matchers, metric, type Scope } from './selector.js';

/**
 * A source of counts that matchers can still be applied to: a recorded series name, or increase() over the
 * raw counter. Expressions built on a Source work the same on recorded rules and on raw metrics.
 */
export type Source = (match: Record<string, string>) => string;

/** A recorded series (or any metric name) as a Source. */
export function series(name: string): Source {
  return (match) => (Object.keys(match).length ? `${name}${labelMatchers(match)}` : name);
}

/** increase() of a counter over a window, summed over replicas by its own labels, as a Source. */
export function increaseOf(scope: Scope, key: MetricKey, window: string): Source {
  const labels = labelsOf(key);
  return (match) => `sum ${by(labels)} (increase(${metric(scope, key)}${matchers(scope, match)}[${window}]))`;
}
