import {
  BINARY_METRICS,
  FEATURE_LABELS,
  GROUP_ATTRIBUTE,
  MODEL_LABELS,
  availabilityErrorRatio,
  binCounts,
  binShares,
  binaryMetric,
  budgetRemaining,
  burnRate,
  chiSquare,
  difference,
  eligible,
  featureCount,
  groupOutcomeCount,
  groupPredictionCount,
  groupRate,
  issueRate,
  jensenShannon,
  ksBinned,
  larger,
  latencyErrorRatio,
  outcomeCount,
  predictionCount,
  psi,
  qualityErrorRatio,
  quote,
  ratio,
  referenceShares,
  series,
  increaseOf,
  type BinaryClasses,
  type GroupRate,
  type Scope,
} from '@modelwatch/promql';
import {
  FAIRNESS_CEILINGS,
  ISSUE_KEYS,
  durationSeconds,
  type Levels,
  type ModelConfig,
  type ModelwatchConfig,
} from './config.js';

export { durationSeconds };

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  name: string;
  interval: string;
  rules: Rule[];
}

/** Recording-rule names: modelwatch:<what>:<aggregation><window>, one name per statistic, windows in the name. */
export const RECORD = {
  binCount: (w: string) => `modelwatch:feature_bin_count:increase${w}`,
  binShare: (w: string) => `modelwatch:feature_bin_share:ratio${w}`,
  baselineShare: (w: string) => `modelwatch:feature_bin_share_last_week:ratio${w}`,
  baselineCount: (w: string) => `modelwatch:feature_count_last_week:increase${w}`,
  referenceShare: 'modelwatch:feature_reference_share:max',
  featureCount: (w: string) => `modelwatch:feature_count:increase${w}`,
  psi: (w: string) => `modelwatch:feature_psi:${w}`,
  jensenShannon: (w: string) => `modelwatch:feature_jensen_shannon:${w}`,
  chiSquare: (w: string) => `modelwatch:feature_chi_square:${w}`,
  ks: (w: string) => `modelwatch:feature_ks:${w}`,
  predictions: (w: string) => `modelwatch:predictions:increase${w}`,
  issueRate: (w: string) => `modelwatch:feature_issue:ratio_rate${w}`,
  outcomeCells: (w: string) => `modelwatch:outcome_cells:increase${w}`,
  estimatedCells: (w: string) => `modelwatch:estimated_cells:increase${w}`,
  outcomeCount: (w: string) => `modelwatch:outcome_count:increase${w}`,
  performance: (metric: string, w: string) => `modelwatch:model_${metric}:ratio${w}`,
  groupPredictions: (w: string) => `modelwatch:group_predictions:increase${w}`,
  groupOutcomes: (w: string) => `modelwatch:group_outcomes:increase${w}`,
  groupSize: (w: string) => `modelwatch:group_size:increase${w}`,
  groupOutcomeCount: (w: string) => `modelwatch:group_outcome_count:increase${w}`,
  groupRate: (rate: string, w: string) => `modelwatch:group_${snake(rate)}:ratio${w}`,
  fairness: (statistic: string, w: string) => `modelwatch:fairness_${snake(statistic)}:${w}`,
  sloError: (w: string) => `modelwatch:slo_error:ratio_rate${w}`,
  burnRate: (w: string) => `modelwatch:slo_burn_rate:${w}`,
  budgetRemaining: 'modelwatch:slo_error_budget_remaining:ratio',
} as const;

/** A number as people write it in a message: 0.07 × 100 is 7.000000000000001 in floating point. */
function num(x: number): string {
  return String(Number(x.toPrecision(12)));
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const join = (labels: readonly string[]): string => labels.join(', ');

/** Model matchers for a recorded series. */
function sel(model: ModelConfig, extra: Record<string, string> = {}): string {
  const parts = [`model_name=${quote(model.name)}`];
  if (model.version) parts.push(`model_version=~${quote(model.version)}`);
  for (const [k, v] of Object.entries(extra)) parts.push(`${k}=${quote(v)}`);
  return `{${parts.join(', ')}}`;
}

/** A threshold comparison that fires between the warning and the critical level, and one above critical. */
function bands(
  levels: Levels | undefined,
  direction: 'above' | 'below'
): { severity: 'warning' | 'critical'; condition: string; threshold: number }[] {
  if (!levels) return [];
  const out: { severity: 'warning' | 'critical'; condition: string; threshold: number }[] = [];
  const crit = levels.critical ?? null;
  const warn = levels.warning ?? null;
  const op = direction === 'above' ? '>=' : '<';
  const back = direction === 'above' ? '<' : '>=';
  if (warn !== null)
    out.push({
      severity: 'warning',
      condition: crit !== null ? `${op} ${warn} ${back} ${crit}` : `${op} ${warn}`,
      threshold: warn,
    });
  if (crit !== null) out.push({ severity: 'critical', condition: `${op} ${crit}`, threshold: crit });
  return out;
}

class Builder {
  constructor(
    private readonly config: ModelwatchConfig,
    private readonly model: ModelConfig,
    /** Names this model's groups and rule file; unique in the config even when one model has several entries. */
    private readonly key: string
  ) {}

  get scope(): Scope {
    return { model: this.model.name, version: this.model.version, naming: this.config.naming };
  }

  /** `distinct` labels tell apart alerts of one name (statistic, baseline, window…), for routing and for promtool's lint. */
  alert(
    name: string,
    expr: string,
    forDuration: string,
    severity: string,
    summary: string,
    description: string,
    distinct: Record<string, string>
  ): AlertingRule {
    return {
      alert: name,
      expr,
      for: forDuration,
      labels: { severity, ...distinct, ...this.config.labels, ...this.model.labels },
      annotations: {
        summary,
        description,
        runbook_url: `${this.model.runbookUrl ?? this.config.runbookUrl}#${name.toLowerCase()}`,
      },
    };
  }

  drift(): RuleGroup | null {
    const d = this.model.drift;
    if (!d) return null;
    const w = d.window;
    const m = this.model;
    const rules: Rule[] = [
      { record: RECORD.binCount(w), expr: binCounts(this.scope, w) },
      { record: RECORD.binShare(w), expr: binShares(`${RECORD.binCount(w)}${sel(m)}`) },
      { record: RECORD.referenceShare, expr: referenceShares(this.scope) },
      { record: RECORD.featureCount(w), expr: featureCount(`${RECORD.binCount(w)}${sel(m)}`) },
    ];
    const current = `${RECORD.binShare(w)}${sel(m)}`;
    const baselines: { label: string; series: string; seriesName: string }[] = [];
    if (d.baseline.reference)
      baselines.push({
        label: 'reference',
        series: `${RECORD.referenceShare}${sel(m)}`,
        seriesName: RECORD.referenceShare,
      });
    if (d.baseline.lastWeek) {
      const earlier = binCounts(this.scope, w, d.baseline.offset);
      rules.push({ record: RECORD.baselineShare(w), expr: binShares(earlier) });
      rules.push({ record: RECORD.baselineCount(w), expr: featureCount(earlier) });
      baselines.push({
        label: 'last_week',
        series: `${RECORD.baselineShare(w)}${sel(m)}`,
        seriesName: RECORD.baselineShare(w),
      });
    }
    for (const b of baselines) {
      const labels = { baseline: b.label };
      rules.push({ record: RECORD.psi(w), expr: psi(current, b.series), labels });
      rules.push({ record: RECORD.jensenShannon(w), expr: jensenShannon(current, b.series), labels });
      if (b.label === 'reference') {
        rules.push({
          record: RECORD.chiSquare(w),
          expr: chiSquare(`${RECORD.binCount(w)}${sel(m)}`, b.series),
          labels,
        });
      }
      rules.push({
        record: RECORD.ks(w),
        expr: ksBinned(RECORD.binShare(w), b.seriesName, m.bins, modelMatch(m), RECORD.referenceShare),
        labels,
      });
    }
    const enough = (series: string): string => `and on (${join(FEATURE_LABELS)}) ${series}${sel(m)} >= ${d.minSamples}`;
    // A quiet hour last week is as noisy a baseline as a quiet hour now: both windows need the minimum.
    const guards: Record<string, string> = {
      reference: enough(RECORD.featureCount(w)),
      last_week: `${enough(RECORD.featureCount(w))} ${enough(RECORD.baselineCount(w))}`,
    };
    const statistics: [string, string, Levels | undefined, string][] = [
      ['PSI', RECORD.psi(w), d.psi, 'PSI'],
      ['JensenShannon', RECORD.jensenShannon(w), d.jensenShannon, 'Jensen–Shannon distance'],
      ['ChiSquare', RECORD.chiSquare(w), d.chiSquare, 'chi-square statistic'],
      ['KS', RECORD.ks(w), d.ks, 'binned KS distance'],
    ];
    for (const [suffix, record, levels, label] of statistics) {
      for (const b of baselines) {
        if (suffix === 'ChiSquare' && b.label !== 'reference') continue;
        for (const band of bands(levels, 'above')) {
          const versus = b.label === 'reference' ? 'the reference' : `the same window ${d.baseline.offset} earlier`;
          rules.push(
            this.alert(
              `ModelwatchFeatureDrift${suffix}`,
              `${record}${sel(m, { baseline: b.label })} ${band.condition} ${guards[b.label]}`,
              d.for,
              band.severity,
              `{{ $labels.feature }} of {{ $labels.model_name }} {{ $labels.model_version }} drifted from ${versus}`,
              `${label} of feature {{ $labels.feature }} over ${w} is {{ $value | printf "%.4g" }} (${band.severity} at ${num(band.threshold)}), against ${versus}.`,
              {
                statistic: snake(
                  suffix === 'PSI' ? 'psi' : suffix === 'KS' ? 'ks' : suffix.charAt(0).toLowerCase() + suffix.slice(1)
                ),
                baseline: b.label,
              }
            )
          );
        }
      }
    }
    return { name: `modelwatch-${this.key}-drift`, interval: this.config.interval, rules };
  }

  dataQuality(): RuleGroup | null {
    const q = this.model.dataQuality;
    if (!q) return null;
    const w = q.window;
    const m = this.model;
    const rules: Rule[] = [
      { record: RECORD.predictions(w), expr: predictionCount(this.scope, w) },
      { record: RECORD.issueRate(w), expr: issueRate(this.scope, w, `${RECORD.predictions(w)}${sel(m)}`) },
    ];
    const guard = `and on (${join(MODEL_LABELS)}) ${RECORD.predictions(w)}${sel(m)} >= ${q.minSamples}`;
    for (const issue of ISSUE_KEYS) {
      for (const band of bands(q[issue], 'above')) {
        rules.push(
          this.alert(
            'ModelwatchDataQuality',
            `${RECORD.issueRate(w)}${sel(m, { issue })} ${band.condition} ${guard}`,
            q.for,
            band.severity,
            `{{ $labels.feature }} of {{ $labels.model_name }} {{ $labels.model_version }}: ${issue.replaceAll('_', ' ')} values`,
            `{{ $value | humanizePercentage }} of predictions over ${w} had ${issue.replaceAll('_', ' ')} values of {{ $labels.feature }} (${band.severity} at ${num(band.threshold * 100)}%).`,
            { issue }
          )
        );
      }
    }
    return { name: `modelwatch-${this.key}-data-quality`, interval: this.config.interval, rules };
  }

  private classes(): BinaryClasses {
    return this.model.classes!;
  }

  performance(): RuleGroup | null {
    const p = this.model.performance;
    if (!p || this.model.task !== 'classification') return null;
    const w = p.window;
    const m = this.model;
    const cells = (name: string) => (match: Record<string, string>) => series(name)({ ...modelMatch(m), ...match });
    const rules: Rule[] = [
      { record: RECORD.outcomeCells(w), expr: increaseOf(this.scope, 'outcomes', w)({}) },
      { record: RECORD.estimatedCells(w), expr: increaseOf(this.scope, 'estimatedOutcomes', w)({}) },
      {
        record: RECORD.outcomeCount(w),
        expr: outcomeCount(cells(RECORD.outcomeCells(w))),
        labels: { source: 'realized' },
      },
      {
        record: RECORD.outcomeCount(w),
        expr: outcomeCount(cells(RECORD.estimatedCells(w))),
        labels: { source: 'estimated' },
      },
    ];
    for (const metric of BINARY_METRICS) {
      rules.push({
        record: RECORD.performance(metric, w),
        expr: binaryMetric(metric, cells(RECORD.outcomeCells(w)), this.classes()),
        labels: { source: 'realized' },
      });
      rules.push({
        record: RECORD.performance(metric, w),
        expr: binaryMetric(metric, cells(RECORD.estimatedCells(w)), this.classes()),
        labels: { source: 'estimated' },
      });
    }
    for (const source of ['realized', 'estimated'] as const) {
      for (const [metric, levels] of Object.entries(p[source])) {
        const guard = `and on (${join(MODEL_LABELS)}) ${RECORD.outcomeCount(w)}${sel(m, { source })} >= ${p.minOutcomes}`;
        for (const band of bands(levels, 'below')) {
          rules.push(
            this.alert(
              source === 'realized' ? 'ModelwatchPerformanceBelowFloor' : 'ModelwatchEstimatedPerformanceBelowFloor',
              `${RECORD.performance(metric, w)}${sel(m, { source })} ${band.condition} ${guard}`,
              p.for,
              band.severity,
              `${source === 'realized' ? '' : 'estimated '}${metric} of {{ $labels.model_name }} {{ $labels.model_version }} is below its floor`,
              `${source === 'realized' ? 'Realized' : 'Label-free estimated (CBPE)'} ${metric} over ${w} is {{ $value | printf "%.4f" }} (${band.severity} below ${num(band.threshold)}).`,
              { metric, source }
            )
          );
        }
      }
    }
    return { name: `modelwatch-${this.key}-performance`, interval: this.config.interval, rules };
  }

  fairness(): RuleGroup | null {
    const f = this.model.fairness;
    if (!f || this.model.task !== 'classification') return null;
    const w = f.window;
    const m = this.model;
    const classes = this.classes();
    const predictions = (match: Record<string, string>) =>
      series(RECORD.groupPredictions(w))({ ...modelMatch(m), ...match });
    const outcomes = (match: Record<string, string>) => series(RECORD.groupOutcomes(w))({ ...modelMatch(m), ...match });
    const rules: Rule[] = [
      { record: RECORD.groupPredictions(w), expr: increaseOf(this.scope, 'groupPredictions', w)({}) },
      { record: RECORD.groupOutcomes(w), expr: increaseOf(this.scope, 'groupOutcomes', w)({}) },
      { record: RECORD.groupSize(w), expr: groupPredictionCount(predictions) },
      { record: RECORD.groupOutcomeCount(w), expr: groupOutcomeCount(outcomes, classes) },
    ];
    const rates: GroupRate[] = ['selectionRate', 'tpr', 'fpr', 'fnr', 'precision'];
    for (const rate of rates)
      rules.push({ record: RECORD.groupRate(rate, w), expr: groupRate(rate, predictions, outcomes, classes) });

    // Disparities are judged on eligible groups only; attributes may set their own minimum size.
    const attributes = Object.keys(f.attributes);
    const policies = attributes.length ? attributes : [null];
    for (const attribute of policies) {
      const policy = attribute === null ? {} : f.attributes[attribute]!;
      const min = policy.minGroupSize ?? f.minGroupSize;
      const extra = attribute === null ? {} : { [GROUP_ATTRIBUTE]: attribute };
      const rate = (r: GroupRate): string => {
        const size =
          r === 'selectionRate'
            ? `${RECORD.groupSize(w)}${sel(m, extra)}`
            : `${RECORD.groupOutcomeCount(w)}${sel(m, extra)}`;
        return eligible(`${RECORD.groupRate(r, w)}${sel(m, extra)}`, size, min);
      };
      const statistics: Record<string, string> = {
        disparateImpact: ratio(rate('selectionRate')),
        demographicParityDifference: difference(rate('selectionRate')),
        equalOpportunityDifference: difference(rate('tpr')),
        fprDifference: difference(rate('fpr')),
        fnrDifference: difference(rate('fnr')),
        equalizedOddsDifference: larger(difference(rate('tpr')), difference(rate('fpr'))),
      };
      for (const [statistic, expr] of Object.entries(statistics)) {
        // The series carry group_attribute already; the static label keeps one rule per attribute distinct for
        // promtool's duplicate-rule lint (the eligibility minimum differs per attribute, so the rules do too).
        rules.push({
          record: RECORD.fairness(statistic, w),
          expr,
          ...(attribute === null ? {} : { labels: { [GROUP_ATTRIBUTE]: attribute } }),
        });
      }
      if (attribute === null) continue;
      const alerts: [string, Levels | undefined, 'above' | 'below'][] = [
        ['disparateImpact', policy.disparateImpact, 'below'],
        ...FAIRNESS_CEILINGS.map((k) => [k, policy[k], 'above'] as [string, Levels | undefined, 'above' | 'below']),
      ];
      for (const [statistic, levels, direction] of alerts) {
        for (const band of bands(levels, direction)) {
          rules.push(
            this.alert(
              'ModelwatchFairness',
              `${RECORD.fairness(statistic, w)}${sel(m, extra)} ${band.condition}`,
              f.for,
              band.severity,
              `${statistic} across {{ $labels.group_attribute }} groups of {{ $labels.model_name }} {{ $labels.model_version }}`,
              `${statistic} over ${w} is {{ $value | printf "%.3f" }} (${band.severity} ${direction === 'below' ? 'below' : 'above'} ${num(band.threshold)}), over groups with at least ${min} ${statistic === 'disparateImpact' || statistic === 'demographicParityDifference' ? 'predictions' : 'labelled predictions'}.`,
              { statistic: snake(statistic), group_attribute: attribute }
            )
          );
        }
      }
    }
    return { name: `modelwatch-${this.key}-fairness`, interval: this.config.interval, rules };
  }

  slos(): RuleGroup | null {
    const s = this.model.slos;
    if (!s) return null;
    const m = this.model;
    const windows = [...new Set(s.alerts.flatMap((a) => [a.short, a.long]))];
    // The period may also be an alert window: one rule per window, or the group records a series twice.
    const errorWindows = [...new Set([...windows, s.period])];
    const rules: Rule[] = [];
    const slos: [string, number, (w: string) => string][] = [];
    if (s.availability)
      slos.push(['availability', s.availability.objective, (w) => availabilityErrorRatio(this.scope, w)]);
    if (s.latency) {
      const threshold = s.latency.threshold;
      slos.push(['latency', s.latency.objective, (w) => latencyErrorRatio(this.scope, w, threshold)]);
    }
    if (s.quality && m.classes) {
      const classes = [m.classes.positive, m.classes.negative];
      slos.push(['quality', s.quality.objective, (w) => qualityErrorRatio(this.scope, w, classes)]);
    }
    for (const [slo, objective, errorRatio] of slos) {
      const labels = { slo, objective: String(objective) };
      for (const w of errorWindows) {
        rules.push({ record: RECORD.sloError(w), expr: errorRatio(w), labels });
      }
      for (const w of windows) {
        rules.push({
          record: RECORD.burnRate(w),
          expr: burnRate(`${RECORD.sloError(w)}${sel(m, { slo })}`, objective),
          labels,
        });
      }
      rules.push({
        record: RECORD.budgetRemaining,
        expr: budgetRemaining(`${RECORD.sloError(s.period)}${sel(m, { slo })}`, objective),
        labels: { ...labels, period: s.period },
      });
      for (const a of s.alerts) {
        const long = `${RECORD.burnRate(a.long)}${sel(m, { slo })} > ${a.burnRate}`;
        const short = `${RECORD.burnRate(a.short)}${sel(m, { slo })} > ${a.burnRate}`;
        const budget = (a.burnRate * durationSeconds(a.long)) / durationSeconds(s.period);
        rules.push(
          this.alert(
            'ModelwatchSLOBurnRate',
            `(${long}) and on (${join(MODEL_LABELS)}, slo) (${short})`,
            a.for,
            a.severity,
            `{{ $labels.model_name }} {{ $labels.model_version }} is burning its ${slo} error budget ${a.burnRate}× too fast`,
            `The ${slo} SLO (${num(objective * 100)}% over ${s.period}) burned at {{ $value | printf "%.1f" }}× over ${a.long} and over ${a.short}: at this rate ${(budget * 100).toFixed(1)}% of the budget goes in ${a.long}.`,
            { slo, long_window: a.long, short_window: a.short }
          )
        );
      }
    }
    return rules.length ? { name: `modelwatch-${this.key}-slo`, interval: this.config.interval, rules } : null;
  }
}

function modelMatch(model: ModelConfig): Record<string, string> {
  const out: Record<string, string> = { model_name: `=${quote(model.name)}` };
  if (model.version) out.model_version = `=~${quote(model.version)}`;
  return out;
}

/**
 * A name per model entry for its groups and rule file: the model name, plus a form of the version selector
 * when the model has several entries (else their groups would share names and one file would overwrite the
 * other), plus the entry's position if two selectors still read alike.
 */
export function modelKeys(models: readonly ModelConfig[]): string[] {
  const count = (name: string): number => models.filter((m) => m.name === name).length;
  const slug = (version: string): string =>
    version
      .replace(/\\/g, '')
      .replace(/[^a-zA-Z0-9.]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'version';
  const keys = models.map((m) =>
    count(m.name) > 1 && m.version !== undefined ? `${m.name}-${slug(m.version)}` : m.name
  );
  return keys.map((k, i) => (keys.indexOf(k) !== i || keys.lastIndexOf(k) !== i ? `${k}-${i}` : k));
}

/**
 * Every rule group of every model, in config order: drift, data quality, performance, fairness, SLOs.
 * `model` is the entry's key from modelKeys (the model name unless a model has several entries).
 */
export function generateRuleGroups(config: ModelwatchConfig): { model: string; groups: RuleGroup[] }[] {
  const keys = modelKeys(config.models);
  return config.models.map((model, i) => {
    const b = new Builder(config, model, keys[i]!);
    const groups = [b.drift(), b.dataQuality(), b.performance(), b.fairness(), b.slos()].filter(
      (g): g is RuleGroup => g !== null
    );
    return { model: keys[i]!, groups };
  });
}
