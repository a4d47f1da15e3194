import {
  by,
  eq,
  GROUP_ATTRIBUTE,
  increaseOf,
  labelsOf,
  literalRegex,
  metric,
  MODEL_LABELS,
  re,
} from '@modelwatch/promql';
import { ALERT, ALERTS_SERIES, LABEL, RECORD } from '@modelwatch/semconv';
import type { ComplianceOptions } from '../options/resolve';
import { scopeOf } from './scope';

/**
 * A group counter's increase over the window, per model version, attribute (or intersection) and category (and
 * predicted class, for the predictions): the counts every policy pack's table is computed from. Without a model,
 * every model's at once.
 */
export function complianceQuery(
  o: ComplianceOptions,
  key: 'groupPredictions' | 'groupScored' | 'groupScoredAboveCut' = 'groupPredictions'
): string {
  const match: Record<string, string> = o.attribute === undefined ? {} : { [GROUP_ATTRIBUTE]: eq(o.attribute) };
  if (o.model !== undefined) {
    return increaseOf(scopeOf({ ...o, model: o.model }), key, o.window)(match);
  }
  const selector = o.attribute === undefined ? '' : `{${GROUP_ATTRIBUTE}${match[GROUP_ATTRIBUTE]}}`;
  const name = metric({ model: '', naming: o.naming }, key);
  return `sum ${by(labelsOf(key))} (increase(${name}${selector}[${o.window}]))`;
}

/**
 * The packs each model version's rules record (`modelwatch rules` writes them for the model's `policies`): one
 * sample per model version and pack, whatever the rules' window.
 */
export function configuredPacksQuery(): string {
  const excluded = `${literalRegex(RECORD.policyExcluded(''))}.+`;
  return `group ${by([...MODEL_LABELS, LABEL.policy])} ({__name__${re(excluded)}})`;
}

/** The policy alerts, pending or firing: one per model version, pack and judged category under its threshold. */
export function policyAlertsQuery(): string {
  return `${ALERTS_SERIES}{${LABEL.alertName}${eq(ALERT.policyImpactRatio)}}`;
}

/** The options each model version's rules judge each pack with (one info series per model version and pack). */
export function policySettingsQuery(): string {
  return RECORD.policySettings;
}
