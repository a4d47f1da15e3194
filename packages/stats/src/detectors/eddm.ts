import { BaseDetector } from './base.js';
import { resolveParameters, type EddmParameters } from './params.js';

/**
 * EDDM, the Early Drift Detection Method (Baena-García et al. 2006), with River's defaults
 * (warm_start 30, alpha 0.95, beta 0.9).
 *
 * Input is an error indicator: any nonzero value counts as an error. At each error the distance (in
 * values) since the previous error feeds a running mean p′ and sample standard deviation s′ (ddof 1; the
 * first error's distance counts from the start). Once more than warm_start values have been seen, a new
 * maximum of p′ + 2s′ is recorded; otherwise, once more than warm_start errors have been seen, the level
 * (p′ + 2s′)/max is compared with beta (drift, level < beta) and alpha (warning, level < alpha). As in
 * River, the warning flag changes only at such a comparison, and stays as it was when a drift fires.
 * O(1) memory.
 */
export class Eddm extends BaseDetector {
  readonly kind = 'eddm' as const;
  readonly parameters: Readonly<EddmParameters>;

  private n!: number;
  private lastError!: number;
  private nErrors!: number;
  private meanDistance!: number;
  private sumSquares!: number;
  private p2sMax!: number;

  constructor(params: Partial<EddmParameters> = {}) {
    super();
    this.parameters = Object.freeze(resolveParameters('eddm', params));
    this.restart();
  }

  protected restart(): void {
    this.n = 0;
    this.lastError = 0;
    this.nErrors = 0;
    this.meanDistance = 0;
    this.sumSquares = 0;
    // Every p' + 2s' is at least 1 (distances are >= 1), so any value below that means "none yet".
    this.p2sMax = -1;
  }

  private get stdDistance(): number {
    return this.nErrors > 1 ? Math.sqrt(this.sumSquares / (this.nErrors - 1)) : 0;
  }

  protected step(x: number): boolean {
    this.n += 1;
    if (x === 0) return false;
    this.nErrors += 1;
    const distance = this.n - this.lastError;
    this.lastError = this.n;
    // Welford's update in River's order (stats.Var over stats.Mean).
    const oldMean = this.meanDistance;
    this.meanDistance += (1 / this.nErrors) * (distance - this.meanDistance);
    this.sumSquares += (distance - oldMean) * (distance - this.meanDistance);

    const { warm_start: warmStart, alpha, beta } = this.parameters;
    if (!(this.n > warmStart)) return false;
    const p2s = this.meanDistance + 2 * this.stdDistance;
    if (p2s > this.p2sMax) {
      this.p2sMax = p2s;
      return false;
    }
    if (!(this.nErrors > warmStart)) return false;
    const level = p2s / this.p2sMax;
    if (level < beta) return true;
    this.warning = level < alpha;
    return false;
  }

  protected statistics(): Record<string, number> {
    const out: Record<string, number> = {
      n: this.n,
      n_errors: this.nErrors,
      mean_distance: this.meanDistance,
      std_distance: this.stdDistance,
    };
    if (this.p2sMax > 0) out.p2s_max = this.p2sMax;
    return out;
  }
}
