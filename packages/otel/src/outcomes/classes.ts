/**
 * Class labels as indices 0..K-1, with index K standing for any label outside the known classes, so
 * prediction and outcome counts are fixed-size arrays of K+1 (and (K+1)² confusion cells).
 */
export class ClassIndex {
  readonly labels: string[];
  readonly other: number;
  /** Index of the positive class for binary models, -1 otherwise. */
  readonly positive: number;
  readonly negative: number;
  private readonly index: Map<string, number>;

  constructor(labels: readonly string[], positive: number) {
    this.labels = [...labels];
    this.other = labels.length;
    this.positive = labels.length === 2 ? positive : -1;
    this.negative = this.positive < 0 ? -1 : 1 - this.positive;
    this.index = new Map(labels.map((l, i) => [l, i] as const));
  }

  get size(): number {
    return this.labels.length + 1;
  }

  get binary(): boolean {
    return this.positive >= 0;
  }

  /** The index of a label; booleans mean positive/negative for binary models; anything unknown is `other`. */
  of(value: unknown): number {
    if (typeof value === 'string') return this.index.get(value) ?? this.other;
    if (typeof value === 'boolean' && this.positive >= 0) return value ? this.positive : this.negative;
    if (typeof value === 'number' || typeof value === 'boolean') return this.index.get(String(value)) ?? this.other;
    return this.other;
  }

  /** The predicted class of a score under a threshold (binary models only). */
  ofScore(score: number, threshold: number): number {
    return score >= threshold ? this.positive : this.negative;
  }
}
