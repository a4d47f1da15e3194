// Ctrl-C (or SIGTERM) during a run: the demo stops in good order and still reports what it saw; a second one
// stops everything at once.
import type { Screen } from '../summary/screen.js';
import type { Resources } from './resources.js';

/** Thrown at a checkpoint after an interruption: the run gives up the phase it was about to start. */
export class Interrupted extends Error {}

export interface Interruption {
  /** Aborted on the first interruption. */
  readonly signal: AbortSignal;
  readonly interrupted: boolean;
  /** Throws Interrupted once the run was interrupted. */
  checkpoint(): void;
  /** Stops listening for the signals. */
  dispose(): void;
}

export function listenForInterruption(screen: Screen, resources: Resources): Interruption {
  const controller = new AbortController();
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) {
      // A second Ctrl-C: no more grace.
      resources.releaseNow();
      process.exit(130);
    }
    interrupted = true;
    screen.event('interrupted: stopping the traffic, the service and Prometheus…');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    get interrupted() {
      return interrupted;
    },
    checkpoint: () => {
      if (controller.signal.aborted) throw new Interrupted();
    },
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
