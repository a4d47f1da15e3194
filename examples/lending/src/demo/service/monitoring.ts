// The service's OpenTelemetry setup, as an application chooses it: the SDK's MeterProvider with the Prometheus
// exporter as its reader, served on the service's own port (/metrics) instead of a second one.
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ModelMonitor } from '@modelwatch/otel';
import type { ReferenceProfile } from '@modelwatch/stats';
import { DENY } from '../model/mortgage-model.js';

export const MODEL = { name: 'mortgage-approval', version: '1.0.0' } as const;

export interface Monitoring {
  monitor: ModelMonitor;
  exporter: PrometheusExporter;
  shutdown(): Promise<void>;
}

export function startMonitoring(profile: ReferenceProfile, threshold: number): Monitoring {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'lending-demo', 'service.version': MODEL.version }),
    readers: [exporter],
  });
  const monitor = new ModelMonitor({
    model: MODEL,
    profile,
    meterProvider: provider,
    positiveClass: DENY,
    threshold,
    protectedAttributes: ['afam'],
    segments: ['channel'],
    // The two inputs most exposed to pricing, counted per channel too: a broker's change shows in its own channel.
    segmentDrift: { features: ['pirat', 'lvrat'], segments: ['channel'] },
  });
  return {
    monitor,
    exporter,
    shutdown: async () => {
      monitor.shutdown();
      await provider.shutdown();
    },
  };
}
