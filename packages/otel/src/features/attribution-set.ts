import { ATTRIBUTION_ISSUES, type AttributionIssue } from '@modelwatch/semconv';
import { CompiledBinning, ReferenceBinning, referenceDistribution, type AttributionProfile } from '@modelwatch/stats';
import { fitsLabel } from '../attributes/label-bytes.js';
import { ModelMonitorConfigError } from '../config/resolve-options.js';

const INVALID = ATTRIBUTION_ISSUES.indexOf('invalid_type');
const UNKNOWN = ATTRIBUTION_ISSUES.indexOf('unknown_feature');
const hasOwn = Object.prototype.hasOwnProperty;

/** One attributed feature: where its bins live, its reference shares and importance. */
export interface AttributedFeature {
  name: string;
  offset: number;
  bins: string[];
  referenceShares: number[];
  referenceImportance: number;
  binning: CompiledBinning;
}

/**
 * Attribution counters of one model in flat typed arrays laid out from the profile at start-up: bin counts per
 * attributed feature, Σ|a| and the count per feature (global importance merges by adding them), and dropped values
 * by issue. Unknown names are counted in one slot, never by name, so nothing grows with what records hold.
 */
export class AttributionSet {
  readonly features: AttributedFeature[] = [];
  readonly counts: Float64Array;
  readonly absoluteSums: Float64Array;
  readonly valueCounts: Float64Array;
  /** feature·ISSUES + issue; the last feature slot counts names outside the profile. */
  readonly issues: Float64Array;
  private readonly index = new Map<string, number>();

  constructor(profile: Readonly<Record<string, AttributionProfile>> | undefined, bins: number, maxBytes: number) {
    let offset = 0;
    for (const [name, a] of Object.entries(profile ?? {})) {
      if (!fitsLabel(name, maxBytes))
        throw new ModelMonitorConfigError(
          'profile',
          `attributes feature '${name.slice(0, 40)}…', longer than labelValueMaxBytes (${maxBytes} bytes): shorten the name or raise labelValueMaxBytes`
        );
      this.index.set(name, this.features.length);
      this.features.push({
        name,
        offset,
        bins: Array.from({ length: bins }, (_, j) => String(j)),
        referenceShares: new Array<number>(bins).fill(1 / bins),
        referenceImportance: a.importance,
        binning: new CompiledBinning(new ReferenceBinning(referenceDistribution(a), bins)),
      });
      offset += bins;
    }
    this.counts = new Float64Array(offset);
    this.absoluteSums = new Float64Array(this.features.length);
    this.valueCounts = new Float64Array(this.features.length);
    this.issues = new Float64Array((this.features.length + 1) * ATTRIBUTION_ISSUES.length);
  }

  get size(): number {
    return this.features.length;
  }

  /** Dropped attributions of a feature (or, for index size, of names outside the profile). */
  issue(feature: number, issue: AttributionIssue): number {
    return this.issues[feature * ATTRIBUTION_ISSUES.length + ATTRIBUTION_ISSUES.indexOf(issue)]!;
  }

  /**
   * Counts the attributions of one prediction: finite numbers of profiled features into bins and importance sums;
   * anything else is counted as an issue and dropped. Reads own enumerable properties only.
   */
  record(attributions: object): void {
    const unknownSlot = this.features.length * ATTRIBUTION_ISSUES.length;
    for (const name in attributions) {
      if (!hasOwn.call(attributions, name)) continue;
      const j = this.index.get(name);
      if (j === undefined) {
        this.issues[unknownSlot + UNKNOWN]! += 1;
        continue;
      }
      const v = (attributions as Record<string, unknown>)[name];
      const magnitude = typeof v === 'number' ? Math.abs(v) : Number.NaN;
      const sum = this.absoluteSums[j]! + magnitude;
      // A sum that would overflow is bad data as much as NaN is: the sums stay finite for good.
      if (!(sum - sum === 0)) {
        this.issues[j * ATTRIBUTION_ISSUES.length + INVALID]! += 1;
        continue;
      }
      const f = this.features[j]!;
      f.binning.add(this.counts, v as number, f.offset);
      this.absoluteSums[j] = sum;
      this.valueCounts[j]! += 1;
    }
  }
}
