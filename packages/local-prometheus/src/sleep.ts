// One way to wait: never shorter than asked by the monotonic clock (a timer may fire a fraction of a millisecond
// early by it, and the demo service times simulated latency with it), and cut short by an abort.
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const wanted = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    const until = performance.now() + wanted;
    let timer: NodeJS.Timeout | undefined;
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const check = (): void => {
      const left = until - performance.now();
      if (left <= 0) return done();
      timer = setTimeout(check, Math.max(1, Math.ceil(left)));
    };
    signal?.addEventListener('abort', done, { once: true });
    timer = setTimeout(check, Math.ceil(wanted));
  });
}
