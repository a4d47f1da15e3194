// The package targets Node and browsers without their type libraries; both provide a monotonic clock.
declare const performance: { now(): number } | undefined;

/** Milliseconds from a monotonic clock (Date.now where none exists). */
export function monotonicMs(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
