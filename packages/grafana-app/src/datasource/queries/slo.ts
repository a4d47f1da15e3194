import { by, increaseOf, matchers, metric, MODEL_LABELS, predictionCount } from '@modelwatch/promql';
import { LABEL } from '@modelwatch/semconv';
import type { SloOptions } from '../options/resolve';
import { scopeOf } from './scope';

/** The windows an SLO query reads: every burn window and the period, once each. */
export function sloWindows(o: SloOptions): string[] {
  return [...new Set([...o.burnWindows.flatMap((w) => [w.long, w.short]), o.period])];
}

/** The counts behind one window's error ratio, named as SloWindowInput names them. */
export function sloQueries(o: SloOptions, window: string): Record<string, string> {
  const scope = scopeOf(o);
  const perVersion = (expr: string): string => `sum ${by(MODEL_LABELS)} (${expr})`;
  switch (o.kind) {
    case 'availability':
      return {
        predictions: predictionCount(scope, window),
        errors: perVersion(`increase(${metric(scope, 'errors')}${matchers(scope)}[${window}])`),
      };
    case 'latency': {
      const base = metric(scope, 'inferenceDuration');
      // Every bucket, not only the threshold's: a threshold between boundaries is then told with the boundaries.
      return {
        buckets: `sum ${by([...MODEL_LABELS, LABEL.bucketBound])} (increase(${base}_bucket${matchers(scope)}[${window}]))`,
        count: perVersion(`increase(${base}_count${matchers(scope)}[${window}])`),
      };
    }
    case 'quality':
      return { outcomes: increaseOf(scope, 'outcomes', window)({}) };
  }
}
