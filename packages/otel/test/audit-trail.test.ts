// The decision audit trail end to end: monitors emit through the real sdk-logs LoggerProvider and the real OTLP/HTTP
// log exporter to a loopback receiver here, which decodes the OTLP JSON that arrives. Everything checked is read
// from those requests: what an auditor's log backend would receive.
import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { context } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { AUDIT_ATTR, AUDIT_EVENT, AUDIT_SAMPLING_RULE } from '@modelwatch/semconv';
import { ModelMonitor, ModelMonitorConfigError, type ModelMonitorOptions } from '@modelwatch/otel';
import { classificationProfile, regressionProfile } from './support/profiles';

// The exporter loads node:http with a dynamic import(), which Jest's module sandbox refuses without
// --experimental-vm-modules. Jest's `node:module` is a subclass of Node's whose createRequire stays in the sandbox;
// Node's own createRequire (its parent class's) loads the exporter as a service would, outside it.
type ModuleClass = { createRequire(from: string): (id: string) => unknown };
const sandboxed = jest.requireActual<ModuleClass>('node:module');
const parent = Object.getPrototypeOf(sandboxed) as Partial<ModuleClass>;
const nodeModule: ModuleClass = typeof parent.createRequire === 'function' ? (parent as ModuleClass) : sandboxed;
const { OTLPLogExporter } = nodeModule.createRequire(__filename)(
  '@opentelemetry/exporter-logs-otlp-http'
) as typeof import('@opentelemetry/exporter-logs-otlp-http');

type Decoded = string | number | boolean | Decoded[] | { [key: string]: Decoded } | null;

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpValue[] };
  kvlistValue?: { values?: { key: string; value: OtlpValue }[] };
}

interface Received {
  eventName: string;
  attributes: Record<string, Decoded>;
  traceId: string;
  spanId: string;
  timeUnixNano: string;
}

function decodeValue(v: OtlpValue): Decoded {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(decodeValue);
  if (v.kvlistValue !== undefined)
    return Object.fromEntries((v.kvlistValue.values ?? []).map((kv) => [kv.key, decodeValue(kv.value)]));
  return null;
}

/** An OTLP/HTTP JSON logs receiver on loopback: keeps the raw bodies and the decoded log records. */
class Receiver {
  readonly bodies: string[] = [];
  readonly records: Received[] = [];
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        expect(req.url).toBe('/v1/logs');
        expect(req.headers['content-type']).toBe('application/json');
        this.bodies.push(text);
        const body = JSON.parse(text) as {
          resourceLogs: {
            scopeLogs: {
              logRecords: {
                eventName?: string;
                attributes?: { key: string; value: OtlpValue }[];
                traceId?: string;
                spanId?: string;
                timeUnixNano: string;
              }[];
            }[];
          }[];
        };
        for (const r of body.resourceLogs)
          for (const s of r.scopeLogs)
            for (const l of s.logRecords)
              this.records.push({
                eventName: l.eventName ?? '',
                attributes: Object.fromEntries((l.attributes ?? []).map((a) => [a.key, decodeValue(a.value)])),
                traceId: l.traceId ?? '',
                spanId: l.spanId ?? '',
                timeUnixNano: String(l.timeUnixNano),
              });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/logs`;
  }

  events(name: string, model?: string): Received[] {
    return this.records.filter(
      (r) => r.eventName === name && (model === undefined || r.attributes[AUDIT_ATTR.modelName] === model)
    );
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const KEY = Buffer.from('a3f1c09e5b7d2468ace0134679bdf0258acef13579bdf0246813579bdf02468a', 'hex');
const hmac = (value: string): string => createHmac('sha256', KEY).update(value, 'utf8').digest('hex');

/** The test's own uniform stream (a 32-bit LCG), independent of the monitor's sampler. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('the decision audit trail over OTLP/HTTP', () => {
  const receiver = new Receiver();
  let provider: LoggerProvider;
  const tracerProvider = new BasicTracerProvider();
  const contextManager = new AsyncLocalStorageContextManager();
  const monitors: ModelMonitor[] = [];

  const monitor = (name: string, audit: ModelMonitorOptions['audit'], extra: Partial<ModelMonitorOptions> = {}) => {
    const m = new ModelMonitor({
      model: { name, version: '3.1.0' },
      profile: classificationProfile(),
      audit: { loggerProvider: provider, ...audit },
      ...extra,
    });
    monitors.push(m);
    return m;
  };
  const flush = async (): Promise<void> => {
    await provider.forceFlush();
  };

  beforeAll(async () => {
    const url = await receiver.start();
    provider = new LoggerProvider({
      processors: [
        new BatchLogRecordProcessor({
          exporter: new OTLPLogExporter({ url }),
          maxQueueSize: 100_000,
          maxExportBatchSize: 2_000,
          scheduledDelayMillis: 60_000,
        }),
      ],
    });
    context.setGlobalContextManager(contextManager.enable());
  });

  afterAll(async () => {
    for (const m of monitors) m.shutdown();
    await provider.shutdown();
    await tracerProvider.shutdown();
    context.disable();
    logs.disable();
    await receiver.stop();
  });

  it('emits only allowlisted features, hashes identifiers with the key, and keeps protected attributes out', async () => {
    const m = monitor('allowlist', {
      features: ['income'],
      identifiers: ['applicant_id'],
      key: KEY,
      keyId: '2026-q4',
      sampling: { rate: 1 },
    });
    const ids = ['A-1001', 'A-2002', 'A-1001'].map((applicant, i) =>
      m.recordPrediction({
        features: { income: 2.5 + i, region: 'north-secret-region' },
        attributes: { afam: 'yes', applicant_id: applicant, full_name: 'Alice Quantrill' },
        score: 0.8,
        durationSeconds: 0.012,
        reasons: ['R01_DEBT_RATIO', 'R07_SHORT_HISTORY'],
        attributions: { income: -0.4, region: 0.9, afam: 0.3 },
      })
    );
    await flush();
    const events = receiver.events(AUDIT_EVENT.decision, 'allowlist');
    expect(events.map((e) => e.attributes[AUDIT_ATTR.predictionId])).toEqual(ids);
    const e = events[0]!.attributes;
    expect(e[AUDIT_ATTR.modelVersion]).toBe('3.1.0');
    expect(e[AUDIT_ATTR.score]).toBe(0.8);
    expect(e[AUDIT_ATTR.prediction]).toBe('yes');
    expect(e[AUDIT_ATTR.threshold]).toBe(0.5);
    expect(e[AUDIT_ATTR.duration]).toBe(0.012);
    expect(e[AUDIT_ATTR.features]).toEqual({ income: 2.5 });
    expect(e[AUDIT_ATTR.reasons]).toEqual(['R01_DEBT_RATIO', 'R07_SHORT_HISTORY']);
    // region and afam are not on the allowlists: their attributions do not leave either.
    expect(e[AUDIT_ATTR.attributions]).toEqual({ income: -0.4 });
    expect(e[AUDIT_ATTR.protected]).toBeUndefined();
    expect(e[AUDIT_ATTR.keyId]).toBe('2026-q4');
    // The keyed hash, recomputed here from the key: the same applicant links, a different one does not.
    expect(events.map((x) => (x.attributes[AUDIT_ATTR.subject] as Record<string, string>).applicant_id)).toEqual([
      hmac('A-1001'),
      hmac('A-2002'),
      hmac('A-1001'),
    ]);
    const text = receiver.bodies.join('\n');
    for (const secret of ['A-1001', 'A-2002', 'Alice', 'north-secret-region', 'full_name'])
      expect(text).not.toContain(secret);
    expect(Object.keys(e).sort()).toEqual(
      [
        AUDIT_ATTR.modelName,
        AUDIT_ATTR.modelVersion,
        AUDIT_ATTR.predictionId,
        AUDIT_ATTR.samplingProbability,
        AUDIT_ATTR.samplingRule,
        AUDIT_ATTR.keyId,
        AUDIT_ATTR.score,
        AUDIT_ATTR.prediction,
        AUDIT_ATTR.threshold,
        AUDIT_ATTR.duration,
        AUDIT_ATTR.features,
        AUDIT_ATTR.subject,
        AUDIT_ATTR.reasons,
        AUDIT_ATTR.attributions,
      ].sort()
    );
  });

  it('emits a protected attribute only when the audit option allows it by name', async () => {
    const m = monitor('protected', {
      features: ['income', 'region'],
      protectedAttributes: ['afam'],
      sampling: { rate: 1 },
    });
    m.recordPrediction({ features: { income: 1, region: 'south' }, attributes: { afam: 'no' }, score: 0.2 });
    await flush();
    const [e] = receiver.events(AUDIT_EVENT.decision, 'protected');
    expect(e!.attributes[AUDIT_ATTR.features]).toEqual({ income: 1, region: 'south' });
    expect(e!.attributes[AUDIT_ATTR.protected]).toEqual({ afam: 'no' });
    expect(e!.attributes[AUDIT_ATTR.prediction]).toBe('no');
    // No key configured: nothing is hashed, so no key id either.
    expect(e!.attributes[AUDIT_ATTR.keyId]).toBeUndefined();
  });

  it('links a decision and its outcome to the span that was active at the decision', async () => {
    const m = monitor('traced', { features: ['income'], sampling: { rate: 1 } });
    const tracer = tracerProvider.getTracer('audit-test');
    let spanContext = { traceId: '', spanId: '' };
    const id = tracer.startActiveSpan('inference', (span) => {
      spanContext = span.spanContext();
      const recorded = m.recordPrediction({ features: { income: 3 }, score: 0.9 });
      span.end();
      return recorded;
    });
    expect(m.recordOutcome(id!, 'no')).toBe(true);
    const untraced = m.recordPrediction({ features: { income: 3 }, score: 0.1 });
    await flush();
    const decision = receiver
      .events(AUDIT_EVENT.decision, 'traced')
      .find((e) => e.attributes[AUDIT_ATTR.predictionId] === id)!;
    expect(decision.traceId).toBe(spanContext.traceId);
    expect(decision.spanId).toBe(spanContext.spanId);
    expect(spanContext.traceId).toMatch(/^[0-9a-f]{32}$/);
    const [outcome] = receiver.events(AUDIT_EVENT.outcome, 'traced');
    expect(outcome!.attributes[AUDIT_ATTR.predictionId]).toBe(id);
    expect(outcome!.attributes[AUDIT_ATTR.actual]).toBe('no');
    expect(outcome!.attributes[AUDIT_ATTR.samplingProbability]).toBe(1);
    expect(outcome!.traceId).toBe(spanContext.traceId);
    const other = receiver
      .events(AUDIT_EVENT.decision, 'traced')
      .find((e) => e.attributes[AUDIT_ATTR.predictionId] === untraced)!;
    expect(other.traceId).toBe('');
  });

  it('records the true inclusion probability: rules keep with 1, the rest at the rate, and 1/p re-weights counts', async () => {
    const rate = 0.2;
    const margin = 0.05;
    const n = 20_000;
    const run = (name: string, seed: number) => {
      const m = monitor(name, { sampling: { rate, nearThreshold: margin, seed } });
      const u = lcg(99);
      const made: { id: string; score: number }[] = [];
      for (let i = 0; i < n; i++) {
        const score = u();
        made.push({ id: m.recordPrediction({ score, attributes: { afam: 'no' } })!, score });
      }
      return made;
    };
    const made = run('sampled', 12345);
    const replay = run('sampled-again', 12345);
    const reseeded = run('sampled-other-seed', 777);
    await flush();
    const events = receiver.events(AUDIT_EVENT.decision, 'sampled');
    const byId = new Map(events.map((e) => [e.attributes[AUDIT_ATTR.predictionId] as string, e]));
    const near = made.filter((p) => Math.abs(p.score - 0.5) <= margin);
    const rest = made.length - near.length;
    // Every decision the rule covers is there, with probability 1; every other event says the base rate.
    for (const p of near) {
      expect(byId.get(p.id)?.attributes[AUDIT_ATTR.samplingProbability]).toBe(1);
      expect(byId.get(p.id)?.attributes[AUDIT_ATTR.samplingRule]).toBe(AUDIT_SAMPLING_RULE.nearThreshold);
    }
    const base = events.filter((e) => e.attributes[AUDIT_ATTR.samplingRule] === AUDIT_SAMPLING_RULE.base);
    for (const e of base) expect(e.attributes[AUDIT_ATTR.samplingProbability]).toBe(rate);
    expect(base.length + near.length).toBe(events.length);
    // Base-rate events are Binomial(rest, rate): within 4 standard deviations.
    const sd = Math.sqrt(rest * rate * (1 - rate));
    expect(Math.abs(base.length - rest * rate)).toBeLessThan(4 * sd);
    // Horvitz-Thompson: sum of 1/p estimates the number of decisions; its variance is rest * (1 - rate) / rate.
    const estimate = events.reduce((s, e) => s + 1 / (e.attributes[AUDIT_ATTR.samplingProbability] as number), 0);
    expect(Math.abs(estimate - n)).toBeLessThan(4 * Math.sqrt((rest * (1 - rate)) / rate));
    // The share of high scores re-weighted from the sample matches the share among all decisions.
    const high = events.reduce(
      (s, e) =>
        s +
        ((e.attributes[AUDIT_ATTR.score] as number) > 0.8
          ? 1 / (e.attributes[AUDIT_ATTR.samplingProbability] as number)
          : 0),
      0
    );
    const trueHigh = made.filter((p) => p.score > 0.8).length;
    expect(Math.abs(high - trueHigh)).toBeLessThan(4 * Math.sqrt((trueHigh * (1 - rate)) / rate));
    // The same seed replays the same sample; another seed draws another.
    const positions = (name: string, list: { id: string }[]) => {
      const kept = new Set(
        receiver.events(AUDIT_EVENT.decision, name).map((e) => e.attributes[AUDIT_ATTR.predictionId])
      );
      return list.flatMap((p, i) => (kept.has(p.id) ? [i] : []));
    };
    expect(positions('sampled-again', replay)).toEqual(positions('sampled', made));
    expect(positions('sampled-other-seed', reseeded)).not.toEqual(positions('sampled', made));
  });

  it('always keeps denials and a minimum per protected group per interval, at probability 1', async () => {
    const m = monitor('groups', {
      sampling: { rate: 0, keepClasses: ['yes'], minPerGroup: 3, intervalSeconds: 3600, seed: 1 },
    });
    const made: { id: string; group: string | undefined; score: number }[] = [];
    for (let i = 0; i < 20; i++)
      for (const group of ['no', 'yes', undefined]) {
        const score = i % 5 === 0 ? 0.9 : 0.1;
        made.push({
          id: m.recordPrediction({ score, attributes: group === undefined ? {} : { afam: group } })!,
          group,
          score,
        });
      }
    await flush();
    const events = receiver.events(AUDIT_EVENT.decision, 'groups');
    const kept = new Set(events.map((e) => e.attributes[AUDIT_ATTR.predictionId]));
    // Denials ('yes', score 0.9): all of them.
    for (const p of made.filter((x) => x.score === 0.9)) expect(kept.has(p.id)).toBe(true);
    // Per group (the missing group included): the first 3 predictions, kept by a rule, and nothing else at rate 0.
    for (const group of ['no', 'yes', undefined]) {
      const ofGroup = made.filter((p) => p.group === group);
      expect(ofGroup.slice(0, 3).every((p) => kept.has(p.id))).toBe(true);
      expect(ofGroup.slice(3).filter((p) => kept.has(p.id))).toEqual(ofGroup.slice(3).filter((p) => p.score === 0.9));
    }
    const rules = events.map((e) => [
      e.attributes[AUDIT_ATTR.samplingRule],
      e.attributes[AUDIT_ATTR.samplingProbability],
    ]);
    expect(new Set(rules.map((r) => r[1]))).toEqual(new Set([1]));
    // By hand: denials are i = 0, 5, 10, 15 in each of 3 groups (12); the first 3 of each group are i = 0, 1, 2, of
    // which i = 0 is a denial and records that rule first, so 2 per group (6) record the group minimum.
    expect(rules.filter((r) => r[0] === AUDIT_SAMPLING_RULE.keptClass)).toHaveLength(12);
    expect(rules.filter((r) => r[0] === AUDIT_SAMPLING_RULE.groupMinimum)).toHaveLength(6);
    expect(events).toHaveLength(18);
  });

  it('follows the global LoggerProvider when none is given, including one registered after construction', async () => {
    const m = new ModelMonitor({
      model: { name: 'global', version: '1' },
      profile: classificationProfile(),
      audit: { sampling: { rate: 1 } },
    });
    monitors.push(m);
    const lost = m.recordPrediction({ score: 0.3 });
    expect(logs.setGlobalLoggerProvider(provider)).toBe(provider);
    const id = m.recordPrediction({ score: 0.7 });
    await flush();
    const ids = receiver.events(AUDIT_EVENT.decision, 'global').map((e) => e.attributes[AUDIT_ATTR.predictionId]);
    expect(ids).toEqual([id]);
    expect(ids).not.toContain(lost);
  });

  it('hashes the prediction id too when asked, with the same key', async () => {
    const m = monitor('hashed-id', { hashPredictionId: true, key: KEY, sampling: { rate: 1 } });
    const id = m.recordPrediction({ id: 'loan-application-555-12-3456', score: 0.9 })!;
    expect(m.recordOutcome(id, 'yes')).toBe(true);
    await flush();
    const all = [
      ...receiver.events(AUDIT_EVENT.decision, 'hashed-id'),
      ...receiver.events(AUDIT_EVENT.outcome, 'hashed-id'),
    ];
    expect(all).toHaveLength(2);
    for (const e of all) expect(e.attributes[AUDIT_ATTR.predictionId]).toBe(hmac(id));
    expect(receiver.bodies.join('')).not.toContain('555-12-3456');
    // Without keyId, the events name the key by a fingerprint: the first 16 hex digits of its SHA-256.
    expect(all[0]!.attributes[AUDIT_ATTR.keyId]).toMatch(/^[0-9a-f]{16}$/);
  });

  it('remembers at most maxTracked sampled decisions for their outcome events, the newest', async () => {
    const m = monitor('bounded', { maxTracked: 4, sampling: { rate: 1 } });
    const ids = Array.from({ length: 10 }, (_, i) => m.recordPrediction({ score: i / 10 })!);
    for (const id of ids) expect(m.recordOutcome(id, 'no')).toBe(true);
    await flush();
    const outcomes = receiver.events(AUDIT_EVENT.outcome, 'bounded').map((e) => e.attributes[AUDIT_ATTR.predictionId]);
    expect(outcomes).toEqual(ids.slice(6));
    expect(receiver.events(AUDIT_EVENT.decision, 'bounded')).toHaveLength(10);
  });

  it('audits a regression model: the predicted value, no class or threshold', async () => {
    const m = new ModelMonitor({
      model: { name: 'regression', version: '1' },
      profile: regressionProfile(),
      task: 'regression',
      audit: { loggerProvider: provider, features: ['size'], sampling: { rate: 1 } },
    });
    monitors.push(m);
    const id = m.recordPrediction({ features: { size: 25 }, prediction: 312.5 })!;
    expect(m.recordOutcome(id, 300)).toBe(true);
    await flush();
    const [decision] = receiver.events(AUDIT_EVENT.decision, 'regression');
    expect(decision!.attributes[AUDIT_ATTR.prediction]).toBe(312.5);
    expect(decision!.attributes[AUDIT_ATTR.threshold]).toBeUndefined();
    expect(decision!.attributes[AUDIT_ATTR.features]).toEqual({ size: 25 });
    const [outcome] = receiver.events(AUDIT_EVENT.outcome, 'regression');
    expect(outcome!.attributes[AUDIT_ATTR.actual]).toBe(300);
  });

  it('never throws into the caller when the logger fails: the prediction is counted, the failure too', () => {
    const m = monitor('failing', {
      sampling: { rate: 1 },
      loggerProvider: {
        getLogger: () => ({
          emit: () => {
            throw new Error('exporter exploded');
          },
        }),
      },
    });
    const id = m.recordPrediction({ score: 0.4, reasons: 'not-an-array' as unknown as string[] });
    expect(typeof id).toBe('string');
    expect(m.snapshot().predictions).toBe(1);
    expect(m.snapshot().internalErrors.record).toBe(1);
  });
});

describe('audit configuration mistakes', () => {
  const build =
    (audit: unknown, extra: Partial<ModelMonitorOptions> = {}) =>
    () =>
      new ModelMonitor({
        model: { name: 'config', version: '1' },
        profile: classificationProfile(),
        audit: { loggerProvider: { getLogger: () => ({ emit: () => undefined }) }, ...(audit as object) },
        ...extra,
      }).shutdown();

  it.each([
    [{ identifiers: ['applicant_id'] }, "option 'audit.key' is required when audit.identifiers"],
    [{ features: ['salary'] }, "option 'audit.features' names 'salary', which is not a feature column"],
    [{ features: ['afam'] }, "option 'audit.features' names the protected attribute 'afam'"],
    [
      { protectedAttributes: ['race'] },
      "option 'audit.protectedAttributes' names 'race', which is not in protectedAttributes",
    ],
    [{ sampling: { rate: 1.5 } }, "option 'audit.sampling.rate' must be a number in [0, 1] (got 1.5)"],
    [{ sampling: { rate: -0.1 } }, "option 'audit.sampling.rate' must be a number in [0, 1]"],
    [{ key: 'short' }, "option 'audit.key' is 5 bytes; use at least 32"],
    [{ sampling: { keepClasses: ['maybe'] } }, "option 'audit.sampling.keepClasses' names 'maybe', not a class"],
    [{ sampling: { ratee: 0.1 } }, "option 'audit.sampling.ratee' is not an audit option"],
    [
      { identifiers: ['income'], features: ['income'], key: KEY },
      "option 'audit.identifiers' names 'income', which is also emitted in clear",
    ],
    [{ loggerProvider: {} }, "option 'audit.loggerProvider' must be an OpenTelemetry LoggerProvider"],
    [{ sampling: { seed: 1.5 } }, "option 'audit.sampling.seed' must be a whole number"],
    [{ maxTracked: -1 }, "option 'audit.maxTracked' must be a whole number from 0"],
  ])('%j fails at construction with one line', (audit, message) => {
    let error: unknown;
    try {
      build(audit)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelMonitorConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('a minimum per group needs protected attributes', () => {
    expect(build({ sampling: { minPerGroup: 5 } }, { protectedAttributes: [] })).toThrow(
      "option 'audit.sampling.minPerGroup' needs protectedAttributes"
    );
  });
});

describe('with audit off', () => {
  it('nothing of api-logs or node:crypto is reached: the package never imports api-logs', () => {
    const seen: string[] = [];
    const original = process.getBuiltinModule;
    process.getBuiltinModule = ((id: string) => {
      seen.push(id);
      return original.call(process, id);
    }) as typeof process.getBuiltinModule;
    try {
      const m = new ModelMonitor({ model: { name: 'quiet', version: '1' }, profile: classificationProfile() });
      m.recordPrediction({ score: 0.9, features: { income: 2 } });
      m.shutdown();
      expect(seen).toEqual([]);
      const audited = new ModelMonitor({
        model: { name: 'loud', version: '1' },
        profile: classificationProfile(),
        audit: {},
      });
      audited.shutdown();
      // The audited monitor found api-logs on its own, through node:module.
      expect(seen).toEqual(expect.arrayContaining(['node:crypto', 'node:module']));
    } finally {
      process.getBuiltinModule = original;
    }
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) sources.push(readFileSync(p, 'utf8'));
      }
    };
    walk(join(__dirname, '../src'));
    expect(sources.length).toBeGreaterThan(10);
    for (const text of sources)
      expect(text).not.toMatch(/from '@opentelemetry\/api-logs'|import\('@opentelemetry\/api-logs'\)/);
  });
});
