import { BaseDetector } from './base.js';
import { resolveParameters, type DdmParameters } from './params.js';

/**
 * DDM, the Drift Detection Method (Gama et al. 2004), with River's defaults and strict comparisons.
 *
 * Input is an error indicator: any nonzero value counts as an error, 0 as a correct prediction. The error
 * rate p and its binomial standard deviation s = sqrt(p(1 − p)/n) are tracked; once n > warm_start, the
 * minimum of p + s fixes (p_min, s_min), a warning is raised while p + s > p_min + warning_threshold·s_min
 * and a drift when p + s > p_min + drift_threshold·s_min. O(1) memory.
 */
export class Ddm extends BaseDetector {
  readonly kind = 'ddm' as const;
  readonly parameters: Readonly<DdmParameters>;

  private n!: number;
  private p!: number;
  private s!: number;
  private pMin!: number | undefined;
  private sMin!: number | undefined;
  private psMin!: number;

  constructor(params: Partial<DdmParameters> = {}) {
    super();
    this.parameters = Object.freeze(resolveParameters('ddm', params));
    this.restart();
  }

  protected restart(): void {
    this.n = 0;
    this.p = 0;
    this.s = 0;
    this.pMin = undefined;
    this.sMin = undefined;
    this.psMin = Infinity;
  }

  protected step(x: number): boolean {
    const error = x !== 0 ? 1 : 0;
    this.n += 1;
    // River's running mean, in its operation order, so the comparisons below round identically.
    this.p += (1 / this.n) * (error - this.p);
    this.s = Math.sqrt(Math.max(0, (this.p * (1 - this.p)) / this.n));
    const { warm_start: warmStart, warning_threshold: warnLevel, drift_threshold: driftLevel } = this.parameters;
    if (!(this.n > warmStart)) return false;
    const ps = this.p + this.s;
    if (ps <= this.psMin) {
      this.pMin = this.p;
      this.sMin = this.s;
      this.psMin = this.p + this.s;
    }
    // Both are set by now: the first post-warm-start value always satisfies ps <= Infinity.
    const pMin = this.pMin!;
    const sMin = this.sMin!;
    this.warning = ps > pMin + warnLevel * sMin;
    if (ps > pMin + driftLevel * sMin) {
      this.warning = false;
      return true;
    }
    return false;
  }

  protected statistics(): Record<string, number> {
    const out: Record<string, number> = { n: this.n, error_rate: this.p, std: this.s };
    if (this.pMin !== undefined && this.sMin !== undefined) {
      out.p_min = this.pMin;
      out.s_min = this.sMin;
    }
    return out;
  }
}
