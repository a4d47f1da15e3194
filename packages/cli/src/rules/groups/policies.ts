import { ALERT, DEFAULTS, LABEL, POLICY, RECORD, SEVERITY, labelTemplate, policyByName } from '@modelwatch/semconv';
import {
  SINGLE_ATTRIBUTE,
  increaseOf,
  policyAttributeRows,
  policyCategoryCount,
  policyCategoryShare,
  policyExcluded,
  policyImpactRatio,
  policyJudgedRate,
  policyHighestRate,
  policySelectionRate,
  policyUnknownCount,
  series,
  type Source,
} from '@modelwatch/promql';
import { num } from '../bands.js';
import { policiesOf } from '../config.js';
import { MODEL_VERSION_TEMPLATE, type ModelRules } from '../model-rules.js';
import type { Rule, RuleGroup } from '../rule-types.js';

/** Window, `for` and minimum group size of a model's policy rules: its fairness section's, else the defaults. */
export function policyWindow(m: ModelRules): { window: string; for: string; minGroupSize: number } {
  const f = m.model.fairness;
  return {
    window: f?.window ?? DEFAULTS.policies.window,
    for: f?.for ?? DEFAULTS.policies.for,
    minGroupSize: f?.minGroupSize ?? DEFAULTS.minGroupSize,
  };
}

/**
 * Category counts, shares and selection rates of every protected attribute and intersection, then per pack which
 * categories it excludes, the highest judged rate and the impact ratios, and an alert below the pack's threshold.
 * The four-fifths rule judges single attributes; the NYC pack also the intersections (as `check --policy`).
 */
export function policiesGroup(m: ModelRules): RuleGroup | null {
  const packs = policiesOf(m.model);
  if (packs.length === 0 || m.model.task !== 'classification' || !m.model.classes) return null;
  const { window: w, for: forDuration, minGroupSize } = policyWindow(m);
  const recorded =
    (name: string): Source =>
    (match) =>
      series(name)({ ...m.match, ...match });
  const count = recorded(RECORD.policyCategoryCount(w));
  const share = recorded(RECORD.policyCategoryShare(w));
  const rate = recorded(RECORD.policySelectionRate(w));
  const predictions = increaseOf(m.scope, 'groupPredictions', w);
  const rules: Rule[] = [
    { record: RECORD.policyCategoryCount(w), expr: policyCategoryCount(predictions) },
    { record: RECORD.policyAttributeRows(w), expr: policyAttributeRows(count) },
    { record: RECORD.policyUnknownCount(w), expr: policyUnknownCount(count) },
    {
      record: RECORD.policyCategoryShare(w),
      expr: policyCategoryShare(count, recorded(RECORD.policyAttributeRows(w))),
    },
    { record: RECORD.policySelectionRate(w), expr: policySelectionRate(predictions, count, m.model.classes.positive) },
  ];
  for (const pack of packs) {
    const spec = policyByName(pack.name)!;
    const nyc = pack.name === POLICY.nycLl144.name;
    const excludeBelow = pack.excludeBelow ?? (nyc ? DEFAULTS.policies.excludeBelow : 0);
    const threshold = pack.threshold ?? DEFAULTS.policies.threshold;
    const attributes = nyc ? {} : SINGLE_ATTRIBUTE;
    const labels = { [LABEL.policy]: pack.name };
    const judged = policyJudgedRate(rate, share, count, { excludeBelow, minGroupSize, attributes });
    rules.push(
      { record: RECORD.policyExcluded(w), expr: policyExcluded(share, excludeBelow, attributes), labels },
      { record: RECORD.policyHighestRate(w), expr: policyHighestRate(judged), labels },
      {
        record: RECORD.policyImpactRatio(w),
        expr: policyImpactRatio(judged, m.sel(RECORD.policyHighestRate(w), labels)),
        labels,
      }
    );
    const judgedBy =
      excludeBelow > 0
        ? `at least ${num(excludeBelow * 100)}% of the rows and ${minGroupSize} predictions`
        : `at least ${minGroupSize} predictions`;
    const level =
      spec.thresholdSource === 'law'
        ? `the rule's threshold of ${num(threshold)}`
        : `${num(threshold)}, the organisation's threshold (the law sets none)`;
    rules.push(
      m.alert({
        name: ALERT.policyImpactRatio,
        expr: `${m.sel(RECORD.policyImpactRatio(w), labels)} < ${threshold}`,
        for: forDuration,
        severity: SEVERITY.warning,
        summary: `${spec.displayName} (${spec.name}): impact ratio of ${labelTemplate(LABEL.groupValue)} in ${labelTemplate(LABEL.groupAttribute)} of ${MODEL_VERSION_TEMPLATE}`,
        // The text is ours (pack names, numbers and the legal reference): no braces to escape.
        description: `The impact ratio over ${w} is {{ $value | printf "%.3f" }}: the selection rate of the category over the highest among categories with ${judgedBy}, below ${level}. ${spec.reference}.`,
        distinct: labels,
      })
    );
  }
  return m.group('policies', rules);
}
