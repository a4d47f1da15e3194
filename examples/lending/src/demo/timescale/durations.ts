// Prometheus durations of one unit (30s, 1m, 250ms), as modelwatch.yaml writes them, and their division by the
// demo's speed.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const LARGEST_FIRST = ['w', 'd', 'h', 'm', 's', 'ms'] as const;

export function durationMs(text: string): number {
  const match = /^([0-9]+)(ms|s|m|h|d|w)$/.exec(text);
  if (!match) throw new RangeError(`not a Prometheus duration of one unit: ${text}`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** The largest unit that writes `ms` exactly, so a scaled 1m reads 15s rather than 15000ms. */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0)
    throw new RangeError(`a duration must be a whole number of milliseconds, got ${ms}`);
  if (ms === 0) return '0s';
  const unit = LARGEST_FIRST.find((u) => ms % UNIT_MS[u]! === 0)!;
  return `${ms / UNIT_MS[unit]!}${unit}`;
}

/** A duration divided by the speed, rounded to the millisecond (at least 1 ms unless it was 0). */
export function scaleDuration(text: string, speed: number): string {
  const ms = durationMs(text);
  return formatDuration(ms === 0 ? 0 : Math.max(1, Math.round(ms / speed)));
}
