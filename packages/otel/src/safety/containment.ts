import { diag } from '@opentelemetry/api';
import type { SelfErrorKind } from '@modelwatch/semconv';
import type { MonitorEvent } from '../types.js';

/**
 * Where failures inside the instrumentation go instead of into the service: each is counted (exported as
 * modelwatch.monitor.internal_errors) and the first of each kind is reported once through OpenTelemetry's
 * diag logger, so a misbehaving input cannot flood the service's logs either.
 */
export class Containment {
  private readonly reported = new Set<string>();

  constructor(
    private readonly counts: Record<SelfErrorKind, number>,
    private readonly model: { name: string; version: string }
  ) {}

  contain(kind: SelfErrorKind, error: unknown): void {
    this.counts[kind]++;
    const message = error instanceof Error ? error.message : String(error);
    const key = `${kind}:${message}`;
    if (this.reported.has(key) || this.reported.size >= 100) return;
    this.reported.add(key);
    diag.warn(
      `modelwatch: ${this.model.name}@${this.model.version}: ${kind} failed and was contained: ${message} (counted in modelwatch.monitor.internal_errors; reported once)`
    );
  }

  /** Notable events (drift detections) go to diag at info level as well as to the service's onEvent. */
  event(event: MonitorEvent): void {
    if (event.type === 'rebound') {
      diag.info(
        `modelwatch: ${this.model.name}@${this.model.version}: the global MeterProvider changed; instruments re-created on it`
      );
    } else {
      diag.info(
        `modelwatch: ${this.model.name}@${this.model.version}: ${event.detector} ${event.type} after ${event.outcomes} outcomes`
      );
    }
  }
}
