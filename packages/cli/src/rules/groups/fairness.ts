import {
  FAIRNESS,
  FAIRNESS_KEYS,
  GROUP_RATES,
  GROUP_RATE_KEYS,
  LABEL,
  RECORD,
  labelTemplate,
  type FairnessStatistic,
  type GroupRate,
} from '@modelwatch/semconv';
import {
  disparity,
  eligible,
  groupOutcomeCount,
  groupPredictionCount,
  groupRate,
  increaseOf,
  series,
  type Source,
} from '@modelwatch/promql';
import { bands, num } from '../bands.js';
import { MODEL_VERSION_TEMPLATE, type ModelRules } from '../model-rules.js';
import type { Rule, RuleGroup } from '../rule-types.js';

type FairnessConfig = NonNullable<ModelRules['model']['fairness']>;
type AttributePolicy = FairnessConfig['attributes'][string];

/** Group counts and rates, then per attribute the disparities over eligible groups and their alerts. */
export function fairnessGroup(m: ModelRules): RuleGroup | null {
  const f = m.model.fairness;
  if (!f || m.model.task !== 'classification') return null;
  const w = f.window;
  const classes = m.model.classes!;
  const predictions = recorded(m, RECORD.groupPredictions(w));
  const outcomes = recorded(m, RECORD.groupOutcomes(w));
  const rules: Rule[] = [
    { record: RECORD.groupPredictions(w), expr: increaseOf(m.scope, 'groupPredictions', w)({}) },
    { record: RECORD.groupOutcomes(w), expr: increaseOf(m.scope, 'groupOutcomes', w)({}) },
    { record: RECORD.groupSize(w), expr: groupPredictionCount(predictions) },
    { record: RECORD.groupOutcomeCount(w), expr: groupOutcomeCount(outcomes, classes) },
    ...GROUP_RATE_KEYS.map((rate) => ({
      record: RECORD.groupRate(rate, w),
      expr: groupRate(rate, predictions, outcomes, classes),
    })),
  ];
  // Disparities are judged on eligible groups only; attributes may set their own minimum size.
  const attributes = Object.keys(f.attributes);
  if (attributes.length === 0) rules.push(...disparityRules(m, null, {}));
  for (const attribute of attributes) {
    const policy = f.attributes[attribute]!;
    rules.push(...disparityRules(m, attribute, policy), ...disparityAlerts(m, attribute, policy));
  }
  return m.group('fairness', rules);
}

function recorded(m: ModelRules, name: string): Source {
  return (match) => series(name)({ ...m.match, ...match });
}

/** Every disparity of one attribute (or, with none configured, of every attribute at the default minimum). */
function disparityRules(m: ModelRules, attribute: string | null, policy: AttributePolicy): Rule[] {
  const f = m.model.fairness!;
  const w = f.window;
  const min = policy.minGroupSize ?? f.minGroupSize;
  const extra: Record<string, string> = attribute === null ? {} : { [LABEL.groupAttribute]: attribute };
  const rate = (r: GroupRate): string => {
    const size = GROUP_RATES[r].sizeIn === 'predictions' ? RECORD.groupSize(w) : RECORD.groupOutcomeCount(w);
    return eligible(m.sel(RECORD.groupRate(r, w), extra), m.sel(size, extra), min);
  };
  // The series carry group_attribute already; the static label keeps one rule per attribute distinct for
  // promtool's duplicate-rule lint (the eligibility minimum differs per attribute, so the rules do too).
  return FAIRNESS_KEYS.map((key) => ({
    record: FAIRNESS[key].record!(w),
    expr: disparity(FAIRNESS[key], rate),
    ...(attribute === null ? {} : { labels: extra }),
  }));
}

function disparityAlerts(m: ModelRules, attribute: string, policy: AttributePolicy): Rule[] {
  const f = m.model.fairness!;
  const w = f.window;
  const min = policy.minGroupSize ?? f.minGroupSize;
  const extra = { [LABEL.groupAttribute]: attribute };
  const rules: Rule[] = [];
  for (const key of FAIRNESS_KEYS as FairnessStatistic[]) {
    const spec = FAIRNESS[key];
    const sizeIn = GROUP_RATES[spec.of[0]!].sizeIn;
    for (const band of bands(policy[key], spec.direction)) {
      rules.push(
        m.alert({
          name: spec.alert!,
          expr: `${m.sel(spec.record!(w), extra)} ${band.condition}`,
          for: f.for,
          severity: band.severity,
          summary: `${key} across ${labelTemplate(LABEL.groupAttribute)} groups of ${MODEL_VERSION_TEMPLATE}`,
          description: `${key} over ${w} is {{ $value | printf "%.3f" }} (${band.severity} ${spec.direction} ${num(band.threshold)}), over groups with at least ${min} ${sizeIn}.`,
          distinct: { [LABEL.statistic]: spec.label, [LABEL.groupAttribute]: attribute },
        })
      );
    }
  }
  return rules;
}
