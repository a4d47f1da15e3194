// Inference durations counted in the buckets of the monitor's histogram. The monitor's snapshot has no
// latency (the histogram lives in the OpenTelemetry SDK), so without Prometheus the demo's summary reads the
// latency SLO from these counts.
import { DEFAULT_DURATION_BUCKETS } from '@modelwatch/semconv';

export interface LatencyView {
  /** Upper bounds in seconds; the last count is everything above the last bound. */
  boundaries: readonly number[];
  /** Cumulative: counts[i] is the inferences that took at most boundaries[i]. */
  atMost: number[];
  total: number;
}

export class LatencyCounts {
  private readonly counts = new Float64Array(DEFAULT_DURATION_BUCKETS.length + 1);

  observe(seconds: number): void {
    let i = 0;
    while (i < DEFAULT_DURATION_BUCKETS.length && seconds > DEFAULT_DURATION_BUCKETS[i]!) i++;
    this.counts[i]! += 1;
  }

  view(): LatencyView {
    const atMost: number[] = [];
    let running = 0;
    for (let i = 0; i < DEFAULT_DURATION_BUCKETS.length; i++) atMost.push((running += this.counts[i]!));
    return {
      boundaries: DEFAULT_DURATION_BUCKETS,
      atMost,
      total: running + this.counts[DEFAULT_DURATION_BUCKETS.length]!,
    };
  }
}
