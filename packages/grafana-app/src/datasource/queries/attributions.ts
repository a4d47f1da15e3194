import { attributionImportanceParts } from '@modelwatch/promql';
import type { AttributionOptions } from '../options/resolve';
import { scopeOf } from './scope';

/** Σ|attribution| and counts per feature over the window (replicas summed), and the reference importances. */
export function attributionQueries(o: AttributionOptions): { absoluteSums: string; counts: string; reference: string } {
  return attributionImportanceParts(scopeOf(o), o.window);
}
