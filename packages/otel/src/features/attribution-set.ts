import { ATTRIBUTION_ISSUES, type AttributionIssue } from '@modelwatch/semconv';
import { CompiledBinning, ReferenceBinning, referenceDistribution, type AttributionProfile } from '@modelwatch/stats';
import { fitsLabel } from '../attributes/label-bytes.js';
import { generatedRead, ownValue, shadowsPrototype } from '../attributes/own-property.js';
import { ModelMonitorConfigError } from '../config/resolve-options.js';

const INVALID = ATTRIBUTION_ISSUES.indexOf('invalid_type');
const UNKNOWN = ATTRIBUTION_ISSUES.indexOf('unknown_feature');
const hasOwn = Object.prototype.hasOwnProperty;
const ABSENT = 0;
const NUMBER_KIND = 1;
const INVALID_KIND = 2;
/** Unknown names are looked for on every record up to this many, then on one in UNKNOWN_SAMPLE (a power of 2). */
const UNKNOWN_EVERY_RECORD = 1024;
const UNKNOWN_SAMPLE = 64;

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
  private readonly read: Reader;
  /** Scratch for one record, reused: nothing is allocated per prediction. */
  private readonly values: Float64Array;
  private readonly kinds: Uint8Array;
  private recorded = 0;

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
    this.read = compileReader(this.features.map((f) => f.name));
    this.values = new Float64Array(this.features.length);
    this.kinds = new Uint8Array(this.features.length);
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
   * anything else is counted as an issue and dropped. Profiled names are read as plain property loads (a generated
   * reader, as for features); names outside the profile are looked for by walking the record's own keys on every
   * record up to 1,024, then on one in 64, as unknown features are.
   */
  record(attributions: object): void {
    const found = this.read(attributions, this.values, this.kinds);
    const n = this.features.length;
    for (let j = 0; j < n; j++) {
      const kind = this.kinds[j]!;
      if (kind === ABSENT) continue;
      if (kind === INVALID_KIND) {
        this.issues[j * ATTRIBUTION_ISSUES.length + INVALID]! += 1;
        continue;
      }
      const v = this.values[j]!;
      const sum = this.absoluteSums[j]! + Math.abs(v);
      // A sum that would overflow is bad data as much as NaN is: the sums stay finite for good.
      if (!(sum - sum === 0)) {
        this.issues[j * ATTRIBUTION_ISSUES.length + INVALID]! += 1;
        continue;
      }
      const f = this.features[j]!;
      f.binning.add(this.counts, v, f.offset);
      this.absoluteSums[j] = sum;
      this.valueCounts[j]! += 1;
    }
    if (this.recorded++ < UNKNOWN_EVERY_RECORD || (this.recorded & (UNKNOWN_SAMPLE - 1)) === 0) {
      let keys = 0;
      for (const name in attributions) if (hasOwn.call(attributions, name)) keys++;
      if (keys > found) this.issues[n * ATTRIBUTION_ISSUES.length + UNKNOWN]! += keys - found;
    }
  }
}

/** Numbers into `x`, each slot's kind into `k`; returns how many profiled names the record holds (own or not). */
type Reader = (a: object, x: Float64Array, k: Uint8Array) => number;

function compileReader(names: readonly string[]): Reader {
  const read = (i: number, name: string): string =>
    `v = ${generatedRead('a', name)}; if (v === undefined) { k[${i}] = ${ABSENT}; } else { n++; ` +
    `if (typeof v === "number") { x[${i}] = v; k[${i}] = ${NUMBER_KIND}; } else { k[${i}] = ${INVALID_KIND}; } }`;
  try {
    return new Function(
      'a',
      'x',
      'k',
      `let v; let n = 0;\n${names.map((name, i) => read(i, name)).join('\n')}\nreturn n;`
    ) as Reader;
  } catch {
    return (a, x, k) => {
      let n = 0;
      names.forEach((name, i) => {
        const v = shadowsPrototype(name) ? ownValue(a, name) : (a as Record<string, unknown>)[name];
        if (v === undefined) {
          k[i] = ABSENT;
          return;
        }
        n++;
        if (typeof v === 'number') {
          x[i] = v;
          k[i] = NUMBER_KIND;
        } else k[i] = INVALID_KIND;
      });
      return n;
    };
  }
}
