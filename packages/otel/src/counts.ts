import { INTERSECTION_SEPARATOR, SELF_ERRORS, type JoinResult, type SelfErrorKind } from '@modelwatch/semconv';
import { createDetector, type DetectorKind, type DriftDetector } from '@modelwatch/stats';
import { CappedValues } from './attributes/capped-values.js';
import { LabelLimit } from './attributes/label-bytes.js';
import type { ResolvedOptions } from './config/resolve-options.js';
import { FeatureSet } from './features/feature-set.js';
import { AttributionSet } from './features/attribution-set.js';
import { SegmentDriftCounts } from './features/segment-drift.js';
import { ClassIndex } from './outcomes/classes.js';
import { Containment } from './safety/containment.js';

/** Counts sliced by one attribute (a protected attribute or a segment). */
export interface AttributeCounts {
  kind: 'group' | 'segment';
  values: CappedValues;
  /** slot·C + predictedClass. */
  predictions: Float64Array;
  /** slot·C² + predicted·C + actual. */
  outcomes: Float64Array;
  /** Regression only: outcomes per slot. */
  regressionOutcomes: Float64Array;
  /** Regression only: Σ|e| per slot. */
  regressionAbsoluteError: Float64Array;
  /** scoringRate only (protected attributes and intersections): predictions with a score, per slot. */
  scored: Float64Array | null;
  /** scoringRate only: predictions whose score is strictly above the cut, per slot. */
  scoredAbove: Float64Array | null;
}

/** An intersection's slice in `attributes`, and the slices of the protected attributes it joins, in order. */
export interface IntersectionSlice {
  slice: number;
  parts: number[];
}

export interface DetectorCounts {
  kind: DetectorKind;
  detector: DriftDetector;
  drifts: number;
  warnings: number;
  /** 0 stable, 1 warning, 2 drift, after the last update. */
  status: number;
}

export interface RegressionSumsState {
  count: number;
  absoluteError: number;
  squaredError: number;
  overPrediction: number;
  underPrediction: number;
  absolutePercentageError: number;
}

/**
 * Every number a monitor keeps, in fixed-size typed arrays laid out at start-up. The exporter and the
 * snapshot read the same arrays, so what Prometheus sees and what snapshot() says cannot disagree.
 */
export class ModelCounts {
  readonly features: FeatureSet;
  /** Attributions of the features the profile has reference attributions for (empty without). */
  readonly attributions: AttributionSet;
  readonly classes: ClassIndex;
  readonly predictions: Float64Array;
  readonly outcomes: Float64Array;
  readonly estimated: Float64Array;
  /** Protected attributes, then segments (read from records), then intersections (derived from the first). */
  readonly attributes: AttributeCounts[];
  /** Slices read from records: protected attributes and segments; the intersections follow them. */
  readonly recordedAttributes: number;
  readonly intersections: IntersectionSlice[];
  /** Bin counts of the segmentDrift features per segment value; null when the option is off. */
  readonly segmentDrift: SegmentDriftCounts | null;
  readonly errorTypes: CappedValues;
  readonly errors: Float64Array;
  /** Joins counted by the monitor; expiries and evictions are counted by the pending store. */
  readonly joins: Record<Extract<JoinResult, 'matched' | 'unmatched'>, number> = { matched: 0, unmatched: 0 };
  statelessOutcomes = 0;
  readonly regression: RegressionSumsState = {
    count: 0,
    absoluteError: 0,
    squaredError: 0,
    overPrediction: 0,
    underPrediction: 0,
    absolutePercentageError: 0,
  };
  readonly detectors: DetectorCounts[];
  readonly selfErrors: Record<SelfErrorKind, number>;
  /** Where this monitor's failures are counted and reported; built first, as the label cap reports to it. */
  readonly safety: Containment;
  /** The byte cap on exported run-time values (group, segment and error-type values, unknown feature names). */
  readonly labels: LabelLimit;
  predictionCount = 0;

  constructor(readonly options: ResolvedOptions) {
    this.selfErrors = Object.fromEntries(SELF_ERRORS.map((k) => [k, 0])) as Record<SelfErrorKind, number>;
    this.safety = new Containment(this.selfErrors, options.model);
    const safety = this.safety;
    this.labels = new LabelLimit(options.labelValueMaxBytes);
    // The message names where the value came from, never the value: one diag line per attribute.
    this.labels.connect((what) =>
      safety.contain(
        'label',
        new RangeError(
          `${what} longer than labelValueMaxBytes (${options.labelValueMaxBytes} bytes) was counted as __other__`
        )
      )
    );
    const cap = options.attributeValueCap;
    this.features = new FeatureSet(
      options.profile,
      options.bins,
      cap,
      [...options.protectedAttributes, ...options.segments],
      this.labels
    );
    this.attributions = new AttributionSet(options.profile.attributions, options.bins, options.labelValueMaxBytes);
    this.classes = new ClassIndex(options.classes, options.positive);
    const C = this.classes.size;
    this.predictions = new Float64Array(C);
    this.outcomes = new Float64Array(C * C);
    this.estimated = new Float64Array(C * C);
    const slice = (kind: 'group' | 'segment', name: string): AttributeCounts => {
      const values = new CappedValues(name, cap, this.labels);
      return {
        kind,
        values,
        predictions: new Float64Array(values.slots * C),
        outcomes: new Float64Array(values.slots * C * C),
        regressionOutcomes: new Float64Array(values.slots),
        regressionAbsoluteError: new Float64Array(values.slots),
        scored: kind === 'group' && options.scoringCut !== null ? new Float64Array(values.slots) : null,
        scoredAbove: kind === 'group' && options.scoringCut !== null ? new Float64Array(values.slots) : null,
      };
    };
    this.attributes = [
      ...options.protectedAttributes.map((a) => slice('group', a)),
      ...options.segments.map((s) => slice('segment', s)),
    ];
    this.recordedAttributes = this.attributes.length;
    this.intersections = options.intersections.map((names) => {
      this.attributes.push(slice('group', names.join(INTERSECTION_SEPARATOR)));
      return { slice: this.attributes.length - 1, parts: names.map((n) => options.protectedAttributes.indexOf(n)) };
    });
    const d = options.segmentDrift;
    this.segmentDrift =
      d === null ? null : new SegmentDriftCounts(this.features, d.features, this.attributes, d.segments);
    this.errorTypes = new CappedValues('error.type', cap, this.labels);
    this.errors = new Float64Array(this.errorTypes.slots);
    for (const type of options.errorTypes) this.errorTypes.indexOf(type);
    this.detectors = options.detectors.map((d) => ({
      kind: d.kind,
      detector: createDetector(d.kind, d.params ?? {}),
      drifts: 0,
      warnings: 0,
      status: 0,
    }));
  }
}
