import { ksTwoSample } from '../drift/ks.js';
import { EmpiricalDistribution } from '../sample/empirical-distribution.js';
import { BaseDetector } from './base.js';
import { PythonRandom } from './python-random.js';
import { resolveParameters, type KswinParameters } from './params.js';

/**
 * KSWIN, Kolmogorov–Smirnov windowing (Raab et al. 2020), with River's defaults (alpha 0.005, window_size
 * 100, stat_size 30).
 *
 * Once window_size values are held, every update compares the newest stat_size values with stat_size
 * values drawn without replacement from the older window_size − stat_size ones, by the two-sample KS test
 * (exact p-value for these sizes, as SciPy's `ks_2samp(method='auto')`). A drift is signalled when
 * p ≤ alpha and the statistic exceeds 0.1; the detector then starts afresh with an empty window.
 *
 * The draws come from a Mersenne Twister seeded and sampled as CPython's `random.Random(seed).sample`,
 * which River's KSWIN uses; the same seed therefore gives River's result. River's default seed is None
 * (fresh entropy on every start); ours is 0, so runs are reproducible. The generator is re-seeded at every
 * restart, as River re-creates it. Memory O(window_size).
 */
export class Kswin extends BaseDetector {
  readonly kind = 'kswin' as const;
  readonly parameters: Readonly<KswinParameters>;

  private readonly ring: Float64Array;
  private head!: number;
  private count!: number;
  private n!: number;
  private rng!: PythonRandom;
  private lastStatistic!: number | undefined;
  private lastPValue!: number | undefined;

  constructor(params: Partial<KswinParameters> = {}) {
    super();
    this.parameters = Object.freeze(resolveParameters('kswin', params));
    this.ring = new Float64Array(this.parameters.window_size);
    this.restart();
  }

  protected restart(): void {
    this.head = 0;
    this.count = 0;
    this.n = 0;
    this.rng = new PythonRandom(this.parameters.seed);
    this.lastStatistic = undefined;
    this.lastPValue = undefined;
  }

  /** The i-th value of the window, 0 being the oldest. */
  private at(i: number): number {
    return this.ring[(this.head + i) % this.ring.length]!;
  }

  protected step(x: number): boolean {
    const { window_size: size, stat_size: statSize, alpha } = this.parameters;
    this.n += 1;
    if (this.count < size) {
      this.ring[(this.head + this.count) % size] = x;
      this.count += 1;
    } else {
      this.ring[this.head] = x;
      this.head = (this.head + 1) % size;
    }
    if (this.count < size) return false;

    const older = size - statSize;
    const positions = this.rng.sample(older, statSize);
    const reference = new Float64Array(statSize);
    for (let i = 0; i < statSize; i++) reference[i] = this.at(positions[i]!);
    const recent = new Float64Array(statSize);
    for (let i = 0; i < statSize; i++) recent[i] = this.at(older + i);

    const ks = ksTwoSample(EmpiricalDistribution.fromValues(reference), EmpiricalDistribution.fromValues(recent), {
      method: 'auto',
    });
    this.lastStatistic = ks.statistic;
    this.lastPValue = ks.pValue;
    return ks.pValue <= alpha && ks.statistic > 0.1;
  }

  protected statistics(): Record<string, number> {
    const out: Record<string, number> = { n: this.n, window: this.count };
    if (this.lastStatistic !== undefined && this.lastPValue !== undefined) {
      out.statistic = this.lastStatistic;
      out.p_value = this.lastPValue;
    }
    return out;
  }
}
