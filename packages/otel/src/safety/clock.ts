// The package targets Node and browsers without their type libraries; both provide a monotonic clock.
declare const performance: { now(): number } | undefined;

/** Milliseconds from a monotonic clock (Date.now where none exists). */
export function monotonicMs(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

declare function setInterval(callback: () => void, ms: number): unknown;
declare function clearInterval(handle: unknown): void;

/** How often the coarse clock is refreshed while the event loop runs. */
export const COARSE_CLOCK_MS = 50;

let coarse = Date.now();
let holders = 0;
let timer: unknown;

/**
 * Wall-clock milliseconds, refreshed by a timer instead of read per call: the pending-outcome store stamps every
 * prediction, its TTL is seconds to days, and reading the clock was about 2% of a prediction. The value lags by
 * at most COARSE_CLOCK_MS while the event loop turns (longer while it is blocked), so an entry may expire that
 * much early; joins and sweeps read the exact time (exactNowMs), which also refreshes it.
 */
export function coarseNowMs(): number {
  return coarse;
}

/** The exact wall-clock time; reading it also refreshes the coarse clock, so it never lags an exact read. */
export function exactNowMs(): number {
  coarse = Date.now();
  return coarse;
}

/** Keeps the coarse clock running for one more monitor; the returned function releases it (idempotent). */
export function retainCoarseClock(): () => void {
  if (holders++ === 0) {
    coarse = Date.now();
    timer = setInterval(() => {
      coarse = Date.now();
    }, COARSE_CLOCK_MS);
    // Never keeps a process alive on its own (Node); browsers return a number without unref.
    (timer as { unref?: () => void }).unref?.();
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Whether the refresh timer runs (unref'd timers are invisible to process.getActiveResourcesInfo). */
export function coarseClockRunning(): boolean {
  return timer !== undefined;
}
