import { ModelMonitor, type ModelMonitorOptions } from '@modelwatch/otel';
import { startPrometheus, type PrometheusEndpoint } from './prometheus';
import { classificationProfile } from './profiles';

export interface SharedEndpoint {
  /** The exporter every monitor of the file reports to (valid inside tests). */
  readonly endpoint: PrometheusEndpoint;
  /** A classification monitor on the shared endpoint, shut down after the file's tests. */
  monitor(name: string, extra?: Partial<ModelMonitorOptions>): ModelMonitor;
  /** A monitor built otherwise (e.g. on a wrapped meter), shut down with the others. */
  track(monitor: ModelMonitor): ModelMonitor;
}

/** One exporter for a test file, started before its tests and shut down after them with every monitor made on it. */
export function sharedEndpoint(defaults: Partial<ModelMonitorOptions> = {}): SharedEndpoint {
  let endpoint: PrometheusEndpoint | undefined;
  const monitors: ModelMonitor[] = [];
  beforeAll(async () => {
    endpoint = await startPrometheus();
  });
  afterAll(async () => {
    for (const m of monitors) m.shutdown();
    await endpoint?.shutdown();
  });
  return {
    get endpoint(): PrometheusEndpoint {
      if (!endpoint) throw new Error('the shared endpoint is only available inside tests');
      return endpoint;
    },
    monitor(name, extra = {}) {
      const m = new ModelMonitor({
        model: { name, version: '1' },
        profile: classificationProfile(),
        meterProvider: this.endpoint.provider,
        ...defaults,
        ...extra,
      });
      return this.track(m);
    },
    track(m) {
      monitors.push(m);
      return m;
    },
  };
}
