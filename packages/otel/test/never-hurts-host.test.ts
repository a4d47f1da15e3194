// Never hurts the host: whatever an inference service passes in, and whatever its OpenTelemetry setup does,
// no recording call throws. Bad data is counted as data-quality issues, failures inside the instrumentation as
// modelwatch.monitor.internal_errors, both visible in the scrape, and each problem reaches diag once.
import {
  diag,
  DiagLogLevel,
  type Attributes,
  type BatchObservableCallback,
  type Meter,
  type MeterProvider,
  type Observable,
} from '@opentelemetry/api';
import {
  ATTR,
  BIN,
  METRICS,
  SELF_ERRORS,
  prometheusName,
  promLabel,
  type AttributeKey,
  type MetricSpec,
} from '@modelwatch/semconv';
import { ModelMonitor, type ModelMonitorOptions, type MonitorEvent, type PredictionRecord } from '@modelwatch/otel';
import { UNKNOWN_EVERY_FIRST, UNKNOWN_SAMPLING } from '../src/features/feature-set';
import { parseExposition, promtoolCheck, sampleValue, select, type Family } from './support/prometheus';
import { classificationProfile } from './support/profiles';
import { sharedEndpoint } from './support/shared-endpoint';

const promName = (spec: MetricSpec): string => prometheusName(spec, 'exporter-prometheus');

/** Collects everything diag says; Modelwatch's own lines start with 'modelwatch:'. */
const logged: { level: string; message: string }[] = [];
const collect =
  (level: string) =>
  (message: string): void => {
    logged.push({ level, message });
  };
const modelwatchLines = (model: string): string[] =>
  logged.filter((l) => l.message.startsWith(`modelwatch: ${model}@`)).map((l) => l.message);

beforeAll(() => {
  diag.setLogger(
    {
      error: collect('error'),
      warn: collect('warn'),
      info: collect('info'),
      debug: collect('debug'),
      verbose: collect('verbose'),
    },
    { logLevel: DiagLogLevel.INFO, suppressOverrideMessage: true }
  );
});

afterAll(() => {
  diag.disable();
});

const shared = sharedEndpoint({ bins: 4 });
const monitorOn = (model: string, extra: Partial<ModelMonitorOptions> = {}): ModelMonitor =>
  shared.monitor(model, extra);

async function scrape(): Promise<{ text: string; families: Map<string, Family> }> {
  const text = await shared.endpoint.scrape();
  return { text, families: parseExposition(text) };
}

function valueOf(
  families: Map<string, Family>,
  model: string,
  spec: MetricSpec,
  attributes: Partial<Record<AttributeKey, string>> = {}
): number {
  const where: Record<string, string> = { model_name: model };
  for (const [k, v] of Object.entries(attributes)) where[promLabel(k as AttributeKey)] = v!;
  return sampleValue(families, promName(spec), where);
}

/** Every kind of internal error at 0, to spread the expected counts over. */
const NO_ERRORS: Record<string, number> = Object.fromEntries(SELF_ERRORS.map((kind) => [kind, 0]));

const internalErrors = (families: Map<string, Family>, model: string): Record<string, number> =>
  Object.fromEntries(
    SELF_ERRORS.map((kind) => [kind, valueOf(families, model, METRICS.selfErrors, { [ATTR.selfErrorKind]: kind })])
  );

/** Calls f and fails the test if it throws, naming the case. */
function survives<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new Error(`${what} threw into the host: ${String(e)}`);
  }
}

describe('hostile inputs are counted, never thrown', () => {
  const MODEL = 'hostile-inputs';
  let families: Map<string, Family>;
  let text: string;
  const results: unknown[] = [];

  beforeAll(async () => {
    const m = monitorOn(MODEL, { segments: ['channel'] });
    const ok = { region: 'north' } as const;
    const attributes = { afam: 'no', channel: 'web' } as const;
    const record = (r: unknown): unknown =>
      survives(`recordPrediction(${String(JSON.stringify(r))})`, () => m.recordPrediction(r as PredictionRecord));

    // Not a record at all: each is a contained 'record' failure.
    for (let i = 0; i < 50; i++) results.push(record(undefined));
    results.push(record(null));
    // Numbers that are not numbers, and things that are not numbers at all, where income (numeric) belongs.
    const badIncome: unknown[] = [
      Number.NaN,
      null,
      undefined,
      Infinity,
      -Infinity,
      '2',
      true,
      {},
      [],
      Symbol('x'),
      1e308,
      -5,
    ];
    for (const income of badIncome) record({ features: { ...ok, income }, prediction: 'no', attributes });
    // Wrong types where region (categorical) belongs: booleans and numbers are read as their text.
    const badRegion: unknown[] = [true, 5, {}, Number.NaN, () => 1];
    for (const region of badRegion) record({ features: { income: 2, region }, prediction: 'no', attributes });
    // Scores that are not probabilities: binned and counted, but not turned into a predicted class.
    const badScores: unknown[] = [Number.NaN, Infinity, 1.5, -0.5, '0.7'];
    for (const score of badScores) record({ features: { ...ok, income: 2 }, score, attributes });
    // Names outside the profile, one of them a label Prometheus reserves and one needing escapes.
    record({ features: { ...ok, income: 2, mystery: 1, le: 3, 'we"ird\\name\nx': 4 }, prediction: 'no', attributes });
    // Durations that cannot be durations.
    for (let i = 1; i <= 30; i++)
      record({ features: { ...ok, income: 2 }, prediction: 'no', durationSeconds: -i, attributes });
    for (const d of [Number.NaN, Infinity, -Infinity, '0.1'])
      record({ features: { ...ok, income: 2 }, prediction: 'no', durationSeconds: d, attributes });
    // Attribute values of every type, and a protected attribute given only as a feature.
    record({
      features: { ...ok, income: 2, afam: 'yes' },
      prediction: 'yes',
      attributes: { channel: { nested: true } },
    });

    const id = m.recordPrediction({ features: { ...ok, income: 2 }, prediction: 'yes', attributes });
    const outcome = (what: string, f: () => boolean): unknown => results.push(survives(what, f));
    outcome('unknown id', () => m.recordOutcome('no-such-id', 'yes'));
    outcome('unknown class', () => m.recordOutcome(id!, 'martian'));
    outcome('same id twice', () => m.recordOutcome(id!, 'yes'));
    outcome('undefined', () => m.recordOutcome(undefined as unknown as string));
    outcome('a number', () => m.recordOutcome(42 as unknown as string));
    outcome('stateless, unknown classes', () => m.recordOutcome({ prediction: 'maybe', actual: 'perhaps' }));
    survives('recordError(undefined)', () => m.recordError(undefined));
    survives('recordError(object)', () => m.recordError({ not: 'an error' } as unknown as string));
    survives('snapshot()', () => m.snapshot());
    ({ text } = await scrape());
    families = parseExposition(text);
  });

  it('the scrape still passes promtool', () => {
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
  });

  it('no prediction id for a record that is not one; outcomes report whether they counted', () => {
    expect(results.slice(0, 51)).toEqual(new Array(51).fill(undefined));
    // unknown id: no; unknown class: counted as __other__; same id again: no; not an id: no; stateless: counted.
    expect(results.slice(51)).toEqual([false, true, false, false, false, true]);
  });

  it('data-quality issues per feature', () => {
    const issues = (feature: string): Record<string, number> =>
      Object.fromEntries(
        ['missing', 'out_of_range', 'invalid_type', 'unseen_category'].map((issue) => [
          issue,
          valueOf(families, MODEL, METRICS.featureIssues, { [ATTR.feature]: feature, [ATTR.issue]: issue }),
        ])
      );
    // NaN, null, absent: missing. ±Infinity, '2', true, {}, [], a symbol: invalid. 1e308 and −5: out of range.
    // (The 51 non-records never reached the features.)
    expect(issues('income')).toEqual({ missing: 3, out_of_range: 2, invalid_type: 7, unseen_category: 0 });
    // {} and a function are invalid, NaN missing; true and 5 become 'true' and '5': __other__ (the reference had others).
    expect(issues('region')).toEqual({ missing: 1, out_of_range: 0, invalid_type: 2, unseen_category: 0 });
    expect(valueOf(families, MODEL, METRICS.featureValues, { [ATTR.feature]: 'region', [ATTR.bin]: BIN.other })).toBe(
      2
    );
    // NaN: missing; Infinity and '0.7': invalid; 1.5 and −0.5: outside the reference scores 0.1..0.9.
    expect(issues('score')).toEqual({ missing: 1, out_of_range: 2, invalid_type: 2, unseen_category: 0 });
    for (const name of ['mystery', 'le', 'we"ird\\name\nx']) {
      expect(
        valueOf(families, MODEL, METRICS.featureIssues, { [ATTR.feature]: name, [ATTR.issue]: 'unknown_feature' })
      ).toBe(1);
    }
    // Non-probability scores predict no known class.
    expect(valueOf(families, MODEL, METRICS.predictions, { [ATTR.predictionClass]: BIN.other })).toBe(5);
  });

  it('unknown outcome ids and classes: unmatched joins and __other__ cells', () => {
    expect(valueOf(families, MODEL, METRICS.outcomeJoins, { [ATTR.joinResult]: 'unmatched' })).toBe(2);
    expect(valueOf(families, MODEL, METRICS.outcomeJoins, { [ATTR.joinResult]: 'matched' })).toBe(1);
    expect(
      valueOf(families, MODEL, METRICS.outcomes, { [ATTR.predictionClass]: 'yes', [ATTR.actualClass]: BIN.other })
    ).toBe(1);
    expect(
      valueOf(families, MODEL, METRICS.outcomes, { [ATTR.predictionClass]: BIN.other, [ATTR.actualClass]: BIN.other })
    ).toBe(1);
    expect(valueOf(families, MODEL, METRICS.errors, { [ATTR.errorType]: 'error' })).toBe(2);
  });

  it('internal errors: 51 non-records, 34 bad durations, 2 bad outcome arguments, 2 unknown actual classes; the histogram never saw them', () => {
    expect(internalErrors(families, MODEL)).toEqual({ ...NO_ERRORS, record: 51 + 34 + 2 + 2 });
    // Not one duration was valid, so the histogram has no series for this model (and no +Inf or NaN sum).
    expect(
      select(
        families,
        promName(METRICS.inferenceDuration),
        { model_name: MODEL },
        `${promName(METRICS.inferenceDuration)}_count`
      )
    ).toEqual([]);
  });

  it('diag reports each problem once however often it happens', () => {
    const lines = modelwatchLines(MODEL);
    // undefined and null records fail differently; 34 bad durations are one problem; two bad outcome calls one;
    // two outcomes of classes the profile does not have, one.
    expect(lines).toHaveLength(5);
    expect(lines.filter((l) => l.includes('durationSeconds'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("an actual class outside the profile's classes (no, yes)"))).toHaveLength(1);
    expect(lines.every((l) => l.includes('modelwatch.monitor.internal_errors'))).toBe(true);
    // The SDK was never handed a value it had to warn about.
    expect(logged.filter((l) => l.message.includes('non-number value'))).toEqual([]);
  });
});

describe('cardinality is capped per attribute', () => {
  const MODEL = 'many-values';
  const CAP = 20;
  const N = 3000;
  let families: Map<string, Family>;
  let text: string;

  beforeAll(async () => {
    // 'le' and 'job' as attribute names: they only ever become label values, never label names.
    const m = monitorOn(MODEL, { segments: ['le', 'job'], attributeValueCap: CAP, outcomes: { maxPending: 10 } });
    for (let i = 0; i < N; i++) {
      const id = survives('recordPrediction', () =>
        m.recordPrediction({
          features: { income: 2, region: 'north', [`unknown_${i}`]: 1 },
          prediction: i % 2 ? 'yes' : 'no',
          attributes: { afam: `group-${i}`, le: `${i}`, job: i % 3 === 0 ? undefined : `job-${i}` },
        })
      );
      m.recordOutcome(id!, 'yes');
      m.recordError(`error-${i}`);
    }
    ({ text } = await scrape());
    families = parseExposition(text);
  });

  const distinct = (spec: MetricSpec, label: string, where: Record<string, string> = {}): Set<string> =>
    new Set(select(families, promName(spec), { model_name: MODEL, ...where }).map((s) => s.labels[label]!));

  it('keeps CAP values per attribute, the rest as __other__, and passes promtool', () => {
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
    const groups = distinct(METRICS.groupPredictions, promLabel(ATTR.groupValue));
    expect(groups.size).toBe(CAP + 1);
    expect(groups.has(BIN.other)).toBe(true);
    expect(
      valueOf(families, MODEL, METRICS.groupPredictions, {
        [ATTR.groupAttribute]: 'afam',
        [ATTR.groupValue]: BIN.other,
        [ATTR.predictionClass]: 'yes',
      })
    ).toBe((N - CAP) / 2);
    expect(distinct(METRICS.segmentPredictions, promLabel(ATTR.segmentValue), { segment_name: 'le' }).size).toBe(
      CAP + 1
    );
    // job: missing on every third prediction, so __missing__ as well.
    const jobs = distinct(METRICS.segmentPredictions, promLabel(ATTR.segmentValue), { segment_name: 'job' });
    expect(jobs.size).toBe(CAP + 2);
    expect(jobs.has(BIN.missing)).toBe(true);
    expect(distinct(METRICS.errors, promLabel(ATTR.errorType)).size).toBe(CAP + 1);
    // 'error' is pre-registered (exported at 0 from the start), so one fewer distinct type fits under the cap.
    expect(valueOf(families, MODEL, METRICS.errors, { [ATTR.errorType]: BIN.other })).toBe(N - CAP + 1);
    const unknown = select(families, promName(METRICS.featureIssues), {
      model_name: MODEL,
      issue: 'unknown_feature',
    }).filter((s) => s.value > 0);
    expect(unknown).toHaveLength(CAP + 1);
    // Unknown names are looked for on every record up to UNKNOWN_EVERY_FIRST, then on one in UNKNOWN_SAMPLING;
    // each record here carries a new name, the first CAP of them get their own series.
    let checked = 0;
    for (let r = 1; r <= N; r++) if (r <= UNKNOWN_EVERY_FIRST || r % UNKNOWN_SAMPLING === 0) checked++;
    expect(
      valueOf(families, MODEL, METRICS.featureIssues, { [ATTR.feature]: BIN.other, [ATTR.issue]: 'unknown_feature' })
    ).toBe(checked - CAP);
  });

  it('the number of series does not grow with the number of distinct values', () => {
    const series = [...families.values()].flatMap((f) => f.samples).filter((s) => s.labels.model_name === MODEL);
    // Per capped attribute: (CAP + 2) values × (3 prediction classes + 9 cells) at most; everything else is fixed.
    expect(series.length).toBeLessThan(3 * (CAP + 2) * 12 + 300);
    expect(series.some((s) => 'otel_metric_overflow' in s.labels)).toBe(false);
    expect(series.some((s) => 'le' in s.labels && !s.name.endsWith('_bucket'))).toBe(false);
  });

  it('the pending-outcome store holds at most maxPending predictions', () => {
    // Each outcome was joined right after its prediction: nothing was left to evict.
    expect(valueOf(families, MODEL, METRICS.pendingOutcomes)).toBe(0);
    expect(valueOf(families, MODEL, METRICS.outcomeJoins, { [ATTR.joinResult]: 'matched' })).toBe(N);
  });
});

describe('the pending-outcome store is bounded and expires', () => {
  it('evicts the oldest prediction past maxPending and counts it', async () => {
    const MODEL = 'bounded-store';
    const m = monitorOn(MODEL, { outcomes: { maxPending: 10 } });
    const ids = Array.from({ length: 1000 }, (_, i) =>
      m.recordPrediction({ id: `r${i}`, features: { income: 2, region: 'north' }, prediction: 'no' })
    );
    // The ten newest are still there; the first was evicted long ago.
    expect(m.recordOutcome(ids[999]!, 'no')).toBe(true);
    expect(m.recordOutcome(ids[0]!, 'no')).toBe(false);
    const { families } = await scrape();
    expect(valueOf(families, MODEL, METRICS.pendingOutcomes)).toBe(9);
    expect(valueOf(families, MODEL, METRICS.outcomeJoins, { [ATTR.joinResult]: 'evicted' })).toBe(990);
    expect(valueOf(families, MODEL, METRICS.outcomeJoins, { [ATTR.joinResult]: 'unmatched' })).toBe(1);
    expect(valueOf(families, MODEL, METRICS.outcomeJoins, { [ATTR.joinResult]: 'matched' })).toBe(1);
  });

  it('expires predictions older than the TTL at collection time', async () => {
    const MODEL = 'expiring-store';
    const m = monitorOn(MODEL, { outcomes: { ttlSeconds: 0.01 } });
    const ids = Array.from({ length: 5 }, () =>
      m.recordPrediction({ features: { income: 2, region: 'north' }, prediction: 'no' })
    );
    // Real time: 10 ms is the TTL; Date.now() has passed it well before 40 ms.
    await new Promise((resolve) => setTimeout(resolve, 40));
    const { families } = await scrape();
    expect(valueOf(families, MODEL, METRICS.pendingOutcomes)).toBe(0);
    expect(valueOf(families, MODEL, METRICS.outcomeJoins, { [ATTR.joinResult]: 'expired' })).toBe(5);
    // Swept entries are gone: a late outcome is unmatched, not expired twice.
    expect(m.recordOutcome(ids[0]!, 'no')).toBe(false);
    expect(m.snapshot().outcomes).toMatchObject({ expired: 5, unmatched: 1, pending: 0 });
  });
});

/** A Meter (or anything) every method of which throws. */
function throwingObject<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get: (_, prop) => {
      if (prop === 'then') return undefined; // not a thenable, whoever awaits it
      return () => {
        throw new Error(`${what}.${String(prop)} refuses`);
      };
    },
  });
}

function recordAll(m: ModelMonitor): void {
  const id = survives('recordPrediction', () =>
    m.recordPrediction({
      features: { income: 2, region: 'north' },
      score: 0.7,
      durationSeconds: 0.01,
      attributes: { afam: 'no' },
    })
  );
  expect(typeof id).toBe('string');
  survives('recordOutcome', () => m.recordOutcome(id!, 'yes'));
  survives('recordError', () => m.recordError('timeout'));
}

describe('a hostile OpenTelemetry setup', () => {
  it('a Meter whose every method throws: construction, recording and shutdown survive; counts go on', async () => {
    const MODEL = 'throwing-meter';
    const m = survives(
      'constructor',
      () =>
        new ModelMonitor({
          model: { name: MODEL, version: '1' },
          profile: classificationProfile(),
          meter: throwingObject<Meter>('meter'),
        })
    );
    for (let i = 0; i < 10; i++) recordAll(m);
    const snapshot = m.snapshot();
    expect(snapshot.predictions).toBe(10);
    expect(snapshot.outcomes.matched).toBe(10);
    expect(snapshot.internalErrors).toEqual({ ...NO_ERRORS, instrument: 1 });
    survives('shutdown', () => m.shutdown());
    expect(modelwatchLines(MODEL).filter((l) => l.includes('meter.'))).toHaveLength(1);
  });

  it('a MeterProvider whose getMeter throws: the same', () => {
    const MODEL = 'throwing-provider';
    const provider: MeterProvider = {
      getMeter: () => {
        throw new Error('no meters today');
      },
    };
    const m = survives(
      'constructor',
      () =>
        new ModelMonitor({
          model: { name: MODEL, version: '1' },
          profile: classificationProfile(),
          meterProvider: provider,
        })
    );
    for (let i = 0; i < 10; i++) recordAll(m);
    expect(m.snapshot().predictions).toBe(10);
    expect(m.snapshot().internalErrors.instrument).toBe(1);
    survives('shutdown', () => m.shutdown());
    expect(modelwatchLines(MODEL)).toEqual([expect.stringContaining('no meters today')]);
  });

  it('instruments that throw when recorded, and a collection that fails part-way: counted and shown in the scrape', async () => {
    const MODEL = 'throwing-instruments';
    const real = shared.endpoint.provider.getMeter('@modelwatch/otel', '0.1.0');
    let featureValues: Observable | undefined;
    // A real meter whose histogram refuses every value and whose batch results refuse one instrument.
    const meter = new Proxy(real, {
      get(target, prop, receiver) {
        if (prop === 'createHistogram') return () => throwingObject('histogram');
        if (prop === 'createObservableCounter') {
          return (name: string, options: object) => {
            const o = target.createObservableCounter(name, options);
            if (name === METRICS.featureValues.name) featureValues = o;
            return o;
          };
        }
        if (prop === 'addBatchObservableCallback' || prop === 'removeBatchObservableCallback') {
          return (callback: BatchObservableCallback, observables: Observable[]) => {
            const wrapped =
              wrappers.get(callback) ??
              ((result) =>
                callback(
                  new Proxy(result, {
                    get(r, p) {
                      if (p !== 'observe') return Reflect.get(r, p);
                      return (instrument: Observable, value: number, attributes: Attributes) => {
                        if (instrument === featureValues) throw new Error('this exporter does not like feature values');
                        r.observe(instrument, value, attributes);
                      };
                    },
                  })
                ));
            wrappers.set(callback, wrapped as BatchObservableCallback);
            return prop === 'addBatchObservableCallback'
              ? target.addBatchObservableCallback(wrapped as BatchObservableCallback, observables)
              : target.removeBatchObservableCallback(wrapped as BatchObservableCallback, observables);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const wrappers = new Map<BatchObservableCallback, BatchObservableCallback>();
    const m = new ModelMonitor({
      model: { name: MODEL, version: '1' },
      profile: classificationProfile(),
      meter,
      protectedAttributes: ['afam'],
    });
    shared.track(m);
    for (let i = 0; i < 5; i++) recordAll(m);
    const { text, families } = await scrape();
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
    // Five durations refused by the histogram; one failed part of the collection.
    expect(internalErrors(families, MODEL)).toEqual({ ...NO_ERRORS, callback: 1, instrument: 5 });
    // What did not fail is still exported.
    expect(valueOf(families, MODEL, METRICS.predictions, { [ATTR.predictionClass]: 'yes' })).toBe(5);
    expect(valueOf(families, MODEL, METRICS.outcomeJoins, { [ATTR.joinResult]: 'matched' })).toBe(5);
    expect(modelwatchLines(MODEL).filter((l) => l.includes('instrument failed'))).toHaveLength(1);
    expect(modelwatchLines(MODEL).filter((l) => l.includes('callback failed'))).toHaveLength(1);
  });

  it('an onEvent listener that throws: the event still reaches diag, the failure is counted', async () => {
    const MODEL = 'throwing-listener';
    const events: MonitorEvent[] = [];
    const m = monitorOn(MODEL, {
      detectors: ['ddm'],
      onEvent: (event) => {
        events.push(event);
        throw new Error('the listener is broken');
      },
    });
    // A model that is right 9 times in 10, then always wrong: DDM signals drift.
    for (let i = 0; i < 400; i++) {
      const id = m.recordPrediction({ features: { income: 2, region: 'north' }, prediction: 'yes' });
      const right = i < 200 ? i % 10 !== 0 : false;
      survives('recordOutcome', () => m.recordOutcome(id!, right ? 'yes' : 'no'));
    }
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'drift')).toBe(true);
    const { families } = await scrape();
    expect(internalErrors(families, MODEL)).toEqual({ ...NO_ERRORS, listener: events.length });
    expect(
      valueOf(families, MODEL, METRICS.detectorDetections, { [ATTR.detector]: 'ddm', [ATTR.detectionLevel]: 'drift' })
    ).toBe(events.filter((e) => e.type === 'drift').length);
    const lines = modelwatchLines(MODEL);
    expect(lines.filter((l) => l.includes('the listener is broken'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('ddm drift after'))).toHaveLength(
      events.filter((e) => e.type === 'drift').length
    );
  });
});
