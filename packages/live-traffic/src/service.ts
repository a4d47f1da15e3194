// The inference service of the live alert-rule test and of the Grafana app's browser test, run as a child
// process with the built workspace packages (npm test builds first): one ModelMonitor behind exporter-prometheus
// on 127.0.0.1, and a control endpoint through which the test feeds bursts of events.
//
//   node dist/service.js PLAN.json METRICS_PORT   (compiled by npm run build)
//
// PLAN.json: { model, profile, monitor options, warmup: Event[], bursts: Event[][] }. The warm-up is fed
// before the exporter can answer a scrape, so Prometheus never sees it as an increase (see
// test/live/alert-rules.live.test.ts).
// Prints one JSON line when ready: { ready: true, controlPort } or { ready: false, error }.
// POST /burst/<i> feeds burst i synchronously, so no scrape can observe half of it, and answers with the
// wall-clock milliseconds around it. GET /health answers the monitor's own error and join counts.
// The process exits when its stdin closes, so it never outlives the test that started it.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ModelMonitor, type ModelMonitorOptions, type PredictionRecord } from '@modelwatch/otel';

interface TrafficEvent extends Omit<PredictionRecord, 'id'> {
  /** A failed inference of this type instead of a prediction. */
  error?: string;
  /** A class label, or a number for a regression model. */
  actual?: string | number;
}

interface Plan {
  monitor: Omit<ModelMonitorOptions, 'profile' | 'meterProvider'>;
  profile: ModelMonitorOptions['profile'];
  warmup: TrafficEvent[];
  bursts: TrafficEvent[][];
}

const [planFile, metricsPort] = process.argv.slice(2) as [string, string];
const plan = JSON.parse(readFileSync(planFile, 'utf8')) as Plan;

function say(message: unknown): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function startExporter(port: number): Promise<PrometheusExporter> {
  return new Promise((resolve, reject) => {
    const exporter = new PrometheusExporter({ host: '127.0.0.1', port }, (error) =>
      error ? reject(error) : resolve(exporter)
    );
  });
}

let failures = 0;
function feed(monitor: ModelMonitor, events: TrafficEvent[]): void {
  for (const e of events) {
    if (e.error !== undefined) {
      monitor.recordError(e.error);
      continue;
    }
    const id = monitor.recordPrediction({
      features: e.features,
      score: e.score,
      prediction: e.prediction,
      durationSeconds: e.durationSeconds,
      attributes: e.attributes,
    });
    if (id === undefined || e.actual === undefined || !monitor.recordOutcome(id, e.actual)) failures++;
  }
}

async function main(): Promise<void> {
  let exporter: PrometheusExporter;
  try {
    exporter = await startExporter(Number(metricsPort));
  } catch (error) {
    say({ ready: false, error: String((error as { code?: string }).code ?? error) });
    process.exit(3);
  }
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'modelwatch-live-test' }),
    readers: [exporter],
  });
  const monitor = new ModelMonitor({ ...plan.monitor, profile: plan.profile, meterProvider: provider });
  feed(monitor, plan.warmup);

  const control = createServer((request, response) => {
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
      response.end(JSON.stringify(body));
    };
    const burst = /^\/burst\/(\d+)$/.exec(request.url ?? '');
    if (request.method === 'POST' && burst) {
      const events = plan.bursts[Number(burst[1])];
      if (!events) return reply(404, { error: `no burst ${burst[1]}` });
      const start = Date.now();
      feed(monitor, events);
      const end = Date.now();
      return reply(200, { start, end });
    }
    if (request.method === 'GET' && request.url === '/health') {
      const s = monitor.snapshot();
      return reply(200, {
        failures,
        internalErrors: s.internalErrors,
        outcomes: s.outcomes,
        predictions: s.predictions,
      });
    }
    return reply(404, { error: 'unknown request' });
  });
  control.listen(0, '127.0.0.1', () => say({ ready: true, controlPort: (control.address() as { port: number }).port }));

  const stop = async (): Promise<void> => {
    control.close();
    monitor.shutdown();
    await provider.shutdown().catch(() => {});
    process.exit(0);
  };
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  say({ ready: false, error: String(error instanceof Error ? error.stack : error) });
  process.exit(1);
});
