import type { AttributeCounts } from '../counts.js';
import { ownValue } from '../attributes/own-property.js';
import type { FeatureSet, TrackedColumn } from './feature-set.js';

/** One segment attribute whose values split the bin counts of the segmentDrift features. */
export interface SegmentDriftSlice {
  /** Index of the segment's slice in ModelCounts.attributes (its capped values give the slot of a record). */
  attribute: number;
  slice: AttributeCounts;
  /** slot · width + feature offset + bin. */
  counts: Float64Array;
}

/**
 * Bin counts of a few features per value of a few segments (the `segmentDrift` option). The layout is fixed at
 * start-up like every other count: a segment's capped values (its kept values, __other__ and __missing__) times
 * the bins of the listed features, so a record adds without allocating and the series it can export are bounded.
 */
export class SegmentDriftCounts {
  readonly columns: TrackedColumn[];
  /** Offset of each column's bins inside one slot's run. */
  readonly offsets: number[];
  /** Bins of every listed feature together: one slot's run. */
  readonly width: number;
  readonly slices: SegmentDriftSlice[];
  /** The current record's values of the listed features, reused. */
  private readonly values: unknown[];

  constructor(
    private readonly features: FeatureSet,
    featureNames: readonly string[],
    attributes: readonly AttributeCounts[],
    segmentNames: readonly string[]
  ) {
    // resolveOptions checked that every name is a tracked feature column and a configured segment.
    this.columns = featureNames.map((name) => features.column(name)!);
    this.offsets = [];
    let width = 0;
    for (const column of this.columns) {
      this.offsets.push(width);
      width += column.bins.length;
    }
    this.width = width;
    this.values = new Array<unknown>(this.columns.length).fill(undefined);
    this.slices = segmentNames.map((name) => {
      const attribute = attributes.findIndex((a) => a.kind === 'segment' && a.values.attribute === name);
      const slice = attributes[attribute]!;
      return { attribute, slice, counts: new Float64Array(slice.values.slots * width) };
    });
  }

  /**
   * Counts the listed features of one record into the slot each segment's value took (slotOf, by attribute). Every
   * value is read before anything is counted, so a record whose properties throw is not half-counted. A record
   * without features counts like the aggregate does: categorical features as __missing__.
   */
  record(features: object | undefined, slotOf: (attribute: number) => number): void {
    const columns = this.columns;
    const values = this.values;
    for (let i = 0; i < columns.length; i++)
      values[i] = features === undefined ? undefined : ownValue(features, columns[i]!.name);
    for (const s of this.slices) {
      const base = slotOf(s.attribute) * this.width;
      for (let i = 0; i < columns.length; i++)
        this.features.binInto(columns[i]!, values[i], s.counts, base + this.offsets[i]!);
    }
  }

  /** Values counted for slot k of slice s over every bin of column i (0: the slot stays silent in exports). */
  total(s: SegmentDriftSlice, k: number, i: number): number {
    const start = k * this.width + this.offsets[i]!;
    let n = 0;
    for (let b = 0; b < this.columns[i]!.bins.length; b++) n += s.counts[start + b]!;
    return n;
  }
}
