import { ALERT_STATE, alertArea, BIN, LABEL, MODEL_LABELS, SEVERITY, type AlertArea } from '@modelwatch/semconv';
import { fairnessFromCounts, importanceNdcg, importanceVectors, type ImportanceSums } from '@modelwatch/stats';
import type { ModelOverview, RegressionNumbers, Status } from '../../shared/overview';
import { DEFAULTS } from '../defaults';
import type { Labels, PromVector } from '../prometheus/api';
import { classesSeen, conventionalPositive } from './classes';
import { driftStatistic } from './drift-statistic';
import { metricOf } from './performance';
import { addTo, compareNatural, groupBy, keyOf, samplesOf, type Sample } from './samples';

/** Instant results over the overview window, as queries/overview.ts names them. */
export interface OverviewInput {
  /** Label sets of the prediction series in the range: every model version. */
  versions: Labels[];
  predictions: PromVector;
  errors: PromVector;
  featureCounts: PromVector;
  referenceShares: PromVector;
  outcomes: PromVector;
  estimated: PromVector;
  /** Regression models' error metrics, computed in PromQL. */
  mae: PromVector;
  rmse: PromVector;
  mape: PromVector;
  bias: PromVector;
  groupPredictions: PromVector;
  /** Σ|attribution|, attribution counts and reference importance per feature (models recording attributions). */
  attributionSums: PromVector;
  attributionCounts: PromVector;
  attributionReference: PromVector;
  budget: PromVector;
  alerts: PromVector;
}

/** The areas the overview scores: data-quality alerts are listed, not scored. */
type Area = Exclude<AlertArea, 'quality'>;

/** Which scored area an alert of the generated rules speaks about. */
function scoredArea(name: string): Area | undefined {
  const area = alertArea(name);
  return area === 'quality' ? undefined : area;
}

/** Drift and fairness alerts are warning/critical; SLO burn-rate alerts page (critical) or open a ticket (warning). */
function severityStatus(severity: string | undefined): Status {
  return severity === SEVERITY.critical || severity === SEVERITY.page ? 'critical' : 'warning';
}

/** Firing alerts decide; without one, an area is ok when it has series and unknown when it has none. */
export function areaStatus(area: Area, alerts: ModelOverview['alerts'], hasData: boolean): Status {
  const firing = alerts
    .filter((a) => a.state === 'firing' && scoredArea(a.name) === area)
    .map((a) => severityStatus(a.severity));
  if (firing.includes('critical')) {
    return 'critical';
  }
  if (firing.length > 0) {
    return 'warning';
  }
  return hasData ? 'ok' : 'unknown';
}

function byVersion(data: PromVector): Map<string, Sample[]> {
  return groupBy(samplesOf(data), MODEL_LABELS);
}

function worstDrift(
  counts: readonly Sample[],
  reference: readonly Sample[]
): { worstFeature?: string; worstPsi: number } {
  const features = groupBy(counts, [LABEL.feature]);
  const shares = groupBy(reference, [LABEL.feature]);
  let worst: { worstFeature?: string; worstPsi: number } = { worstPsi: Number.NaN };
  for (const [key, samples] of features) {
    const current = new Map<string, number>();
    samples.forEach((s) => addTo(current, s.labels[LABEL.bin] ?? '', s.value));
    const baseline = new Map<string, number>();
    (shares.get(key) ?? []).forEach((s) => addTo(baseline, s.labels[LABEL.bin] ?? '', s.value));
    const value = driftStatistic('psi', current, baseline, false);
    if (!Number.isNaN(value) && !(value <= worst.worstPsi)) {
      worst = { worstFeature: samples[0]!.labels[LABEL.feature], worstPsi: value };
    }
  }
  return worst;
}

/** F1 when the positive class can be told from the class labels, else the share of right predictions. */
function performanceOf(cells: readonly Sample[], positive: string | undefined, classes: readonly string[]): number {
  if (cells.length === 0) {
    return Number.NaN;
  }
  const cell = (p: string, a: string): number | undefined => {
    const matching = cells.filter((s) => s.labels[LABEL.predictionClass] === p && s.labels[LABEL.actualClass] === a);
    return matching.length ? matching.reduce((sum, s) => sum + s.value, 0) : undefined;
  };
  if (positive !== undefined) {
    const negative = classes.find((c) => c !== positive)!;
    const [tp, fp, fn, tn] = [
      cell(positive, positive),
      cell(positive, negative),
      cell(negative, positive),
      cell(negative, negative),
    ];
    return metricOf(
      'f1',
      tp === undefined || fp === undefined || fn === undefined || tn === undefined ? null : { tp, fp, fn, tn }
    );
  }
  const all = cells.reduce((sum, s) => sum + s.value, 0);
  const right = cells
    .filter((s) => {
      const predicted = s.labels[LABEL.predictionClass];
      return predicted === s.labels[LABEL.actualClass] && predicted !== BIN.other;
    })
    .reduce((sum, s) => sum + s.value, 0);
  return right / all;
}

function smallestDisparateImpact(
  groups: readonly Sample[],
  positive: string | undefined
): { disparateImpact: number; attribute?: string } {
  let smallest: { disparateImpact: number; attribute?: string } = { disparateImpact: Number.NaN };
  if (positive === undefined) {
    return smallest;
  }
  for (const [, samples] of groupBy(groups, [LABEL.groupAttribute])) {
    const counts = new Map<string, { count: number; selected: number }>();
    for (const s of samples) {
      const group = s.labels[LABEL.groupValue] ?? '';
      const g = counts.get(group) ?? { count: 0, selected: 0 };
      g.count += s.value;
      g.selected += s.labels[LABEL.predictionClass] === positive ? s.value : 0;
      counts.set(group, g);
    }
    const report = fairnessFromCounts(
      Object.fromEntries([...counts].map(([g, c]) => [g, { count: c.count, selected: Math.min(c.selected, c.count) }])),
      { minGroupSize: DEFAULTS.minGroupSize }
    );
    const value = report.eligible.disparateImpact;
    if (!Number.isNaN(value) && !(value >= smallest.disparateImpact)) {
      smallest = { disparateImpact: value, attribute: samples[0]!.labels[LABEL.groupAttribute] };
    }
  }
  return smallest;
}

/**
 * One row per model version: traffic, the worst drift, realized against estimated performance, the smallest
 * disparate impact and error budget, and the Modelwatch alerts, each area with a status from its alerts.
 */
export function overviewRows(input: OverviewInput, seconds: number): ModelOverview[] {
  const groups: VersionGroups = {
    predictions: byVersion(input.predictions),
    errors: byVersion(input.errors),
    featureCounts: byVersion(input.featureCounts),
    referenceShares: byVersion(input.referenceShares),
    outcomes: byVersion(input.outcomes),
    estimated: byVersion(input.estimated),
    mae: byVersion(input.mae),
    rmse: byVersion(input.rmse),
    mape: byVersion(input.mape),
    bias: byVersion(input.bias),
    groupPredictions: byVersion(input.groupPredictions),
    attributionSums: byVersion(input.attributionSums),
    attributionCounts: byVersion(input.attributionCounts),
    attributionReference: byVersion(input.attributionReference),
    budget: byVersion(input.budget),
    alerts: byVersion(input.alerts),
  };
  const keys = new Set(input.versions.map((l) => keyOf(l, MODEL_LABELS)));
  for (const key of [
    ...groups.predictions.keys(),
    ...groups.featureCounts.keys(),
    ...groups.outcomes.keys(),
    ...groups.mae.keys(),
  ]) {
    keys.add(key);
  }
  return [...keys].sort(compareNatural).map((key) => overviewRow(groups, key, seconds));
}

type VersionGroups = Record<Exclude<keyof OverviewInput, 'versions'>, Map<string, Sample[]>>;

const total = (samples: readonly Sample[] | undefined): number | undefined =>
  samples?.length ? samples.reduce((sum, s) => sum + s.value, 0) : undefined;

function alertsOf(samples: readonly Sample[]): ModelOverview['alerts'] {
  return samples
    .map((s) => ({
      name: s.labels[LABEL.alertName] ?? '',
      state: s.labels[LABEL.alertState] === ALERT_STATE.firing ? ALERT_STATE.firing : ALERT_STATE.pending,
      severity: s.labels[LABEL.severity],
    }))
    .sort((a, b) => compareNatural(a.name, b.name));
}

/** A regression model's numbers, or undefined when the version exports no error sums (a classifier). */
function regressionOf(groups: VersionGroups, key: string): RegressionNumbers | undefined {
  const value = (name: keyof RegressionNumbers): number | undefined => {
    const samples = groups[name].get(key);
    // One series per model version: the queries sum to those labels.
    return samples?.length ? samples[0]!.value : undefined;
  };
  const mae = value('mae');
  if (mae === undefined) {
    return undefined;
  }
  return {
    mae,
    rmse: value('rmse') ?? Number.NaN,
    mape: value('mape') ?? Number.NaN,
    bias: value('bias') ?? Number.NaN,
  };
}

/**
 * nDCG of the window's importance ranking against the reference, from sums and counts already summed over replicas;
 * undefined for a version without reference importances or without any attribution in the window.
 */
function explanationNdcg(groups: VersionGroups, key: string): number | undefined {
  const byFeature = (samples: readonly Sample[] | undefined): Map<string, number> =>
    new Map((samples ?? []).map((s) => [s.labels[LABEL.feature] ?? '', s.value]));
  const reference = byFeature(groups.attributionReference.get(key));
  const sums = byFeature(groups.attributionSums.get(key));
  const counts = byFeature(groups.attributionCounts.get(key));
  const live: Record<string, ImportanceSums> = {};
  for (const [feature, count] of counts) {
    if (count > 0) {
      live[feature] = { absoluteSum: sums.get(feature) ?? 0, count };
    }
  }
  if (reference.size === 0 || Object.keys(live).length === 0) {
    return undefined;
  }
  const v = importanceVectors(Object.fromEntries(reference), live);
  return importanceNdcg(v.reference, v.current) ?? undefined;
}

function overviewRow(groups: VersionGroups, key: string, seconds: number): ModelOverview {
  const [model, version] = JSON.parse(key) as [string, string];
  const predictions = total(groups.predictions.get(key));
  const errors = total(groups.errors.get(key));
  const outcomes = groups.outcomes.get(key) ?? [];
  const estimated = groups.estimated.get(key) ?? [];
  const classes = classesSeen(
    [...outcomes, ...estimated, ...(groups.groupPredictions.get(key) ?? [])].map((s) => s.labels)
  );
  const positive = conventionalPositive(classes);
  const alerts = alertsOf(groups.alerts.get(key) ?? []);
  const drift = worstDrift(groups.featureCounts.get(key) ?? [], groups.referenceShares.get(key) ?? []);
  const ndcg = explanationNdcg(groups, key);
  const fairness = smallestDisparateImpact(groups.groupPredictions.get(key) ?? [], positive);
  const budgets = (groups.budget.get(key) ?? []).map((s) => s.value).filter((v) => !Number.isNaN(v));
  const failed = errors ?? 0;
  const regression = regressionOf(groups, key);
  const performanceData =
    outcomes.length > 0 || estimated.length > 0 || (regression !== undefined && !Number.isNaN(regression.mae));
  return {
    model,
    version,
    predictionRate: predictions === undefined ? Number.NaN : predictions / seconds,
    errorRatio: predictions === undefined && errors === undefined ? Number.NaN : failed / ((predictions ?? 0) + failed),
    drift: {
      status: areaStatus('drift', alerts, groups.featureCounts.has(key)),
      ...drift,
      ...(ndcg === undefined ? {} : { explanationNdcg: ndcg }),
    },
    performance: {
      status: areaStatus('performance', alerts, performanceData),
      realized: performanceOf(outcomes, positive, classes),
      estimated: performanceOf(estimated, positive, classes),
      metric: positive !== undefined ? 'f1' : 'accuracy',
      ...(regression ? { regression } : {}),
    },
    fairness: { status: areaStatus('fairness', alerts, groups.groupPredictions.has(key)), ...fairness },
    slo: {
      status: areaStatus('slo', alerts, budgets.length > 0),
      budgetRemaining: budgets.length ? Math.min(...budgets) : Number.NaN,
    },
    alerts,
  };
}
