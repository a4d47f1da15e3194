import { eq, increaseOf } from '@modelwatch/promql';
import { LABEL } from '@modelwatch/semconv';
import type { PerformanceOptions } from '../options/resolve';
import { scopeOf } from './scope';

/**
 * Confusion cells over the window, as `modelwatch:outcome_cells:increase<w>` and
 * `modelwatch:estimated_cells:increase<w>`; a segment reads the per-segment cells (which have no estimate).
 */
export function performanceQueries(o: PerformanceOptions): { realized: string; estimated?: string } {
  const scope = scopeOf(o);
  if (o.segment) {
    return {
      realized: increaseOf(
        scope,
        'segmentOutcomes',
        o.window
      )({ [LABEL.segmentName]: eq(o.segment.name), [LABEL.segmentValue]: eq(o.segment.value) }),
    };
  }
  return {
    realized: increaseOf(scope, 'outcomes', o.window)({}),
    estimated: increaseOf(scope, 'estimatedOutcomes', o.window)({}),
  };
}
