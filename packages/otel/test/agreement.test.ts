// Agreement: what Prometheus would compute from the exported counts equals what @modelwatch/stats computes
// in batch on the same rows, binned the same way, and what monitor.snapshot() says.
//
// Equality is exact wherever both sides do the same floating-point operations in the same order (integer
// counts, bin counts added one value at a time in stream order, CBPE sums in stream order). Where the order
// or the operations differ, values are compared to 1e-12 relative and the reason is stated at the assertion.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Attributes } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { ATTR, BIN, METRICS, SELF_ERRORS, type MetricSpec } from '@modelwatch/semconv';
import {
  ReferenceBinning,
  binaryClassificationReport,
  binnedDrift,
  estimatePerformance,
  estimatePerformanceFromCounts,
  fairnessFromCounts,
  fairnessReport,
  isMissing,
  jensenShannon,
  parseNumber,
  psi,
  rates,
  referenceDistribution,
  toShares,
  type ClassificationRates,
  type ColumnProfile,
  type ConfusionCounts,
  type FairnessReport,
  type GroupCounts,
  type ReferenceProfile,
} from '@modelwatch/stats';
import { runCheck, runProfile, type CheckReport } from '@modelwatch/cli';
import { ModelMonitor, type FeatureValue, type MonitorSnapshot } from '@modelwatch/otel';

const DATA = resolve(__dirname, '../../../examples/lending/data');
const MODEL = { name: 'mortgage-approval', version: '2.3.0' };
const LABEL = 'deny';
const POSITIVE = 'yes';
const SCORE = 'score';
const GROUP = 'afam';
const THRESHOLD = 0.5;
const BINS = 10;
const LENDING_TARGET = { label: LABEL, positive: POSITIVE, score: SCORE, prediction: null, threshold: null };
/** Collections while the stream runs, as periodic scrapes would do; see fractional counters below. */
const SCRAPE_EVERY = 200;

type Row = Record<string, string>;

interface Point {
  attributes: Attributes;
  value: number;
}

function expectClose(actual: number, expected: number, what: string, relative = 1e-12): void {
  if (Number.isNaN(expected)) {
    expect({ what, actual }).toEqual({ what, actual: Number.NaN });
    return;
  }
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  const ok = Math.abs(actual - expected) <= relative * scale;
  if (!ok) throw new Error(`${what}: ${actual} differs from ${expected} by more than ${relative} relative`);
}

function expectSame(actual: number, expected: number, what: string): void {
  expect({ what, value: actual }).toEqual({ what, value: expected });
}

/** Bin labels of a column in the monitor's documented order: 0..B-1, or categories, __other__, __missing__. */
function binLabels(column: ColumnProfile): string[] {
  if (column.type === 'numeric') return Array.from({ length: BINS }, (_, j) => String(j));
  return [...Object.keys(column.categories), BIN.other, BIN.missing];
}

/** The four binary cells from a map of "predicted|actual" to count. */
function cellsOf(cells: Map<string, number>): ConfusionCounts {
  const get = (p: string, a: string): number => cells.get(`${p}|${a}`) ?? 0;
  const negative = 'no';
  return {
    tp: get(POSITIVE, POSITIVE),
    fp: get(POSITIVE, negative),
    fn: get(negative, POSITIVE),
    tn: get(negative, negative),
  };
}

const RATE_KEYS = ['accuracy', 'precision', 'recall', 'f1'] as const satisfies readonly (keyof ClassificationRates)[];

function sameFairness(actual: FairnessReport, expected: FairnessReport, what: string): void {
  expect(Object.keys(actual.groups).sort()).toEqual(Object.keys(expected.groups).sort());
  for (const [name, g] of Object.entries(expected.groups)) {
    const a = actual.groups[name]!;
    expectSame(a.count, g.count, `${what} ${name} count`);
    expectSame(a.selectionRate, g.selectionRate, `${what} ${name} selection rate`);
    for (const key of ['tpr', 'fpr', 'fnr'] as const)
      expectSame(a[key] ?? Number.NaN, g[key] ?? Number.NaN, `${what} ${name} ${key}`);
  }
  expect(actual.labelled).toBe(expected.labelled);
  // max − min and min / max do not depend on the order the groups are listed in.
  expectSame(actual.disparateImpact, expected.disparateImpact, `${what} disparate impact`);
  expectSame(
    actual.demographicParityDifference,
    expected.demographicParityDifference,
    `${what} demographic parity difference`
  );
  expectSame(
    actual.equalizedOddsDifference ?? Number.NaN,
    expected.equalizedOddsDifference ?? Number.NaN,
    `${what} equalized-odds difference`
  );
  expect([...actual.included].sort()).toEqual([...expected.included].sort());
}

describe('the exported counts agree with @modelwatch/stats in batch and with snapshot()', () => {
  let dir: string;
  let profile: ReferenceProfile;
  let rows: Row[];
  let provider: MeterProvider;
  let exporter: InMemoryMetricExporter;
  let reader: PeriodicExportingMetricReader;
  let monitor: ModelMonitor;
  let snapshot: MonitorSnapshot;
  let exported: MetricData[];
  let check: CheckReport;
  let collections = 0;

  /** Data points of one metric for this model, from the last export the SDK made. */
  const points = (spec: MetricSpec, where: Record<string, string> = {}): Point[] => {
    const metric = exported.find((m) => m.descriptor.name === spec.name);
    if (!metric) throw new Error(`${spec.name} was not exported`);
    return (metric.dataPoints as Point[]).filter(
      (p) =>
        p.attributes[ATTR.modelName] === MODEL.name &&
        p.attributes[ATTR.modelVersion] === MODEL.version &&
        Object.entries(where).every(([k, v]) => p.attributes[k] === v)
    );
  };

  /** Exported value per bin of a feature, in the order of `labels` (absent bins were never exported: an error). */
  const byBin = (spec: MetricSpec, feature: string, labels: string[]): number[] => {
    const found = new Map(
      points(spec, { [ATTR.feature]: feature }).map((p) => [String(p.attributes[ATTR.bin]), p.value])
    );
    expect([...found.keys()].sort()).toEqual([...labels].sort());
    return labels.map((b) => found.get(b)!);
  };

  const collect = async (): Promise<void> => {
    await reader.forceFlush();
    collections++;
  };

  const columns = (): [string, ColumnProfile][] =>
    Object.entries(profile.columns).filter(
      ([, c]) => c.role === 'feature' || c.role === 'score' || c.role === 'protected'
    );

  const actual01 = (): Uint8Array => Uint8Array.from(rows, (r) => (r[LABEL] === POSITIVE ? 1 : 0));
  const scores = (): Float64Array => Float64Array.from(rows, (r) => parseNumber(r[SCORE]!));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-agreement-'));
    profile = await runProfile({
      data: join(DATA, 'reference.csv'),
      target: LENDING_TARGET,
      columns: { categorical: [], ignore: [], protected: [GROUP] },
      out: join(dir, 'profile.json'),
    });
    rows = parse(readFileSync(join(DATA, 'current-drifted.csv')), { columns: true, skip_empty_lines: true }) as Row[];

    exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    // The interval is far beyond the test: every export below is one the test asks for with forceFlush.
    reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    provider = new MeterProvider({ readers: [reader] });
    monitor = new ModelMonitor({
      model: MODEL,
      profile: JSON.parse(readFileSync(join(dir, 'profile.json'), 'utf8')) as Record<string, unknown>,
      meterProvider: provider,
      protectedAttributes: [GROUP],
      positiveClass: POSITIVE,
      threshold: THRESHOLD,
      bins: BINS,
    });

    // Features as a service has them: numbers for numeric columns, strings for categorical ones; the
    // protected attribute travels in `attributes`, the label arrives later as the outcome.
    const featureColumns = Object.entries(profile.columns).filter(([, c]) => c.role === 'feature');
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const features: Record<string, FeatureValue> = {};
      for (const [name, c] of featureColumns) {
        const cell = row[name]!;
        features[name] = isMissing(cell) ? null : c.type === 'numeric' ? parseNumber(cell) : cell;
      }
      const id = monitor.recordPrediction({
        features,
        score: parseNumber(row[SCORE]!),
        durationSeconds: 0.002 + (i % 13) * 0.001,
        attributes: { [GROUP]: row[GROUP] },
      });
      if (id === undefined) throw new Error(`prediction ${i} was not recorded`);
      ids.push(id);
      if (i % SCRAPE_EVERY === SCRAPE_EVERY - 1) await collect();
    }
    for (let i = 0; i < rows.length; i++) {
      if (!monitor.recordOutcome(ids[i]!, rows[i]![LABEL]!)) throw new Error(`outcome ${i} was not joined`);
      if (i % SCRAPE_EVERY === SCRAPE_EVERY - 1) await collect();
    }
    await collect();
    const last = exporter.getMetrics().at(-1)!;
    exported = last.scopeMetrics.flatMap((s) => s.metrics);
    snapshot = monitor.snapshot();

    ({ report: check } = await runCheck({
      reference: join(dir, 'profile.json'),
      current: join(DATA, 'current-drifted.csv'),
      target: LENDING_TARGET,
      columns: { categorical: [], ignore: [], protected: [] },
      calibrate: false,
      format: 'json',
      out: join(dir, 'report.json'),
    }));
  });

  afterAll(async () => {
    monitor?.shutdown();
    await provider?.shutdown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exported the stream several times, the way periodic scrapes would', () => {
    expect(rows.length).toBe(1190);
    expect(collections).toBeGreaterThan(10);
    const total = points(METRICS.predictions).reduce((s, p) => s + p.value, 0);
    expectSame(total, rows.length, 'predictions');
    expect(snapshot.outcomes.matched).toBe(rows.length);
    expect(snapshot.internalErrors).toEqual(Object.fromEntries(SELF_ERRORS.map((kind) => [kind, 0])));
  });

  it('drift: PSI and Jensen–Shannon per feature from exported bin counts and reference shares equal batch binning', () => {
    const tracked = columns();
    expect(tracked.map(([n]) => n).sort()).toEqual([
      'afam',
      'chist',
      'condomin',
      'hirat',
      'hschool',
      'insurance',
      'lvrat',
      'mhist',
      'phist',
      'pirat',
      'score',
      'selfemp',
      'single',
      'unemp',
    ]);
    for (const [name, column] of tracked) {
      const labels = binLabels(column);
      const exportedCounts = byBin(METRICS.featureValues, name, labels);
      const exportedShares = byBin(METRICS.featureReferenceShare, name, labels);

      // Batch: the same rows, binned on their own by @modelwatch/stats.
      let batchCounts: Float64Array;
      let batchShares: Float64Array;
      if (column.type === 'numeric') {
        const binning = new ReferenceBinning(referenceDistribution(column), BINS);
        batchCounts = binning.counts(rows.filter((r) => !isMissing(r[name])).map((r) => parseNumber(r[name]!)));
        batchShares = binning.referenceShares();
      } else {
        const index = new Map(labels.map((l, i) => [l, i]));
        batchCounts = new Float64Array(labels.length);
        for (const r of rows) {
          const cell = r[name]!;
          const bin = isMissing(cell)
            ? BIN.missing
            : index.has(cell) && cell !== BIN.other && cell !== BIN.missing
              ? cell
              : BIN.other;
          batchCounts[index.get(bin)!]! += 1;
        }
        const referenceCounts = [...Object.values(column.categories), column.otherCount, column.missing];
        batchShares = Float64Array.from(referenceCounts, (c) => c / column.rows);
      }
      // Numeric bin counts are fractional where a value ties with the reference, and asynchronous counters
      // reach the exporter as previous export + (observation − previous observation): with more than one
      // collection that may round in the last place. Integer counts are exact however often they are collected.
      for (let b = 0; b < labels.length; b++) {
        if (Number.isInteger(batchCounts[b]!))
          expectSame(exportedCounts[b]!, batchCounts[b]!, `${name} bin ${labels[b]} count`);
        else expectClose(exportedCounts[b]!, batchCounts[b]!, `${name} bin ${labels[b]} count`);
        expectSame(exportedShares[b]!, batchShares[b]!, `${name} bin ${labels[b]} reference share`);
      }

      const fromExport = binnedDrift(exportedCounts, exportedShares);
      const batch = binnedDrift(batchCounts, batchShares);
      expectClose(fromExport.psi, batch.psi, `${name} PSI, export vs batch`);
      expectClose(fromExport.jensenShannon, batch.jensenShannon, `${name} JS, export vs batch`);
      // The same numbers through psi/jensenShannon directly, as a dashboard would evaluate them.
      expectClose(psi(exportedShares, toShares(exportedCounts)), batch.psi, `${name} psi()`);
      expectClose(jensenShannon(exportedShares, exportedCounts), batch.jensenShannon, `${name} jensenShannon()`);

      const s = snapshot.drift[name]!;
      expect(s.bins).toEqual(labels);
      // The snapshot's count is the sum of the (fractional) bin masses, so it carries their rounding.
      expectClose(s.count, rows.length, `${name} snapshot count`);
      for (let b = 0; b < labels.length; b++)
        expectSame(s.referenceShares[b]!, batchShares[b]!, `${name} snapshot reference share ${labels[b]}`);
      // The snapshot reads the very counts the batch added in the same order, so its PSI is bit-identical.
      expectSame(s.psi!, batch.psi, `${name} snapshot PSI`);
      // jensenShannon normalises its inputs; the snapshot passes raw counts and binnedDrift passes shares,
      // and normalising shares a second time can move the last bit.
      expectClose(s.jensenShannon!, batch.jensenShannon, `${name} snapshot JS`);
    }
  });

  it('drift: numeric and categorical PSI equal `modelwatch check` on the same profile', () => {
    let numeric = 0;
    for (const [name, column] of columns()) {
      const fromExport = binnedDrift(
        byBin(METRICS.featureValues, name, binLabels(column)),
        byBin(METRICS.featureReferenceShare, name, binLabels(column))
      );
      const reported = check.drift[name]!;
      if (column.type === 'numeric') {
        // Under 4,096 distinct reference values the profile keeps every value, so both use the same exact
        // reference. check bins each distinct current value once with its count as weight (w·overlap/width,
        // in sorted order); the monitor adds overlap/width once per value in stream order: equal up to rounding.
        expect(column.distinct).toBeLessThan(4096);
        expect(column.exact).toBe(true);
        numeric++;
      }
      // Categorical: check's shares over the union of categories equal the monitor's over its categories
      // plus __other__/__missing__, whose zero shares on both sides add exactly nothing to PSI.
      expectClose(fromExport.psi, reported.psi!, `${name} PSI vs modelwatch check`);
      expectClose(fromExport.jensenShannon, reported.jensenShannon!, `${name} JS vs modelwatch check`);
    }
    expect(numeric).toBe(6);
    // The scenario is a drift: the comparison is not of numbers that are all zero.
    expect(check.drift.lvrat!.psi!).toBeGreaterThan(0.1);
  });

  it('performance: realized accuracy, precision, recall and F1 from exported outcome cells equal the batch report', () => {
    const cells = new Map(
      points(METRICS.outcomes).map((p) => [
        `${String(p.attributes[ATTR.predictionClass])}|${String(p.attributes[ATTR.actualClass])}`,
        p.value,
      ])
    );
    const fromExport = rates(cellsOf(cells));
    const batch = binaryClassificationReport(actual01(), scores(), { threshold: THRESHOLD });
    expectSame(fromExport.count, rows.length, 'outcomes');
    const perf = snapshot.performance as ClassificationRates;
    for (const key of RATE_KEYS) {
      expectSame(fromExport[key], batch[key], `realized ${key}, export vs batch`);
      expectSame(perf[key], batch[key], `realized ${key}, snapshot vs batch`);
    }
    expect(batch.accuracy).toBeGreaterThan(0.5);
  });

  it('estimation: CBPE accuracy, precision, recall and F1 from exported expected cells equal batch estimatePerformance', () => {
    const cells = new Map(
      points(METRICS.estimatedOutcomes).map((p) => [
        `${String(p.attributes[ATTR.predictionClass])}|${String(p.attributes[ATTR.actualClass])}`,
        p.value,
      ])
    );
    const fromExport = estimatePerformanceFromCounts(cellsOf(cells));
    const batch = estimatePerformance(scores(), { threshold: THRESHOLD });
    const snap = snapshot.estimatedPerformance!;
    for (const cell of ['tp', 'fp', 'fn', 'tn'] as const) {
      // Both sum s and 1 − s in stream order; only the exporter's cumulative reconstruction (see drift) rounds.
      expectClose(fromExport[cell], batch[cell], `expected ${cell}, export vs batch`);
      expectSame(snap[cell], batch[cell], `expected ${cell}, snapshot vs batch`);
    }
    for (const key of RATE_KEYS) {
      expectClose(fromExport[key], batch[key], `estimated ${key}, export vs batch`);
      expectSame(snap[key], batch[key], `estimated ${key}, snapshot vs batch`);
    }
  });

  it('fairness: selection rates, TPR/FPR/FNR, disparate impact and equalized odds from exported group counts equal fairnessReport', () => {
    const group = { [ATTR.groupAttribute]: GROUP };
    const selection: Record<string, { count: number; selected: number }> = {};
    for (const p of points(METRICS.groupPredictions, group)) {
      const g = (selection[String(p.attributes[ATTR.groupValue])] ??= { count: 0, selected: 0 });
      g.count += p.value;
      if (p.attributes[ATTR.predictionClass] === POSITIVE) g.selected += p.value;
    }
    const cellsByGroup = new Map<string, Map<string, number>>();
    for (const p of points(METRICS.groupOutcomes, group)) {
      const value = String(p.attributes[ATTR.groupValue]);
      if (!cellsByGroup.has(value)) cellsByGroup.set(value, new Map());
      cellsByGroup
        .get(value)!
        .set(`${String(p.attributes[ATTR.predictionClass])}|${String(p.attributes[ATTR.actualClass])}`, p.value);
    }
    const outcomes: Record<string, GroupCounts> = {};
    for (const [value, cells] of cellsByGroup) outcomes[value] = cellsOf(cells);

    const groups = rows.map((r) => r[GROUP]!);
    const predicted = Uint8Array.from(scores(), (s) => (s >= THRESHOLD ? 1 : 0));
    const batchSelection = fairnessReport(groups, predicted);
    const batchOutcomes = fairnessReport(groups, predicted, actual01());

    sameFairness(fairnessFromCounts(selection), batchSelection, 'selection (export)');
    sameFairness(fairnessFromCounts(outcomes), batchOutcomes, 'outcomes (export)');
    sameFairness(snapshot.fairness[GROUP]!.selection, batchSelection, 'selection (snapshot)');
    sameFairness(snapshot.fairness[GROUP]!.outcomes!, batchOutcomes, 'outcomes (snapshot)');
    expect(Object.keys(batchOutcomes.groups).sort()).toEqual(['no', 'yes']);
    expect(batchOutcomes.disparateImpact).toBeLessThan(1);
  });
});
