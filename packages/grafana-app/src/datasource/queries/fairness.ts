import { eq, GROUP_ATTRIBUTE, increaseOf } from '@modelwatch/promql';
import type { FairnessOptions } from '../options/resolve';
import { scopeOf } from './scope';

/** Group predictions and group outcome cells over the window, as `modelwatch:group_{predictions,outcomes}:increase<w>`. */
export function fairnessQueries(o: FairnessOptions): { predictions: string; outcomes: string } {
  const scope = scopeOf(o);
  const match: Record<string, string> = o.attribute === undefined ? {} : { [GROUP_ATTRIBUTE]: eq(o.attribute) };
  return {
    predictions: increaseOf(scope, 'groupPredictions', o.window)(match),
    outcomes: increaseOf(scope, 'groupOutcomes', o.window)(match),
  };
}
