import type { FavourableClass, PolicyName } from '@modelwatch/semconv';

/**
 * What the compliance view shows: per model version, each policy pack's impact-ratio table per protected attribute
 * and intersection, as `modelwatch audit` reports it in batch, over the live counters of one window.
 */

/**
 * A table's status: `ok`; `belowThreshold` when a judged category's impact ratio is under the threshold;
 * `insufficientSamples` when the highest-rate category, or all but one category, has fewer predictions than the
 * minimum group size (the fairness rules' guard), so no ratio can be judged yet.
 */
export type ComplianceStatus = 'ok' | 'belowThreshold' | 'insufficientSamples';
/** A category's status: as a table's, or `excluded` (under the pack's share of rows: reported, not judged). */
export type CategoryStatus = ComplianceStatus | 'excluded';

export interface ComplianceCategory {
  /** The category (for an intersection, its values joined with INTERSECTION_SEPARATOR). */
  name: string;
  /** Predictions of the category over the window. */
  count: number;
  /** Predictions of the positive class. */
  selected: number;
  /** selected / count. */
  rate: number;
  /** count / the attribute's predictions, unknown ones included. */
  share: number;
  /** rate / the highest rate of the categories not excluded; null when excluded, NaN when that rate is 0. */
  impactRatio: number | null;
  excluded: boolean;
  status: CategoryStatus;
  /**
   * The state of the policy impact-ratio alert (ALERT.policyImpactRatio) on this pack and category, judged by the rules with the
   * model's configured threshold; undefined when none is pending or firing.
   */
  alert?: 'pending' | 'firing';
  /** four-fifths: the test against the highest-rate category (z-test, or Fisher's exact test on whole counts); null otherwise. */
  test: { z: number; pValue: number; test: 'z' | 'fisher'; significant: boolean } | null;
}

export interface ComplianceTable {
  policy: PolicyName;
  /**
   * `selection`: predictions of the positive class / predictions; `scoring` (NYC pack, monitors with the
   * scoringRate option): predictions scored above the reference profile's median score / scored predictions.
   */
  rate: 'selection' | 'scoring';
  displayName: string;
  /** The legal reference of the pack (POLICY in @modelwatch/semconv). */
  reference: string;
  /** `organisation` when the law sets no pass level and the threshold is the organisation's policy. */
  thresholdSource: 'law' | 'organisation';
  /** The attribute, or the intersection's attributes joined with INTERSECTION_SEPARATOR. */
  attribute: string;
  intersection: boolean;
  /** Predictions of the attribute over the window, unknown ones included. */
  rows: number;
  /** Predictions whose value of the attribute was missing. */
  unknown: number;
  threshold: number;
  excludeBelow: number;
  minGroupSize: number;
  highest: string | null;
  highestRate: number;
  status: ComplianceStatus;
  categories: ComplianceCategory[];
}

export interface ComplianceModel {
  model: string;
  version: string;
  window: string;
  /** The classes selections were read with; null when the model has no prediction yet. */
  classes: { positive: string; negative: string } | null;
  /**
   * `rules`: the packs its policy rules record (its `policies` in modelwatch.yaml); `all`: no policy rules are
   * recorded for it, so every pack is shown with the contract's defaults.
   */
  packs: 'rules' | 'all';
  /**
   * `rules`: judged with the pack settings its rules record (favourable class, thresholds, exclusion shares,
   * minimum group size, window), options the query sets still winning; `defaults`: none are recorded, so the
   * query's options or the contract's defaults.
   */
  settings: 'rules' | 'defaults';
  /** The predicted class counted as selected. */
  favourable: FavourableClass;
  /** The worst status of its tables (`ok` when it has none). */
  status: ComplianceStatus;
  tables: ComplianceTable[];
  /** A one-line reason when this model's tables could not be computed (e.g. its positive class is unknown). */
  error?: string;
}
