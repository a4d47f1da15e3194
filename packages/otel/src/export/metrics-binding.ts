import {
  diag,
  metrics,
  ValueType,
  type Attributes,
  type BatchObservableResult,
  type Histogram,
  type Meter,
  type MeterProvider,
  type Observable,
} from '@opentelemetry/api';
import { ATTR, BIN, ISSUES, JOIN_RESULTS, METRICS, SELF_ERRORS, type MetricSpec } from '@modelwatch/semconv';
import { OTHER_CATEGORY } from '@modelwatch/stats';
import { LIMITS } from '../config/limits.js';
import { ModelMonitorConfigError, type ResolvedOptions } from '../config/resolve-options.js';
import type { AttributeCounts, ModelCounts } from '../counts.js';
import type { PendingStore } from '../outcomes/pending-store.js';
import type { Containment } from '../safety/containment.js';
import { exactNowMs } from '../safety/clock.js';
import { ledgerOf, type LedgerEntry, type MeterLedger } from './meter-ledger.js';
import { predictionReferenceShares } from './reference-shares.js';
import { driftLevelsOf, type DriftLevel } from './drift-levels.js';
import { overBudgetMessage, seriesDemand } from './series-demand.js';
import { observeAttributions } from './attribution-export.js';
import { PrivacyRelease, viewLabel, type SliceView } from './privacy.js';

/** The counts a slice exports: its own arrays, or with privacy on its view (suppressed slot last). */
type SliceSource = Pick<AttributeCounts, 'predictions' | 'outcomes' | 'scored' | 'scoredAbove'>;

const SCOPE = '@modelwatch/otel';
const SCOPE_VERSION = '0.1.0';

export type Observables = Record<Exclude<keyof typeof METRICS, 'inferenceDuration'>, Observable>;

/** Attribute sets built once and reused at every collection (the SDK hashes them; we never rebuild them). */
export class AttributeCache {
  private readonly cache = new Map<string, Attributes>();
  constructor(private readonly base: Attributes) {}
  get(key: string, extra: () => Attributes): Attributes {
    let a = this.cache.get(key);
    if (a === undefined) {
      a = Object.freeze({ ...this.base, ...extra() });
      this.cache.set(key, a);
    }
    return a;
  }
}

/**
 * Connects a monitor's counts to OpenTelemetry: observable instruments read the typed arrays in one batch
 * callback at collection time; the duration histogram is the only instrument recorded per call. Without an
 * explicit provider it follows the global one, re-creating its instruments if the application registers its
 * SDK after the monitor was built (the API has no proxy meter provider, so early instruments stay no-ops).
 */
export class MetricsBinding {
  private meter: Meter | null = null;
  private provider: MeterProvider | null = null;
  private histogram: Histogram | null = null;
  private observables: Observables | null = null;
  private readonly base: Attributes;
  private readonly attributes: AttributeCache;
  private readonly callback = (result: BatchObservableResult): void => this.observe(result);
  private readonly followsGlobal: boolean;
  private readonly predictionShares: number[] | null;
  private readonly driftLevels: DriftLevel[];
  private readonly entry: LedgerEntry;
  private ledger: MeterLedger | null = null;
  private closed = false;
  /** Small-cell suppression and private group counters (the `privacy` option), or null. */
  private readonly privacy: PrivacyRelease | null;

  constructor(
    private readonly counts: ModelCounts,
    private readonly pending: PendingStore,
    private readonly options: ResolvedOptions,
    private readonly safety: Containment,
    meterProvider: MeterProvider | undefined,
    meter: Meter | undefined,
    private readonly onRebind: () => void
  ) {
    this.base = Object.freeze({ [ATTR.modelName]: options.model.name, [ATTR.modelVersion]: options.model.version });
    this.attributes = new AttributeCache(this.base);
    this.followsGlobal = !meterProvider && !meter;
    this.predictionShares = predictionReferenceShares(options, counts.classes);
    this.driftLevels = driftLevelsOf(options.profile, counts.features.columns);
    this.entry = {
      model: options.model,
      demand: seriesDemand(counts, options),
      cardinalityLimit: options.cardinalityLimit,
    };
    const d = this.entry.demand;
    this.privacy =
      options.privacy === null
        ? null
        : new PrivacyRelease(
            options.privacy,
            counts.attributes,
            counts.classes.size,
            counts.segmentDrift,
            d.groupPredictions + d.groupOutcomes + d.groupScored + d.groupScoredAboveCut
          );
    if (meter) this.bind(meter, null, true);
    else this.bind(null, meterProvider ?? metrics.getMeterProvider(), true);
  }

  /** Re-binds when the global provider changed since binding (cheap identity check on the hot path). */
  ensureCurrent(): void {
    if (this.followsGlobal && !this.closed && metrics.getMeterProvider() !== this.provider) {
      this.unbind();
      this.bind(null, metrics.getMeterProvider());
      this.onRebind();
    }
  }

  recordDuration(seconds: number): void {
    // typeof: a numeric string passes `>= 0` and the SDK would drop it with a warning of its own. The message
    // carries no value, so diag reports the problem once, not once per distinct bad duration.
    // Bounded above too, so the histogram's _sum stays finite however many durations are recorded.
    if (typeof seconds !== 'number' || !(seconds >= 0 && seconds <= LIMITS.durationSeconds)) {
      this.safety.contain(
        'record',
        new RangeError(`durationSeconds must be a number of seconds from 0 to ${LIMITS.durationSeconds} (366 days)`)
      );
      return;
    }
    if (this.histogram === null) return;
    try {
      this.histogram.record(seconds, this.base);
    } catch (e) {
      this.safety.contain('instrument', e);
    }
  }

  unbind(): void {
    if (this.meter && this.observables) {
      try {
        this.meter.removeBatchObservableCallback(this.callback, Object.values(this.observables));
      } catch (e) {
        this.safety.contain('instrument', e);
      }
    }
    this.ledger?.release(this.entry);
    this.ledger = null;
    this.meter = null;
    this.histogram = null;
    this.observables = null;
  }

  /** Unbinds for good: a newly registered global provider is not followed either. Idempotent. */
  close(): void {
    this.closed = true;
    this.unbind();
  }

  /**
   * Creates the instruments on a meter once this model name and version is free there. At construction
   * (`strict`) a duplicate is a configuration error; on a later re-bind it is contained, and this monitor
   * stays unbound rather than overwrite the other's series.
   */
  private bind(meter: Meter | null, provider: MeterProvider | null, strict = false): void {
    this.provider = provider;
    let m: Meter;
    try {
      m = meter ?? provider!.getMeter(SCOPE, SCOPE_VERSION);
    } catch (e) {
      this.safety.contain('instrument', e);
      return;
    }
    const ledger = ledgerOf(m);
    if (ledger !== null && !ledger.claim(this.entry)) {
      const { name, version } = this.options.model;
      // Quoted as JSON so the message stays one line whatever the name holds.
      const error = new ModelMonitorConfigError(
        'model',
        `${JSON.stringify(`${name}@${version}`)} already has a live monitor on this MeterProvider (or Meter): both would report the same series and only the last one's counts would be exported. Use one monitor per model version, or shut the other down first`
      );
      if (strict) throw error;
      this.safety.contain('instrument', error);
      return;
    }
    this.ledger = ledger;
    try {
      const observable = (spec: MetricSpec): Observable => {
        const opts = { description: spec.description, unit: spec.unit, valueType: ValueType.DOUBLE };
        return spec.kind === 'counter'
          ? m.createObservableCounter(spec.name, opts)
          : m.createObservableGauge(spec.name, opts);
      };
      const observables = {} as Observables;
      for (const [key, spec] of Object.entries(METRICS)) {
        if (key !== 'inferenceDuration') observables[key as keyof Observables] = observable(spec);
      }
      this.histogram = m.createHistogram(METRICS.inferenceDuration.name, {
        description: METRICS.inferenceDuration.description,
        unit: METRICS.inferenceDuration.unit,
        valueType: ValueType.DOUBLE,
        advice: { explicitBucketBoundaries: this.options.durationBuckets },
      });
      m.addBatchObservableCallback(this.callback, Object.values(observables));
      this.meter = m;
      this.observables = observables;
    } catch (e) {
      this.safety.contain('instrument', e);
      this.ledger?.release(this.entry);
      this.ledger = null;
      this.meter = null;
      this.histogram = null;
      this.observables = null;
    }
  }

  private observe(result: BatchObservableResult): void {
    const o = this.observables;
    if (!o) return;
    // Each part is contained on its own, so one failure cannot hide the others; internal errors go last so
    // a failure is visible in the same collection.
    this.part(() => this.pending.sweep(exactNowMs()));
    this.part(() => this.observeFeatures(result, o));
    this.part(() => observeAttributions(this.counts.attributions, result, o, this.attributes));
    this.part(() =>
      this.options.task === 'classification' ? this.observeClassification(result, o) : this.observeRegression(result, o)
    );
    this.part(() => this.observeService(result, o));
    this.part(() => this.observeCardinality(result, o));
    this.part(() => this.observeSelfErrors(result, o));
  }

  /** Checked at collection, once every monitor of the service has been built, and warned about once per Meter. */
  private observeCardinality(result: BatchObservableResult, o: Observables): void {
    const ledger = this.ledger;
    if (ledger === null) return;
    const demand = ledger.demand();
    if (ledger.firstOverBudget()) diag.warn(overBudgetMessage(ledger.monitors, demand, ledger.limit(), SCOPE));
    result.observe(o.monitorCardinality, demand.series, this.base);
  }

  private part(observe: () => void): void {
    try {
      observe();
    } catch (e) {
      this.safety.contain('callback', e);
    }
  }

  private observeFeatures(result: BatchObservableResult, o: Observables): void {
    const f = this.counts.features;
    for (const column of f.columns) {
      for (let b = 0; b < column.bins.length; b++) {
        const attrs = this.attributes.get(`f\u0000${column.name}\u0000${b}`, () => ({
          [ATTR.feature]: column.name,
          [ATTR.featureRole]: column.role,
          [ATTR.bin]: column.bins[b]!,
        }));
        result.observe(o.featureValues, f.counts[column.offset + b]!, attrs);
        result.observe(o.featureReferenceShare, column.referenceShares[b]!, attrs);
      }
      if (column.referenceSize > 0) {
        const attrs = this.attributes.get(`m\u0000${column.name}`, () => ({
          [ATTR.feature]: column.name,
          [ATTR.featureRole]: column.role,
        }));
        result.observe(o.featureReferenceSize, column.referenceSize, attrs);
      }
      this.observeIssues(result, o, column.name, column.issueOffset);
    }
    for (const d of this.driftLevels) {
      const attrs = this.attributes.get(`l\u0000${d.column.name}\u0000${d.statistic}`, () => ({
        [ATTR.feature]: d.column.name,
        [ATTR.featureRole]: d.column.role,
        [ATTR.driftStatistic]: d.statistic,
      }));
      result.observe(o.featureDriftLevel, d.level, attrs);
    }
    this.observeSegmentDrift(result, o);
    for (let k = 0; k < f.unknownNames.length; k++)
      this.observeIssues(result, o, f.unknownNames[k]!, f.unknownOffset(k), ['unknown_feature']);
    // Names past the cap, and names too long to export, share the last slot: exported once used.
    const overflow = f.unknownOffset(f.unknownCap);
    if (f.issues[overflow + ISSUES.indexOf('unknown_feature')] !== 0)
      this.observeIssues(result, o, BIN.other, overflow, ['unknown_feature']);
  }

  /**
   * Per segment value and listed feature, once that value has counted any of the feature's values (with privacy on:
   * once released, and __suppressed__ once it holds any).
   */
  private observeSegmentDrift(result: BatchObservableResult, o: Observables): void {
    const d = this.counts.segmentDrift;
    if (d === null) return;
    for (const s of d.slices) {
      const view = this.privacy?.view(s.slice, this.counts.classes.size) ?? null;
      const counts = view === null ? s.counts : view.drift!;
      for (const k of this.slotsToExport(s.slice, view)) {
        const value = view === null ? s.slice.values.values[k]! : viewLabel(view, k);
        for (let i = 0; i < d.columns.length; i++) {
          const column = d.columns[i]!;
          const start = k * d.width + d.offsets[i]!;
          let total = 0;
          for (let b = 0; b < column.bins.length; b++) total += counts[start + b]!;
          if (total === 0 && !(view !== null && k !== view.suppressed && view.released[k] === 1)) continue;
          for (let b = 0; b < column.bins.length; b++) {
            const attrs = this.attributes.get(
              `sd\u0000${s.slice.values.attribute}\u0000${k}\u0000${column.name}\u0000${b}`,
              () => ({
                [ATTR.segmentName]: s.slice.values.attribute,
                [ATTR.segmentValue]: value,
                [ATTR.feature]: column.name,
                [ATTR.featureRole]: column.role,
                [ATTR.bin]: column.bins[b]!,
              })
            );
            result.observe(o.segmentFeatureValues, counts[start + b]!, attrs);
          }
        }
      }
    }
  }

  /** Slots of a slice in export order: its values, then __suppressed__ when privacy is on. */
  private slotsToExport(slice: AttributeCounts, view: SliceView | null): number[] {
    const n = slice.values.values.length;
    const slots = Array.from({ length: n }, (_, k) => k);
    if (view !== null) slots.push(view.suppressed);
    return slots;
  }

  private observeIssues(
    result: BatchObservableResult,
    o: Observables,
    feature: string,
    offset: number,
    only?: readonly string[]
  ): void {
    const f = this.counts.features;
    ISSUES.forEach((issue, i) => {
      if (only && !only.includes(issue)) return;
      const attrs = this.attributes.get(`i\u0000${feature}\u0000${issue}`, () => ({
        [ATTR.feature]: feature,
        [ATTR.issue]: issue,
      }));
      result.observe(o.featureIssues, f.issues[offset + i]!, attrs);
    });
  }

  private classLabel(i: number): string {
    const labels = this.counts.classes.labels;
    return i < labels.length ? labels[i]! : OTHER_CATEGORY;
  }

  private classAttributes(i: number): Attributes {
    return this.attributes.get(`p\u0000${i}`, () => ({ [ATTR.predictionClass]: this.classLabel(i) }));
  }

  private cellAttributes(p: number, a: number): Attributes {
    return this.attributes.get(`c\u0000${p}\u0000${a}`, () => ({
      [ATTR.predictionClass]: this.classLabel(p),
      [ATTR.actualClass]: this.classLabel(a),
    }));
  }

  /** The "other" class only appears once something outside the known classes was seen. */
  private inUse(value: number, i: number, j = 0): boolean {
    const known = this.counts.classes.size - 1;
    return value !== 0 || (i < known && j < known);
  }

  private observeClassification(result: BatchObservableResult, o: Observables): void {
    this.observeClassTotals(result, o);
    if (this.counts.classes.binary) this.observeEstimatedOutcomes(result, o);
    for (const slice of this.counts.attributes) {
      const view = this.privacy?.view(slice, this.counts.classes.size) ?? null;
      for (const k of this.slotsToExport(slice, view)) this.observeClassSlice(result, o, slice, view, k);
    }
  }

  private observeClassTotals(result: BatchObservableResult, o: Observables): void {
    const c = this.counts;
    const C = c.classes.size;
    for (let p = 0; p < C; p++) {
      if (this.inUse(c.predictions[p]!, p)) result.observe(o.predictions, c.predictions[p]!, this.classAttributes(p));
      if (this.predictionShares && p < C - 1)
        result.observe(o.predictionReferenceShare, this.predictionShares[p]!, this.classAttributes(p));
      for (let a = 0; a < C; a++) {
        const v = c.outcomes[p * C + a]!;
        if (this.inUse(v, p, a)) result.observe(o.outcomes, v, this.cellAttributes(p, a));
      }
    }
  }

  private observeEstimatedOutcomes(result: BatchObservableResult, o: Observables): void {
    const c = this.counts;
    const C = c.classes.size;
    for (const p of [c.classes.positive, c.classes.negative]) {
      for (const a of [c.classes.positive, c.classes.negative])
        result.observe(o.estimatedOutcomes, c.estimated[p * C + a]!, this.cellAttributes(p, a));
    }
  }

  /** Predictions and outcomes of value k of a group or segment attribute. */
  private observeClassSlice(
    result: BatchObservableResult,
    o: Observables,
    slice: AttributeCounts,
    view: SliceView | null,
    k: number
  ): void {
    const C = this.counts.classes.size;
    const src: SliceSource = view ?? slice;
    // A released value starts its series at 0 at its release, so the first count after it is not lost to increase().
    let seen = view !== null && k !== view.suppressed && view.released[k] === 1;
    for (let p = 0; p < C && !seen; p++) seen = src.predictions[k * C + p] !== 0;
    for (let x = 0; x < C * C && !seen; x++) seen = src.outcomes[k * C * C + x] !== 0;
    if (!seen) return; // __other__ / __missing__ slots stay silent until used
    const isGroup = slice.kind === 'group';
    const sliceAttributes = {
      [isGroup ? ATTR.groupAttribute : ATTR.segmentName]: slice.values.attribute,
      [isGroup ? ATTR.groupValue : ATTR.segmentValue]: view === null ? slice.values.values[k]! : viewLabel(view, k),
    };
    const prefix = `${slice.kind}\u0000${slice.values.attribute}\u0000${k}`;
    // Group counters are released through the privacy tree when `privacy.epsilon` is set; segments stay exact.
    const out = (key: string, v: number): number =>
      isGroup && this.privacy !== null ? this.privacy.release(key, v) : v;
    if (src.scored !== null) {
      // Both at once, zeros included, so the scoring rate of a group seen without scores is 0 / 0, not missing.
      const attrs = this.attributes.get(prefix, () => sliceAttributes);
      result.observe(o.groupScored, out(`${prefix}\u0000s`, src.scored[k]!), attrs);
      result.observe(o.groupScoredAboveCut, out(`${prefix}\u0000a`, src.scoredAbove![k]!), attrs);
    }
    for (let p = 0; p < C; p++) {
      const pv = src.predictions[k * C + p]!;
      if (this.inUse(pv, p)) {
        result.observe(
          isGroup ? o.groupPredictions : o.segmentPredictions,
          out(`${prefix}\u0000${p}`, pv),
          this.attributes.get(`${prefix}\u0000${p}`, () => ({
            ...sliceAttributes,
            [ATTR.predictionClass]: this.classLabel(p),
          }))
        );
      }
      for (let a = 0; a < C; a++) {
        const v = src.outcomes[k * C * C + p * C + a]!;
        if (!this.inUse(v, p, a)) continue;
        result.observe(
          isGroup ? o.groupOutcomes : o.segmentOutcomes,
          out(`${prefix}\u0000${p}\u0000${a}`, v),
          this.attributes.get(`${prefix}\u0000${p}\u0000${a}`, () => ({
            ...sliceAttributes,
            [ATTR.predictionClass]: this.classLabel(p),
            [ATTR.actualClass]: this.classLabel(a),
          }))
        );
      }
    }
  }

  /** Regression models have no classes: predictions carry no prediction.class, slices only their value. */
  private observeRegression(result: BatchObservableResult, o: Observables): void {
    const c = this.counts;
    result.observe(o.predictions, c.predictions[0]!, this.base);
    for (const slice of c.attributes) {
      const isGroup = slice.kind === 'group';
      const view = this.privacy?.view(slice, c.classes.size) ?? null;
      const src: SliceSource = view ?? slice;
      for (const k of this.slotsToExport(slice, view)) {
        const n = src.predictions[k]!;
        // __other__ / __missing__ (and unreleased or __suppressed__ slots) stay silent until used.
        const released = view !== null && k !== view.suppressed && view.released[k] === 1;
        if (n === 0 && (view === null ? k <= 1 : !released)) continue;
        const key = `r\u0000${slice.kind}\u0000${slice.values.attribute}\u0000${k}`;
        result.observe(
          isGroup ? o.groupPredictions : o.segmentPredictions,
          isGroup && this.privacy !== null ? this.privacy.release(key, n) : n,
          this.attributes.get(key, () => ({
            [isGroup ? ATTR.groupAttribute : ATTR.segmentName]: slice.values.attribute,
            [isGroup ? ATTR.groupValue : ATTR.segmentValue]:
              view === null ? slice.values.values[k]! : viewLabel(view, k),
          }))
        );
      }
    }
    const r = c.regression;
    result.observe(o.regressionOutcomes, r.count, this.base);
    result.observe(o.regressionAbsoluteError, r.absoluteError, this.base);
    result.observe(o.regressionSquaredError, r.squaredError, this.base);
    result.observe(o.regressionOverPrediction, r.overPrediction, this.base);
    result.observe(o.regressionUnderPrediction, r.underPrediction, this.base);
    result.observe(o.regressionAbsolutePercentageError, r.absolutePercentageError, this.base);
  }

  private observeService(result: BatchObservableResult, o: Observables): void {
    const c = this.counts;
    const errorValues = c.errorTypes.values;
    for (let k = 0; k < errorValues.length; k++) {
      if (k <= 1 && c.errors[k] === 0) continue;
      result.observe(
        o.errors,
        c.errors[k]!,
        this.attributes.get(`e\u0000${k}`, () => ({ [ATTR.errorType]: errorValues[k]! }))
      );
    }
    for (const r of JOIN_RESULTS) {
      result.observe(
        o.outcomeJoins,
        joinCount(c, this.pending, r),
        this.attributes.get(`j\u0000${r}`, () => ({ [ATTR.joinResult]: r }))
      );
    }
    result.observe(o.pendingOutcomes, this.pending.size, this.base);
    for (const d of c.detectors) {
      result.observe(
        o.detectorDetections,
        d.drifts,
        this.attributes.get(`d\u0000${d.kind}\u0000drift`, () => ({
          [ATTR.detector]: d.kind,
          [ATTR.detectionLevel]: 'drift',
        }))
      );
      result.observe(
        o.detectorDetections,
        d.warnings,
        this.attributes.get(`d\u0000${d.kind}\u0000warning`, () => ({
          [ATTR.detector]: d.kind,
          [ATTR.detectionLevel]: 'warning',
        }))
      );
      result.observe(
        o.detectorStatus,
        d.status,
        this.attributes.get(`s\u0000${d.kind}`, () => ({ [ATTR.detector]: d.kind }))
      );
    }
  }

  private observeSelfErrors(result: BatchObservableResult, o: Observables): void {
    const c = this.counts;
    for (const kind of SELF_ERRORS) {
      result.observe(
        o.selfErrors,
        c.selfErrors[kind],
        this.attributes.get(`x\u0000${kind}`, () => ({ [ATTR.selfErrorKind]: kind }))
      );
    }
  }
}

/** Matched and unmatched joins are counted by the monitor; expiries and evictions by the store. */
export function joinCount(counts: ModelCounts, pending: PendingStore, result: (typeof JOIN_RESULTS)[number]): number {
  if (result === 'expired') return pending.expired;
  if (result === 'evicted') return pending.evicted;
  return counts.joins[result];
}
