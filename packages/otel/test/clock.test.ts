// The coarse clock behind the pending-outcome stamps: one shared timer while any monitor lives, none after.
import {
  COARSE_CLOCK_MS,
  coarseClockRunning,
  coarseNowMs,
  exactNowMs,
  retainCoarseClock,
} from '../src/safety/clock.js';
import { ModelMonitor } from '../src/index.js';
import { classificationProfile } from './support/profiles.js';

describe('coarse clock', () => {
  test('one timer for every holder; gone when the last releases, and releasing twice changes nothing', () => {
    expect(coarseClockRunning()).toBe(false);
    const a = retainCoarseClock();
    const b = retainCoarseClock();
    expect(coarseClockRunning()).toBe(true);
    a();
    a();
    expect(coarseClockRunning()).toBe(true);
    b();
    expect(coarseClockRunning()).toBe(false);
  });

  test('lags the wall clock by at most its refresh period while the event loop turns', async () => {
    const release = retainCoarseClock();
    try {
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 2 * COARSE_CLOCK_MS));
        // The timer may be due but not yet run; one more period of slack covers timer jitter.
        expect(Date.now() - coarseNowMs()).toBeLessThanOrEqual(2 * COARSE_CLOCK_MS);
      }
    } finally {
      release();
    }
  });

  test('an exact read refreshes it', () => {
    const exact = exactNowMs();
    expect(coarseNowMs()).toBe(exact);
  });

  test('a monitor holds the clock until shutdown', () => {
    const monitor = new ModelMonitor({ model: { name: 'm', version: '1' }, profile: classificationProfile() });
    expect(coarseClockRunning()).toBe(true);
    monitor.shutdown();
    monitor.shutdown();
    expect(coarseClockRunning()).toBe(false);
  });
});

test('a monitor whose construction fails leaves no timer behind', () => {
  expect(
    () => new ModelMonitor({ model: { name: 'm', version: '1' }, profile: { not: 'a profile' } as never })
  ).toThrow();
  expect(coarseClockRunning()).toBe(false);
});
