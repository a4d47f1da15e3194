import {
  ATTRIBUTION_QUERY,
  DEFAULTS as CONTRACT_DEFAULTS,
  type AttributionStatistic,
  FAVOURABLE_CLASSES,
  ISSUES,
  LABEL,
  POLICY_NAMES,
  SEVERITY,
  type FavourableClass,
  type Naming,
  type PolicyName,
} from '@modelwatch/semconv';
import type { Levels } from '../../shared/frames';
import { DEFAULTS, DRIFT_LEVELS, FAIRNESS_LEVELS } from '../defaults';
import { ModelwatchError } from '../errors';
import {
  BURN_SEVERITIES,
  DRIFT_BASELINES,
  DRIFT_STATISTICS as STATISTICS,
  FAIRNESS_METRICS,
  PERFORMANCE_METRICS,
  REGRESSION_METRICS,
  SLO_KINDS,
} from '../statistics';
import type {
  BurnWindow,
  DriftBaseline,
  DriftStatistic,
  FairnessMetric,
  MlQuery,
  PerformanceMetric,
  QueryType,
  RegressionMetric,
  SloKind,
} from '../types';
import { isWindow, windowSeconds } from './duration';

interface Common {
  refId: string;
  model: string;
  /** A regex over model_version, or undefined for every version. */
  version?: string;
  naming: Naming;
}

/** The binary classes a query names; either may be left to inference from the series. */
export interface ClassChoice {
  positive?: string;
  negative?: string;
}

export interface DriftOptions extends Common {
  type: 'drift' | 'driftBins';
  feature?: string;
  /** Drift per value of this segment (counted with the monitor's segmentDrift option); absent: the aggregate. */
  segmentName?: string;
  /** One value of the segment; absent: every value, one frame each. */
  segmentValue?: string;
  statistic: DriftStatistic;
  window: string;
  baseline: DriftBaseline;
  baselineOffset: string;
  levels: Levels;
}

export interface AttributionOptions extends Common {
  type: 'attributions';
  statistic: AttributionStatistic;
  window: string;
  levels: Levels;
}

export interface QualityOptions extends Common {
  type: 'quality';
  feature?: string;
  issue?: string;
  window: string;
  levels?: Levels;
}

export interface PerformanceOptions extends Common {
  type: 'performance';
  window: string;
  metrics: PerformanceMetric[];
  classes: ClassChoice;
  segment?: { name: string; value: string };
  levels: Levels;
}

/** Error metrics of a regression model over a trailing window. */
export interface RegressionOptions extends Common {
  type: 'regression';
  window: string;
  metrics: RegressionMetric[];
}

export interface FairnessOptions extends Common {
  type: 'fairness';
  window: string;
  attribute?: string;
  metrics: FairnessMetric[];
  referenceGroup?: string;
  minGroupSize: number;
  confidence: number;
  classes: ClassChoice;
  levels: Levels;
  /** Shown with the __suppressed__ group: "suppressed (< minCellSize)". */
  minCellSize: number;
  /** Set when the group counters are differentially private: intervals widen by the noise. */
  privacy: { epsilon: number; horizon: number } | null;
}

export interface SloOptions extends Common {
  type: 'slo';
  kind: SloKind;
  objective: number;
  latencyThreshold?: number;
  period: string;
  burnWindows: BurnWindow[];
  classes: ClassChoice;
}

export interface AlertsOptions {
  type: 'alerts';
  refId: string;
  model?: string;
  version?: string;
}

/** Policy packs over every model (model undefined) or one. */
export interface ComplianceOptions {
  type: 'compliance';
  refId: string;
  model?: string;
  version?: string;
  naming: Naming;
  window: string;
  attribute?: string;
  policies: PolicyName[];
  threshold: number;
  excludeBelow: number;
  minGroupSize: number;
  classes: ClassChoice;
  favourable: FavourableClass;
  /**
   * The options the query sets itself: they override the pack settings the policy rules record for a model
   * (RECORD.policySettings); the others follow those settings where recorded, else the defaults above.
   */
  explicit: ReadonlySet<ComplianceOverride>;
}

/** The compliance options a model's recorded pack settings provide unless the query sets them. */
export type ComplianceOverride = 'window' | 'threshold' | 'excludeBelow' | 'minGroupSize' | 'favourable';

export type ResolvedQuery =
  | DriftOptions
  | QualityOptions
  | AttributionOptions
  | PerformanceOptions
  | RegressionOptions
  | FairnessOptions
  | SloOptions
  | AlertsOptions
  | ComplianceOptions;

const QUERY_TYPES: readonly QueryType[] = [
  'drift',
  'driftBins',
  'performance',
  'regression',
  'fairness',
  'slo',
  'quality',
  'alerts',
  'compliance',
  'attributions',
];

function fail(message: string): never {
  throw new ModelwatchError(message);
}

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

function oneOf<T extends string>(field: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') {
    return fallback;
  }
  if (!(allowed as readonly string[]).includes(value)) {
    fail(`${field}: '${value}' is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function windowOf(field: string, value: string | undefined, fallback: string): string {
  const w = text(value) ?? fallback;
  if (!isWindow(w)) {
    fail(`${field}: '${w}' is not a Prometheus duration above 0; use one unit, such as 5m, 1h, 1d or 1w`);
  }
  return w;
}

function listOf<T extends string>(
  field: string,
  values: readonly string[] | undefined,
  allowed: readonly T[],
  fallback: readonly T[]
): T[] {
  const list = (values ?? []).filter((v) => v !== '');
  if (list.length === 0) {
    return [...fallback];
  }
  const bad = list.find((v) => !(allowed as readonly string[]).includes(v));
  if (bad !== undefined) {
    fail(`${field}: '${bad}' is not one of ${allowed.join(', ')}`);
  }
  return [...new Set(list)] as T[];
}

function numberOf(
  field: string,
  value: number | string | undefined,
  fallback: number | undefined,
  check: (x: number) => boolean,
  hint: string
): number {
  if (value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value))) {
    if (fallback === undefined) {
      fail(`${field}: missing; ${hint}`);
    }
    return fallback;
  }
  const x = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(x) || !check(x)) {
    fail(`${field}: ${String(value)} is not valid; ${hint}`);
  }
  return x;
}

function classesOf(query: MlQuery): ClassChoice {
  const positive = text(query.positiveClass);
  const negative = text(query.negativeClass);
  if (positive !== undefined && positive === negative) {
    fail(`negativeClass: '${negative}' is also the positive class; choose the other class`);
  }
  return { positive, negative };
}

function burnWindowsOf(windows: BurnWindow[] | undefined): BurnWindow[] {
  const list = windows && windows.length > 0 ? windows : DEFAULTS.burnWindows;
  return list.map((w, i) => {
    const long = windowOf(`burnWindows.${i}.long`, w.long, '');
    const short = windowOf(`burnWindows.${i}.short`, w.short, '');
    if (!(windowSeconds(short) < windowSeconds(long))) {
      fail(`burnWindows.${i}.short: the short window (${short}) must be shorter than the long one (${long})`);
    }
    const burnRate = numberOf(
      `burnWindows.${i}.burnRate`,
      w.burnRate,
      undefined,
      (x) => x > 0,
      'a burn rate above 0, such as 14.4'
    );
    const severity = oneOf(`burnWindows.${i}.severity`, w.severity, BURN_SEVERITIES, SEVERITY.page);
    return { severity, long, short, burnRate };
  });
}

function driftOptions(query: MlQuery, common: Common, type: 'drift' | 'driftBins'): DriftOptions {
  const segmentName = text(query.segmentName);
  const segmentValue = text(query.segmentValue);
  if (segmentValue !== undefined && segmentName === undefined) {
    fail('segmentName: choose the segment whose value segmentValue names, or clear segmentValue');
  }
  const statistic = oneOf('statistic', query.statistic, STATISTICS, DEFAULTS.statistic);
  const baseline = oneOf('baseline', query.baseline, DRIFT_BASELINES, 'reference');
  if (statistic === 'chiSquare' && baseline === 'lastWeek') {
    fail(
      'statistic: chi-square compares counts with the reference profile only; use baseline reference, or psi, jensenShannon or ks for lastWeek'
    );
  }
  return {
    ...common,
    type,
    feature: text(query.feature),
    segmentName,
    segmentValue,
    statistic,
    window: windowOf('window', query.window, DEFAULTS.driftWindow),
    baseline,
    baselineOffset: windowOf('baselineOffset', query.baselineOffset, DEFAULTS.baselineOffset),
    levels: query.levels ?? DRIFT_LEVELS[statistic],
  };
}

function qualityOptions(query: MlQuery, common: Common): QualityOptions {
  const issue = text(query.issue);
  if (issue !== undefined && !(ISSUES as readonly string[]).includes(issue)) {
    fail(`issue: '${issue}' is not one of ${ISSUES.join(', ')}`);
  }
  return {
    ...common,
    type: 'quality',
    feature: text(query.feature),
    issue,
    window: windowOf('window', query.window, DEFAULTS.qualityWindow),
    levels: query.levels,
  };
}

function attributionOptions(query: MlQuery, common: Common): AttributionOptions {
  const statistic = oneOf('attributionStatistic', query.attributionStatistic, ATTRIBUTION_QUERY.statistics, 'ndcg');
  return {
    ...common,
    type: 'attributions',
    statistic,
    window: windowOf('window', query.window, DEFAULTS.attributionWindow),
    // The check's violation level (SageMaker Clarify's 0.9) is where an nDCG panel draws its line.
    levels: query.levels ?? (statistic === 'ndcg' ? { warning: CONTRACT_DEFAULTS.attribution.ndcg } : {}),
  };
}

function performanceOptions(query: MlQuery, common: Common): PerformanceOptions {
  const name = text(query.segmentName);
  const value = text(query.segmentValue);
  if ((name === undefined) !== (value === undefined)) {
    fail(
      name === undefined
        ? 'segmentName: choose the segment the value belongs to, or clear segmentValue'
        : 'segmentValue: choose a value of the segment, or clear segmentName'
    );
  }
  return {
    ...common,
    type: 'performance',
    window: windowOf('window', query.window, DEFAULTS.performanceWindow),
    metrics: listOf('metrics', query.metrics, PERFORMANCE_METRICS, DEFAULTS.performanceMetrics),
    classes: classesOf(query),
    segment: name !== undefined && value !== undefined ? { name, value } : undefined,
    levels: query.levels ?? {},
  };
}

function regressionOptions(query: MlQuery, common: Common): RegressionOptions {
  if (text(query.segmentName) || text(query.segmentValue)) {
    fail('segmentName: regression errors are not counted per segment; clear the segment');
  }
  return {
    ...common,
    type: 'regression',
    window: windowOf('window', query.window, DEFAULTS.regressionWindow),
    metrics: listOf('regressionMetrics', query.regressionMetrics, REGRESSION_METRICS, DEFAULTS.regressionMetrics),
  };
}

function fairnessOptions(query: MlQuery, common: Common): FairnessOptions {
  return {
    ...common,
    type: 'fairness',
    window: windowOf('window', query.window, DEFAULTS.fairnessWindow),
    attribute: text(query.attribute),
    metrics: listOf('fairnessMetrics', query.fairnessMetrics, FAIRNESS_METRICS, DEFAULTS.fairnessMetrics),
    referenceGroup: text(query.referenceGroup),
    minGroupSize: minGroupSizeOf(query),
    confidence: numberOf(
      'confidence',
      query.confidence,
      DEFAULTS.confidence,
      (x) => x > 0 && x < 1,
      'a level between 0 and 1, such as 0.95'
    ),
    classes: classesOf(query),
    levels: query.levels ?? FAIRNESS_LEVELS,
    minCellSize: numberOf(
      'minCellSize',
      query.minCellSize,
      DEFAULTS.minCellSize,
      (x) => Number.isInteger(x) && x >= 1,
      `the monitors' privacy.minCellSize, a whole number of at least 1 (default ${DEFAULTS.minCellSize})`
    ),
    privacy:
      query.privacyEpsilon === undefined
        ? null
        : {
            epsilon: numberOf(
              'privacyEpsilon',
              query.privacyEpsilon,
              1,
              (x) => x > 0 && Number.isFinite(x),
              "the monitors' privacy.epsilon, a number above 0"
            ),
            horizon: numberOf(
              'privacyHorizon',
              query.privacyHorizon,
              DEFAULTS.privacyHorizon,
              (x) => Number.isInteger(x) && x >= 1,
              "the monitors' privacy.horizon, a whole number of collections (default 1048576)"
            ),
          },
  };
}

function minGroupSizeOf(query: MlQuery): number {
  return numberOf(
    'minGroupSize',
    query.minGroupSize,
    DEFAULTS.minGroupSize,
    (x) => Number.isInteger(x) && x >= 1,
    'a whole number of predictions, at least 1 (default 30)'
  );
}

export function complianceOptions(query: MlQuery, naming: Naming): ComplianceOptions {
  return {
    type: 'compliance',
    refId: query.refId,
    model: text(query.model),
    version: text(query.version),
    naming,
    window: windowOf('window', query.window, DEFAULTS.policies.window),
    attribute: text(query.attribute),
    policies: listOf('policies', query.policies, POLICY_NAMES, POLICY_NAMES),
    threshold: numberOf(
      'threshold',
      query.threshold,
      DEFAULTS.policies.threshold,
      (x) => x > 0,
      `an impact ratio above 0 (default ${DEFAULTS.policies.threshold}, the four-fifths convention)`
    ),
    excludeBelow: numberOf(
      'excludeBelow',
      query.excludeBelow,
      DEFAULTS.policies.excludeBelow,
      (x) => x >= 0 && x < 1,
      `a share of the rows in [0, 1) (default ${DEFAULTS.policies.excludeBelow})`
    ),
    minGroupSize: minGroupSizeOf(query),
    classes: classesOf(query),
    favourable: oneOf('favourable', query.favourable, FAVOURABLE_CLASSES, 'positive'),
    explicit: new Set(
      (['window', 'threshold', 'excludeBelow', 'minGroupSize', 'favourable'] as const).filter((k) => {
        const v: unknown = query[k];
        return v !== undefined && v !== null && v !== '';
      })
    ),
  };
}

function sloOptions(query: MlQuery, common: Common): SloOptions {
  const kind = oneOf('sloKind', query.sloKind, SLO_KINDS, 'availability');
  const objective = numberOf(
    'objective',
    query.objective,
    undefined,
    (x) => x > 0 && x < 1,
    'the SLO objective as a share between 0 and 1, such as 0.999'
  );
  const latencyThreshold =
    kind === 'latency'
      ? numberOf(
          'latencyThreshold',
          query.latencyThreshold,
          undefined,
          (x) => x > 0,
          'the latency threshold in seconds, a bucket boundary of the duration histogram such as 0.25'
        )
      : undefined;
  return {
    ...common,
    type: 'slo',
    kind,
    objective,
    latencyThreshold,
    period: windowOf('period', query.period, DEFAULTS.period),
    burnWindows: burnWindowsOf(query.burnWindows),
    classes: classesOf(query),
  };
}

/**
 * Checks a query (after template variables are replaced) and fills in the defaults. Throws a ModelwatchError
 * naming the field and the fix.
 */
export function resolveQuery(query: MlQuery, naming: Naming): ResolvedQuery {
  const type = oneOf('queryType', query.queryType, QUERY_TYPES, 'drift');
  const version = text(query.version);
  if (type === 'alerts') {
    return { type, refId: query.refId, model: text(query.model), version };
  }
  if (type === 'compliance') {
    return complianceOptions(query, naming);
  }
  const model =
    text(query.model) ?? fail(`model: choose a model (the ${LABEL.modelName} label of the Modelwatch series)`);
  const common: Common = { refId: query.refId, model, version, naming };
  switch (type) {
    case 'drift':
    case 'driftBins':
      return driftOptions(query, common, type);
    case 'quality':
      return qualityOptions(query, common);
    case 'attributions':
      return attributionOptions(query, common);
    case 'performance':
      return performanceOptions(query, common);
    case 'regression':
      return regressionOptions(query, common);
    case 'fairness':
      return fairnessOptions(query, common);
    case 'slo':
      return sloOptions(query, common);
  }
}
