// Prometheus durations, read once for the rules, the SLO windows and Grafana's evaluation intervals.

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Seconds in a Prometheus duration such as `4s` or `1m30s`; NaN when it is not one. */
export function seconds(duration: string): number {
  const parts = [...duration.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== duration) return NaN;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_SECONDS[p[2]!]!, 0);
}

/** Seconds in a duration the config schema has already accepted; anything else is a bug, so it throws. */
export function durationSeconds(d: string): number {
  const s = seconds(d);
  if (Number.isNaN(s)) throw new RangeError(`not a duration: ${d}`);
  return s;
}
