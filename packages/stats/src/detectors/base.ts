import type { DetectorKind, DriftDetector } from './types.js';

/**
 * Shared bookkeeping: ignoring non-finite input, the deferred restart after a drift, and the counters
 * that must survive that restart. Subclasses hold only the detector's own statistics.
 */
export abstract class BaseDetector implements DriftDetector {
  abstract readonly kind: DetectorKind;

  private drift = false;
  protected warning = false;
  // River re-initialises a detector at the update *after* a drift, so the statistics that caused the
  // drift stay observable until then.
  private restartPending = false;
  private nDetections = 0;
  private nIgnored = 0;

  get driftDetected(): boolean {
    return this.drift;
  }

  get warningDetected(): boolean {
    return this.warning;
  }

  get detections(): number {
    return this.nDetections;
  }

  update(x: number): void {
    // Plain-JavaScript callers of the binary detectors may pass booleans, as River accepts them.
    if (typeof x === 'boolean') x = x ? 1 : 0;
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      this.nIgnored++;
      this.drift = false;
      // Restarting now is equivalent to restarting at the next finite value, and it keeps a warning raised
      // before the drift from being reported again at this skipped position.
      if (this.restartPending) this.restartNow();
      return;
    }
    if (this.restartPending) this.restartNow();
    this.drift = this.step(x);
    if (this.drift) {
      this.nDetections++;
      this.restartPending = true;
    }
  }

  reset(): void {
    this.restartNow();
    this.drift = false;
    this.nDetections = 0;
    this.nIgnored = 0;
  }

  state(): Record<string, number> {
    return { ...this.statistics(), n_detections: this.nDetections, ignored: this.nIgnored };
  }

  private restartNow(): void {
    this.restartPending = false;
    this.warning = false;
    this.restart();
  }

  /** Re-initialises the detector's own statistics (River's `_reset`). */
  protected abstract restart(): void;

  /** Processes one finite value, updates `warning`, and returns whether a drift is detected. */
  protected abstract step(x: number): boolean;

  /** The detector's own statistics for `state()`; finite numbers only. */
  protected abstract statistics(): Record<string, number>;
}
