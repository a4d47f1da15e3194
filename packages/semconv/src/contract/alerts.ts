import { LABEL, type LabelName } from './labels.js';

/** Every alert the generated rules define is named `Modelwatch…`. */
export const ALERT_PREFIX = 'Modelwatch';

/** The alerts `modelwatch rules` and `modelwatch alerts --grafana` define; docs/alerting.md has a runbook for each. */
export const ALERT = Object.freeze({
  featureDriftPsi: 'ModelwatchFeatureDriftPSI',
  featureDriftJensenShannon: 'ModelwatchFeatureDriftJensenShannon',
  featureDriftChiSquare: 'ModelwatchFeatureDriftChiSquare',
  featureDriftKs: 'ModelwatchFeatureDriftKS',
  /** PSI of a feature within one segment value (`drift.segments`), against the whole reference. */
  segmentDriftPsi: 'ModelwatchSegmentDriftPSI',
  segmentDriftJensenShannon: 'ModelwatchSegmentDriftJensenShannon',
  dataQuality: 'ModelwatchDataQuality',
  performanceBelowFloor: 'ModelwatchPerformanceBelowFloor',
  estimatedPerformanceBelowFloor: 'ModelwatchEstimatedPerformanceBelowFloor',
  fairness: 'ModelwatchFairness',
  sloBurnRate: 'ModelwatchSLOBurnRate',
  /** A category's impact ratio under a policy pack below the pack's threshold; annotations quote the legal reference. */
  policyImpactRatio: 'ModelwatchPolicyImpactRatio',
} as const);

export type AlertName = (typeof ALERT)[keyof typeof ALERT];

/** What part of a model's health an alert speaks about. */
export type AlertArea = 'drift' | 'quality' | 'performance' | 'fairness' | 'slo';

const AREAS: Readonly<Record<AlertName, AlertArea>> = {
  [ALERT.featureDriftPsi]: 'drift',
  [ALERT.featureDriftJensenShannon]: 'drift',
  [ALERT.featureDriftChiSquare]: 'drift',
  [ALERT.featureDriftKs]: 'drift',
  [ALERT.segmentDriftPsi]: 'drift',
  [ALERT.segmentDriftJensenShannon]: 'drift',
  [ALERT.dataQuality]: 'quality',
  [ALERT.performanceBelowFloor]: 'performance',
  [ALERT.estimatedPerformanceBelowFloor]: 'performance',
  [ALERT.fairness]: 'fairness',
  [ALERT.sloBurnRate]: 'slo',
  [ALERT.policyImpactRatio]: 'fairness',
};

/** The area of a Modelwatch alert; undefined for any other name (alerts of other tools share ALERTS). */
export function alertArea(name: string): AlertArea | undefined {
  return Object.hasOwn(AREAS, name) ? AREAS[name as AlertName] : undefined;
}

/** `alertname=~"Modelwatch.*"`: selects every Modelwatch alert in Prometheus' ALERTS series. */
export const ALERT_NAME_MATCHER = `${LABEL.alertName}=~"${ALERT_PREFIX}.*"`;

/**
 * Labels that tell one alert of a name from another (model, version and team labels aside): the generator sets
 * them, and routing, inhibition and people tell alerts apart by them.
 */
export const ALERT_IDENTITY_LABELS: readonly LabelName[] = [
  LABEL.feature,
  LABEL.statistic,
  LABEL.baseline,
  LABEL.groupAttribute,
  LABEL.metric,
  LABEL.source,
  LABEL.issue,
  LABEL.slo,
  LABEL.longWindow,
  LABEL.shortWindow,
  LABEL.policy,
  LABEL.segmentName,
  LABEL.segmentValue,
];
