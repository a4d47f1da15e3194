import { FieldType, type DataFrame } from '@grafana/data';
import { errorBudget } from '@modelwatch/promql';
import { BIN, LABEL, MODEL_LABELS } from '@modelwatch/semconv';
import { FRAME_KIND, SLO_BUDGET_FIELDS as B, SLO_WINDOW_FIELDS as W, type SloMeta } from '../../shared/frames';
import { ModelwatchError } from '../errors';
import { windowSeconds } from '../options/duration';
import type { SloOptions } from '../options/resolve';
import { parseValue, type Labels, type PromVector } from '../prometheus/api';
import { modelTitle, tableFrame } from './frames';
import { addTo, compareNatural, keyOf, samplesOf } from './samples';

/** The counts one window needs; which ones depends on the SLO kind. */
export interface SloWindowInput {
  /** availability: predictions and errors per model version. */
  predictions?: PromVector;
  errors?: PromVector;
  /** latency: histogram buckets per model version and `le`, and the count of timed inferences. */
  buckets?: PromVector;
  count?: PromVector;
  /** quality: outcome cells per predicted and actual class. */
  outcomes?: PromVector;
}

export interface SloInput {
  /** By window (each burn window and the period). */
  windows: Record<string, SloWindowInput>;
}

/** Error ratios per model version key; a version without the series the SLI needs has no entry. */
type Ratios = Map<string, number>;

function totals(data: PromVector | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samplesOf(data ?? { resultType: 'vector', result: [] })) {
    addTo(out, keyOf(s.labels, MODEL_LABELS), s.value);
  }
  return out;
}

/** Failed over attempted inferences; either counter may be missing, so each falls back to 0 where the other exists. */
export function availabilityErrorRatios(predictions: PromVector | undefined, errors: PromVector | undefined): Ratios {
  const p = totals(predictions);
  const e = totals(errors);
  const out: Ratios = new Map();
  for (const key of new Set([...p.keys(), ...e.keys()])) {
    const failed = e.get(key) ?? 0;
    out.set(key, failed / ((p.get(key) ?? 0) + failed));
  }
  return out;
}

/**
 * Inferences slower than the threshold over all timed ones. The bucket whose `le` equals the threshold as a
 * number is the fast share, so `1`, `1.0` (Prometheus 3) and `1e0` all match a threshold of 1, as leMatcher does.
 */
export function latencyErrorRatios(
  buckets: PromVector | undefined,
  count: PromVector | undefined,
  threshold: number,
  metric: string
): Ratios {
  const samples = samplesOf(buckets ?? { resultType: 'vector', result: [] });
  const fast = new Map<string, number>();
  const boundaries = new Set<number>();
  for (const s of samples) {
    const le = parseValue(s.labels[LABEL.bucketBound] ?? '');
    boundaries.add(le);
    if (le === threshold) {
      addTo(fast, keyOf(s.labels, MODEL_LABELS), s.value);
    }
  }
  if (samples.length > 0 && fast.size === 0) {
    const finite = [...boundaries].filter(Number.isFinite).sort((a, b) => a - b);
    const nearest = [...finite].sort((a, b) => Math.abs(a - threshold) - Math.abs(b - threshold))[0];
    throw new ModelwatchError(
      `latencyThreshold: ${threshold} s is not a bucket boundary of ${metric} (${finite.join(', ')}); use ${nearest}, or add ${threshold} to the service's durationBuckets`
    );
  }
  const all = totals(count);
  const out: Ratios = new Map();
  for (const [key, n] of all) {
    if (fast.has(key)) {
      out.set(key, 1 - fast.get(key)! / n);
    }
  }
  return out;
}

/** Labelled predictions that were wrong: 1 − the diagonal cells of `classes` over all cells. */
export function qualityErrorRatios(outcomes: PromVector | undefined, classes: readonly string[] | undefined): Ratios {
  const samples = samplesOf(outcomes ?? { resultType: 'vector', result: [] });
  const counted =
    classes ??
    [...new Set(samples.map((s) => s.labels[LABEL.predictionClass] ?? ''))].filter((c) => c !== '' && c !== BIN.other);
  const all = new Map<string, number>();
  const right = new Map<string, number>();
  for (const s of samples) {
    const key = keyOf(s.labels, MODEL_LABELS);
    addTo(all, key, s.value);
    const predicted = s.labels[LABEL.predictionClass];
    if (predicted === s.labels[LABEL.actualClass] && counted.includes(predicted ?? '')) {
      addTo(right, key, s.value);
    }
  }
  const out: Ratios = new Map();
  for (const [key, n] of all) {
    out.set(key, 1 - (right.get(key) ?? 0) / n);
  }
  return out;
}

function errorRatios(o: SloOptions, input: SloWindowInput, metric: string): Ratios {
  switch (o.kind) {
    case 'availability':
      return availabilityErrorRatios(input.predictions, input.errors);
    case 'latency':
      return latencyErrorRatios(input.buckets, input.count, o.latencyThreshold!, metric);
    case 'quality':
      return qualityErrorRatios(
        input.outcomes,
        o.classes.positive !== undefined && o.classes.negative !== undefined
          ? [o.classes.positive, o.classes.negative]
          : undefined
      );
  }
}

/** Seconds until the budget is spent at this burn rate: 0 once spent, Infinity when nothing burns. */
export function timeToExhaustion(budgetRemaining: number, burnRate: number, periodSeconds: number): number {
  if (Number.isNaN(budgetRemaining) || Number.isNaN(burnRate)) {
    return Number.NaN;
  }
  if (budgetRemaining <= 0) {
    return 0;
  }
  if (burnRate <= 0) {
    return Number.POSITIVE_INFINITY;
  }
  return (budgetRemaining * periodSeconds) / burnRate;
}

type Burn = (window: string, key: string) => number;

interface VersionFrames {
  o: SloOptions;
  key: string;
  labels: Labels;
  base: Omit<SloMeta, 'kind'>;
  /** 1 − objective: the error ratio that burns the budget at rate 1. */
  budget: number;
  burn: Burn;
}

/** Both burn rates of each window pair against its threshold, and whether its alert fires. */
function windowsFrame({ o, key, labels, base, burn }: VersionFrames): DataFrame {
  const windowsMeta: SloMeta = { kind: FRAME_KIND.sloWindows, ...base };
  const longRates = o.burnWindows.map((w) => burn(w.long, key));
  const shortRates = o.burnWindows.map((w) => burn(w.short, key));
  return tableFrame(
    `${o.kind} burn rates ${modelTitle(labels)}`,
    [
      { name: W.severity, type: FieldType.string, values: o.burnWindows.map((w) => w.severity) },
      { name: W.long, type: FieldType.string, values: o.burnWindows.map((w) => w.long) },
      { name: W.short, type: FieldType.string, values: o.burnWindows.map((w) => w.short) },
      { name: W.threshold, type: FieldType.number, values: o.burnWindows.map((w) => w.burnRate) },
      { name: W.longBurnRate, type: FieldType.number, values: longRates },
      { name: W.shortBurnRate, type: FieldType.number, values: shortRates },
      {
        name: W.firing,
        type: FieldType.boolean,
        values: o.burnWindows.map((w, i) => longRates[i]! > w.burnRate && shortRates[i]! > w.burnRate),
      },
    ],
    windowsMeta
  );
}

/** The budget left over the period, burning at the rate of the shortest long window. */
function budgetFrame(
  { o, key, labels, base, budget, burn }: VersionFrames,
  periodRatio: number,
  shortestLong: string
): DataFrame {
  const remaining = 1 - periodRatio / budget;
  const rate = burn(shortestLong, key);
  const budgetMeta: SloMeta = { kind: FRAME_KIND.sloBudget, ...base };
  return tableFrame(
    `${o.kind} error budget ${modelTitle(labels)}`,
    [
      { name: B.objective, type: FieldType.number, values: [o.objective] },
      { name: B.period, type: FieldType.string, values: [o.period] },
      { name: B.budgetRemaining, type: FieldType.number, values: [remaining] },
      { name: B.burnRate, type: FieldType.number, values: [rate] },
      {
        name: B.timeToExhaustion,
        type: FieldType.number,
        values: [timeToExhaustion(remaining, rate, windowSeconds(o.period))],
      },
    ],
    budgetMeta
  );
}

/**
 * Burn rates of every window pair and the error budget of the period, per model version: the numbers of the
 * SLO rules (error ratio / (1 − objective), budget remaining = 1 − period error ratio / (1 − objective)).
 * `metric` names the duration histogram in messages.
 */
export function sloFrames(o: SloOptions, input: SloInput, metric = 'the duration histogram'): DataFrame[] {
  const budget = errorBudget(o.objective);
  const ratios = new Map<string, Ratios>();
  for (const [window, data] of Object.entries(input.windows)) {
    ratios.set(window, errorRatios(o, data, metric));
  }
  const burn = (window: string, key: string): number => (ratios.get(window)?.get(key) ?? Number.NaN) / budget;
  const versions = [...new Set([...ratios.values()].flatMap((r) => [...r.keys()]))].sort(compareNatural);
  const shortestLong = [...o.burnWindows].sort((a, b) => windowSeconds(a.long) - windowSeconds(b.long))[0]!.long;
  const frames: DataFrame[] = [];
  for (const key of versions) {
    const [model, version] = JSON.parse(key) as [string, string];
    const labels: Labels = { [LABEL.modelName]: model, [LABEL.modelVersion]: version };
    const base = {
      sloKind: o.kind,
      objective: o.objective,
      period: o.period,
      latencyThreshold: o.latencyThreshold,
      model,
      version,
    };
    const of: VersionFrames = { o, key, labels, base, budget, burn };
    frames.push(windowsFrame(of));
    frames.push(budgetFrame(of, ratios.get(o.period)?.get(key) ?? Number.NaN, shortestLong));
  }
  return frames;
}
