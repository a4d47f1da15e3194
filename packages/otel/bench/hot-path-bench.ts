// npm run bench (in packages/otel): the cost of ModelMonitor.recordPrediction against a real sdk-metrics
// MeterProvider, next to the naive design (one Histogram.record with attributes per feature value) on the
// same provider and inputs; heap growth per prediction; memory of 10 models x 100 features.
// It prints PASS/FAIL per target and exits 1 when one is missed, so a regression fails `npm run bench`.
// The decision audit trail (the `audit` option) is timed against the same monitor without it, through a real
// sdk-logs LoggerProvider whose exporter discards, so the figure is the monitor's and the SDK's cost, not a network's.
import { createRequire } from 'node:module';
import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { BatchLogRecordProcessor, LoggerProvider, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { ATTR, DEFAULT_DURATION_BUCKETS, METRICS } from '@modelwatch/semconv';
import { ModelMonitor, type ModelMonitorOptions, type PredictionRecord } from '@modelwatch/otel';
import type { ReferenceProfile } from '@modelwatch/stats';
import {
  GROUP,
  POSITIVE,
  SCORE,
  categoricalName,
  numericName,
  syntheticInputs,
  syntheticProfile,
  type SyntheticShape,
} from './synthetic.js';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

const PREDICTIONS = env('BENCH_PREDICTIONS', 1_000_000);
const NAIVE_PREDICTIONS = env('BENCH_NAIVE_PREDICTIONS', 1_000_000);
const WARMUP = 200_000;
const BATCH = 1_000;
/** Distinct pre-generated inputs, cycled through (a power of two). */
const POOL = 1 << 14;
const SHAPE: SyntheticShape = { numeric: 20, categorical: 3, categories: 10, rows: 60_000, maxKnots: 4096 };
const FEATURE_VALUES = SHAPE.numeric + SHAPE.categorical;
const MEMORY_MODELS = 10;
const MEMORY_SHAPE: SyntheticShape = { numeric: 90, categorical: 10, categories: 10, rows: 20_000, maxKnots: 4096 };
/** Predictions per model in the memory measurement (and the small pending store of its second variant). */
const MEMORY_PREDICTIONS_PER_MODEL = 1_000;
/** sdk-metrics' default cardinality limit per instrument per reader. */
const SDK_CARDINALITY_LIMIT = 2000;

const TARGET_MEDIAN_NS = 3_000;
const TARGET_PER_FEATURE_NS = 100;
const TARGET_SPEEDUP = 15;
const TARGET_HEAP_BYTES_PER_PREDICTION = 1;
const TARGET_MEMORY_BYTES = 64 * 1024 ** 2;
/**
 * Auditing at its default rate: the median prediction at most this many times that of the same monitor without
 * audit, timed interleaved in the same run (a ratio holds on a shared machine where absolute times do not).
 */
const TARGET_AUDIT_RATIO = 1.25;
const AUDIT_PREDICTIONS = Math.min(PREDICTIONS, 400_000);

const gc = (globalThis as { gc?: () => void }).gc;

function fullGc(): void {
  // Two passes: the first may only promote, and weak or finalisable objects need a second.
  gc?.();
  gc?.();
}

function heapBytes(): number {
  const m = process.memoryUsage();
  // Typed arrays live outside the V8 heap; the monitor's counts are typed arrays, so count both.
  return m.heapUsed + m.arrayBuffers;
}

interface Timing {
  median: number;
  p99: number;
  mean: number;
  predictions: number;
}

function summarize(perCall: Float64Array, predictions: number): Timing {
  const sorted = Float64Array.from(perCall).sort();
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  let sum = 0;
  for (const v of perCall) sum += v;
  return { median: q(0.5), p99: q(0.99), mean: sum / perCall.length, predictions };
}

/** Runs `count` predictions through `record`, timing batches of BATCH calls; returns ns per call of each batch. */
function timed(
  record: (r: PredictionRecord) => unknown,
  inputs: PredictionRecord[],
  count: number,
  start = 0
): Timing & { perCall: Float64Array } {
  const batches = Math.floor(count / BATCH);
  const perCall = new Float64Array(batches);
  const mask = inputs.length - 1;
  let i = start;
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < BATCH; k++) record(inputs[i++ & mask]!);
    perCall[b] = Number(process.hrtime.bigint() - t0) / BATCH;
  }
  return { ...summarize(perCall, batches * BATCH), perCall };
}

/** Two timings of the same design as one: batch times pooled, so the median is over both. */
function pooled(
  a: { perCall: Float64Array; predictions: number },
  b: { perCall: Float64Array; predictions: number }
): Timing {
  const perCall = new Float64Array(a.perCall.length + b.perCall.length);
  perCall.set(a.perCall);
  perCall.set(b.perCall, a.perCall.length);
  return summarize(perCall, a.predictions + b.predictions);
}

/**
 * A second, separately loaded copy of sdk-metrics for the naive design. Its attribute shapes would otherwise make
 * the SDK's attribute hashing polymorphic for Modelwatch's duration record as well (measured: about half again
 * slower), a cost a service that does not also run the naive design never pays; with its own copy, Modelwatch
 * can be timed both before and after it.
 */
function separateSdkMetrics(): typeof import('@opentelemetry/sdk-metrics') {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@opentelemetry/sdk-metrics');
  const root = entry.slice(0, entry.lastIndexOf('/build/') + 1);
  for (const key of Object.keys(require.cache)) if (key.startsWith(root)) delete require.cache[key];
  return require('@opentelemetry/sdk-metrics') as typeof import('@opentelemetry/sdk-metrics');
}

function untimed(record: (r: PredictionRecord) => unknown, inputs: PredictionRecord[], count: number, start = 0): void {
  const mask = inputs.length - 1;
  for (let i = start; i < start + count; i++) record(inputs[i & mask]!);
}

/**
 * The design the library replaces: every feature value and the score recorded into an OTel Histogram with
 * {model.name, model.version, feature}, categorical values into a Counter with the category, and a Counter
 * per prediction with its group and class. Attribute objects are built once and reused, which is kinder to
 * it than typical code: the SDK still hashes them on every call.
 */
class NaiveDesign {
  private readonly values: Histogram;
  private readonly categories: Counter;
  private readonly predictions: Counter;
  private readonly duration: Histogram;
  private readonly numeric: { name: string; attributes: Attributes }[];
  private readonly categorical: { name: string; byValue: Map<string, Attributes> }[];
  private readonly scoreAttributes: Attributes;
  private readonly base: Attributes;
  private readonly predictionAttributes = new Map<string, Attributes>();

  constructor(meter: Meter, model: { name: string; version: string }, shape: SyntheticShape) {
    this.base = { [ATTR.modelName]: model.name, [ATTR.modelVersion]: model.version };
    this.values = meter.createHistogram('naive.feature.value');
    this.categories = meter.createCounter('naive.feature.category');
    this.predictions = meter.createCounter('naive.predictions');
    this.duration = meter.createHistogram('naive.inference.duration', {
      unit: 's',
      advice: { explicitBucketBoundaries: [...DEFAULT_DURATION_BUCKETS] },
    });
    this.numeric = Array.from({ length: shape.numeric }, (_, j) => ({
      name: numericName(j),
      attributes: { ...this.base, [ATTR.feature]: numericName(j) },
    }));
    this.categorical = Array.from({ length: shape.categorical }, (_, j) => ({
      name: categoricalName(j),
      byValue: new Map(),
    }));
    this.scoreAttributes = { ...this.base, [ATTR.feature]: SCORE };
  }

  record(r: PredictionRecord): void {
    const f = r.features!;
    for (const n of this.numeric) this.values.record(f[n.name] as number, n.attributes);
    for (const c of this.categorical) {
      const value = f[c.name] as string;
      let attributes = c.byValue.get(value);
      if (attributes === undefined) {
        attributes = { ...this.base, [ATTR.feature]: c.name, [ATTR.bin]: value };
        c.byValue.set(value, attributes);
      }
      this.categories.add(1, attributes);
    }
    const score = r.score!;
    this.values.record(score, this.scoreAttributes);
    const cls = score >= 0.5 ? POSITIVE : 'no';
    const group = r.attributes![GROUP] as string;
    const key = `${group}\u0000${cls}`;
    let attributes = this.predictionAttributes.get(key);
    if (attributes === undefined) {
      attributes = { ...this.base, [ATTR.groupValue]: group, [ATTR.predictionClass]: cls };
      this.predictionAttributes.set(key, attributes);
    }
    this.predictions.add(1, attributes);
    this.duration.record(r.durationSeconds!, this.base);
  }
}

function provider(cardinalityLimit?: number): {
  provider: MeterProvider;
  reader: PeriodicExportingMetricReader;
  exporter: InMemoryMetricExporter;
} {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // Exports only when asked (forceFlush); the hour-long interval keeps the timer out of the measurements.
  const reader = new PeriodicExportingMetricReader({
    exporter,
    exportIntervalMillis: 3_600_000,
    ...(cardinalityLimit ? { cardinalityLimits: { default: cardinalityLimit } } : {}),
  });
  return { provider: new MeterProvider({ readers: [reader] }), reader, exporter };
}

/**
 * `value` with at least `digits` decimals, and more while rounding would carry it across the target
 * (9.96 printed as 10.0 next to "target >= 10" reads as a pass).
 */
function honest(value: number, digits: number, passes: (x: number) => boolean): string {
  let d = digits;
  while (d < 6 && passes(Number(value.toFixed(d))) !== passes(value)) d++;
  return value.toFixed(d);
}
const ns = (x: number, passes: (ns: number) => boolean = () => true): string => `${honest(x, 0, passes)} ns`;
const us = (x: number, passes: (ns: number) => boolean = () => true): string =>
  `${honest(x / 1000, 2, (v) => passes(v * 1000))} µs`;
const mib = (b: number, passes: (bytes: number) => boolean = () => true): string =>
  `${honest(b / 1024 ** 2, 1, (v) => passes(v * 1024 ** 2))} MiB`;
const signedNs = (x: number): string => `${x >= 0 ? '+' : ''}${ns(x)}`;
const verdicts: { name: string; pass: boolean }[] = [];
function verdict(name: string, figure: string, target: string, pass: boolean): void {
  verdicts.push({ name, pass });
  console.log(`  ${pass ? 'PASS' : 'FAIL <<<'}  ${name}: ${figure} (target ${target})`);
}

function seriesCounts(metrics: MetricData[], model?: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of metrics) {
    const points = m.dataPoints.filter((p) => model === undefined || p.attributes[ATTR.modelName] === model);
    out.set(m.descriptor.name, (out.get(m.descriptor.name) ?? 0) + points.length);
  }
  return out;
}

interface MemoryFigures {
  afterRecording: number;
  afterCollection: number;
  series: Map<string, number>;
}

/** Heap + array buffers of MEMORY_MODELS monitors built from the profile's JSON text, after recording and after one collection. */
async function memoryOf(
  profileText: string,
  inputs: PredictionRecord[],
  maxPending?: number
): Promise<MemoryFigures & { monitors: ModelMonitor[]; since: () => number; done: () => Promise<void> }> {
  const { provider: meterProvider, reader, exporter } = provider(1_000_000);
  fullGc();
  const m0 = heapBytes();
  const since = (): number => {
    fullGc();
    return heapBytes() - m0;
  };
  const monitors: ModelMonitor[] = [];
  for (let k = 0; k < MEMORY_MODELS; k++) {
    const m = new ModelMonitor({
      model: { name: `model-${k}`, version: '1.0.0' },
      profile: profileText,
      meterProvider,
      protectedAttributes: [GROUP],
      ...(maxPending ? { outcomes: { maxPending } } : {}),
    });
    untimed((r) => m.recordPrediction(r), inputs, MEMORY_PREDICTIONS_PER_MODEL);
    monitors.push(m);
  }
  const afterRecording = since();
  await reader.forceFlush();
  const series = seriesCounts(
    exporter
      .getMetrics()
      .at(-1)!
      .scopeMetrics.flatMap((s) => s.metrics)
  );
  exporter.reset();
  const afterCollection = since();
  return {
    afterRecording,
    afterCollection,
    series,
    monitors,
    since,
    done: async () => {
      for (const m of monitors) m.shutdown();
      await meterProvider.shutdown();
    },
  };
}

/** Counts what it is given and drops it: the bench measures emitting audit events, not shipping them. */
class DiscardingExporter {
  records = 0;
  export(records: ReadableLogRecord[], done: (result: { code: number }) => void): void {
    this.records += records.length;
    done({ code: 0 }); // ExportResultCode.SUCCESS
  }
  async shutdown(): Promise<void> {}
  async forceFlush(): Promise<void> {}
}

interface AuditFigures {
  off: Timing;
  on: Timing;
  everyEvent: Timing;
  /** Events emitted by the default-rate monitor, and the predictions it saw. */
  emitted: number;
  decisions: number;
}

/**
 * The same inputs through three monitors on one MeterProvider: without audit, with audit at its default rate (1%,
 * plus near-threshold scores and a minimum per group), and with every decision emitted (rate 1), the last giving the
 * cost of one event. Each has its own LoggerProvider, flushed between timed runs as its timer would between requests
 * (the timed loop is synchronous, so the processor could not export during it); the every-event monitor runs in
 * chunks of EVENT_CHUNK, so its queue holds what a processor exporting every few hundred milliseconds would.
 */
async function auditCost(profile: ReferenceProfile, inputs: PredictionRecord[]): Promise<AuditFigures> {
  const EVENT_CHUNK = 2 * BATCH;
  const { provider: meterProvider } = provider();
  const sinks = [0, 1, 2].map(() => {
    const exporter = new DiscardingExporter();
    const loggerProvider = new LoggerProvider({
      processors: [new BatchLogRecordProcessor({ exporter, maxQueueSize: 1 << 16, scheduledDelayMillis: 200 })],
    });
    return { exporter, loggerProvider };
  });
  const withIds = inputs.map((r, i) => ({ ...r, attributes: { ...r.attributes, applicant: `A-${i}` } }));
  const audit = (k: number, rate?: number): ModelMonitorOptions['audit'] => ({
    loggerProvider: sinks[k]!.loggerProvider,
    features: [numericName(0), numericName(1), categoricalName(0)],
    identifiers: ['applicant'],
    key: 'bench-key-bench-key-bench-key-bench-key',
    sampling: { nearThreshold: 0.001, minPerGroup: 5, seed: 1, ...(rate === undefined ? {} : { rate }) },
  });
  const make = (name: string, extra: Partial<ModelMonitorOptions>): ModelMonitor =>
    new ModelMonitor({
      model: { name, version: '1.0.0' },
      profile,
      meterProvider,
      protectedAttributes: [GROUP],
      ...extra,
    });
  const monitors = [
    make('audit-off', {}),
    make('audit-on', { audit: audit(1) }),
    make('audit-all', { audit: audit(2, 1) }),
  ];
  const runs = monitors.map(
    (m) =>
      (r: PredictionRecord): unknown =>
        m.recordPrediction(r)
  );
  const flush = (): Promise<void[]> => Promise.all(sinks.map((s) => s.loggerProvider.forceFlush()));
  for (const run of runs) {
    for (let done = 0; done < WARMUP; done += EVENT_CHUNK * 10) {
      untimed(run, withIds, EVENT_CHUNK * 10, done);
      await flush();
    }
  }
  const emittedBefore = sinks[1]!.exporter.records;
  const seenBefore = monitors[1]!.snapshot().predictions;
  const perCall: Float64Array[][] = [[], [], []];
  const predictions = [0, 0, 0];
  for (let half = 0; half < 2; half++)
    for (const [k, run] of runs.entries()) {
      const n = k === 2 ? AUDIT_PREDICTIONS / 8 : AUDIT_PREDICTIONS / 2;
      const chunk = k === 2 ? EVENT_CHUNK : n;
      for (let done = 0; done < n; done += chunk) {
        const t = timed(run, withIds, chunk, WARMUP + half * n + done);
        perCall[k]!.push(t.perCall);
        predictions[k]! += t.predictions;
        await flush();
      }
    }
  const timing = (k: number): Timing => {
    const all = new Float64Array(perCall[k]!.reduce((s, a) => s + a.length, 0));
    let at = 0;
    for (const a of perCall[k]!) {
      all.set(a, at);
      at += a.length;
    }
    return summarize(all, predictions[k]!);
  };
  const figures = {
    off: timing(0),
    on: timing(1),
    everyEvent: timing(2),
    emitted: sinks[1]!.exporter.records - emittedBefore,
    decisions: monitors[1]!.snapshot().predictions - seenBefore,
  };
  for (const m of monitors) m.shutdown();
  await Promise.all(sinks.map((s) => s.loggerProvider.shutdown()));
  await meterProvider.shutdown();
  return figures;
}

async function main(): Promise<void> {
  if (!gc) console.log('WARNING: global.gc is not exposed (run with node --expose-gc): heap figures are unreliable.\n');
  const t0 = Date.now();
  const profile = syntheticProfile(SHAPE);
  const knots = Object.values(profile.columns).flatMap((c) => (c.type === 'numeric' ? [c.knots.values.length] : []));
  const inputs = syntheticInputs(SHAPE, POOL);
  const bareInputs = inputs.map(({ score, durationSeconds, attributes }) => ({ score, durationSeconds, attributes }));
  const bareProfile: ReferenceProfile = {
    ...profile,
    columns: Object.fromEntries(Object.entries(profile.columns).filter(([, c]) => c.role !== 'feature')),
  };
  console.log(
    `Modelwatch hot-path benchmark (Node ${process.version}, ${process.arch}, ${PREDICTIONS.toLocaleString('en')} predictions)`
  );
  console.log(
    `  profile: ${SHAPE.numeric} numeric features + score (quantile summaries of ${Math.min(...knots)}-${Math.max(...knots)} knots, at most ${SHAPE.maxKnots}, ` +
      `from ${SHAPE.rows.toLocaleString('en')} values each), ${SHAPE.categorical} categorical features (${SHAPE.categories} categories), ` +
      `protected attribute '${GROUP}'; built in ${Date.now() - t0} ms`
  );
  console.log(
    `  inputs: ${POOL.toLocaleString('en')} pre-generated predictions, cycled; timing in batches of ${BATCH.toLocaleString('en')} calls\n`
  );

  const { provider: meterProvider, reader, exporter } = provider();
  const model = { name: 'bench-model', version: '1.0.0' };
  const monitor = new ModelMonitor({ model, profile, meterProvider, protectedAttributes: [GROUP] });
  const record = (r: PredictionRecord): unknown => monitor.recordPrediction(r);

  // Warm-up: lets the JIT optimise the path and fills the pending-outcome store to its bound.
  untimed(record, inputs, WARMUP);
  // Modelwatch is timed in two halves, before and after the naive design (A-B-A): on a shared machine whose
  // speed drifts over the naive design's half minute, the pooled halves see the same average conditions.
  const before = timed(record, inputs, PREDICTIONS / 2, WARMUP);

  const naiveSdk = separateSdkMetrics();
  if (naiveSdk.MeterProvider === MeterProvider)
    throw new Error('the naive design must run on its own copy of sdk-metrics');
  const naiveProvider = new naiveSdk.MeterProvider({
    readers: [
      new naiveSdk.PeriodicExportingMetricReader({
        exporter: new naiveSdk.InMemoryMetricExporter(naiveSdk.AggregationTemporality.CUMULATIVE),
        exportIntervalMillis: 3_600_000,
      }),
    ],
  });
  const naive = new NaiveDesign(
    naiveProvider.getMeter('naive-design'),
    { name: 'bench-naive', version: '1.0.0' },
    SHAPE
  );
  const recordNaive = (r: PredictionRecord): void => naive.record(r);
  untimed(recordNaive, inputs, 20_000);
  const naiveTiming = timed(recordNaive, inputs, NAIVE_PREDICTIONS, 20_000);
  await naiveProvider.shutdown();

  const after = timed(record, inputs, PREDICTIONS / 2, WARMUP + PREDICTIONS / 2);
  const modelwatch = pooled(before, after);

  // Heap growth: a second million after the first; the store is already full, so it cannot grow further.
  fullGc();
  const heapBefore = heapBytes();
  const pendingBefore = monitor.snapshot().outcomes.pending;
  untimed(record, inputs, PREDICTIONS, WARMUP + PREDICTIONS);
  fullGc();
  const heapAfter = heapBytes();
  const snap = monitor.snapshot();
  const growthPerPrediction = (heapAfter - heapBefore) / PREDICTIONS;

  // Marginal cost of features: the same calls without them, on a monitor whose profile has none.
  const bare = new ModelMonitor({
    model: { name: 'bench-bare', version: '1.0.0' },
    profile: bareProfile,
    meterProvider,
    protectedAttributes: [GROUP],
  });
  const recordBare = (r: PredictionRecord): unknown => bare.recordPrediction(r);
  untimed(recordBare, bareInputs, WARMUP);
  const bareTiming = timed(recordBare, bareInputs, Math.min(PREDICTIONS, 500_000), WARMUP);

  // The one SDK call the design keeps per prediction, alone: its cost is a floor no aggregation can remove.
  const durationOnly = meterProvider.getMeter('duration-only').createHistogram('duration.only', {
    unit: 's',
    advice: { explicitBucketBoundaries: [...DEFAULT_DURATION_BUCKETS] },
  });
  const durationAttributes: Attributes = Object.freeze({
    [ATTR.modelName]: model.name,
    [ATTR.modelVersion]: model.version,
  });
  const recordDuration = (r: PredictionRecord): void => durationOnly.record(r.durationSeconds!, durationAttributes);
  untimed(recordDuration, inputs, WARMUP);
  const durationTiming = timed(recordDuration, inputs, Math.min(PREDICTIONS, 500_000), WARMUP);

  const c0 = process.hrtime.bigint();
  await reader.forceFlush();
  const collectMs = Number(process.hrtime.bigint() - c0) / 1e6;
  const exported = exporter
    .getMetrics()
    .at(-1)!
    .scopeMetrics.flatMap((s) => s.metrics);
  const series = seriesCounts(exported, model.name);
  const exportedPredictions = exported
    .find((m) => m.descriptor.name === METRICS.predictions.name)!
    .dataPoints.filter((p) => p.attributes[ATTR.modelName] === model.name)
    .reduce((s, p) => s + (p.value as number), 0);

  const perFeatureAverage = modelwatch.median / FEATURE_VALUES;
  const perFeatureMarginal = (modelwatch.median - bareTiming.median) / FEATURE_VALUES;
  const speedup = naiveTiming.median / modelwatch.median;

  console.log(
    `recordPrediction (${FEATURE_VALUES} features + score + duration + protected attribute), real sdk-metrics MeterProvider:`
  );
  console.log(
    `  modelwatch: median ${us(modelwatch.median)}, p99 ${us(modelwatch.p99)}, mean ${us(modelwatch.mean)} per prediction over ${modelwatch.predictions.toLocaleString('en')} predictions`
  );
  console.log(
    `    timed in two halves around the naive design: median ${us(before.median)} before, ${us(after.median)} after`
  );
  console.log(
    `    per feature value: ${ns(perFeatureMarginal)} marginal ((median - ${us(bareTiming.median)} for the same call without features) / ${FEATURE_VALUES}), ${ns(perFeatureAverage)} average (median / ${FEATURE_VALUES})`
  );
  console.log(
    `    of which the duration Histogram.record (the one SDK call per prediction), measured alone: median ${us(durationTiming.median)}`
  );
  console.log(
    `  naive:      median ${us(naiveTiming.median)}, p99 ${us(naiveTiming.p99)}, mean ${us(naiveTiming.mean)} per prediction over ${naiveTiming.predictions.toLocaleString('en')} predictions (${ns(naiveTiming.median / FEATURE_VALUES)} per feature value)`
  );
  console.log(
    `  speed-up:   ${speedup.toFixed(1)}x at the median, ${(naiveTiming.p99 / modelwatch.p99).toFixed(1)}x at p99`
  );
  console.log(
    `  heap:       ${heapAfter - heapBefore >= 0 ? '+' : ''}${((heapAfter - heapBefore) / 1024).toFixed(1)} KiB over a second ${PREDICTIONS.toLocaleString('en')} predictions ` +
      `(${growthPerPrediction.toFixed(3)} B/prediction); the pending-outcome store was at its bound before and after ` +
      `(${pendingBefore.toLocaleString('en')} -> ${snap.outcomes.pending.toLocaleString('en')} entries, ${snap.outcomes.evicted.toLocaleString('en')} evicted so far)`
  );
  console.log(
    `  export:     one collection (${[...series.values()].reduce((a, b) => a + b, 0)} series of this model, and the other instruments on the provider) took ${collectMs.toFixed(1)} ms; ` +
      `exported predictions ${exportedPredictions.toLocaleString('en')} = recorded ${snap.predictions.toLocaleString('en')}: ${exportedPredictions === snap.predictions ? 'yes' : 'NO'}`
  );
  monitor.shutdown();
  bare.shutdown();
  await meterProvider.shutdown();

  // Memory of 10 models x 100 features, each monitor given its profile as JSON text (so it owns the parse).
  const memoryText = JSON.stringify(syntheticProfile(MEMORY_SHAPE, 7));
  const memoryInputs = syntheticInputs(MEMORY_SHAPE, 1 << 10, 8);
  fullGc();
  const p0 = heapBytes();
  const parsed = Array.from({ length: MEMORY_MODELS }, () => JSON.parse(memoryText) as unknown);
  fullGc();
  const parsedBytes = heapBytes() - p0;
  parsed.length = 0;
  const small = await memoryOf(memoryText, memoryInputs, MEMORY_PREDICTIONS_PER_MODEL);
  await small.done();
  const memory = await memoryOf(memoryText, memoryInputs);
  // Then every pending-outcome store filled to its bound (100,000 predictions each by default).
  const capacity = 100_000;
  for (const m of memory.monitors)
    untimed((r) => m.recordPrediction(r), memoryInputs, capacity - MEMORY_PREDICTIONS_PER_MODEL);
  const withFullStores = memory.since();
  await memory.done();
  const overLimit = [...memory.series].filter(([, n]) => n > SDK_CARDINALITY_LIMIT);
  const features = MEMORY_SHAPE.numeric + MEMORY_SHAPE.categorical;
  console.log(
    `\n${MEMORY_MODELS} models x ${features} features (${MEMORY_SHAPE.numeric} numeric with up to ${MEMORY_SHAPE.maxKnots} knots, ${MEMORY_SHAPE.categorical} categorical) + score + protected attribute, heap + array buffers:`
  );
  console.log(
    `  default options: ${mib(memory.afterRecording)} after construction and ${MEMORY_PREDICTIONS_PER_MODEL.toLocaleString('en')} predictions each, ${mib(memory.afterCollection)} after one collection (SDK export state included)`
  );
  console.log(
    `  outcomes.maxPending ${MEMORY_PREDICTIONS_PER_MODEL.toLocaleString('en')}: ${mib(small.afterRecording)} / ${mib(small.afterCollection)} (the default store of ${capacity.toLocaleString('en')} is allocated up front)`
  );
  console.log(
    `  the ${MEMORY_MODELS} parsed profiles alone: ${mib(parsedBytes)} (each monitor keeps its parsed profile)`
  );
  console.log(
    `  with every pending-outcome store full (${capacity.toLocaleString('en')} each): ${mib(withFullStores)} in all (bounded by outcomes.maxPending)`
  );
  console.log(
    `  series per instrument (all models): ${[...memory.series]
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`
  );
  if (overLimit.length > 0) {
    console.log(
      `  NOTE: ${overLimit.map(([k]) => k).join(', ')} exceed sdk-metrics' default cardinality limit of ${SDK_CARDINALITY_LIMIT} series per instrument per reader;`
    );
    console.log(
      '        this run raised it (cardinalityLimits on the reader); with the default the excess collapses into otel.metric.overflow="true".'
    );
  }

  const auditFigures = await auditCost(profile, inputs);
  const auditOverhead = auditFigures.on.median - auditFigures.off.median;
  const perEvent = auditFigures.everyEvent.median - auditFigures.off.median;
  console.log(
    `\naudit trail (the audit option: 3 allowlisted features, 1 hashed identifier, real sdk-logs BatchLogRecordProcessor, exporter discarding):`
  );
  console.log(
    `  audit off:                 median ${us(auditFigures.off.median)}, p99 ${us(auditFigures.off.p99)} per prediction`
  );
  console.log(
    `  audit on (rate 0.01, nearThreshold 0.001, minPerGroup 5 per minute): median ${us(auditFigures.on.median)}, p99 ${us(auditFigures.on.p99)}: ${signedNs(auditOverhead)} at the median`
  );
  console.log(
    `  every decision emitted (rate 1): median ${us(auditFigures.everyEvent.median)}, p99 ${us(auditFigures.everyEvent.p99)}: about ${us(perEvent)} per emitted event`
  );
  console.log(
    `  the default-rate monitor emitted ${auditFigures.emitted.toLocaleString('en')} events for ${auditFigures.decisions.toLocaleString('en')} timed decisions (${((100 * auditFigures.emitted) / auditFigures.decisions).toFixed(2)}%)`
  );

  console.log('\nTargets:');
  verdict(
    'median per prediction',
    us(modelwatch.median, (x) => x <= TARGET_MEDIAN_NS),
    `<= ${us(TARGET_MEDIAN_NS)}`,
    modelwatch.median <= TARGET_MEDIAN_NS
  );
  verdict(
    'per feature value (marginal)',
    ns(perFeatureMarginal, (x) => x < TARGET_PER_FEATURE_NS),
    `< ${ns(TARGET_PER_FEATURE_NS)}`,
    perFeatureMarginal < TARGET_PER_FEATURE_NS
  );
  verdict(
    'speed-up over the naive design (median)',
    `${honest(speedup, 1, (x) => x >= TARGET_SPEEDUP)}x`,
    `>= ${TARGET_SPEEDUP}x`,
    speedup >= TARGET_SPEEDUP
  );
  verdict(
    'heap growth per prediction beyond the bounded store',
    gc
      ? `${honest(growthPerPrediction, 3, (x) => x < TARGET_HEAP_BYTES_PER_PREDICTION)} B`
      : 'not measured (no --expose-gc)',
    `< ${TARGET_HEAP_BYTES_PER_PREDICTION} B`,
    gc !== undefined && growthPerPrediction < TARGET_HEAP_BYTES_PER_PREDICTION && snap.outcomes.pending <= pendingBefore
  );
  const memoryFigure = Math.max(memory.afterRecording, memory.afterCollection);
  verdict(
    `memory for ${MEMORY_MODELS} models x ${features} features, default options`,
    mib(memoryFigure, (x) => x < TARGET_MEMORY_BYTES),
    `< ${mib(TARGET_MEMORY_BYTES)}`,
    gc !== undefined && memoryFigure < TARGET_MEMORY_BYTES
  );
  const auditRatio = auditFigures.on.median / auditFigures.off.median;
  verdict(
    'audit at its default rate, median relative to the same monitor without it',
    `${honest(auditRatio, 2, (x) => x <= TARGET_AUDIT_RATIO)}x (${signedNs(auditOverhead)})`,
    `<= ${TARGET_AUDIT_RATIO}x`,
    auditRatio <= TARGET_AUDIT_RATIO
  );
  const failed = verdicts.filter((v) => !v.pass);
  console.log(
    failed.length === 0
      ? '\nALL TARGETS MET'
      : `\n${failed.length} TARGET(S) MISSED: ${failed.map((v) => v.name).join('; ')}`
  );
  if (failed.length > 0) process.exitCode = 1;
}

await main();
