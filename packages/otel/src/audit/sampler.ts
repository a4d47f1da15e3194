import { AUDIT_SAMPLING_RULE, type AuditSamplingRule } from '@modelwatch/semconv';
import type { ResolvedAudit } from './options.js';

/**
 * SplitMix32-style generator: 32-bit state, a Weyl increment and an avalanche mix. Its only jobs are to be
 * uniform enough for sampling and to replay exactly from a seed; it is not meant to be unpredictable.
 */
export class SeededUniform {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  }
}

/** The sampling decision for one prediction. */
export interface Sampled {
  probability: number;
  rule: AuditSamplingRule;
}

/**
 * Decides which predictions become audit events. A prediction's inclusion probability is 1 when a rule keeps it
 * (a kept class, a score near the threshold, among the first minPerGroup of a protected group this interval) and
 * the base rate otherwise. The rules look only at the prediction and the ones before it, never at a random draw,
 * so every probability recorded is the true one and 1/probability is an unbiased (Horvitz-Thompson) weight.
 */
export class AuditSampler {
  private readonly uniform: SeededUniform;
  private readonly keep: Uint8Array;
  /** Predictions seen this interval per protected slice and value slot: a fixed size, reset each interval. */
  private readonly seen: Int32Array;
  private intervalStart = -Infinity;
  readonly result: Sampled = { probability: 0, rule: AUDIT_SAMPLING_RULE.base };

  constructor(
    private readonly audit: ResolvedAudit,
    classCount: number,
    private readonly threshold: number,
    /** Start of each protected slice's slots in `seen` (slices in the monitor's order), and their total. */
    private readonly groupOffsets: readonly { slice: number; offset: number }[],
    groupSlots: number,
    seed: number
  ) {
    this.uniform = new SeededUniform(seed);
    this.keep = new Uint8Array(classCount);
    for (const k of audit.keepClasses) this.keep[k] = 1;
    this.seen = new Int32Array(audit.minPerGroup > 0 ? groupSlots : 0);
  }

  /**
   * Whether to keep this prediction (the reused `result` then says with what probability and why).
   * `predicted` is a class index (classification) or -1; `slots[base + j]` the value slot of slice j.
   */
  sample(nowMs: number, predicted: number, score: number | undefined, slots: Int32Array, base: number): boolean {
    const a = this.audit;
    const r = this.result;
    let rule: AuditSamplingRule | null = null;
    if (predicted >= 0 && this.keep[predicted] === 1) rule = AUDIT_SAMPLING_RULE.keptClass;
    else if (a.nearThreshold > 0 && score !== undefined && Math.abs(score - this.threshold) <= a.nearThreshold)
      rule = AUDIT_SAMPLING_RULE.nearThreshold;
    if (a.minPerGroup > 0) {
      // Counted for every prediction, kept or not: "first n of the group this interval" must not depend on the draw.
      // Intervals are aligned to the epoch, so monitors on several replicas count the same intervals.
      if (nowMs - this.intervalStart >= a.intervalMs || nowMs < this.intervalStart) {
        this.intervalStart = nowMs - (nowMs % a.intervalMs);
        this.seen.fill(0);
      }
      for (const g of this.groupOffsets) {
        const i = g.offset + slots[base + g.slice]!;
        if (this.seen[i]! < a.minPerGroup) {
          this.seen[i]! += 1;
          if (rule === null) rule = AUDIT_SAMPLING_RULE.groupMinimum;
        }
      }
    }
    if (rule !== null) {
      r.probability = 1;
      r.rule = rule;
      return true;
    }
    r.probability = a.rate;
    r.rule = AUDIT_SAMPLING_RULE.base;
    // rate 1 and 0 decide without a draw; otherwise one draw per prediction no rule keeps.
    return a.rate >= 1 || (a.rate > 0 && this.uniform.next() < a.rate);
  }
}
