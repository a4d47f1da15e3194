import { by, labelsOf, matchers, metric, type Scope } from './selector.js';

/** model_name, model_version, feature: one importance per attributed feature. */
export const ATTRIBUTION_LABELS = labelsOf('attributionAbsoluteSum');

/**
 * The parts of global importance over a window, each summed over replicas: Σ|a| and the count per feature (their
 * ratio is the mean |attribution|, merged by addition before the division), and the reference importance (every
 * replica exports the same value, so max merges it). The nDCG of the ranking is computed from these afterwards.
 */
export function attributionImportanceParts(
  scope: Scope,
  window: string
): { absoluteSums: string; counts: string; reference: string } {
  const increase = (key: 'attributionAbsoluteSum' | 'attributionCount'): string =>
    `sum ${by(ATTRIBUTION_LABELS)} (increase(${metric(scope, key)}${matchers(scope)}[${window}]))`;
  return {
    absoluteSums: increase('attributionAbsoluteSum'),
    counts: increase('attributionCount'),
    reference: `max ${by(ATTRIBUTION_LABELS)} (${metric(scope, 'attributionReferenceImportance')}${matchers(scope)})`,
  };
}

/** Live importance per feature over the window, as one PromQL expression (mean |attribution| after the merge). */
export function attributionImportance(scope: Scope, window: string): string {
  const p = attributionImportanceParts(scope, window);
  return `${p.absoluteSums} / ${p.counts}`;
}
