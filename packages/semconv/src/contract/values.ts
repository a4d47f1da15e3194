/** Label values with a fixed meaning in the recorded series and alerts. */

/** What drift is measured against (`baseline` label). */
export const BASELINE = Object.freeze({ reference: 'reference', lastWeek: 'last_week' } as const);
export type BaselineValue = (typeof BASELINE)[keyof typeof BASELINE];

/** Where performance numbers come from (`source` label): labelled outcomes, or scores alone (CBPE). */
export const SOURCE = Object.freeze({ realized: 'realized', estimated: 'estimated' } as const);
export type SourceValue = (typeof SOURCE)[keyof typeof SOURCE];
export const SOURCES: readonly SourceValue[] = [SOURCE.realized, SOURCE.estimated];

/**
 * Alert severities: drift, quality, performance and fairness alerts are warning or critical; SLO burn-rate
 * alerts page or open a ticket (Google SRE Workbook).
 */
export const SEVERITY = Object.freeze({
  warning: 'warning',
  critical: 'critical',
  page: 'page',
  ticket: 'ticket',
} as const);
export type Severity = (typeof SEVERITY)[keyof typeof SEVERITY];
export type LevelSeverity = typeof SEVERITY.warning | typeof SEVERITY.critical;
export type BurnSeverity = typeof SEVERITY.page | typeof SEVERITY.ticket;

/** States of Prometheus' ALERTS series. */
export const ALERT_STATE = Object.freeze({ pending: 'pending', firing: 'firing' } as const);

/** The service-level objectives the rules know (`slo` label). */
export const SLO_KINDS = ['availability', 'latency', 'quality'] as const;
export type SloKind = (typeof SLO_KINDS)[number];

/** A column's role in the reference profile (`feature_role` label), as @modelwatch/stats names it. */
export const FEATURE_ROLE = Object.freeze({
  feature: 'feature',
  label: 'label',
  score: 'score',
  prediction: 'prediction',
  protected: 'protected',
} as const);
export type FeatureRole = (typeof FEATURE_ROLE)[keyof typeof FEATURE_ROLE];
