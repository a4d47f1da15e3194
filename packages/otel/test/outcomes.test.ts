// Outcomes as the scrape shows them: multiclass confusion cells, labels given as booleans or numbers, ids
// reused or joined twice, and the timing helpers that record durations and errors around an inference call.
import { ATTR, BIN, METRICS, prometheusName, promLabel, type MetricSpec } from '@modelwatch/semconv';
import { type ModelMonitor, type ModelMonitorOptions } from '@modelwatch/otel';
import { parseExposition, promtoolCheck, sampleValue, select, type Family } from './support/prometheus';
import { classificationProfile } from './support/profiles';
import { sharedEndpoint } from './support/shared-endpoint';

const promName = (spec: MetricSpec): string => prometheusName(spec, 'exporter-prometheus');
const P = promLabel(ATTR.predictionClass);
const A = promLabel(ATTR.actualClass);

const shared = sharedEndpoint();
const monitor = (model: string, extra: Partial<ModelMonitorOptions> = {}): ModelMonitor => shared.monitor(model, extra);

async function scrape(): Promise<Map<string, Family>> {
  const text = await shared.endpoint.scrape();
  expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
  return parseExposition(text);
}

const features = { income: 2, region: 'north' };

describe('a multiclass model', () => {
  const MODEL = 'multiclass';
  let families: Map<string, Family>;

  beforeAll(async () => {
    // Three classes from the profile's label column; no positive class and no score.
    const profile = classificationProfile() as {
      target: Record<string, unknown>;
      columns: Record<string, Record<string, unknown>>;
    };
    profile.target = { ...profile.target, positive: null, score: null };
    profile.columns.deny = { ...profile.columns.deny, categories: { a: 5, b: 3, c: 2 }, distinct: 3 };
    delete profile.columns.score;
    const m = monitor(MODEL, { profile });
    const pairs: [string, string][] = [
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'b'],
      ['c', 'a'],
      ['c', 'c'],
      ['c', 'c'],
      ['z', 'a'],
      ['b', 'q'],
    ];
    for (const [predicted, actual] of pairs) {
      const id = m.recordPrediction({ features, prediction: predicted, attributes: { afam: 'no' } });
      expect(m.recordOutcome(id!, actual)).toBe(true);
    }
    families = await scrape();
  });

  const cell = (p: string, a: string): number =>
    sampleValue(families, promName(METRICS.outcomes), { model_name: MODEL, [P]: p, [A]: a });

  it('counts every cell of the K×K matrix, and cells of labels outside the classes under __other__', () => {
    const matrix = ['a', 'b', 'c'].map((p) => ['a', 'b', 'c'].map((a) => cell(p, a)));
    expect(matrix).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ]);
    expect(cell(BIN.other, 'a')).toBe(1); // predicted 'z'
    expect(cell('b', BIN.other)).toBe(1); // actual 'q'
    // 9 known cells always, plus the two __other__ cells that were used.
    expect(select(families, promName(METRICS.outcomes), { model_name: MODEL })).toHaveLength(11);
  });

  it('predictions per class; no label-free estimate without a binary score', () => {
    const predictions = (cls: string): number =>
      sampleValue(families, promName(METRICS.predictions), { model_name: MODEL, [P]: cls });
    expect([predictions('a'), predictions('b'), predictions('c'), predictions(BIN.other)]).toEqual([2, 2, 3, 1]);
    expect(select(families, promName(METRICS.estimatedOutcomes), { model_name: MODEL })).toEqual([]);
    // The group counts follow the same cells.
    const group = { model_name: MODEL, [promLabel(ATTR.groupAttribute)]: 'afam', [promLabel(ATTR.groupValue)]: 'no' };
    expect(sampleValue(families, promName(METRICS.groupOutcomes), { ...group, [P]: 'c', [A]: 'c' })).toBe(2);
  });
});

describe('binary labels as booleans and numbers', () => {
  it('true and false mean the positive and the negative class', async () => {
    const MODEL = 'booleans';
    const m = monitor(MODEL);
    const a = m.recordPrediction({ features, prediction: true });
    const b = m.recordPrediction({ features, prediction: false });
    expect(m.recordOutcome(a!, false)).toBe(true);
    expect(m.recordOutcome(b!, false)).toBe(true);
    expect(m.recordOutcome({ prediction: true, actual: true })).toBe(true);
    const families = await scrape();
    const cell = (p: string, q: string): number =>
      sampleValue(families, promName(METRICS.outcomes), { model_name: MODEL, [P]: p, [A]: q });
    expect([cell('yes', 'yes'), cell('yes', 'no'), cell('no', 'yes'), cell('no', 'no')]).toEqual([1, 1, 0, 1]);
  });

  it('numbers are read as their text, so classes "0" and "1" take 0 and 1', async () => {
    const MODEL = 'numeric-labels';
    const m = monitor(MODEL, { classes: ['0', '1'], positiveClass: '1' });
    const id = m.recordPrediction({ features, prediction: 1 });
    expect(m.recordOutcome(id!, 0)).toBe(true);
    // A score at the threshold predicts the positive class.
    expect(m.recordOutcome({ score: 0.5, actual: 1 })).toBe(true);
    const families = await scrape();
    expect(sampleValue(families, promName(METRICS.outcomes), { model_name: MODEL, [P]: '1', [A]: '0' })).toBe(1);
    expect(sampleValue(families, promName(METRICS.outcomes), { model_name: MODEL, [P]: '1', [A]: '1' })).toBe(1);
  });
});

describe('joins by id', () => {
  it('a reused id replaces the pending prediction; a second outcome for it is unmatched', async () => {
    const MODEL = 'reused-ids';
    const m = monitor(MODEL);
    expect(m.recordPrediction({ id: 'req-1', features, prediction: 'no' })).toBe('req-1');
    expect(m.recordPrediction({ id: 'req-1', features, prediction: 'yes' })).toBe('req-1');
    expect(m.snapshot().outcomes.pending).toBe(1);
    expect(m.recordOutcome('req-1', 'yes')).toBe(true);
    expect(m.recordOutcome('req-1', 'yes')).toBe(false);
    const families = await scrape();
    const v = (spec: MetricSpec, where: Record<string, string>): number =>
      sampleValue(families, promName(spec), { model_name: MODEL, ...where });
    expect(v(METRICS.predictions, { [P]: 'no' })).toBe(1);
    expect(v(METRICS.outcomes, { [P]: 'yes', [A]: 'yes' })).toBe(1);
    expect(v(METRICS.outcomes, { [P]: 'no', [A]: 'yes' })).toBe(0);
    expect(v(METRICS.outcomeJoins, { result: 'matched' })).toBe(1);
    expect(v(METRICS.outcomeJoins, { result: 'unmatched' })).toBe(1);
    expect(v(METRICS.pendingOutcomes, {})).toBe(0);
  });

  it('generated ids are unique across monitors in one process', () => {
    const [m1, m2] = [monitor('ids-1'), monitor('ids-2')];
    const ids = new Set<string>();
    for (let i = 0; i < 100; i++) {
      ids.add(m1.recordPrediction({ features, prediction: 'no' })!);
      ids.add(m2.recordPrediction({ features, prediction: 'no' })!);
    }
    expect(ids.size).toBe(200);
  });
});

describe('timing helpers', () => {
  it('instrument(): records prediction and duration, passes the result through, rethrows the service error after counting it', async () => {
    const MODEL = 'instrumented';
    const m = monitor(MODEL);
    const ids: (string | undefined)[] = [];
    const score = m.instrument(
      async (income: number) => ({ probability: income > 1 ? 0.8 : 0.1 }),
      (result, income) => ({
        features: { income, region: 'south' },
        score: result.probability,
        attributes: { afam: 'yes' },
      }),
      (id) => ids.push(id)
    );
    await expect(score(2)).resolves.toEqual({ probability: 0.8 });
    await expect(score(0.5)).resolves.toEqual({ probability: 0.1 });
    const failing = m.instrument(
      () => Promise.reject(new SyntaxError('model returned garbage')),
      () => ({ features })
    );
    await expect(failing()).rejects.toThrow('model returned garbage');
    // A describe callback that throws is the monitor's problem, not the caller's: the result still arrives.
    const careless = m.instrument(
      () => 42,
      () => {
        throw new Error('describe broke');
      }
    );
    await expect(careless()).resolves.toBe(42);

    expect(ids).toHaveLength(2);
    expect(m.recordOutcome(ids[0]!, 'yes')).toBe(true);
    const families = await scrape();
    const v = (spec: MetricSpec, where: Record<string, string>, sample = promName(spec)): number =>
      sampleValue(families, promName(spec), { model_name: MODEL, ...where }, sample);
    expect([v(METRICS.predictions, { [P]: 'yes' }), v(METRICS.predictions, { [P]: 'no' })]).toEqual([1, 1]);
    expect(v(METRICS.errors, { [promLabel(ATTR.errorType)]: 'SyntaxError' })).toBe(1);
    // Two successful calls, the failed one and the careless one were timed.
    expect(v(METRICS.inferenceDuration, {}, `${promName(METRICS.inferenceDuration)}_count`)).toBe(4);
    expect(v(METRICS.outcomes, { [P]: 'yes', [A]: 'yes' })).toBe(1);
    expect(v(METRICS.selfErrors, { [promLabel(ATTR.selfErrorKind)]: 'listener' })).toBe(1);
  });

  it('time(): returns the duration for recordPrediction; a thrown value that is not an Error counts as "error"', async () => {
    const MODEL = 'timed';
    const m = monitor(MODEL);
    const { result, durationSeconds } = await m.time(() => 'ok');
    expect(result).toBe('ok');
    expect(durationSeconds).toBeGreaterThanOrEqual(0);
    m.recordPrediction({ features, prediction: 'no', durationSeconds });
    await expect(m.time(() => Promise.reject('a string'))).rejects.toBe('a string');
    const families = await scrape();
    expect(
      sampleValue(families, promName(METRICS.errors), { model_name: MODEL, [promLabel(ATTR.errorType)]: 'error' })
    ).toBe(1);
    const histogram = promName(METRICS.inferenceDuration);
    expect(sampleValue(families, histogram, { model_name: MODEL }, `${histogram}_count`)).toBe(2);
  });
});
