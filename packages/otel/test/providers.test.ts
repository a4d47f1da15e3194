// Where instruments come from: the global MeterProvider registered after the monitor was built (the API has
// no proxy provider, so a naive library would stay on the no-op meter for ever), and several model versions
// sharing one provider.
import { metrics } from '@opentelemetry/api';
import { ATTR, METRICS, SELF_ERRORS, prometheusName, promLabel, type MetricSpec } from '@modelwatch/semconv';
import { ModelMonitor, type MonitorEvent } from '@modelwatch/otel';
import {
  parseExposition,
  promtoolCheck,
  sampleValue,
  select,
  startPrometheus,
  type Family,
  type PrometheusEndpoint,
} from './support/prometheus';
import { classificationProfile } from './support/profiles';

const promName = (spec: MetricSpec): string => prometheusName(spec, 'exporter-prometheus');
const record = { features: { income: 2, region: 'north' }, attributes: { afam: 'no' } };

describe('a monitor built before the application registers its global MeterProvider', () => {
  const endpoints: PrometheusEndpoint[] = [];
  const monitors: ModelMonitor[] = [];

  beforeEach(() => {
    metrics.disable();
  });

  afterAll(async () => {
    metrics.disable();
    for (const m of monitors) m.shutdown();
    await Promise.all(endpoints.map((e) => e.shutdown()));
  });

  async function registered(): Promise<PrometheusEndpoint> {
    const endpoint = await startPrometheus();
    endpoints.push(endpoint);
    expect(metrics.setGlobalMeterProvider(endpoint.provider)).toBe(true);
    return endpoint;
  }

  it('exports through the provider registered later, counts from before registration included', async () => {
    const model = { name: 'early-bird', version: '1' };
    const events: MonitorEvent[] = [];
    const m = new ModelMonitor({ model, profile: classificationProfile(), onEvent: (e) => events.push(e) });
    monitors.push(m);
    for (let i = 0; i < 3; i++) m.recordPrediction({ ...record, prediction: 'yes', durationSeconds: 0.01 });
    expect(events).toEqual([]);

    const endpoint = await registered();
    for (let i = 0; i < 2; i++) m.recordPrediction({ ...record, prediction: 'no', durationSeconds: 0.01 });
    expect(events).toEqual([{ type: 'rebound', model }]);

    const text = await endpoint.scrape();
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
    const families = parseExposition(text);
    const where = (cls: string): Record<string, string> => ({
      model_name: model.name,
      [promLabel(ATTR.predictionClass)]: cls,
    });
    // The counts live in the monitor: the three predictions made on the no-op meter are not lost.
    expect(sampleValue(families, promName(METRICS.predictions), where('yes'))).toBe(3);
    expect(sampleValue(families, promName(METRICS.predictions), where('no'))).toBe(2);
    // Durations are recorded per call: only those after registration reach a real histogram.
    const histogram = promName(METRICS.inferenceDuration);
    expect(sampleValue(families, histogram, { model_name: model.name }, `${histogram}_count`)).toBe(2);
  });

  it('a service whose every inference fails still exports its errors after registration', async () => {
    const model = { name: 'always-failing', version: '1' };
    const m = new ModelMonitor({ model, profile: classificationProfile() });
    monitors.push(m);
    const endpoint = await registered();
    for (let i = 0; i < 4; i++) m.recordError('model_not_loaded');
    await expect(m.time(() => Promise.reject(new TypeError('no model')))).rejects.toThrow('no model');
    const families = parseExposition(await endpoint.scrape());
    expect(
      sampleValue(families, promName(METRICS.errors), {
        model_name: model.name,
        [promLabel(ATTR.errorType)]: 'model_not_loaded',
      })
    ).toBe(4);
    expect(
      sampleValue(families, promName(METRICS.errors), {
        model_name: model.name,
        [promLabel(ATTR.errorType)]: 'TypeError',
      })
    ).toBe(1);
  });

  it('outcomes arriving after registration re-bind too', async () => {
    const model = { name: 'late-outcomes', version: '1' };
    const m = new ModelMonitor({ model, profile: classificationProfile() });
    monitors.push(m);
    const id = m.recordPrediction({ ...record, prediction: 'yes' });
    const endpoint = await registered();
    expect(m.recordOutcome(id!, 'yes')).toBe(true);
    const families = parseExposition(await endpoint.scrape());
    expect(
      sampleValue(families, promName(METRICS.outcomes), {
        model_name: model.name,
        [promLabel(ATTR.predictionClass)]: 'yes',
        [promLabel(ATTR.actualClass)]: 'yes',
      })
    ).toBe(1);
  });

  it('follows a replaced provider: the new one exports, the old one is no longer updated', async () => {
    const model = { name: 'moving', version: '1' };
    const m = new ModelMonitor({ model, profile: classificationProfile() });
    monitors.push(m);
    const first = await registered();
    m.recordPrediction({ ...record, prediction: 'yes' });
    expect(
      select(parseExposition(await first.scrape()), promName(METRICS.predictions), { model_name: model.name })
    ).not.toEqual([]);

    metrics.disable();
    const second = await registered();
    m.recordPrediction({ ...record, prediction: 'yes' });
    const families = parseExposition(await second.scrape());
    expect(
      sampleValue(families, promName(METRICS.predictions), {
        model_name: model.name,
        [promLabel(ATTR.predictionClass)]: 'yes',
      })
    ).toBe(2);
    expect(m.snapshot().internalErrors).toEqual(Object.fromEntries(SELF_ERRORS.map((kind) => [kind, 0])));
    // The old provider's callback was removed: it keeps the SDK's last cumulative value, no longer updated.
    const stale = parseExposition(await first.scrape());
    expect(
      sampleValue(stale, promName(METRICS.predictions), {
        model_name: model.name,
        [promLabel(ATTR.predictionClass)]: 'yes',
      })
    ).toBe(1);
  });
});

describe('two model versions in one process on one provider', () => {
  let endpoint: PrometheusEndpoint;
  const monitors: ModelMonitor[] = [];
  let families: Map<string, Family>;
  let text: string;
  const NAME = 'mortgage-approval';

  beforeAll(async () => {
    endpoint = await startPrometheus();
    const make = (version: string): ModelMonitor =>
      new ModelMonitor({
        model: { name: NAME, version },
        profile: classificationProfile(),
        meterProvider: endpoint.provider,
        segments: ['channel'],
      });
    const [stable, canary] = [make('2.3.0'), make('2.4.0-canary')];
    monitors.push(stable, canary);
    for (let i = 0; i < 90; i++) {
      const id = stable.recordPrediction({
        ...record,
        score: 0.2,
        durationSeconds: 0.02,
        attributes: { afam: 'no', channel: 'web' },
      });
      stable.recordOutcome(id!, 'no');
    }
    stable.recordError('timeout');
    for (let i = 0; i < 10; i++) {
      const id = canary.recordPrediction({
        ...record,
        score: 0.8,
        durationSeconds: 0.2,
        attributes: { afam: 'yes', channel: 'app' },
      });
      canary.recordOutcome(id!, 'no');
      canary.recordError('timeout');
    }
    text = await endpoint.scrape();
    families = parseExposition(text);
  });

  afterAll(async () => {
    for (const m of monitors) m.shutdown();
    await endpoint?.shutdown();
  });

  it('passes promtool: no two series collide', () => {
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
    for (const family of families.values()) {
      const keys = family.samples.map((s) => `${s.name}${JSON.stringify(s.labels)}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('every Modelwatch family has series for both versions, told apart by model_version', () => {
    const versions = promLabel(ATTR.modelVersion);
    for (const [name, family] of families) {
      if (!name.startsWith('modelwatch_')) continue;
      expect({ name, versions: new Set(family.samples.map((s) => s.labels[versions])) }).toEqual({
        name,
        versions: new Set(['2.3.0', '2.4.0-canary']),
      });
    }
  });

  it('each version counts only its own traffic', () => {
    const v = (spec: MetricSpec, version: string, extra: Record<string, string>, sample = promName(spec)): number =>
      sampleValue(families, promName(spec), { model_name: NAME, model_version: version, ...extra }, sample);
    const cls = promLabel(ATTR.predictionClass);
    expect([
      v(METRICS.predictions, '2.3.0', { [cls]: 'no' }),
      v(METRICS.predictions, '2.3.0', { [cls]: 'yes' }),
    ]).toEqual([90, 0]);
    expect([
      v(METRICS.predictions, '2.4.0-canary', { [cls]: 'no' }),
      v(METRICS.predictions, '2.4.0-canary', { [cls]: 'yes' }),
    ]).toEqual([0, 10]);
    const cell = (p: string, a: string): Record<string, string> => ({ [cls]: p, [promLabel(ATTR.actualClass)]: a });
    expect(v(METRICS.outcomes, '2.3.0', cell('no', 'no'))).toBe(90);
    expect(v(METRICS.outcomes, '2.4.0-canary', cell('yes', 'no'))).toBe(10);
    expect(v(METRICS.errors, '2.4.0-canary', { [promLabel(ATTR.errorType)]: 'timeout' })).toBe(10);
    expect(v(METRICS.errors, '2.3.0', { [promLabel(ATTR.errorType)]: 'timeout' })).toBe(1);
    const histogram = promName(METRICS.inferenceDuration);
    expect(v(METRICS.inferenceDuration, '2.3.0', { le: '0.025' }, `${histogram}_bucket`)).toBe(90);
    expect(v(METRICS.inferenceDuration, '2.4.0-canary', { le: '0.1' }, `${histogram}_bucket`)).toBe(0);
    expect(v(METRICS.inferenceDuration, '2.4.0-canary', { le: '0.25' }, `${histogram}_bucket`)).toBe(10);
    const segment = { [promLabel(ATTR.segmentName)]: 'channel', [promLabel(ATTR.segmentValue)]: 'app', [cls]: 'yes' };
    expect(v(METRICS.segmentPredictions, '2.4.0-canary', segment)).toBe(10);
    expect(
      select(families, promName(METRICS.segmentPredictions), { model_version: '2.3.0', segment_value: 'app' })
    ).toEqual([]);
  });
});
