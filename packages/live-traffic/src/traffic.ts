// Traffic of the live alert-rule test: the events each burst feeds to the monitor, and the counts those
// events add to every exported counter, computed here with @modelwatch/stats as an independent account.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { BIN } from '@modelwatch/semconv';
import {
  ReferenceBinning,
  binnedKsDistance,
  chiSquareGoodnessOfFit,
  fairnessFromCounts,
  jensenShannon,
  isMissing,
  parseNumber,
  psi,
  rates,
  referenceDistribution,
  seededRandom,
  toShares,
  type ColumnProfile,
  type ReferenceProfile,
} from '@modelwatch/stats';

export type Row = Record<string, string>;

/** One call into the monitor: a prediction (with its outcome) or a failed inference. */
export interface LiveEvent {
  features?: Record<string, number | string | null>;
  score?: number;
  prediction?: string;
  attributes?: Record<string, string>;
  durationSeconds?: number;
  actual?: string;
  error?: string;
}

export type Phase = 'steady' | 'drift' | 'bias' | 'incident';

/** Exact increments of the exported counters, keyed by series (see `key`). */
export type Counts = Map<string, number>;

export interface Burst {
  name: string;
  phase: Phase;
  events: LiveEvent[];
  counts: Counts;
}

export interface TrafficSpec {
  profile: ReferenceProfile;
  label: string;
  positive: string;
  negative: string;
  score: string;
  group: string;
  threshold: number;
  bins: number;
  /** Upper bound of the "good" latency bucket (the SLO threshold), seconds. */
  latencyThreshold: number;
}

export const key = {
  bin: (feature: string, bin: string) => `bin\u0000${feature}\u0000${bin}`,
  predictions: 'predictions',
  errors: 'errors',
  durations: 'durations',
  fast: 'fast',
  cell: (predicted: string, actual: string) => `cell\u0000${predicted}\u0000${actual}`,
  group: (value: string, predicted: string) => `group\u0000${value}\u0000${predicted}`,
};

export function readCsv(file: string): Row[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Row[];
}

/** Seeded, so every run feeds the same events. */
export const seeded = seededRandom;

/** The columns the monitor tracks for drift: features, the score and protected attributes. */
export function trackedColumns(profile: ReferenceProfile): [string, ColumnProfile][] {
  return Object.entries(profile.columns).filter(
    ([, c]) => c.role === 'feature' || c.role === 'score' || c.role === 'protected'
  );
}

/** Bin labels of a column in the monitor's order: 0..B-1, or the kept categories, __other__, __missing__. */
export function binLabels(column: ColumnProfile, bins: number): string[] {
  if (column.type === 'numeric') return Array.from({ length: bins }, (_, j) => String(j));
  return [...Object.keys(column.categories), BIN.other, BIN.missing];
}

export interface EventOptions {
  /** Inference duration in seconds. */
  durationSeconds: number;
  /** Force this predicted class instead of score >= threshold. */
  prediction?: string;
}

/** A row as a service has it: numbers for numeric columns, strings for categorical ones, the group apart. */
export function eventOf(spec: TrafficSpec, row: Row, options: EventOptions): LiveEvent {
  const features: Record<string, number | string | null> = {};
  for (const [name, c] of Object.entries(spec.profile.columns)) {
    if (c.role !== 'feature') continue;
    const cell = row[name]!;
    features[name] = isMissing(cell) ? null : c.type === 'numeric' ? parseNumber(cell) : cell;
  }
  const event: LiveEvent = {
    features,
    score: parseNumber(row[spec.score]!),
    attributes: { [spec.group]: row[spec.group]! },
    durationSeconds: options.durationSeconds,
    actual: row[spec.label]!,
  };
  if (options.prediction !== undefined) event.prediction = options.prediction;
  return event;
}

export function predictedClass(spec: TrafficSpec, event: LiveEvent): string {
  return event.prediction ?? (event.score! >= spec.threshold ? spec.positive : spec.negative);
}

function add(counts: Counts, k: string, v: number): void {
  counts.set(k, (counts.get(k) ?? 0) + v);
}

/** What a list of events adds to each counter, binned by @modelwatch/stats rather than by the monitor. */
export function countEvents(spec: TrafficSpec, events: readonly LiveEvent[]): Counts {
  const counts: Counts = new Map();
  const numeric = new Map<string, number[]>();
  const columns = trackedColumns(spec.profile);
  for (const e of events) {
    if (e.error !== undefined) {
      add(counts, key.errors, 1);
      continue;
    }
    const predicted = predictedClass(spec, e);
    add(counts, key.predictions, 1);
    add(counts, key.durations, 1);
    if (e.durationSeconds! <= spec.latencyThreshold) add(counts, key.fast, 1);
    add(counts, key.cell(predicted, e.actual!), 1);
    add(counts, key.group(e.attributes![spec.group]!, predicted), 1);
    for (const [name, c] of columns) {
      const value = c.role === 'score' ? e.score : c.role === 'protected' ? e.attributes?.[name] : e.features?.[name];
      if (c.type === 'numeric') {
        if (typeof value !== 'number') continue;
        let values = numeric.get(name);
        if (!values) numeric.set(name, (values = []));
        values.push(value);
        continue;
      }
      const kept = typeof value === 'string' && Object.hasOwn(c.categories, value);
      add(counts, key.bin(name, value === null || value === undefined ? BIN.missing : kept ? value : BIN.other), 1);
    }
  }
  for (const [name, c] of columns) {
    if (c.type !== 'numeric') continue;
    const binned = new ReferenceBinning(referenceDistribution(c), spec.bins).counts(numeric.get(name) ?? []);
    binned.forEach((v, j) => add(counts, key.bin(name, String(j)), v));
  }
  return counts;
}

export function sumCounts(parts: readonly Counts[]): Counts {
  const out: Counts = new Map();
  for (const part of parts) for (const [k, v] of part) add(out, k, v);
  return out;
}

/** The statistics the recording rules compute, from exact counts, with @modelwatch/stats. */
export class Expected {
  constructor(private readonly spec: TrafficSpec) {}

  referenceShares(column: ColumnProfile): number[] {
    if (column.type === 'numeric')
      return [...new ReferenceBinning(referenceDistribution(column), this.spec.bins).referenceShares()];
    return [...Object.values(column.categories), column.otherCount, column.missing].map((c) => c / column.rows);
  }

  private binCounts(counts: Counts, feature: string): number[] {
    const column = this.spec.profile.columns[feature]!;
    return binLabels(column, this.spec.bins).map((b) => counts.get(key.bin(feature, b)) ?? 0);
  }

  psi(counts: Counts, feature: string): number {
    return psi(this.referenceShares(this.spec.profile.columns[feature]!), toShares(this.binCounts(counts, feature)));
  }

  jensenShannon(counts: Counts, feature: string): number {
    return jensenShannon(this.referenceShares(this.spec.profile.columns[feature]!), this.binCounts(counts, feature));
  }

  /** Binned KS distance; numeric columns only (categories have no order). */
  ks(counts: Counts, feature: string): number {
    return binnedKsDistance(this.referenceShares(this.spec.profile.columns[feature]!), this.binCounts(counts, feature));
  }

  /**
   * The chi-square statistic per value counted (statistic / all values of the feature): unlike the statistic
   * itself, which grows with the count and so with increase()'s extrapolation, this ratio is scale-free.
   * Bins without reference share are left out of the test, as in the rules.
   */
  chiSquarePerValue(counts: Counts, feature: string): number {
    const shares = this.referenceShares(this.spec.profile.columns[feature]!);
    const observed = this.binCounts(counts, feature);
    const kept = shares.map((s, i) => i).filter((i) => shares[i]! > 0);
    const { statistic } = chiSquareGoodnessOfFit(
      kept.map((i) => observed[i]!),
      kept.map((i) => shares[i]!)
    );
    return statistic / observed.reduce((a, b) => a + b, 0);
  }

  private confusion(counts: Counts): { tp: number; fp: number; fn: number; tn: number } {
    const { positive: P, negative: N } = this.spec;
    const cell = (p: string, a: string): number => counts.get(key.cell(p, a)) ?? 0;
    return { tp: cell(P, P), fp: cell(P, N), fn: cell(N, P), tn: cell(N, N) };
  }

  f1(counts: Counts): number {
    return rates(this.confusion(counts)).f1;
  }

  accuracy(counts: Counts): number {
    return rates(this.confusion(counts)).accuracy;
  }

  /** Disparate impact over the groups of at least `minGroupSize` predictions, as the rules judge them. */
  disparateImpact(counts: Counts, groups: readonly string[], minGroupSize: number): number {
    const selection: Record<string, { count: number; selected: number }> = {};
    for (const g of groups) {
      const selected = counts.get(key.group(g, this.spec.positive)) ?? 0;
      selection[g] = { count: selected + (counts.get(key.group(g, this.spec.negative)) ?? 0), selected };
    }
    return fairnessFromCounts(selection, { minGroupSize }).eligible.disparateImpact;
  }

  /** Error ratio over the error budget (1 − objective): 1 spends the budget exactly over the SLO period. */
  availabilityBurn(counts: Counts, objective: number): number {
    const errors = counts.get(key.errors) ?? 0;
    return errors / ((counts.get(key.predictions) ?? 0) + errors) / (1 - objective);
  }

  latencyBurn(counts: Counts, objective: number): number {
    return (1 - (counts.get(key.fast) ?? 0) / (counts.get(key.durations) ?? 0)) / (1 - objective);
  }
}
