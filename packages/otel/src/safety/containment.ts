import { diag } from '@opentelemetry/api';
import type { SelfErrorKind } from '@modelwatch/semconv';
import type { MonitorEvent } from '../types.js';
import { describe } from './describe.js';

/** At most this many distinct problems are reported through diag (and remembered) per monitor. */
export const REPORTED_MAX_MESSAGES = 100;
/** At most this many characters of reported messages are remembered per monitor. */
export const REPORTED_MAX_CHARS = 16 * 1024;

/**
 * Where failures inside the instrumentation go instead of into the service: each is counted (exported as
 * modelwatch.monitor.internal_errors) and the first of each kind is reported once through OpenTelemetry's
 * diag logger, so a misbehaving input cannot flood the service's logs either. Nothing here throws: the thrown
 * value may not be describable and the service's diag logger may throw itself.
 */
export class Containment {
  private readonly reported = new Set<string>();
  private reportedChars = 0;

  constructor(
    private readonly counts: Record<SelfErrorKind, number>,
    private readonly model: { name: string; version: string }
  ) {}

  contain(kind: SelfErrorKind, error: unknown): void {
    this.counts[kind]++;
    const message = describe(error);
    const key = `${kind}:${message}`;
    if (this.reported.has(key)) return;
    if (this.reported.size >= REPORTED_MAX_MESSAGES || this.reportedChars + key.length > REPORTED_MAX_CHARS) return;
    this.reported.add(key);
    this.reportedChars += key.length;
    this.say(
      'warn',
      `${kind} failed and was contained: ${message} (counted in modelwatch.monitor.internal_errors; reported once)`
    );
  }

  /** Notable events (drift detections) go to diag at info level as well as to the service's onEvent. */
  event(event: MonitorEvent): void {
    if (event.type === 'rebound') {
      this.say('info', 'the global MeterProvider changed; instruments re-created on it');
    } else {
      this.say('info', `${event.detector} ${event.type} after ${event.outcomes} outcomes`);
    }
  }

  /** A diag logger that throws loses its message, never the caller's work. */
  private say(level: 'warn' | 'info', message: string): void {
    try {
      diag[level](`modelwatch: ${this.model.name}@${this.model.version}: ${message}`);
    } catch {
      // Nowhere left to report to: the failure is already counted.
    }
  }
}
