// Many monitors on one MeterProvider share its instruments: the SDK's cardinality limit (2,000 attribute sets per
// instrument by default) applies to all of them together, and two monitors of the same model version would report
// the same series. The first is warned about once and exported as a gauge; the second is a configuration error.
import { diag, DiagLogLevel, metrics } from '@opentelemetry/api';
import { ATTR, METRICS, SELF_ERRORS, prometheusName, promLabel, type MetricSpec } from '@modelwatch/semconv';
import { ModelMonitor, ModelMonitorConfigError } from '@modelwatch/otel';
import { parseExposition, promtoolCheck, sampleValue, select, startPrometheus } from './support/prometheus';
import { classificationProfile } from './support/profiles';

const promName = (spec: MetricSpec): string => prometheusName(spec, 'exporter-prometheus');
const MODELS = 100;
const record = { features: { income: 2, region: 'north' }, attributes: { afam: 'no' }, prediction: 'yes' };

/**
 * The busiest instrument of one classificationProfile() monitor, worked out by hand: modelwatch.group.outcomes
 * has one series per slot of the protected attribute `afam` (50 values kept by default, plus __other__ and
 * __missing__) and per confusion cell of the classes no, yes and __other__ (3 × 3).
 */
const GROUP_OUTCOME_SERIES = (50 + 2) * 3 * 3;

describe('many models on one MeterProvider', () => {
  const warnings: string[] = [];
  beforeAll(() => {
    diag.setLogger(
      { error: () => {}, warn: (m: string) => warnings.push(m), info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN
    );
  });
  afterAll(() => diag.disable());
  beforeEach(() => {
    warnings.length = 0;
  });
  const budgetWarnings = (): string[] => warnings.filter((w) => w.includes('cardinality limit'));

  it('100 models under the default limit: warned once with the fix, counted in a gauge, and series really are lost', async () => {
    const endpoint = await startPrometheus();
    const monitors: ModelMonitor[] = [];
    try {
      for (let i = 0; i < MODELS; i++) {
        const m = new ModelMonitor({
          model: { name: `model-${i}`, version: '1' },
          profile: classificationProfile(),
          meterProvider: endpoint.provider,
        });
        monitors.push(m);
        m.recordPrediction({ ...record, attributes: { afam: `group-${i % 7}` } });
      }
      const first = await endpoint.scrape();
      const second = await endpoint.scrape();
      expect(promtoolCheck(second)).toEqual({ ok: true, output: '' });

      const found = budgetWarnings();
      expect(found).toHaveLength(1);
      const message = found[0]!;
      expect(message).toContain(`${MODELS} monitor(s)`);
      expect(message).toContain(`${MODELS * GROUP_OUTCOME_SERIES} series of ${METRICS.groupOutcomes.name}`);
      expect(message).toContain('aggregationCardinalityLimit');
      expect(message).toContain("meterName: '@modelwatch/otel'");
      expect(message).not.toContain('\n');

      const families = parseExposition(second);
      for (const i of [0, 57, MODELS - 1]) {
        const where = { [promLabel(ATTR.modelName)]: `model-${i}` };
        expect(sampleValue(families, promName(METRICS.monitorCardinality), where)).toBe(MODELS * GROUP_OUTCOME_SERIES);
      }
      // What the warning is about: the SDK folded attribute sets past its limit into an overflow series, so some
      // models' data-quality counters are missing from the scrape.
      const issues = families.get(promName(METRICS.featureIssues))!.samples;
      expect(issues.filter((s) => s.labels.otel_metric_overflow === 'true')).toHaveLength(1);
      const ofModel = (name: string): number =>
        issues.filter((s) => s.labels[promLabel(ATTR.modelName)] === name).length;
      expect(ofModel(`model-${MODELS - 1}`)).toBeLessThan(ofModel('model-0'));
      expect(budgetWarnings()).toHaveLength(1); // still once after another collection
      expect(first.length).toBeGreaterThan(0);
    } finally {
      for (const m of monitors) m.shutdown();
      await endpoint.shutdown();
    }
  });

  it('with a View raising the limit (and cardinalityLimit telling the monitors), every model is exported and nothing is warned', async () => {
    const limit = MODELS * GROUP_OUTCOME_SERIES;
    const endpoint = await startPrometheus('many', [
      { meterName: '@modelwatch/otel', aggregationCardinalityLimit: limit },
    ]);
    const monitors: ModelMonitor[] = [];
    try {
      for (let i = 0; i < MODELS; i++) {
        const m = new ModelMonitor({
          model: { name: `model-${i}`, version: '1' },
          profile: classificationProfile(),
          meterProvider: endpoint.provider,
          cardinalityLimit: limit,
        });
        monitors.push(m);
        for (let k = 0; k <= i % 3; k++) m.recordPrediction(record);
      }
      const text = await endpoint.scrape();
      expect(budgetWarnings()).toEqual([]);
      expect(text).not.toContain('otel_metric_overflow="true"');
      const families = parseExposition(text);
      for (let i = 0; i < MODELS; i++) {
        const where = { [promLabel(ATTR.modelName)]: `model-${i}`, [promLabel(ATTR.predictionClass)]: 'yes' };
        expect(sampleValue(families, promName(METRICS.predictions), where)).toBe((i % 3) + 1);
      }
    } finally {
      for (const m of monitors) m.shutdown();
      await endpoint.shutdown();
    }
  });

  it('cardinalityLimit is checked like every option', () => {
    expect(
      () =>
        new ModelMonitor({
          model: { name: 'bad-limit', version: '1' },
          profile: classificationProfile(),
          cardinalityLimit: 0,
        })
    ).toThrow(/option 'cardinalityLimit'/);
  });
});

describe('two monitors for one model version on one provider', () => {
  it('the second is a configuration error naming the model, the version and the fix', async () => {
    const endpoint = await startPrometheus();
    const make = (version: string, meterProvider = endpoint.provider): ModelMonitor =>
      new ModelMonitor({ model: { name: 'twin', version }, profile: classificationProfile(), meterProvider });
    const first = make('1');
    const other = make('2'); // another version of the same model is fine
    try {
      let error: unknown;
      try {
        make('1');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelMonitorConfigError);
      const message = (error as Error).message;
      expect(message).toContain("option 'model'");
      expect(message).toContain('twin@1');
      expect(message).toContain('shut the other down');
      expect(message).not.toContain('\n');
      // The same Meter passed directly is the same set of instruments.
      expect(
        () =>
          new ModelMonitor({
            model: { name: 'twin', version: '1' },
            profile: classificationProfile(),
            meter: endpoint.provider.getMeter('@modelwatch/otel', '0.1.0'),
          })
      ).toThrow(ModelMonitorConfigError);

      // The failed constructions left nothing behind: the first monitor's counts are the exported ones.
      first.recordPrediction(record);
      first.recordPrediction(record);
      const families = parseExposition(await endpoint.scrape());
      const where = { [promLabel(ATTR.modelName)]: 'twin', [promLabel(ATTR.modelVersion)]: '1' };
      expect(sampleValue(families, promName(METRICS.predictions), { ...where, prediction_class: 'yes' })).toBe(2);
      expect(select(families, promName(METRICS.monitorCardinality), where)).toHaveLength(1);
      expect(first.snapshot().internalErrors).toEqual(Object.fromEntries(SELF_ERRORS.map((kind) => [kind, 0])));

      // Once the first is shut down, a new monitor of the same version may take its place.
      first.shutdown();
      const replacement = make('1');
      replacement.recordPrediction(record);
      const after = parseExposition(await endpoint.scrape());
      expect(sampleValue(after, promName(METRICS.predictions), { ...where, prediction_class: 'yes' })).toBe(1);
      replacement.shutdown();
    } finally {
      first.shutdown();
      other.shutdown();
      await endpoint.shutdown();
    }
  });

  it('the error stays one line whatever the model name holds', async () => {
    const endpoint = await startPrometheus();
    const model = { name: 'two\nlines', version: '1\r\n2' };
    const make = (): ModelMonitor =>
      new ModelMonitor({ model, profile: classificationProfile(), meterProvider: endpoint.provider });
    const first = make();
    try {
      expect(make).toThrow(/^ModelMonitor: option 'model' "two\\nlines@1\\r\\n2" already has a live monitor[^\n\r]*$/);
    } finally {
      first.shutdown();
      await endpoint.shutdown();
    }
  });

  it('a monitor following the global provider does not take over a model version already exported there', async () => {
    metrics.disable();
    const endpoint = await startPrometheus();
    const model = { name: 'late-twin', version: '1' };
    const explicit = new ModelMonitor({ model, profile: classificationProfile(), meterProvider: endpoint.provider });
    const follower = new ModelMonitor({ model, profile: classificationProfile() });
    try {
      expect(metrics.setGlobalMeterProvider(endpoint.provider)).toBe(true);
      explicit.recordPrediction(record);
      for (let i = 0; i < 5; i++) follower.recordPrediction(record);
      const families = parseExposition(await endpoint.scrape());
      const where = { [promLabel(ATTR.modelName)]: model.name, prediction_class: 'yes' };
      expect(sampleValue(families, promName(METRICS.predictions), where)).toBe(1);
      // The follower could not bind: contained and counted, never thrown from recordPrediction.
      expect(follower.snapshot().internalErrors.instrument).toBe(1);
    } finally {
      metrics.disable();
      explicit.shutdown();
      follower.shutdown();
      await endpoint.shutdown();
    }
  });
});
