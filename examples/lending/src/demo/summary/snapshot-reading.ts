// The live summary without Prometheus: the service's monitor.snapshot() is cumulative, so two snapshots one
// window apart are subtracted, and the statistics are computed from the difference with @modelwatch/stats,
// as the recording rules compute them from increase() over the window.
import type { MonitorSnapshot } from '@modelwatch/otel';
import { FEATURE_ROLE } from '@modelwatch/semconv';
import { psi, rates, toShares, type ConfusionCounts } from '@modelwatch/stats';
import type { LatencyView } from '../service/latency-counts.js';
import { durationMs } from '../timescale/durations.js';
import type { DemoWindows } from '../timescale/demo-config.js';
import { WORST_FEATURES, known, type Reading } from './reading.js';

/** What GET /snapshot answers. */
export interface ServiceSnapshot {
  at: number;
  snapshot: MonitorSnapshot;
  latency: LatencyView;
}

const POSITIVE = 'yes';
const NEGATIVE = 'no';

function binCounts(d: MonitorSnapshot['drift'][string] | undefined, bins: number): number[] {
  if (!d || d.count === 0) return new Array<number>(bins).fill(0);
  return d.currentShares.map((s) => s * d.count);
}

function outcomeCells(s: MonitorSnapshot): ConfusionCounts {
  const c = s.performance && 'confusion' in s.performance ? s.performance.confusion : {};
  const cell = (p: string, a: string): number => c[p]?.[a] ?? 0;
  return {
    tp: cell(POSITIVE, POSITIVE),
    fp: cell(POSITIVE, NEGATIVE),
    fn: cell(NEGATIVE, POSITIVE),
    tn: cell(NEGATIVE, NEGATIVE),
  };
}

function estimatedCells(s: MonitorSnapshot): ConfusionCounts {
  const e = s.estimatedPerformance;
  return e ? { tp: e.tp, fp: e.fp, fn: e.fn, tn: e.tn } : { tp: 0, fp: 0, fn: 0, tn: 0 };
}

const minus = (a: ConfusionCounts, b: ConfusionCounts): ConfusionCounts => ({
  tp: a.tp - b.tp,
  fp: a.fp - b.fp,
  fn: a.fn - b.fn,
  tn: a.tn - b.tn,
});
const total = (c: ConfusionCounts): number => c.tp + c.fp + c.fn + c.tn;

function selections(s: MonitorSnapshot, attribute: string): Record<string, { count: number; selected: number }> {
  const out: Record<string, { count: number; selected: number }> = {};
  for (const [value, g] of Object.entries(s.fairness[attribute]?.selection.groups ?? {}))
    out[value] = { count: g.count, selected: g.selectionRate * g.count };
  return out;
}

const errorCount = (s: MonitorSnapshot): number => Object.values(s.errors).reduce((a, b) => a + b, 0);

export class SnapshotWindows {
  private readonly history: ServiceSnapshot[] = [];
  private readonly keepMs: number;

  constructor(private readonly w: DemoWindows) {
    this.keepMs =
      Math.max(durationMs(w.drift), durationMs(w.performance), durationMs(w.fairness), durationMs(w.burn)) +
      2 * w.intervalMs;
  }

  add(s: ServiceSnapshot): void {
    this.history.push(s);
    while (this.history.length > 2 && this.history[1]!.at <= s.at - this.keepMs) this.history.shift();
  }

  /** The latest snapshot at least `window` old (the oldest one early in a run: a partial window). */
  private before(window: string): ServiceSnapshot {
    const cut = this.history.at(-1)!.at - durationMs(window);
    let found = this.history[0]!;
    for (const s of this.history) if (s.at <= cut) found = s;
    return found;
  }

  reading(): Reading | null {
    const now = this.history.at(-1);
    if (!now || this.history.length < 2) return null;
    const { drift, predictions } = this.drift(now.snapshot);
    const { realized, estimated } = this.performance(now.snapshot);
    const realizedRates = total(realized) > 0 ? rates(realized) : null;
    return {
      source: 'snapshot',
      predictions,
      drift: drift.slice(0, WORST_FEATURES),
      realizedF1: known(realizedRates?.f1),
      estimatedF1: total(estimated) > 0 ? known(rates(estimated).f1) : null,
      realizedAccuracy: known(realizedRates?.accuracy),
      labels: total(realized),
      disparateImpact: known(this.disparateImpact(now.snapshot)),
      burn: this.burn(now),
    };
  }

  /** PSI per feature over the drift window, worst first, and the predictions the window holds. */
  private drift(n: MonitorSnapshot): { drift: Reading['drift']; predictions: number | null } {
    const d0 = this.before(this.w.drift).snapshot;
    const drift: Reading['drift'] = [];
    for (const [feature, d] of Object.entries(n.drift)) {
      const old = binCounts(d0.drift[feature], d.currentShares.length);
      const counts = binCounts(d, d.currentShares.length).map((c, i) => Math.max(0, c - old[i]!));
      if (counts.reduce((a, b) => a + b, 0) >= 1)
        drift.push({ feature, psi: psi(d.referenceShares, toShares(counts)) });
    }
    drift.sort((a, b) => b.psi - a.psi);
    const scoreColumn = Object.entries(n.drift).find(([, d]) => d.role === FEATURE_ROLE.score)?.[0];
    const predictions = scoreColumn ? n.drift[scoreColumn]!.count - (d0.drift[scoreColumn]?.count ?? 0) : null;
    return { drift, predictions };
  }

  /** Confusion cells over the performance window: from labelled outcomes, and estimated from scores. */
  private performance(n: MonitorSnapshot): { realized: ConfusionCounts; estimated: ConfusionCounts } {
    const p0 = this.before(this.w.performance).snapshot;
    return {
      realized: minus(outcomeCells(n), outcomeCells(p0)),
      estimated: minus(estimatedCells(n), estimatedCells(p0)),
    };
  }

  /** Lowest over highest selection rate of the attribute's groups large enough to judge, over the fairness window. */
  private disparateImpact(n: MonitorSnapshot): number | null {
    const before = selections(this.before(this.w.fairness).snapshot, 'afam');
    const rateByGroup = Object.entries(selections(n, 'afam'))
      .map(([value, g]) => ({
        count: g.count - (before[value]?.count ?? 0),
        selected: g.selected - (before[value]?.selected ?? 0),
      }))
      .filter((g) => g.count >= this.w.minGroupSize)
      .map((g) => g.selected / g.count);
    return rateByGroup.length >= 2 ? Math.min(...rateByGroup) / Math.max(...rateByGroup) : null;
  }

  /** Burn rate of the availability and latency SLOs over the fastest alert's long window. */
  private burn(now: ServiceSnapshot): Reading['burn'] {
    const n = now.snapshot;
    const b0 = this.before(this.w.burn);
    const burn: Reading['burn'] = [];
    if (this.w.availabilityObjective !== null) {
      const errors = errorCount(n) - errorCount(b0.snapshot);
      const attempts = n.predictions - b0.snapshot.predictions + errors;
      if (attempts > 0)
        burn.push({ slo: 'availability', rate: errors / attempts / (1 - this.w.availabilityObjective) });
    }
    const k = this.w.latencyThreshold === null ? -1 : now.latency.boundaries.indexOf(this.w.latencyThreshold);
    if (k >= 0 && this.w.latencyObjective !== null) {
      const timed = now.latency.total - b0.latency.total;
      const slow = timed - (now.latency.atMost[k]! - b0.latency.atMost[k]!);
      if (timed > 0) burn.push({ slo: 'latency', rate: slow / timed / (1 - this.w.latencyObjective) });
    }
    return burn;
  }
}
