import { createNoopMeter, type Meter } from '@opentelemetry/api';
import type { MetricKey } from '@modelwatch/semconv';
import { busiestInstrument, type SeriesDemand } from './series-demand.js';

/** What one monitor brings to a Meter. */
export interface LedgerEntry {
  readonly model: { readonly name: string; readonly version: string };
  readonly demand: SeriesDemand;
  readonly cardinalityLimit: number;
}

/**
 * The monitors exporting through one Meter. Monitors on a Meter share its instruments, so two monitors of the
 * same model name and version would report the same attribute sets and the SDK would keep only the last
 * one's values; and the SDK's cardinality limit applies to the sum of their series, not to each.
 */
export class MeterLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private busiest: { metric: MetricKey; series: number } | null = null;
  private warned = false;

  /** False when another monitor already exports this model name and version here. */
  claim(entry: LedgerEntry): boolean {
    const key = modelKey(entry.model);
    const holder = this.entries.get(key);
    if (holder !== undefined) return holder === entry;
    this.entries.set(key, entry);
    this.busiest = null;
    return true;
  }

  release(entry: LedgerEntry): void {
    const key = modelKey(entry.model);
    if (this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    this.busiest = null;
  }

  get monitors(): number {
    return this.entries.size;
  }

  /** The busiest instrument's series over every monitor here (recomputed only when monitors come or go). */
  demand(): { metric: MetricKey; series: number } {
    this.busiest ??= busiestInstrument([...this.entries.values()].map((e) => e.demand));
    return this.busiest;
  }

  /** The largest limit any monitor here was told the provider applies (they share one View). */
  limit(): number {
    let limit = 0;
    for (const e of this.entries.values()) limit = Math.max(limit, e.cardinalityLimit);
    return limit;
  }

  /** True exactly once per Meter: the first time its monitors are found over budget. */
  firstOverBudget(): boolean {
    if (this.warned || this.demand().series <= this.limit()) return false;
    this.warned = true;
    return true;
  }
}

const ledgers = new WeakMap<Meter, MeterLedger>();

/**
 * The ledger of a Meter, or null for the API's no-op meter (monitors built before the SDK is registered all
 * sit on it and export nothing, so nothing there can collide). Keyed weakly: a Meter dropped by its
 * provider takes its ledger with it.
 */
export function ledgerOf(meter: Meter): MeterLedger | null {
  if (meter === createNoopMeter()) return null;
  let ledger = ledgers.get(meter);
  if (ledger === undefined) {
    ledger = new MeterLedger();
    ledgers.set(meter, ledger);
  }
  return ledger;
}

function modelKey(model: { name: string; version: string }): string {
  return `${model.name}\u0000${model.version}`;
}
