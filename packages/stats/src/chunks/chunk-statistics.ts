import { EmpiricalDistribution } from '../sample/empirical-distribution.js';
import { ReferenceBinning } from '../drift/binning.js';
import { jensenShannon, psi, toShares } from '../drift/divergence.js';
import { binnedKsDistance } from '../drift/numeric.js';
import { categoricalDrift } from '../drift/categorical.js';
import { ksStatistic } from '../drift/ks.js';
import { normalizedWasserstein } from '../drift/wasserstein.js';
import { alignCategories, referenceCategoryCounts, referenceDistribution } from '../profile/column.js';
import {
  type CategoricalColumnProfile,
  type ColumnChunkStatistics,
  type ColumnProfile,
  type NumericColumnProfile,
  type ReferenceChunks,
  type ReferenceProfile,
} from '../profile/types.js';
import type { ChunkPlan } from './chunking.js';

/** One chunk's values of a column: numbers without the missing ones, or category counts. */
export type ChunkValues =
  | { type: 'numeric'; values: ArrayLike<number>; missing: number }
  | { type: 'categorical'; counts: ReadonlyMap<string, number>; missing: number };

interface NumericReference {
  type: 'numeric';
  distribution: EmpiricalDistribution;
  binning: ReferenceBinning;
  shares: Float64Array;
}

interface CategoricalReference {
  type: 'categorical';
  column: CategoricalColumnProfile;
  /** Exported bins: kept categories, then __other__ and __missing__, with shares over all reference rows. */
  bins: Map<string, number>;
  otherBin: number;
  missingBin: number;
  shares: Float64Array;
}

function numericReference(column: NumericColumnProfile, bins: number): NumericReference {
  const distribution = referenceDistribution(column);
  const binning = new ReferenceBinning(distribution, bins);
  return { type: 'numeric', distribution, binning, shares: binning.referenceShares() };
}

// The instrumentation's layout of a categorical feature (packages/otel), so levels fit what Prometheus computes.
function categoricalReference(column: CategoricalColumnProfile): CategoricalReference {
  const names = Object.keys(column.categories);
  const bins = new Map(names.map((n, i) => [n, i] as const));
  const rows = column.rows > 0 ? column.rows : 1;
  const shares = Float64Array.from([
    ...names.map((n) => column.categories[n]! / rows),
    column.otherCount / rows,
    column.missing / rows,
  ]);
  return { type: 'categorical', column, bins, otherBin: names.length, missingBin: names.length + 1, shares };
}

function push(target: Partial<Record<string, (number | null)[]>>, key: string, value: number | null): void {
  (target[key] ??= []).push(value);
}

/**
 * Collects, chunk by chunk, every column's drift statistics against the whole reference of a profile, both as the
 * generated rules compute them (from exported bins) and as `modelwatch check` does.
 */
export class ChunkStatisticsCollector {
  private readonly references = new Map<string, NumericReference | CategoricalReference>();
  private readonly columns = Object.create(null) as Record<string, ColumnChunkStatistics>;
  private readonly rows: number[] = [];

  constructor(
    profile: ReferenceProfile,
    readonly bins: number
  ) {
    for (const [name, column] of Object.entries(profile.columns)) {
      this.references.set(name, referenceOf(column, bins));
      this.columns[name] = { rules: {}, check: {} };
    }
  }

  /** Records one chunk: its row count and the values of every profiled column in it. */
  addChunk(rows: number, values: ReadonlyMap<string, ChunkValues>): void {
    this.rows.push(rows);
    for (const [name, reference] of this.references) {
      const chunk = values.get(name);
      if (!chunk || chunk.type !== reference.type)
        throw new RangeError(`chunk ${this.rows.length} has no ${reference.type} values for column '${name}'`);
      const out = this.columns[name]!;
      if (reference.type === 'numeric')
        this.numeric(reference, chunk as Extract<ChunkValues, { type: 'numeric' }>, out);
      else this.categorical(reference, chunk as Extract<ChunkValues, { type: 'categorical' }>, out);
    }
  }

  private numeric(
    reference: NumericReference,
    chunk: Extract<ChunkValues, { type: 'numeric' }>,
    out: ColumnChunkStatistics
  ): void {
    if (chunk.values.length === 0) {
      for (const key of ['psi', 'jensenShannon', 'ks']) push(out.rules, key, null);
      for (const key of ['psi', 'jensenShannon', 'ks', 'wasserstein']) push(out.check, key, null);
      return;
    }
    const sample = EmpiricalDistribution.fromValues(chunk.values);
    const shares = toShares(reference.binning.countsOf(sample));
    const p = psi(reference.shares, shares);
    const js = jensenShannon(reference.shares, shares);
    push(out.rules, 'psi', p);
    push(out.rules, 'jensenShannon', js);
    push(out.rules, 'ks', binnedKsDistance(reference.shares, shares));
    // `check` bins numbers exactly as the instrumentation does (missing values are left out of both).
    push(out.check, 'psi', p);
    push(out.check, 'jensenShannon', js);
    push(out.check, 'ks', ksStatistic(reference.distribution, sample));
    push(out.check, 'wasserstein', normalizedWasserstein(reference.distribution, sample));
  }

  private categorical(
    reference: CategoricalReference,
    chunk: Extract<ChunkValues, { type: 'categorical' }>,
    out: ColumnChunkStatistics
  ): void {
    const counts = new Float64Array(reference.shares.length);
    for (const [name, c] of chunk.counts) {
      const bin = reference.bins.get(name);
      counts[bin ?? reference.otherBin]! += c;
    }
    counts[reference.missingBin]! += chunk.missing;
    const shares = toShares(counts);
    push(out.rules, 'psi', psi(reference.shares, shares));
    push(out.rules, 'jensenShannon', jensenShannon(reference.shares, shares));
    let values = 0;
    for (const c of chunk.counts.values()) values += c;
    if (values === 0) {
      push(out.check, 'psi', null);
      push(out.check, 'jensenShannon', null);
      return;
    }
    const column = reference.column;
    const d = categoricalDrift(referenceCategoryCounts(column), alignCategories(column, chunk.counts));
    push(out.check, 'psi', d.psi);
    push(out.check, 'jensenShannon', d.jensenShannon);
  }

  /** The profile section: the chunks' rows and every column's statistics. */
  result(plan: ChunkPlan): ReferenceChunks {
    return { by: plan.by, rows: [...this.rows], bins: this.bins, columns: this.columns };
  }
}

function referenceOf(column: ColumnProfile, bins: number): NumericReference | CategoricalReference {
  return column.type === 'numeric' ? numericReference(column, bins) : categoricalReference(column);
}
