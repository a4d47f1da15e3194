// Which bursts an evaluation of increase(x[w]) at time te counted, from Prometheus' own scrape timestamps.
//
// increase() takes the difference between the first and the last sample inside [te − w, te]. A burst is
// counted when the service collected the first of those samples before the burst and the last one after it.
// A scrape stamped ts collects somewhere between ts and ts + its duration, and an evaluation at te reads only
// samples that were appended by then; when a burst, a window edge or an append falls where either reading
// is possible, the evaluation is left out instead of guessed.

export interface Scrape {
  /** Prometheus' timestamp of the scrape (its start), ms. */
  ts: number;
  /** ts + the scrape's duration, ms: the sample was collected before this. */
  done: number;
}

export interface TimedBurst {
  name: string;
  /** Wall clock around the service's synchronous loop over the burst's events, ms. */
  start: number;
  end: number;
}

/** Slack after a scrape's measured duration before its samples are certainly queryable. */
const APPEND_SLACK_MS = 100;
/** A sample this close to the window's start may be inside or outside (Prometheus 2 and 3 differ). */
const EDGE_MS = 2;

type Side = 'before' | 'after' | 'unknown';

function side(burst: TimedBurst, scrape: Scrape): Side {
  if (burst.end < scrape.ts - 1) return 'before';
  if (burst.start > scrape.done + 1) return 'after';
  return 'unknown';
}

/**
 * The bursts counted by an evaluation at `te` (ms) of a `windowMs` range, or null when that is not certain.
 * `scrapes` must be sorted by time; only evaluations that produced a value are asked about, so readings with
 * fewer than two samples (no value) are not candidates.
 */
export function burstsInWindow(
  te: number,
  windowMs: number,
  scrapes: readonly Scrape[],
  bursts: readonly TimedBurst[]
): TimedBurst[] | null {
  const from = te - windowMs;
  const inRange = scrapes.filter((s) => s.ts >= from - EDGE_MS && s.ts <= te);
  if (inRange.length === 0) return null;
  const firsts = inRange[0]!.ts <= from + EDGE_MS ? inRange.slice(0, 2) : inRange.slice(0, 1);
  const appended = inRange.filter((s) => s.done + APPEND_SLACK_MS < te);
  const maybe = inRange.filter((s) => s.done + APPEND_SLACK_MS >= te);
  const lasts = [...appended.slice(-1), ...maybe];

  let answer: TimedBurst[] | null = null;
  let answerKey: string | null = null;
  for (const first of firsts) {
    for (const last of lasts) {
      if (last.ts <= first.ts) continue;
      const counted: TimedBurst[] = [];
      for (const b of bursts) {
        const a = side(b, first);
        const z = side(b, last);
        if (a === 'unknown' || z === 'unknown') return null;
        if (a === 'after' && z === 'before') counted.push(b);
      }
      const k = counted.map((b) => b.name).join('+');
      if (answerKey !== null && k !== answerKey) return null;
      answer = counted;
      answerKey = k;
    }
  }
  return answer;
}

/** Runs of consecutive bursts whose span fits in a window: every set of bursts one window can count. */
export function contiguousRuns<T extends TimedBurst>(bursts: readonly T[], windowMs: number): T[][] {
  const runs: T[][] = [];
  for (let i = 0; i < bursts.length; i++) {
    for (let j = i; j < bursts.length; j++) {
      if (bursts[j]!.end - bursts[i]!.start > windowMs) break;
      runs.push(bursts.slice(i, j + 1));
    }
  }
  return runs;
}
