import {
  ALERT,
  DEFAULTS,
  LABEL,
  MODEL_LABELS,
  POLICY,
  POLICY_STATISTIC,
  RECORD,
  SEVERITY,
  labelTemplate,
  policyByName,
} from '@modelwatch/semconv';
import {
  SINGLE_ATTRIBUTE,
  by,
  increaseOf,
  policyAttributeRows,
  policyCategoryCount,
  policyCategoryShare,
  policyExcluded,
  policyImpactRatio,
  policyJudgedRate,
  policyHighestRate,
  policyScoringRate,
  policySelectionRate,
  policyUnknownCount,
  series,
  type Source,
} from '@modelwatch/promql';
import { num } from '../bands.js';
import { policiesOf, type ModelConfig } from '../config.js';
import { MODEL_VERSION_TEMPLATE, type ModelRules } from '../model-rules.js';
import type { Rule, RuleGroup } from '../rule-types.js';

/** Window, `for` and minimum group size of a model's policy rules: its fairness section's, else the defaults. */
export function policyWindow(m: ModelRules): { window: string; for: string; minGroupSize: number } {
  return policyWindowOf(m.model);
}

/** As policyWindow, from the model's config alone (the live report reads the series these rules record). */
export function policyWindowOf(model: ModelConfig): { window: string; for: string; minGroupSize: number } {
  const f = model.fairness;
  return {
    window: f?.window ?? DEFAULTS.policies.window,
    for: f?.for ?? DEFAULTS.policies.for,
    minGroupSize: f?.minGroupSize ?? DEFAULTS.minGroupSize,
  };
}

/**
 * Category counts, shares and selection rates of every protected attribute and intersection, then per pack which
 * categories it excludes, the highest judged rate and the impact ratios, and an alert below the pack's threshold.
 * An info series per pack carries the options it is judged with, so the compliance view judges as the rules do.
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
    {
      record: RECORD.policySelectionRate(w),
      expr: policySelectionRate(predictions, count, m.model.classes[m.model.favourable]),
    },
  ];
  // Scoring rates exist only where monitors export the scoringRate counters; elsewhere these rules record nothing.
  if (packs.some((p) => p.name === POLICY.nycLl144.name)) {
    rules.push({
      record: RECORD.policyScoringRate(w),
      expr: policyScoringRate(increaseOf(m.scope, 'groupScored', w), increaseOf(m.scope, 'groupScoredAboveCut', w)),
    });
  }
  for (const pack of packs) {
    const spec = policyByName(pack.name)!;
    const nyc = pack.name === POLICY.nycLl144.name;
    const excludeBelow = pack.excludeBelow ?? (nyc ? DEFAULTS.policies.excludeBelow : 0);
    const threshold = pack.threshold ?? DEFAULTS.policies.threshold;
    const attributes = nyc ? {} : SINGLE_ATTRIBUTE;
    const labels = { [LABEL.policy]: pack.name };
    const judged = policyJudgedRate(rate, share, count, { excludeBelow, minGroupSize, attributes });
    rules.push(
      {
        record: RECORD.policySettings,
        expr: `group ${by(MODEL_LABELS)} (${m.sel(RECORD.policyCategoryCount(w))})`,
        labels: {
          ...labels,
          [LABEL.favourable]: m.model.favourable,
          [LABEL.threshold]: String(threshold),
          [LABEL.excludeBelow]: String(excludeBelow),
          [LABEL.minGroupSize]: String(minGroupSize),
          [LABEL.window]: w,
        },
      },
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
    if (nyc) rules.push(...scoringRules(m, { w, forDuration, minGroupSize, excludeBelow, threshold, judgedBy, level }));
  }
  return m.group('policies', rules);
}

/** The NYC pack on scoring rates: the same judged categories, the scoring rate in place of the selection rate. */
function scoringRules(
  m: ModelRules,
  p: {
    w: string;
    forDuration: string;
    minGroupSize: number;
    excludeBelow: number;
    threshold: number;
    judgedBy: string;
    level: string;
  }
): Rule[] {
  const spec = POLICY.nycLl144;
  const labels = { [LABEL.policy]: spec.name };
  const recorded =
    (name: string): Source =>
    (match) =>
      series(name)({ ...m.match, ...match });
  const judged = policyJudgedRate(
    recorded(RECORD.policyScoringRate(p.w)),
    recorded(RECORD.policyCategoryShare(p.w)),
    recorded(RECORD.policyCategoryCount(p.w)),
    { excludeBelow: p.excludeBelow, minGroupSize: p.minGroupSize, attributes: {} }
  );
  return [
    { record: RECORD.policyScoringHighestRate(p.w), expr: policyHighestRate(judged), labels },
    {
      record: RECORD.policyScoringImpactRatio(p.w),
      expr: policyImpactRatio(judged, m.sel(RECORD.policyScoringHighestRate(p.w), labels)),
      labels,
    },
    m.alert({
      name: ALERT.policyImpactRatio,
      expr: `${m.sel(RECORD.policyScoringImpactRatio(p.w), labels)} < ${p.threshold}`,
      for: p.forDuration,
      severity: SEVERITY.warning,
      summary: `${spec.displayName} (${spec.name}): scoring-rate impact ratio of ${labelTemplate(LABEL.groupValue)} in ${labelTemplate(LABEL.groupAttribute)} of ${MODEL_VERSION_TEMPLATE}`,
      description: `The scoring-rate impact ratio over ${p.w} is {{ $value | printf "%.3f" }}: the share of the category scored above the reference median score over the highest such share among categories with ${p.judgedBy}, below ${p.level}. ${spec.reference}.`,
      distinct: { ...labels, [LABEL.statistic]: POLICY_STATISTIC.scoringImpactRatio },
    }),
  ];
}
