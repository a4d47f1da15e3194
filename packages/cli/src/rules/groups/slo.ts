import { ALERT, LABEL, MODEL_LABELS, RECORD, type SloKind } from '@modelwatch/semconv';
import {
  availabilityErrorRatio,
  budgetRemaining,
  burnRate,
  latencyErrorRatio,
  qualityErrorRatio,
} from '@modelwatch/promql';
import { num } from '../bands.js';
import { durationSeconds } from '../duration.js';
import { MODEL_VERSION_TEMPLATE, type ModelRules } from '../model-rules.js';
import type { Rule, RuleGroup } from '../rule-types.js';

type SloConfig = NonNullable<ModelRules['model']['slos']>;

/** One configured objective: its kind, target and error-ratio expression per window. */
interface Objective {
  slo: SloKind;
  objective: number;
  errorRatio: (window: string) => string;
}

/** Error ratios, burn rates and the budget left per objective, and the multiwindow burn-rate alerts. */
export function sloGroup(m: ModelRules): RuleGroup | null {
  const s = m.model.slos;
  if (!s) return null;
  const rules = objectivesOf(m, s).flatMap((o) => [...objectiveRules(m, s, o), ...burnAlerts(m, s, o)]);
  return rules.length ? m.group('slo', rules) : null;
}

function objectivesOf(m: ModelRules, s: SloConfig): Objective[] {
  const out: Objective[] = [];
  if (s.availability) {
    out.push({
      slo: 'availability',
      objective: s.availability.objective,
      errorRatio: (w) => availabilityErrorRatio(m.scope, w),
    });
  }
  if (s.latency) {
    const threshold = s.latency.threshold;
    out.push({
      slo: 'latency',
      objective: s.latency.objective,
      errorRatio: (w) => latencyErrorRatio(m.scope, w, threshold),
    });
  }
  const classes = m.model.classes;
  if (s.quality && classes) {
    const both = [classes.positive, classes.negative];
    out.push({
      slo: 'quality',
      objective: s.quality.objective,
      errorRatio: (w) => qualityErrorRatio(m.scope, w, both),
    });
  }
  return out;
}

/** The windows the burn-rate alerts read. */
function alertWindows(s: SloConfig): string[] {
  return [...new Set(s.alerts.flatMap((a) => [a.short, a.long]))];
}

function objectiveRules(m: ModelRules, s: SloConfig, o: Objective): Rule[] {
  const labels = { [LABEL.slo]: o.slo, [LABEL.objective]: String(o.objective) };
  const windows = alertWindows(s);
  // The period may also be an alert window: one rule per window, or the group records a series twice.
  const errorWindows = [...new Set([...windows, s.period])];
  const ofSlo = (name: string): string => m.sel(name, { [LABEL.slo]: o.slo });
  return [
    ...errorWindows.map((w) => ({ record: RECORD.sloError(w), expr: o.errorRatio(w), labels })),
    ...windows.map((w) => ({
      record: RECORD.burnRate(w),
      expr: burnRate(ofSlo(RECORD.sloError(w)), o.objective),
      labels,
    })),
    {
      record: RECORD.budgetRemaining,
      expr: budgetRemaining(ofSlo(RECORD.sloError(s.period)), o.objective),
      labels: { ...labels, [LABEL.period]: s.period },
    },
  ];
}

/** Google SRE Workbook's multiwindow alerts: both windows must burn faster than the rate. */
function burnAlerts(m: ModelRules, s: SloConfig, o: Objective): Rule[] {
  const ofSlo = (name: string): string => m.sel(name, { [LABEL.slo]: o.slo });
  return s.alerts.map((a) => {
    const long = `${ofSlo(RECORD.burnRate(a.long))} > ${a.burnRate}`;
    const short = `${ofSlo(RECORD.burnRate(a.short))} > ${a.burnRate}`;
    const budget = (a.burnRate * durationSeconds(a.long)) / durationSeconds(s.period);
    return m.alert({
      name: ALERT.sloBurnRate,
      expr: `(${long}) and on (${MODEL_LABELS.join(', ')}, ${LABEL.slo}) (${short})`,
      for: a.for,
      severity: a.severity,
      summary: `${MODEL_VERSION_TEMPLATE} is burning its ${o.slo} error budget ${a.burnRate}× too fast`,
      description: `The ${o.slo} SLO (${num(o.objective * 100)}% over ${s.period}) burned at {{ $value | printf "%.1f" }}× over ${a.long} and over ${a.short}: at this rate ${(budget * 100).toFixed(1)}% of the budget goes in ${a.long}.`,
      distinct: { [LABEL.slo]: o.slo, [LABEL.longWindow]: a.long, [LABEL.shortWindow]: a.short },
    });
  });
}
