import { BIN } from '@modelwatch/semconv';
import { TreeCounter, seededRandom } from '@modelwatch/stats';
import type { ResolvedPrivacy } from '../config/resolve-options.js';
import type { AttributeCounts } from '../counts.js';
import type { SegmentDriftCounts } from '../features/segment-drift.js';

/**
 * What the exporter reads for one slice once privacy is on: the counts of the values that have reached minCellSize
 * since they did, and every other count under one extra slot, __suppressed__. Laid out like AttributeCounts, with
 * the extra slot at index `suppressed`.
 */
export interface SliceView {
  readonly slice: AttributeCounts;
  /** Index of the __suppressed__ slot. */
  readonly suppressed: number;
  readonly predictions: Float64Array;
  readonly outcomes: Float64Array;
  readonly scored: Float64Array | null;
  readonly scoredAbove: Float64Array | null;
  /** Segment drift bin counts of this slice (segments listed in segmentDrift), else null. */
  readonly drift: Float64Array | null;
  /** Whether slot k is exported under its own value (always true for __suppressed__ once it holds anything). */
  readonly released: Uint8Array;
}

/** The exported label value of slot k. */
export function viewLabel(view: SliceView, k: number): string {
  return k === view.suppressed ? BIN.suppressed : view.slice.values.values[k]!;
}

interface SliceState {
  view: SliceView;
  /**
   * Counts of each slot as __suppressed__ exported them: the current counts while it is unreleased, frozen at the
   * last collection before its release afterwards (they stay in __suppressed__ for good).
   */
  base: {
    predictions: Float64Array;
    outcomes: Float64Array;
    scored: Float64Array | null;
    scoredAbove: Float64Array | null;
    drift: Float64Array | null;
  };
  driftCounts: Float64Array | null;
  driftWidth: number;
}

/**
 * Small-cell suppression and differentially private release of the exported slice counts. Every array is laid out
 * at construction (two copies of each slice's counts, one tree per exported group series, O(log horizon) each), so
 * collection allocates nothing per prediction and memory stays bounded by the series budget.
 *
 * Counters must never decrease. A value's counts before it reached minCellSize were exported under __suppressed__;
 * moving them to the value's own series would lower __suppressed__, so they stay there, and the value's own series
 * holds what it counted after the last collection that exported it as suppressed. A value that reaches the size
 * before any collection is never folded at all. The sum over the values of a slice, __suppressed__ included, is
 * always the total.
 */
export class PrivacyRelease {
  private readonly states = new Map<AttributeCounts, SliceState>();
  /** Each group series' tree and the exact count at its last step, so a step adds one interval's increment. */
  private readonly trees = new Map<string, { tree: TreeCounter; seen: number }>();
  private readonly random: () => number;
  /** The largest number of trees: one per exported group series, bounded by the series budget. */
  private readonly maxTrees: number;
  /** Trees refused because the bound was reached (their series are exported as 0): counted, never thrown. */
  refused = 0;

  constructor(
    readonly options: ResolvedPrivacy,
    slices: readonly AttributeCounts[],
    classes: number,
    segmentDrift: SegmentDriftCounts | null,
    groupSeriesBound: number
  ) {
    this.random = options.seed === null ? cryptoUniform() : seededRandom(options.seed);
    this.maxTrees = groupSeriesBound;
    const C = classes;
    for (const slice of slices) {
      const slots = slice.values.slots + 1;
      const drift = segmentDrift?.slices.find((s) => s.slice === slice) ?? null;
      const width = drift === null ? 0 : segmentDrift!.width;
      const view: SliceView = {
        slice,
        suppressed: slots - 1,
        predictions: new Float64Array(slots * C),
        outcomes: new Float64Array(slots * C * C),
        scored: slice.scored === null ? null : new Float64Array(slots),
        scoredAbove: slice.scoredAbove === null ? null : new Float64Array(slots),
        drift: drift === null ? null : new Float64Array(slots * width),
        released: new Uint8Array(slots),
      };
      this.states.set(slice, {
        view,
        base: {
          predictions: new Float64Array(slots * C),
          outcomes: new Float64Array(slots * C * C),
          scored: slice.scored === null ? null : new Float64Array(slots),
          scoredAbove: slice.scoredAbove === null ? null : new Float64Array(slots),
          drift: drift === null ? null : new Float64Array(slots * width),
        },
        driftCounts: drift === null ? null : drift.counts,
        driftWidth: width,
      });
    }
  }

  /**
   * The view of a slice at this collection: values that reached minCellSize are released (for good), their counts
   * since then exported as their own; every other count is summed into __suppressed__.
   */
  view(slice: AttributeCounts, classes: number): SliceView {
    const state = this.states.get(slice)!;
    const { view, base } = state;
    const C = classes;
    const S = view.suppressed;
    const k0 = this.options.minCellSize;
    const zero = (a: Float64Array | null, stride: number): void => {
      a?.fill(0, S * stride, (S + 1) * stride);
    };
    zero(view.predictions, C);
    zero(view.outcomes, C * C);
    zero(view.scored, 1);
    zero(view.scoredAbove, 1);
    zero(view.drift, state.driftWidth);
    for (let k = 0; k < S; k++) {
      if (view.released[k] === 0) {
        if (observations(slice, k, C) >= k0) {
          // Released now: what __suppressed__ exported of it at the last collection stays there; the rest is its own.
          view.released[k] = 1;
        } else {
          copySlot(slice.predictions, base.predictions, k, C);
          copySlot(slice.outcomes, base.outcomes, k, C * C);
          if (slice.scored !== null) copySlot(slice.scored, base.scored!, k, 1);
          if (slice.scoredAbove !== null) copySlot(slice.scoredAbove, base.scoredAbove!, k, 1);
          if (state.driftCounts !== null) copySlot(state.driftCounts, base.drift!, k, state.driftWidth);
        }
      }
      const released = view.released[k] === 1;
      split(slice.predictions, base.predictions, view.predictions, k, S, C, released);
      split(slice.outcomes, base.outcomes, view.outcomes, k, S, C * C, released);
      if (slice.scored !== null) split(slice.scored, base.scored!, view.scored!, k, S, 1, released);
      if (slice.scoredAbove !== null) split(slice.scoredAbove, base.scoredAbove!, view.scoredAbove!, k, S, 1, released);
      if (state.driftCounts !== null)
        split(state.driftCounts, base.drift!, view.drift!, k, S, state.driftWidth, released);
    }
    return view;
  }

  /**
   * The value to export for one group series at this collection: exact without epsilon; otherwise one step of the
   * series' tree with the increment since its last step. Called once per series and collection.
   */
  release(key: string, exact: number): number {
    const epsilon = this.options.epsilon;
    if (epsilon === null) return exact;
    let t = this.trees.get(key);
    if (t === undefined) {
      if (this.trees.size >= this.maxTrees) {
        this.refused++;
        return 0;
      }
      t = { tree: new TreeCounter({ epsilon, horizon: this.options.horizon, random: this.random }), seen: 0 };
      this.trees.set(key, t);
    }
    const increment = exact - t.seen;
    if (increment > 0) t.seen = exact;
    return t.tree.step(increment > 0 ? increment : 0);
  }

  /** Trees in use (one per exported group series). */
  get treeCount(): number {
    return this.trees.size;
  }
}

/** Observations of slot k: its predictions, or its outcomes when those are more (outcomes from other replicas). */
function observations(slice: AttributeCounts, k: number, C: number): number {
  let predictions = 0;
  for (let p = 0; p < C; p++) predictions += slice.predictions[k * C + p]!;
  let outcomes = 0;
  const start = k * C * C;
  for (let x = 0; x < C * C; x++) outcomes += slice.outcomes[start + x]!;
  return Math.max(predictions, outcomes);
}

function copySlot(from: Float64Array, to: Float64Array, k: number, stride: number): void {
  for (let i = k * stride; i < (k + 1) * stride; i++) to[i] = from[i]!;
}

/** Slot k's counts: what __suppressed__ has exported of it (base) there, the rest (released only) in its own slot. */
function split(
  counts: Float64Array,
  base: Float64Array,
  out: Float64Array,
  k: number,
  S: number,
  stride: number,
  released: boolean
): void {
  const s = S * stride;
  for (let i = 0; i < stride; i++) {
    const v = counts[k * stride + i]!;
    const b = released ? base[k * stride + i]! : v;
    out[k * stride + i] = v - b;
    out[s + i]! += b;
  }
}

/** Uniforms in [0, 1) from the platform's cryptographic generator, drawn 256 at a time. */
function cryptoUniform(): () => number {
  // Web Crypto is global from Node 20 on; the package is typed without Node's types.
  const webcrypto = (globalThis as unknown as { crypto: { getRandomValues(a: Uint32Array): Uint32Array } }).crypto;
  const buffer = new Uint32Array(256);
  let i = buffer.length;
  return () => {
    if (i === buffer.length) {
      webcrypto.getRandomValues(buffer);
      i = 0;
    }
    return buffer[i++]! / 4294967296;
  };
}
