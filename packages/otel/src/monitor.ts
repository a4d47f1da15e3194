import { DETECTOR_STATUS } from '@modelwatch/semconv';
import { calibratorFromJSON, type Calibrator } from '@modelwatch/stats';
import { AuditTrail } from './audit/audit-trail.js';
import { compileAttributeReader, type AttributeReader } from './attributes/attribute-reader.js';
import { intersectionSlot } from './attributes/intersection.js';
import { ownValue, recordObject } from './attributes/own-property.js';
import { LIMITS } from './config/limits.js';
import { resolveOptions, type ResolvedOptions } from './config/resolve-options.js';
import { ModelCounts } from './counts.js';
import { MetricsBinding } from './export/metrics-binding.js';
import { PendingStore } from './outcomes/pending-store.js';
import type { Containment } from './safety/containment.js';
import { errorTypeOf } from './safety/describe.js';
import { finiteRegressionError } from './safety/finite-sums.js';
import { coarseNowMs, exactNowMs, monotonicMs, retainCoarseClock } from './safety/clock.js';
import { safeSnapshot } from './snapshot.js';
import type {
  ModelMonitorOptions,
  MonitorEvent,
  MonitorSnapshot,
  PredictionRecord,
  StatelessOutcome,
} from './types.js';

const MAPE_EPSILON = 2.220446049250313e-16;

let monitorSequence = 0;

/**
 * Watches one model version from inside an inference service. Recording calls aggregate into typed arrays
 * and never throw; OpenTelemetry reads the arrays through observable instruments at collection time, so the
 * only per-call SDK work is the duration histogram.
 */
export class ModelMonitor {
  readonly model: { readonly name: string; readonly version: string };
  private readonly options: ResolvedOptions;
  private readonly counts: ModelCounts;
  private readonly pending: PendingStore;
  private readonly binding: MetricsBinding;
  private readonly safety: Containment;
  private readonly calibrator: Calibrator | null;
  private readonly idPrefix: string;
  private readonly attributeNames: string[];
  private readonly readAttributes: AttributeReader;
  /** The current record's attribute values, reused: read once, used by drift and by every slice. */
  private readonly attributeValues: unknown[];
  private readonly onEvent: ((event: MonitorEvent) => void) | undefined;
  private readonly releaseClock: () => void;
  /** The decision audit trail (the `audit` option), or null: then auditing costs one comparison per call. */
  private readonly audit: AuditTrail | null;

  /** Throws ModelMonitorConfigError for a bad option or profile: configuration fails fast, recording never does. */
  constructor(options: ModelMonitorOptions) {
    this.options = resolveOptions(options);
    this.model = Object.freeze({ ...this.options.model });
    this.counts = new ModelCounts(this.options);
    // Intersections are not read from records: their slots follow from their parts' (see slotsOf).
    this.attributeNames = this.counts.attributes
      .slice(0, this.counts.recordedAttributes)
      .map((a) => a.values.attribute);
    this.readAttributes = compileAttributeReader(this.attributeNames);
    this.attributeValues = new Array<unknown>(this.attributeNames.length).fill(undefined);
    this.pending = new PendingStore(this.options.maxPending, this.counts.attributes.length, this.options.ttlMs);
    this.safety = this.counts.safety;
    // Before the binding: a bad audit option must fail before any instrument is registered.
    this.audit =
      options.audit === undefined
        ? null
        : new AuditTrail(options.audit, this.options, this.options.profile, this.counts.attributes, this.safety);
    this.calibrator = this.options.calibrate ? calibratorFromJSON(this.options.profile.target.calibration) : null;
    this.idPrefix = `${(++monitorSequence).toString(36)}-${Date.now().toString(36)}-`;
    this.onEvent = options.onEvent;
    this.binding = new MetricsBinding(
      this.counts,
      this.pending,
      this.options,
      this.safety,
      options.meterProvider,
      options.meter,
      () => this.emit({ type: 'rebound', model: this.model })
    );
    // Knots are only needed to lay out the bins; keeping them would cost megabytes per model.
    this.options.profile = { ...this.options.profile, columns: {}, attributions: {} };
    // Last: nothing after it can throw, so a failed construction leaves no timer behind.
    this.releaseClock = retainCoarseClock();
  }

  /**
   * Records one prediction and returns its id for a later recordOutcome(id, actual), or undefined when
   * something could not be recorded (counted in modelwatch.monitor.internal_errors, never thrown).
   */
  recordPrediction(record: PredictionRecord): string | undefined {
    try {
      this.binding.ensureCurrent();
      const c = this.counts;
      // Anything but an object (null, a number, an array) is no features or attributes: the prediction still counts.
      const features = this.recordPart(record.features, 'features') as PredictionRecord['features'];
      const attributes = this.recordPart(record.attributes, 'attributes') as PredictionRecord['attributes'];
      // Every field is read before anything is counted, so a record that throws when read is not half-counted.
      let score = record.score;
      const prediction = record.prediction;
      const own = this.ownId(record.id);
      const d = record.durationSeconds;
      const attributions = c.attributions.size === 0 ? undefined : this.recordPart(record.attributions, 'attributions');
      const values = this.attributeValues;
      try {
        if (attributes !== undefined) this.readAttributes(attributes, values);
        else values.fill(undefined);
        c.features.record(features, attributes, values);
        // Protected attributes and segments not given as attributes may be features.
        if (features !== undefined) {
          for (let j = 0; j < values.length; j++)
            if (values[j] === undefined) values[j] = ownValue(features, this.attributeNames[j]!);
        }
      } catch (e) {
        // A record whose properties throw when read: what was counted stays, the prediction is still counted.
        values.fill(undefined);
        this.safety.contain('record', e);
      }
      c.predictionCount++;
      let predicted: number;
      if (this.options.task === 'regression') {
        predicted = this.regressionPrediction(prediction, score);
        score = predicted;
        c.predictions[0]! += 1; // regression models have no classes: one count, exported without prediction.class
      } else {
        if (score !== undefined) score = this.observeScore(score);
        predicted = this.predictedClass(prediction, score);
        c.predictions[predicted]! += 1;
        if (score !== undefined && c.classes.binary) this.addExpected(predicted, score);
      }

      const width = c.attributes.length;
      const seq = this.pending.put(coarseNowMs(), own);
      // A generated id carries its ring position, so joining it back needs no map.
      const id = own ?? this.idPrefix + seq.toString(36);
      const slot = this.pending.slotOf(seq);
      this.pending.prediction[slot] = predicted;
      this.pending.score[slot] = score ?? Number.NaN;

      const C = c.classes.size;
      const slots = this.pending.attributes;
      const base = slot * width;
      this.slotsOf(
        (j) => values[j],
        (j, k) => (slots[base + j] = k),
        (j) => slots[base + j]!
      );
      const segmentDrift = c.segmentDrift;
      if (segmentDrift !== null) {
        try {
          segmentDrift.record(features, (j) => slots[base + j]!);
        } catch (e) {
          // A feature whose getter throws: the prediction still counts everywhere else.
          this.safety.contain('record', e);
        }
      }
      const p = this.options.task === 'classification' ? predicted : 0;
      for (let j = 0; j < width; j++) c.attributes[j]!.predictions[slots[base + j]! * C + p]! += 1;
      const cut = this.options.scoringCut;
      if (cut !== null && score !== undefined) {
        for (let j = 0; j < width; j++) {
          const a = c.attributes[j]!;
          if (a.scored === null) continue;
          const k = slots[base + j]!;
          a.scored[k]! += 1;
          if (score > cut) a.scoredAbove![k]! += 1;
        }
      }

      if (attributions !== undefined) {
        try {
          c.attributions.record(attributions);
        } catch (e) {
          // An attribution whose getter throws: what was counted stays, the prediction counts everywhere else.
          this.safety.contain('record', e);
        }
      }
      if (this.audit !== null)
        this.audit.decision(id, record, features, attributes, score, predicted, d, slots, base, coarseNowMs());
      if (d !== undefined) this.binding.recordDuration(d);
      return id;
    } catch (e) {
      this.safety.contain('record', e);
      return undefined;
    }
  }

  /**
   * Records the true outcome of a stored prediction (by id), or of a prediction described in full when it
   * was made elsewhere (another replica). Returns true when the outcome was counted.
   */
  recordOutcome(idOrOutcome: string | StatelessOutcome, actual?: string | number | boolean): boolean {
    try {
      // Outcomes and errors may be all a monitor sees for a while (every inference failing): they follow a
      // newly registered global provider too.
      this.binding.ensureCurrent();
      if (typeof idOrOutcome === 'string') {
        if (!this.validActual(actual)) return false;
        return this.joinOutcome(idOrOutcome, actual);
      }
      const outcome = recordObject(idOrOutcome) as StatelessOutcome | undefined;
      if (outcome === undefined || !Object.prototype.hasOwnProperty.call(outcome, 'actual')) {
        this.safety.contain(
          'record',
          new TypeError('recordOutcome takes a prediction id and an actual value, or an outcome object with `actual`')
        );
        return false;
      }
      return this.validActual(outcome.actual) && this.statelessOutcome(outcome);
    } catch (e) {
      this.safety.contain('record', e);
      return false;
    }
  }

  /** Counts a failed inference by error type (values past the cap count as __other__). */
  recordError(errorType: string | Error = 'error'): void {
    try {
      this.binding.ensureCurrent();
      this.counts.errors[this.counts.errorTypes.indexOf(errorTypeOf(errorType))]! += 1;
    } catch (e) {
      this.safety.contain('record', e);
    }
  }

  /**
   * Times an inference call: records its duration, and its error type when it throws (then rethrows: the
   * error is the service's own). Use the result with recordPrediction, or call `instrument` instead.
   */
  async time<T>(inference: () => Promise<T> | T): Promise<{ result: T; durationSeconds: number }> {
    const started = monotonicMs();
    try {
      const result = await inference();
      return { result, durationSeconds: (monotonicMs() - started) / 1000 };
    } catch (error) {
      // A thrown string is no error type of the service's choosing; anything else is read without throwing.
      this.recordError(typeof error === 'string' ? 'error' : (error as Error));
      this.binding.recordDuration((monotonicMs() - started) / 1000);
      throw error;
    }
  }

  /**
   * Wraps an inference function so every call is recorded: its duration, its errors, and the prediction that
   * `describe` reads off the arguments and result. The wrapped function returns what the original returns;
   * `onRecorded` receives the prediction id (e.g. to hand it to the caller for the outcome).
   */
  instrument<A extends unknown[], R>(
    inference: (...args: A) => Promise<R> | R,
    describe: (result: R, ...args: A) => Omit<PredictionRecord, 'durationSeconds'>,
    onRecorded?: (id: string | undefined, result: R, ...args: A) => void
  ): (...args: A) => Promise<R> {
    return async (...args: A): Promise<R> => {
      const { result, durationSeconds } = await this.time(() => inference(...args));
      let id: string | undefined;
      let recorded = false;
      try {
        const record = describe(result, ...args);
        recorded = true;
        id = this.recordPrediction({ ...record, durationSeconds });
        onRecorded?.(id, result, ...args);
      } catch (e) {
        this.safety.contain('listener', e);
        // The call happened even if it could not be described: its duration still counts.
        if (!recorded) this.binding.recordDuration(durationSeconds);
      }
      return result;
    };
  }

  /** The in-process view of drift, performance, estimation, fairness and detectors, from the exported counts. */
  snapshot(): MonitorSnapshot {
    return safeSnapshot(this.counts, this.pending, this.options, () => this.pending.sweep(exactNowMs()));
  }

  /**
   * Stops exporting for good (idempotent): the observable callbacks are removed, the duration histogram is no
   * longer recorded, a newly registered global provider is not followed, and the model name and version are
   * free for a new monitor. Recording afterwards only updates snapshot(). The SDK keeps the last exported
   * values of the series until the provider shuts down (see "Lifecycle" in the README).
   */
  shutdown(): void {
    this.releaseClock();
    this.binding.close();
  }

  /** A record's features or attributes: an object, or undefined (counted unless absent or null). */
  private recordPart(value: unknown, what: string): object | undefined {
    const part = recordObject(value);
    if (part === undefined && value !== undefined && value !== null)
      this.safety.contain(
        'record',
        new TypeError(`${what} must be an object; the prediction was counted without them`)
      );
    return part;
  }

  /** The service's own id when usable; an over-long one would make the pending store hold its text. */
  private ownId(id: unknown): string | undefined {
    if (typeof id !== 'string' || id === '') return undefined;
    if (id.length <= LIMITS.idLength) return id;
    this.safety.contain(
      'record',
      new RangeError(`an id longer than ${LIMITS.idLength} characters was replaced by a generated one`)
    );
    return undefined;
  }

  /**
   * An actual value is a class label (string, number, boolean) or, for regression, a finite number. Checked
   * before a stored prediction is taken, so a bad one leaves the prediction for its real outcome.
   */
  private validActual(actual: unknown): boolean {
    const t = typeof actual;
    if (this.options.task === 'regression') {
      if (t === 'number' && (actual as number) - (actual as number) === 0) return true;
      this.safety.contain('record', new TypeError('a regression outcome needs a finite actual and prediction'));
      return false;
    }
    if (t === 'string' || t === 'boolean' || (t === 'number' && actual === actual)) return true;
    this.safety.contain('record', new TypeError('recordOutcome: the actual value must be a string, number or boolean'));
    return false;
  }

  private observeScore(score: number): number | undefined {
    const column = this.counts.features.score;
    if (column !== null) this.counts.features.add(column, score);
    if (typeof score !== 'number' || !(score >= 0 && score <= 1)) return undefined; // counted above as an issue
    return score;
  }

  private predictedClass(prediction: PredictionRecord['prediction'], score: number | undefined): number {
    const classes = this.counts.classes;
    if (prediction !== undefined && prediction !== null) return classes.of(prediction);
    if (score !== undefined && classes.binary) return classes.ofScore(score, this.options.threshold);
    return classes.other;
  }

  private addExpected(predicted: number, score: number): void {
    const classes = this.counts.classes;
    if (predicted !== classes.positive && predicted !== classes.negative) return;
    const s = this.calibrator ? this.calibrator.apply(score) : score;
    const C = classes.size;
    this.counts.estimated[predicted * C + classes.positive]! += s;
    this.counts.estimated[predicted * C + classes.negative]! += 1 - s;
  }

  private regressionPrediction(prediction: PredictionRecord['prediction'], score: number | undefined): number {
    const value = typeof prediction === 'number' ? prediction : score;
    const column = this.counts.features.score;
    if (column !== null && value !== undefined) this.counts.features.add(column, value);
    return typeof value === 'number' && value - value === 0 ? value : Number.NaN;
  }

  private joinOutcome(id: string, actual: unknown): boolean {
    let seq = this.pending.seqOfUserId(id);
    if (seq < 0 && id.startsWith(this.idPrefix)) {
      const digits = id.slice(this.idPrefix.length);
      seq = /^[0-9a-z]+$/.test(digits) ? parseInt(digits, 36) : -1;
    }
    const slot = this.pending.take(seq, exactNowMs());
    if (slot === -1) {
      this.counts.joins.unmatched++;
      return false;
    }
    if (slot === -2) return false; // counted as expired by the store
    this.counts.joins.matched++;
    if (this.audit !== null) this.audit.outcome(id, actual, coarseNowMs());
    const width = this.counts.attributes.length;
    return this.countOutcome(this.pending.prediction[slot]!, actual, (j) => this.pending.attributes[slot * width + j]!);
  }

  private statelessOutcome(outcome: StatelessOutcome): boolean {
    const c = this.counts;
    let predicted: number;
    if (this.options.task === 'regression') {
      const value = typeof outcome.prediction === 'number' ? outcome.prediction : outcome.score;
      predicted = typeof value === 'number' ? value : Number.NaN;
    } else {
      const score =
        typeof outcome.score === 'number' && outcome.score >= 0 && outcome.score <= 1 ? outcome.score : undefined;
      predicted = this.predictedClass(outcome.prediction, score);
    }
    const attributes = recordObject(outcome.attributes);
    const slots = new Int32Array(c.attributes.length);
    this.slotsOf(
      (j) => (attributes === undefined ? undefined : ownValue(attributes, this.attributeNames[j]!)),
      (j, k) => (slots[j] = k),
      (j) => slots[j]!
    );
    const counted = this.countOutcome(predicted, outcome.actual, (j) => slots[j]!);
    if (counted) c.statelessOutcomes++;
    return counted;
  }

  /**
   * The slot of every slice for one record: the recorded attributes from their values, then each intersection from
   * the slots of its parts.
   */
  private slotsOf(
    valueOf: (j: number) => unknown,
    set: (j: number, k: number) => void,
    get: (j: number) => number
  ): void {
    const c = this.counts;
    for (let j = 0; j < c.recordedAttributes; j++) set(j, c.attributes[j]!.values.indexOf(valueOf(j)));
    for (const x of c.intersections) set(x.slice, intersectionSlot(c.attributes, x, get));
  }

  private countOutcome(predicted: number, actual: unknown, slotOf: (j: number) => number): boolean {
    const c = this.counts;
    if (this.options.task === 'regression') {
      if (typeof actual !== 'number' || actual - actual !== 0 || predicted - predicted !== 0) {
        this.safety.contain('record', new TypeError('a regression outcome needs a finite actual and prediction'));
        return false;
      }
      const e = predicted - actual;
      const r = c.regression;
      const ape = Math.abs(e) / Math.max(Math.abs(actual), MAPE_EPSILON);
      // An outcome that would make a sum infinite is bad data, not state: the sums stay finite for good.
      if (!finiteRegressionError(r, e, ape)) {
        this.safety.contain(
          'nonfinite',
          new RangeError('a regression outcome whose error sums would overflow was not recorded')
        );
        return false;
      }
      r.count++;
      r.absoluteError += Math.abs(e);
      r.squaredError += e * e;
      if (e > 0) r.overPrediction += e;
      else r.underPrediction -= e;
      r.absolutePercentageError += ape;
      for (let j = 0; j < c.attributes.length; j++) {
        const k = slotOf(j);
        c.attributes[j]!.regressionOutcomes[k]! += 1;
        c.attributes[j]!.regressionAbsoluteError[k]! += Math.abs(e);
      }
      this.updateDetectors(Math.abs(e));
      return true;
    }
    const C = c.classes.size;
    const a = c.classes.of(actual);
    if (a === c.classes.other) {
      // Still counted (in the __other__ cells), but an actual class the profile never had usually means
      // mislabelled outcomes, which would quietly lower every performance metric; the message carries no
      // value so it reaches diag once however many such outcomes arrive.
      this.safety.contain(
        'record',
        new TypeError(
          `recordOutcome: an actual class outside the profile's classes (${c.classes.labels.join(', ')}) was counted as __other__`
        )
      );
    }
    c.outcomes[predicted * C + a]! += 1;
    for (let j = 0; j < c.attributes.length; j++) {
      c.attributes[j]!.outcomes[slotOf(j) * C * C + predicted * C + a]! += 1;
    }
    this.updateDetectors(predicted === a ? 0 : 1);
    return true;
  }

  private updateDetectors(error: number): void {
    for (const d of this.counts.detectors) {
      try {
        d.detector.update(error);
        if (d.detector.driftDetected) {
          d.drifts++;
          d.status = DETECTOR_STATUS.drift;
          this.emit({ type: 'drift', detector: d.kind, outcomes: this.outcomeCount(), model: this.model });
        } else if (d.detector.warningDetected) {
          if (d.status !== DETECTOR_STATUS.warning)
            this.emit({ type: 'warning', detector: d.kind, outcomes: this.outcomeCount(), model: this.model });
          d.warnings++;
          d.status = DETECTOR_STATUS.warning;
        } else {
          d.status = DETECTOR_STATUS.stable;
        }
      } catch (e) {
        this.safety.contain('record', e);
      }
    }
  }

  private outcomeCount(): number {
    const c = this.counts;
    if (this.options.task === 'regression') return c.regression.count;
    let n = 0;
    for (let i = 0; i < c.outcomes.length; i++) n += c.outcomes[i]!;
    return n;
  }

  private emit(event: MonitorEvent): void {
    this.safety.event(event);
    if (!this.onEvent) return;
    try {
      this.onEvent(event);
    } catch (e) {
      this.safety.contain('listener', e);
    }
  }
}
