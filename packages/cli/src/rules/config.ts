import { z } from 'zod';
import {
  BINARY_METRICS,
  DEFAULTS,
  DEFAULT_DURATION_BUCKETS,
  DRIFT_ALPHA_RANGE,
  DRIFT_THRESHOLDS,
  DRIFT_THRESHOLD_MODES,
  FAIRNESS,
  FAIRNESS_KEYS,
  ISSUES,
  POLICY,
  QUALITY_ISSUES,
  RECORDED_DRIFT,
  RECORDED_DRIFT_KEYS,
  RESERVED_LABELS,
  SEVERITY,
  SOURCES,
  bucketProblem,
  type DriftThresholds,
  type FairnessStatistic,
  type QualityIssue,
  FAVOURABLE_CLASSES,
} from '@modelwatch/semconv';
import { InputError } from '../errors.js';
import { schemaProblem } from '../data/schema-problem.js';
import { readTextFile } from '../data/read-text.js';
import { parseYamlValue } from './config-yaml.js';
import { durationSeconds } from './duration.js';
import { configSafetyProblem, loneSurrogateProblem, restoreUserKeys } from './config-safety.js';
import { packListProblem, packListSchema, packsOf, type PolicyConfig } from '../audit/pack-config.js';

/** A Prometheus duration: 30s, 5m, 1h, 1d, 1w (one unit, as rule files expect). */
const DURATION_HINT = 'must be a Prometheus duration such as 30s, 5m, 1h, 1d';
const duration = z.string({ error: DURATION_HINT }).regex(/^[0-9]+(ms|s|m|h|d|w|y)$/, DURATION_HINT);
/** Windows, offsets and intervals: a range of 0 is not valid PromQL (`for` may be 0). */
const window = z.string({ error: DURATION_HINT }).regex(/^0*[1-9][0-9]*(ms|s|m|h|d|w|y)$/, `${DURATION_HINT}, above 0`);
const level = z.number().finite();
/** Warning and critical levels; either may be omitted or null (off). */
const levels = z
  .object({
    warning: level
      .nullable()
      .optional()
      .describe('Warning level: the alert fires with severity warning past it; null or omitted = off.'),
    critical: level
      .nullable()
      .optional()
      .describe('Critical level: the alert fires with severity critical past it; null or omitted = off.'),
  })
  .strict();
/** Levels state their default next to what they judge, so a tooltip shows the number the rules use. */
const shownLevels = (l: { warning?: number; critical?: number }): string =>
  Object.keys(l).length
    ? `default ${Object.entries(l)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`
    : 'no default: no alert unless set';
const labels = z.record(
  z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'label names are letters, digits and _'),
  z.string()
);

const driftSchema = z
  .object({
    window: window
      .default(DEFAULTS.drift.window)
      .describe(
        `Range over which the recorded drift series compare the live distribution (Prometheus duration, default ${DEFAULTS.drift.window}).`
      ),
    for: duration
      .default(DEFAULTS.drift.for)
      .describe(`How long drift must stay past a level before the alert fires (default ${DEFAULTS.drift.for}).`),
    /** Values a feature must have in the window before its drift can alert. */
    minSamples: z
      .number()
      .int()
      .min(1)
      .default(DEFAULTS.drift.minSamples)
      .describe(
        `Values a feature needs in the window before its drift alerts can fire; fewer are too noisy (count, default ${DEFAULTS.drift.minSamples}).`
      ),
    thresholds: z
      .enum(DRIFT_THRESHOLD_MODES as [DriftThresholds, ...DriftThresholds[]], {
        error: `must be one of ${DRIFT_THRESHOLD_MODES.join(', ')}`,
      })
      .default(DEFAULTS.drift.thresholds)
      .describe(
        `How drift alerts judge their levels: ${DRIFT_THRESHOLD_MODES.map((m) => `${m} = ${DRIFT_THRESHOLDS[m].description}`).join('; ')} (default ${DEFAULTS.drift.thresholds}).`
      ),
    alpha: z
      .number({ error: `must be a number strictly between ${DRIFT_ALPHA_RANGE.min} and ${DRIFT_ALPHA_RANGE.max}` })
      .gt(
        DRIFT_ALPHA_RANGE.min,
        `must be a number strictly between ${DRIFT_ALPHA_RANGE.min} and ${DRIFT_ALPHA_RANGE.max}`
      )
      .lt(
        DRIFT_ALPHA_RANGE.max,
        `must be a number strictly between ${DRIFT_ALPHA_RANGE.min} and ${DRIFT_ALPHA_RANGE.max}`
      )
      .default(DEFAULTS.drift.alpha)
      .describe(
        `False-alarm probability per feature and window of the noise floor, used by thresholds: noise-floor (default ${DEFAULTS.drift.alpha}; docs/alerting.md turns it into alerts per model per day).`
      ),
    /** Compare with the reference profile, with the same window a season ago, or both. */
    baseline: z
      .object({
        reference: z.boolean().default(true).describe('Compare with the reference profile (default true).'),
        lastWeek: z
          .boolean()
          .default(false)
          .describe(
            'Also compare with the same window one offset ago; records an extra share series per bin (default false).'
          ),
        offset: window
          .default(DEFAULTS.drift.baselineOffset)
          .describe(
            `How far back the lastWeek baseline looks (Prometheus duration, default ${DEFAULTS.drift.baselineOffset}).`
          ),
      })
      .strict()
      .default({ reference: true, lastWeek: false, offset: DEFAULTS.drift.baselineOffset })
      .describe('What drift is measured against: the reference profile, the same window a season ago, or both.'),
    segments: z
      .array(z.string().min(1, 'segment names are non-empty'))
      .min(1, 'list at least one segment, or leave segments out')
      .refine((list) => new Set(list).size === list.length, 'lists a segment twice')
      .optional()
      .describe(
        "Segments (the monitor's segmentDrift.segments) whose values get their own PSI and Jensen-Shannon per feature, against the reference, with the same levels and for; omitted = none."
      ),
    segmentMinSamples: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        'Values one segment value needs in the window before its drift alerts can fire (count, default minSamples); a segment carries a share of the traffic, so its windows hold fewer values.'
      ),
    psi: levels
      .default({ ...RECORDED_DRIFT.psi.levels })
      .describe(
        `Population stability index levels per feature; alerts above them (${shownLevels(RECORDED_DRIFT.psi.levels)}).`
      ),
    jensenShannon: levels
      .default({ ...RECORDED_DRIFT.jensenShannon.levels })
      .describe(
        `Jensen-Shannon distance levels per feature; alerts above them (${shownLevels(RECORDED_DRIFT.jensenShannon.levels)}).`
      ),
    chiSquare: levels
      .optional()
      .describe(
        `Chi-square levels for categorical features; alerts above them (${shownLevels(RECORDED_DRIFT.chiSquare.levels)}).`
      ),
    ks: levels
      .optional()
      .describe(
        `Binned Kolmogorov-Smirnov levels for numeric features; alerts above them (${shownLevels(RECORDED_DRIFT.ks.levels)}).`
      ),
  })
  .strict();

/** An issue's levels: its default from the catalogue, or none (no alert unless configured). */
const issueLevels = (issue: QualityIssue) => {
  const defaults = QUALITY_ISSUES[issue].levels;
  const text = `Levels of the share of ${QUALITY_ISSUES[issue].displayName}; alerts above them (${shownLevels(defaults)}).`;
  return Object.keys(defaults).length
    ? levels.default({ ...defaults }).describe(text)
    : levels.optional().describe(text);
};
const dataQualitySchema = z
  .object({
    window: window
      .default(DEFAULTS.quality.window)
      .describe(`Range of the recorded issue rates (Prometheus duration, default ${DEFAULTS.quality.window}).`),
    for: duration
      .default(DEFAULTS.quality.for)
      .describe(
        `How long an issue rate must stay past a level before the alert fires (default ${DEFAULTS.quality.for}).`
      ),
    minSamples: z
      .number()
      .int()
      .min(1)
      .default(DEFAULTS.quality.minSamples)
      .describe(
        `Values a feature needs in the window before its data-quality alerts can fire (count, default ${DEFAULTS.quality.minSamples}).`
      ),
    missing: issueLevels('missing'),
    out_of_range: issueLevels('out_of_range'),
    invalid_type: issueLevels('invalid_type'),
    unseen_category: issueLevels('unseen_category'),
    unknown_feature: issueLevels('unknown_feature'),
  })
  .strict();

const floors = z.partialRecord(
  z.enum(BINARY_METRICS as [string, ...string[]]),
  levels.describe('Floors of one metric; alerts below them.')
);
const performanceSchema = z
  .object({
    window: window
      .default(DEFAULTS.performance.window)
      .describe(
        `Range of the recorded performance metrics (Prometheus duration, default ${DEFAULTS.performance.window}).`
      ),
    for: duration
      .default(DEFAULTS.performance.for)
      .describe(
        `How long a metric must stay below a floor before the alert fires (default ${DEFAULTS.performance.for}).`
      ),
    /** Labelled (or scored) predictions needed in the window before a floor can alert. */
    minOutcomes: z
      .number()
      .int()
      .min(1)
      .default(DEFAULTS.performance.minOutcomes)
      .describe(
        `Labelled (or scored) predictions needed in the window before a floor can alert (count, default ${DEFAULTS.performance.minOutcomes}).`
      ),
    realized: floors
      .default({})
      .describe(
        `Floors per metric (${BINARY_METRICS.join(', ')}) of the metrics computed from labelled outcomes; none by default.`
      ),
    estimated: floors
      .default({})
      .describe(
        `Floors per metric (${BINARY_METRICS.join(', ')}) of the metrics estimated from scores (CBPE); none by default.`
      ),
  })
  .strict();

/** Disparities that alert when they fall (ratios) and when they rise (differences). */
type FairnessFloor = 'disparateImpact';
type FairnessCeiling = Exclude<FairnessStatistic, FairnessFloor>;
const FAIRNESS_FLOORS = FAIRNESS_KEYS.filter((k): k is FairnessFloor => FAIRNESS[k].direction === 'below');
const FAIRNESS_CEILINGS = FAIRNESS_KEYS.filter((k): k is FairnessCeiling => FAIRNESS[k].direction === 'above');
export const attributePolicy = z
  .object({
    disparateImpact: levels
      .optional()
      .describe('Floors of the disparate-impact ratio; alerts below them (no default).'),
    demographicParityDifference: levels
      .optional()
      .describe('Levels of the demographic parity difference; alerts above them (no default).'),
    equalOpportunityDifference: levels
      .optional()
      .describe('Levels of the equal opportunity (true positive rate) difference; alerts above them (no default).'),
    fprDifference: levels
      .optional()
      .describe('Levels of the false positive rate difference; alerts above them (no default).'),
    fnrDifference: levels
      .optional()
      .describe('Levels of the false negative rate difference; alerts above them (no default).'),
    equalizedOddsDifference: levels
      .optional()
      .describe('Levels of the equalized odds difference; alerts above them (no default).'),
    minGroupSize: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("This attribute's smallest group judged (count); overrides fairness.minGroupSize."),
  })
  .strict();
const fairnessSchema = z
  .object({
    window: window
      .default(DEFAULTS.fairness.window)
      .describe(`Range of the recorded group rates (Prometheus duration, default ${DEFAULTS.fairness.window}).`),
    for: duration
      .default(DEFAULTS.fairness.for)
      .describe(
        `How long a disparity must stay past a level before the alert fires (default ${DEFAULTS.fairness.for}).`
      ),
    minGroupSize: z
      .number()
      .int()
      .min(1)
      .default(DEFAULTS.minGroupSize)
      .describe(
        `Labelled predictions a group needs in the window to be judged (count, default ${DEFAULTS.minGroupSize}).`
      ),
    minCellSize: z
      .number()
      .int()
      .min(1)
      .default(DEFAULTS.minCellSize)
      .describe(
        `The monitors' privacy.minCellSize, shown with the __suppressed__ group in reports and evidence as "suppressed (< k)" (count, default ${DEFAULTS.minCellSize}).`
      ),
    attributes: z
      .record(z.string().min(1), attributePolicy.describe('Disparity levels of one protected attribute.'))
      .default({})
      .describe('Disparity levels per protected attribute (the attribute name as recorded); none by default.'),
  })
  .strict();

const burnAlert = z
  .object({
    severity: z.enum([SEVERITY.page, SEVERITY.ticket]).describe('Severity label of the alert: page or ticket.'),
    long: window.describe(
      'Long window: the error budget burn rate over it must exceed burnRate (Prometheus duration).'
    ),
    short: window.describe(
      'Short window, shorter than long: it must burn too, so the alert resets soon after recovery.'
    ),
    burnRate: z
      .number()
      .positive()
      .describe('Multiple of the sustainable error rate (1 spends the budget in one period).'),
    for: duration.default('2m').describe('How long both windows must burn before the alert fires (default 2m).'),
  })
  .strict();
const objective = z.number().gt(0).lt(1);
const sloSchema = z
  .object({
    period: window
      .default(DEFAULTS.slo.period)
      .describe(`SLO period the error budget covers (Prometheus duration, default ${DEFAULTS.slo.period}).`),
    /** Bucket boundaries of the duration histogram as the service configures them (seconds). */
    buckets: z
      .array(z.number().positive().describe('One bucket boundary (seconds).'))
      .min(1)
      .default([...DEFAULT_DURATION_BUCKETS])
      .describe(
        `Bucket boundaries of the prediction duration histogram as the service configures them (seconds, default ${DEFAULT_DURATION_BUCKETS.join(', ')}).`
      ),
    latency: z
      .object({
        objective: objective.describe('Share of predictions faster than threshold, above 0 and below 1 (e.g. 0.99).'),
        threshold: z.number().positive().describe('Latency threshold (seconds); must be one of buckets.'),
      })
      .strict()
      .optional()
      .describe('Latency SLO: the share of predictions faster than threshold.'),
    availability: z
      .object({
        objective: objective.describe('Share of predictions without error, above 0 and below 1 (e.g. 0.999).'),
      })
      .strict()
      .optional()
      .describe('Availability SLO: the share of predictions that do not fail.'),
    quality: z
      .object({ objective: objective.describe('Share of labelled predictions that are right, above 0 and below 1.') })
      .strict()
      .optional()
      .describe('Quality SLO (classification): the share of labelled predictions whose class is right.'),
    /** Multiwindow, multi-burn-rate alerts (Google SRE Workbook); windows may be shortened for tests. */
    alerts: z
      .array(burnAlert.describe('One burn-rate alert.'))
      .min(1)
      .default(DEFAULTS.slo.burnAlerts.map((a) => ({ ...a })))
      .describe(
        `Multiwindow, multi-burn-rate alerts on every SLO (default ${DEFAULTS.slo.burnAlerts
          .map((a) => `${a.severity} ${a.long}/${a.short} ×${a.burnRate}`)
          .join('; ')}).`
      ),
  })
  .strict();

const modelSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .describe('The model_name label of the model series; names its rule groups, alerts and dashboard.'),
    /** RE2 regex over model_version; omitted = every version. */
    version: z
      .string()
      .min(1)
      .optional()
      .describe(
        'RE2 regex over model_version (Prometheus syntax: no lookaround or backreferences) selecting the versions this entry covers; omitted = every version.'
      ),
    task: z
      .enum(['classification', 'regression'])
      .default('classification')
      .describe(
        'What the model predicts; regression allows drift, dataQuality and the latency and availability SLOs only (default classification).'
      ),
    /** Binary classification: the positive and negative class labels. */
    classes: z
      .object({
        positive: z.string().min(1).describe('Label of the positive class.'),
        negative: z.string().min(1).describe('Label of the negative class.'),
      })
      .strict()
      .optional()
      .describe('Binary classification labels; needed by performance, fairness and the quality SLO.'),
    bins: z
      .number()
      .int()
      .min(2)
      .max(100)
      .default(DEFAULTS.bins)
      .describe(
        `Equal-probability reference bins per numeric feature, as the profile was built (2–100, default ${DEFAULTS.bins}).`
      ),
    labels: labels
      .default({})
      .describe(
        "Extra labels on this model's alerts, added to the top-level labels (a name in both takes this value)."
      ),
    runbookUrl: z
      .string()
      .url()
      .optional()
      .describe("Runbook base URL (http or https) for this model's alerts; overrides the top-level runbookUrl."),
    drift: driftSchema.optional().describe('Drift recording rules and alerts per feature; omitted = none.'),
    dataQuality: dataQualitySchema
      .optional()
      .describe('Data-quality issue rates and alerts per feature; omitted = none.'),
    performance: performanceSchema
      .optional()
      .describe('Realized and estimated performance metrics and their floors (classification); omitted = none.'),
    fairness: fairnessSchema
      .optional()
      .describe('Group disparities per protected attribute (classification); omitted = none.'),
    slos: sloSchema
      .optional()
      .describe('Latency, availability and quality SLOs with burn-rate alerts; omitted = none.'),
    policies: packListSchema
      .optional()
      .describe(
        `Regulatory policy packs that apply to this model: ${POLICY.fourFifths.name} (${POLICY.fourFifths.reference}) and ${POLICY.nycLl144.name} (${POLICY.nycLl144.reference}); the rules record their impact ratios per protected attribute and intersection and alert below the threshold, over the fairness section's window, for and minGroupSize (default ${DEFAULTS.policies.window}, ${DEFAULTS.policies.for}, ${DEFAULTS.minGroupSize}); needs classes; see docs/compliance.md.`
      ),
    favourable: z
      .enum(FAVOURABLE_CLASSES)
      .default('positive')
      .describe(
        'The predicted class the policy packs count as selected, the favourable decision (negative when positive means deny; default positive), as check --favourable.'
      ),
  })
  .strict();

export const configSchema = z
  .object({
    /** How the pipeline names metrics: exporter-prometheus, or OTLP through the Collector / Prometheus' OTLP receiver. */
    naming: z
      .enum(['exporter-prometheus', 'otlp'])
      .default('exporter-prometheus')
      .describe(
        "How the pipeline names metrics: exporter-prometheus, or otlp (through the Collector or Prometheus' OTLP receiver); the rules and dashboards query those names (default exporter-prometheus)."
      ),
    interval: window
      .default(DEFAULTS.interval)
      .describe(
        `Evaluation interval of every generated rule group (Prometheus duration, default ${DEFAULTS.interval}).`
      ),
    labels: labels.default({}).describe('Labels on every alert (e.g. team); reserved label names are refused.'),
    runbookUrl: z
      .string()
      .url()
      .default('https://github.com/modelwatch/modelwatch/blob/main/docs/alerting.md')
      .describe(
        'Base URL (http or https) of the runbooks; each alert links to <runbookUrl>#<alert name in lower case>.'
      ),
    grafana: z
      .object({
        datasourceUid: z
          .string()
          .min(1)
          .default('prometheus')
          .describe('UID of the Prometheus datasource the dashboards and Grafana alerts query (default prometheus).'),
        folder: z
          .string()
          .min(1)
          .default('Modelwatch')
          .describe('Grafana folder of the alert rules `modelwatch alerts --grafana` writes (default Modelwatch).'),
        // Grafana's `[unified_alerting] base_interval`: group intervals are rounded up to multiples of it.
        baseInterval: z
          .string()
          .regex(
            /^0*[1-9][0-9]*(s|m|h)$/,
            "a whole number of seconds, minutes or hours above 0 (e.g. 10s), as Grafana's base_interval"
          )
          .default('10s')
          .describe(
            "Grafana's `[unified_alerting] base_interval`; `alerts --grafana` rounds each rule group's interval up to a multiple of it (default 10s)."
          ),
      })
      .strict()
      .default({ datasourceUid: 'prometheus', folder: 'Modelwatch', baseInterval: '10s' })
      .describe(
        "The datasource the dashboards and Grafana alerts query, the folder of the Grafana alerts, and Grafana's evaluation base interval."
      ),
    models: z
      .array(modelSchema.describe('One monitored model (or set of its versions).'))
      .min(1)
      .describe('The monitored models; at least one.'),
  })
  .strict();

export type ModelwatchConfig = z.infer<typeof configSchema>;
export type ModelConfig = ModelwatchConfig['models'][number];
export type Levels = z.infer<typeof levels>;
export { FAIRNESS_FLOORS, FAIRNESS_CEILINGS };

function reservedLabel(labels: Record<string, string>, at: string): string | null {
  const name = Object.keys(labels).find((k) => (RESERVED_LABELS as readonly string[]).includes(k));
  return name === undefined
    ? null
    : `${at}.${name}: '${name}' is set by the generator or carried by the alerting series; use another label name`;
}

/** Warning must come before critical in the direction of trouble, or one of the two bands can never fire. */
function levelOrder(levels: Levels | undefined, direction: 'above' | 'below', at: string): string | null {
  const w = levels?.warning ?? null;
  const c = levels?.critical ?? null;
  if (w === null || c === null) return null;
  if (direction === 'above' && !(w < c))
    return `${at}: warning (${w}) must be below critical (${c}); alerts fire when the value rises above them`;
  if (direction === 'below' && !(w > c))
    return `${at}: warning (${w}) must be above critical (${c}); this is a floor, alerts fire when the value falls below it`;
  return null;
}

/** What the model's task rules out or requires. */
function taskProblem(model: ModelConfig, at: string): string | null {
  if (model.task === 'regression') {
    for (const key of ['classes', 'performance', 'fairness', 'policies'] as const) {
      if (model[key])
        return `${at}.${key}: not available for regression models (drift, dataQuality and the latency and availability SLOs are)`;
    }
    if (model.slos?.quality)
      return `${at}.slos.quality: the quality SLO counts right and wrong classes, so it needs a classification model`;
  }
  if (
    model.task === 'classification' &&
    !model.classes &&
    (model.performance || model.fairness || model.slos?.quality || model.policies?.length)
  ) {
    return `${at}.classes: performance, fairness, policies and the quality SLO need { positive, negative } class labels`;
  }
  if (model.classes && model.classes.positive === model.classes.negative)
    return `${at}.classes: positive and negative must differ`;
  return null;
}

/** Warning and critical levels of every statistic in the order their direction needs. */
function levelProblems(model: ModelConfig, at: string): (string | null)[] {
  const problems: (string | null)[] = [];
  const d = model.drift;
  if (d) {
    if (!d.baseline.reference && !d.baseline.lastWeek)
      problems.push(`${at}.drift.baseline: compare with the reference, lastWeek or both`);
    for (const key of RECORDED_DRIFT_KEYS)
      problems.push(levelOrder(d[key], RECORDED_DRIFT[key].direction, `${at}.drift.${key}`));
  }
  const q = model.dataQuality;
  if (q)
    for (const key of ISSUES)
      problems.push(levelOrder(q[key], QUALITY_ISSUES[key].direction, `${at}.dataQuality.${key}`));
  const p = model.performance;
  if (p) {
    for (const source of SOURCES) {
      for (const [metric, levels] of Object.entries(p[source]))
        problems.push(levelOrder(levels, 'below', `${at}.performance.${source}.${metric}`));
    }
  }
  for (const [attribute, policy] of Object.entries(model.fairness?.attributes ?? {})) {
    const base = `${at}.fairness.attributes.${attribute}`;
    for (const key of FAIRNESS_KEYS) problems.push(levelOrder(policy[key], FAIRNESS[key].direction, `${base}.${key}`));
  }
  return problems;
}

/** SLO windows in order, and a latency threshold the duration histogram can count. */
function sloProblems(slos: NonNullable<ModelConfig['slos']>, at: string): (string | null)[] {
  const problems: (string | null)[] = [];
  const buckets = bucketProblem(slos.buckets);
  if (buckets) problems.push(`${at}.slos.buckets: ${buckets}`);
  slos.alerts.forEach((a, k) => {
    if (!(durationSeconds(a.short) < durationSeconds(a.long)))
      problems.push(
        `${at}.slos.alerts.${k}.short: the short window (${a.short}) must be shorter than the long one (${a.long})`
      );
  });
  if (slos.latency) {
    const t = slos.latency.threshold;
    if (!slos.buckets.includes(t)) {
      const nearest = [...slos.buckets].sort((a, b) => Math.abs(a - t) - Math.abs(b - t))[0];
      problems.push(
        `${at}.slos.latency.threshold: ${t} s is not a bucket boundary of the duration histogram (${slos.buckets.join(', ')}); use ${nearest}, or add ${t} to the service's durationBuckets and to slos.buckets`
      );
    }
  }
  return problems;
}

/** A pack listed twice would be judged twice, perhaps with two thresholds. */
function policyProblem(model: ModelConfig, at: string): string | null {
  const problem = packListProblem(packsOf(model.policies));
  return problem && `${at}.policies.${problem}`;
}

/** The model's policy packs in the one shape, names and option objects alike. */
export function policiesOf(model: ModelConfig): PolicyConfig[] {
  return packsOf(model.policies);
}

/** Cross-field checks zod cannot express on its own; each names the key. */
function checkModel(model: ModelConfig, i: number): string | null {
  const at = `models.${i}`;
  const problems: (string | null)[] = [
    taskProblem(model, at),
    reservedLabel(model.labels, `${at}.labels`),
    ...levelProblems(model, at),
    ...(model.slos ? sloProblems(model.slos, at) : []),
    policyProblem(model, at),
  ];
  return problems.find((x): x is string => x !== null) ?? null;
}

/** Parses and validates a config text; `file` names it in messages. */
export function parseConfig(text: string, file: string): ModelwatchConfig {
  let json: unknown;
  try {
    json = parseYamlValue(text);
  } catch (e) {
    throw new InputError(`${file}: not valid YAML (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`);
  }
  const surrogate = loneSurrogateProblem(json);
  if (surrogate) throw new InputError(`${file}: ${surrogate}`);
  const parsed = configSchema.safeParse(json ?? {});
  if (!parsed.success) throw new InputError(`${file}: ${schemaProblem(parsed.error.issues)}`);
  const config = parsed.data;
  const problem =
    restoreUserKeys(json, config) ?? reservedLabel(config.labels, 'labels') ?? configSafetyProblem(config);
  if (problem) throw new InputError(`${file}: ${problem}`);
  // Two entries of one model write the same recorded series when their versions overlap; overlap of two
  // regexes cannot be decided here, but one entry without a selector overlaps every other.
  const seen = new Map<string, { i: number; version: string | undefined }[]>();
  for (const [i, model] of config.models.entries()) {
    const problem = checkModel(model, i);
    if (problem) throw new InputError(`${file}: ${problem}`);
    const earlier = seen.get(model.name) ?? [];
    const same = earlier.find((e) => e.version === model.version);
    if (same)
      throw new InputError(
        `${file}: models.${i}: model '${model.name}' is configured twice with the same version selector (models.${same.i})`
      );
    const all = earlier.find((e) => e.version === undefined || model.version === undefined);
    if (all) {
      throw new InputError(
        `${file}: models.${i}.version: model '${model.name}' is also configured at models.${all.i}, and an entry without a version selector covers every version; give each entry of '${model.name}' a version selector that the others do not match`
      );
    }
    seen.set(model.name, [...earlier, { i, version: model.version }]);
  }
  return config;
}

export function loadConfig(file: string): ModelwatchConfig {
  const text = readTextFile(file);
  return parseConfig(text, file);
}

/** The JSON Schema of modelwatch.yaml, for editor completion. */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input' });
}
