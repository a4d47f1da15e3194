// The demo inference service's HTTP API:
//   POST /predict   an applicant's fields → { id, score, decision }; every call is recorded by the monitor
//   POST /outcome   { id, actual } (or a list of them) → joins late labels to their predictions
//   GET  /metrics   Prometheus exposition of the monitor's metrics
//   GET  /health    liveness and the model served
//   GET  /snapshot  monitor.snapshot() and latency counts, for a summary without Prometheus
//   POST /alerts    Alertmanager's webhook: one log line per notification
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sleep } from '@modelwatch/local-prometheus';
import { parseNumber } from '@modelwatch/stats';
import { InvalidApplicant, parseApplicant } from '../model/applicant.js';
import { DENY, type MortgageModel } from '../model/mortgage-model.js';
import { notificationLine } from './alert-notification.js';
import { messageOf, printable } from './printable.js';
import { BadRequest, readJson } from './http-body.js';
import type { LatencyCounts } from './latency-counts.js';
import { MODEL, type Monitoring } from './monitoring.js';
import { MAX_SIMULATED_MS, SIMULATED_LATENCY_HEADER } from './simulated-latency.js';

export interface ServiceParts {
  model: MortgageModel;
  monitoring: Monitoring;
  latency: LatencyCounts;
  log: (line: string) => void;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

function reply(response: ServerResponse, status: number, body: unknown, close = false): void {
  response.writeHead(status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) });
  response.end(JSON.stringify(body));
}

function simulatedDelayMs(request: IncomingMessage): number {
  const raw = request.headers[SIMULATED_LATENCY_HEADER];
  if (raw === undefined) return 0;
  const ms = typeof raw === 'string' ? parseNumber(raw) : Number.NaN;
  if (!(ms >= 0 && ms <= MAX_SIMULATED_MS))
    throw new BadRequest(
      `${SIMULATED_LATENCY_HEADER}: must be 0 to ${MAX_SIMULATED_MS} milliseconds, got ${JSON.stringify(raw)}`
    );
  return ms;
}

function predict({ model, monitoring, latency }: ServiceParts): Handler {
  const { monitor } = monitoring;
  return async (request, response) => {
    const delayMs = simulatedDelayMs(request);
    let applicant;
    try {
      applicant = parseApplicant(await readJson(request));
    } catch (e) {
      throw e instanceof InvalidApplicant ? new BadRequest(e.message) : e;
    }
    // The simulated wait happens inside the timed call, so the monitor measures it like a slow dependency; sleep
    // waits at least that long by the monotonic clock the monitor times with, so 300 ms is never timed at 299.9.
    const { result: score, durationSeconds } = await monitor.time(async () => {
      if (delayMs > 0) await sleep(delayMs);
      return model.score(applicant);
    });
    const decision = model.decide(score);
    const id = monitor.recordPrediction({
      features: applicant.inputs,
      score,
      prediction: decision,
      durationSeconds,
      attributes: { afam: applicant.afam, channel: applicant.channel },
      attributions: model.attributions(applicant),
    });
    latency.observe(durationSeconds);
    reply(response, 200, { id, score, decision: decision === DENY ? 'deny' : 'approve' });
  };
}

function outcomeOf(item: unknown, at: string): { id: string; actual: string } {
  const { id, actual } = (typeof item === 'object' && item !== null ? item : {}) as { id?: unknown; actual?: unknown };
  if (typeof id !== 'string' || id === '') throw new BadRequest(`${at}id: must be the id /predict answered`);
  if (actual !== 'yes' && actual !== 'no')
    throw new BadRequest(`${at}actual: must be "yes" (denied in the end) or "no", got ${JSON.stringify(actual)}`);
  return { id, actual };
}

function outcome({ monitoring }: ServiceParts): Handler {
  return async (request, response) => {
    const body = await readJson(request);
    if (Array.isArray(body)) {
      const outcomes = body.map((item, i) => outcomeOf(item, `[${i}].`));
      let matched = 0;
      for (const o of outcomes) if (monitoring.monitor.recordOutcome(o.id, o.actual)) matched++;
      return reply(response, 200, { matched, unmatched: outcomes.length - matched });
    }
    const o = outcomeOf(body, '');
    if (monitoring.monitor.recordOutcome(o.id, o.actual)) return reply(response, 200, { matched: true });
    reply(response, 404, {
      error: `no pending prediction ${JSON.stringify(o.id)}: unknown, already labelled or expired`,
    });
  };
}

function alerts({ log }: ServiceParts): Handler {
  return async (request, response) => {
    log(notificationLine(await readJson(request)));
    reply(response, 200, { received: true });
  };
}

export function createHandler(parts: ServiceParts): (request: IncomingMessage, response: ServerResponse) => void {
  const started = Date.now();
  const routes: Record<string, Handler> = {
    'POST /predict': predict(parts),
    'POST /outcome': outcome(parts),
    'POST /alerts': alerts(parts),
    'GET /metrics': async (request, response) => parts.monitoring.exporter.getMetricsRequestHandler(request, response),
    'GET /health': async (_, response) =>
      reply(response, 200, {
        status: 'ok',
        model: MODEL,
        predictions: parts.monitoring.monitor.snapshot().predictions,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
      }),
    'GET /snapshot': async (_, response) =>
      reply(response, 200, {
        at: Date.now(),
        snapshot: parts.monitoring.monitor.snapshot(),
        latency: parts.latency.view(),
      }),
  };
  const known = Object.keys(routes).join(', ');
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const route = routes[`${request.method ?? 'GET'} ${path}`];
    if (!route)
      return reply(response, 404, { error: `no route ${request.method} ${path}; the service answers ${known}` });
    route(request, response).catch((e: unknown) => {
      if (response.headersSent) return response.destroy();
      // A client still sending an over-limit body is answered, then disconnected rather than read to its end.
      if (e instanceof BadRequest) return reply(response, e.status, { error: e.message }, e.status === 413);
      parts.log(`${request.method} ${printable(path ?? '')} failed: ${printable(messageOf(e))}`);
      reply(response, 500, { error: 'the inference failed; see the service log' });
    });
  };
}
