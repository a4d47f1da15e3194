import { BaseDetector } from './base.js';
import { resolveParameters, type PageHinkleyParameters } from './params.js';

/**
 * The Page–Hinkley test (Page 1954) with a fading factor, as River implements it (defaults min_instances
 * 30, delta 0.005, threshold 50, alpha 1 − 0.0001, mode 'both').
 *
 * With x̄ the running mean including x, two cumulative sums are kept:
 * up ← alpha·up + (x − x̄) − delta and down ← alpha·down + (x − x̄) + delta. A rise is signalled when
 * up − min(up) > threshold, a fall when max(down) − down > threshold; 'both' signals either. Tests start
 * once min_instances values have been seen. As in River, max(down) starts at −1, not −∞. O(1) memory.
 */
export class PageHinkley extends BaseDetector {
  readonly kind = 'page-hinkley' as const;
  readonly parameters: Readonly<PageHinkleyParameters>;

  private n!: number;
  private mean!: number;
  private sumIncrease!: number;
  private sumDecrease!: number;
  private minIncrease!: number;
  private maxDecrease!: number;

  constructor(params: Partial<PageHinkleyParameters> = {}) {
    super();
    this.parameters = Object.freeze(resolveParameters('page-hinkley', params));
    this.restart();
  }

  protected restart(): void {
    this.n = 0;
    this.mean = 0;
    this.sumIncrease = 0;
    this.sumDecrease = 0;
    this.minIncrease = Infinity;
    this.maxDecrease = -1;
  }

  private get testIncrease(): number {
    return this.n === 0 ? 0 : this.sumIncrease - this.minIncrease;
  }

  private get testDecrease(): number {
    return this.n === 0 ? 0 : this.maxDecrease - this.sumDecrease;
  }

  protected step(x: number): boolean {
    const { alpha, delta, threshold, min_instances: minInstances, mode } = this.parameters;
    this.n += 1;
    this.mean += (1 / this.n) * (x - this.mean);
    const dev = x - this.mean;
    this.sumIncrease = alpha * this.sumIncrease + dev - delta;
    this.sumDecrease = alpha * this.sumDecrease + dev + delta;
    if (this.sumIncrease < this.minIncrease) this.minIncrease = this.sumIncrease;
    if (this.sumDecrease > this.maxDecrease) this.maxDecrease = this.sumDecrease;
    if (this.n < minInstances) return false;
    const up = this.testIncrease > threshold;
    const down = this.testDecrease > threshold;
    return mode === 'up' ? up : mode === 'down' ? down : up || down;
  }

  protected statistics(): Record<string, number> {
    return {
      n: this.n,
      mean: this.mean,
      sum_increase: this.sumIncrease,
      sum_decrease: this.sumDecrease,
      test_increase: this.testIncrease,
      test_decrease: this.testDecrease,
    };
  }
}
