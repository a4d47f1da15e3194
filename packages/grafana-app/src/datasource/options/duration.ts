/** Seconds per unit of a Prometheus duration, as rule files and `modelwatch.yaml` write them. */
const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31536000,
};

/** A window, offset or period of one unit above 0 (`1h`, `30m`, `1w`): the rule generator's accepted form. */
const WINDOW = /^0*([1-9][0-9]*)(ms|s|m|h|d|w|y)$/;

export function isWindow(text: string): boolean {
  return WINDOW.test(text);
}

/** Seconds in a window; NaN for anything isWindow rejects. */
export function windowSeconds(text: string): number {
  const match = WINDOW.exec(text);
  return match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : Number.NaN;
}

/** A range in whole seconds as a PromQL duration (at least 1s: a range of 0 is not valid PromQL). */
export function secondsWindow(seconds: number): string {
  return `${Math.max(1, Math.round(seconds))}s`;
}
