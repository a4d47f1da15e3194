// Hostile values, one class of failure at a time: over-long label values, names that an ordinary object
// inherits, thrown values and loggers that cannot be trusted, arithmetic that overflows, records that are only
// half a record, and options without bounds. Each case is read back from a real scrape or snapshot().
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { ATTR, BIN, METRICS, SELF_ERRORS, prometheusName, promLabel, type MetricSpec } from '@modelwatch/semconv';
import {
  ModelMonitor,
  ModelMonitorConfigError,
  type ModelMonitorOptions,
  type PredictionRecord,
} from '@modelwatch/otel';
import { LIMITS } from '../src/config/limits';
import { MESSAGE_MAX_CHARS } from '../src/safety/describe';
import { REPORTED_MAX_CHARS, REPORTED_MAX_MESSAGES } from '../src/safety/containment';
import { parseExposition, promtoolCheck, sampleValue, select, type Family } from './support/prometheus';
import { classificationProfile, regressionProfile } from './support/profiles';
import { sharedEndpoint } from './support/shared-endpoint';

const promName = (spec: MetricSpec): string => prometheusName(spec, 'exporter-prometheus');
const NO_ERRORS: Record<string, number> = Object.fromEntries(SELF_ERRORS.map((kind) => [kind, 0]));

/** Everything diag is told; `throwing` makes every level throw instead (a broken logger). */
const logged: string[] = [];
let throwing = false;
const level =
  () =>
  (message: string): void => {
    if (throwing) throw Object.create(null) as object;
    logged.push(message);
  };
const logger: DiagLogger = { error: level(), warn: level(), info: level(), debug: level(), verbose: level() };
beforeAll(() => diag.setLogger(logger, { logLevel: DiagLogLevel.INFO, suppressOverrideMessage: true }));
afterAll(() => diag.disable());
const linesOf = (model: string): string[] => logged.filter((l) => l.startsWith(`modelwatch: ${model}@`));

const shared = sharedEndpoint({ bins: 4 });

async function scrape(): Promise<{ text: string; families: Map<string, Family> }> {
  const text = await shared.endpoint.scrape();
  return { text, families: parseExposition(text) };
}

const value = (families: Map<string, Family>, model: string, spec: MetricSpec, where: Record<string, string> = {}) =>
  sampleValue(families, promName(spec), { model_name: model, ...where });

const selfErrors = (families: Map<string, Family>, model: string): Record<string, number> =>
  Object.fromEntries(
    SELF_ERRORS.map((kind) => [
      kind,
      value(families, model, METRICS.selfErrors, { [promLabel(ATTR.selfErrorKind)]: kind }),
    ])
  );

/** Fails the test, naming the call, if f throws. */
function survives<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new Error(`${what} threw into the host: ${typeof e}`);
  }
}

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('1. every exported label value is capped in UTF-8 bytes', () => {
  const MODEL = 'long-values';
  let text: string;
  let families: Map<string, Family>;
  const MiB = 'x'.repeat(1 << 20);

  beforeAll(async () => {
    const m = shared.monitor(MODEL, { segments: ['channel'], errorTypes: ['error'] });
    for (let i = 0; i < 50; i++) {
      const id = survives('recordPrediction', () =>
        m.recordPrediction({
          features: { income: 2, region: 'north', [`${MiB}${i}`]: 1 },
          prediction: 'yes',
          attributes: { afam: `${MiB}${i}`, channel: `${MiB}${i}` },
        })
      );
      survives('recordOutcome', () => m.recordOutcome(id!, 'yes'));
      const error = new Error('boom');
      error.name = `${MiB}${i}`;
      survives('recordError', () => m.recordError(error));
    }
    // 43 euro signs are 43 characters but 129 bytes: over the default cap of 128; 42 are 126 bytes and fit.
    m.recordPrediction({ features: { income: 2 }, prediction: 'no', attributes: { afam: '€'.repeat(43) } });
    m.recordPrediction({ features: { income: 2 }, prediction: 'no', attributes: { afam: '€'.repeat(42) } });
    ({ text, families } = await scrape());
  });

  it('the scrape succeeds, passes promtool, and no label value is longer than the cap', () => {
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
    const longest = Math.max(
      ...[...families.values()]
        .flatMap((f) => f.samples)
        .filter((s) => s.labels.model_name === MODEL)
        .flatMap((s) => Object.values(s.labels).map(utf8))
    );
    expect(longest).toBeLessThanOrEqual(128);
  });

  it('over-long values are exported as __other__ and counted as label errors, reported once per source', () => {
    const group = (v: string, p: string) =>
      value(families, MODEL, METRICS.groupPredictions, {
        [promLabel(ATTR.groupAttribute)]: 'afam',
        [promLabel(ATTR.groupValue)]: v,
        [promLabel(ATTR.predictionClass)]: p,
      });
    expect(group(BIN.other, 'yes')).toBe(50);
    expect(group(BIN.other, 'no')).toBe(1);
    expect(group('€'.repeat(42), 'no')).toBe(1);
    expect(
      value(families, MODEL, METRICS.segmentPredictions, {
        [promLabel(ATTR.segmentName)]: 'channel',
        [promLabel(ATTR.segmentValue)]: BIN.other,
        [promLabel(ATTR.predictionClass)]: 'yes',
      })
    ).toBe(50);
    expect(value(families, MODEL, METRICS.errors, { [promLabel(ATTR.errorType)]: BIN.other })).toBe(50);
    expect(
      value(families, MODEL, METRICS.featureIssues, {
        [promLabel(ATTR.feature)]: BIN.other,
        [promLabel(ATTR.issue)]: 'unknown_feature',
      })
    ).toBe(50);
    // The group, segment, error type and unknown name of 50 records, and the 129-byte group.
    expect(selfErrors(families, MODEL)).toEqual({ ...NO_ERRORS, label: 50 + 50 + 50 + 50 + 1 });
    const lines = linesOf(MODEL);
    expect(lines).toHaveLength(4);
    expect(lines.every((l) => l.length < 400 && l.includes('labelValueMaxBytes (128 bytes)'))).toBe(true);
  });

  it('labelValueMaxBytes is configurable within 16..256 and names itself when out of bounds', () => {
    for (const bad of [15, 257, 1e9, 'x', 64.5]) rejects({ labelValueMaxBytes: bad }, 'labelValueMaxBytes');
    const m = monitor({ labelValueMaxBytes: 16, segments: ['channel'] });
    m.recordPrediction({ features: { income: 2 }, prediction: 'no', attributes: { channel: 'sixteen-bytes-ok' } });
    m.recordPrediction({ features: { income: 2 }, prediction: 'no', attributes: { channel: 'seventeen-bytes!!' } });
    expect(m.snapshot().segments.channel).toEqual({
      'sixteen-bytes-ok': { predictions: 1, outcomes: 0, accuracy: null },
      [BIN.other]: { predictions: 1, outcomes: 0, accuracy: null },
    });
    expect(m.snapshot().internalErrors.label).toBe(1);
  });

  it('names in the configuration longer than the cap are refused, naming the option', () => {
    const long = 'n'.repeat(129);
    rejects({ model: { name: long, version: '1' } }, 'model.name', /129 bytes/);
    rejects({ model: { name: 'm', version: long } }, 'model.version');
    rejects({ segments: [long] }, 'segments');
    rejects({ protectedAttributes: [long] }, 'protectedAttributes');
    rejects({ errorTypes: [long] }, 'errorTypes');
    rejects({ classes: ['a', long], positiveClass: 'a' }, 'classes');
    const profile = classificationProfile() as { columns: Record<string, unknown> };
    profile.columns[long] = profile.columns.income;
    rejects({ profile }, 'profile', /column name/);
  });

  it('a profile category longer than the cap is exported as __other__, its reference share with it', () => {
    const profile = classificationProfile() as { columns: { region: { categories: Record<string, number> } } };
    const long = 's'.repeat(200);
    profile.columns.region.categories = { north: 6, [long]: 3 };
    const m = monitor({ profile });
    m.recordPrediction({ features: { income: 2, region: long }, prediction: 'no' });
    const drift = m.snapshot().drift.region!;
    expect(drift.bins).toEqual(['north', BIN.other, BIN.missing]);
    // 12 rows: north 6, the long one 3 and one other value, 2 missing.
    expect(drift.referenceShares).toEqual([6 / 12, 4 / 12, 2 / 12]);
    expect(drift.currentShares).toEqual([0, 1, 0]);
    // Values the profile had (even if not by name) are not unseen.
    expect(drift.issues.unseen_category).toBe(0);
  });
});

/** A monitor off the shared endpoint (snapshot-only cases), shut down with the file. */
function monitor(extra: Partial<ModelMonitorOptions> = {}): ModelMonitor {
  return shared.track(
    new ModelMonitor({
      profile: classificationProfile(),
      meterProvider: shared.endpoint.provider,
      bins: 4,
      ...extra,
      model: { name: `snapshot-only-${++monitors}`, version: '1' },
    })
  );
}
let monitors = 0;

function rejects(extra: Record<string, unknown>, option: string, detail?: RegExp): void {
  let thrown: unknown;
  try {
    new ModelMonitor({
      model: { name: 'refused', version: '1' },
      profile: classificationProfile(),
      meterProvider: shared.endpoint.provider,
      ...extra,
    } as ModelMonitorOptions).shutdown();
  } catch (e) {
    thrown = e;
  }
  if (!(thrown instanceof ModelMonitorConfigError))
    throw new Error(
      `expected a ModelMonitorConfigError naming '${option}' for ${JSON.stringify(extra).slice(0, 80)}, got ${String(thrown)}`
    );
  expect(thrown.message).toContain(`option '${option}'`);
  expect(thrown.message).not.toContain('\n');
  if (detail) expect(thrown.message).toMatch(detail);
}

describe('2. names an ordinary object inherits are names like any other', () => {
  const NAMES = ['__proto__', 'constructor', 'toString'];
  const MODEL = 'inherited-names';
  let families: Map<string, Family>;
  let text: string;
  let m: ModelMonitor;

  beforeAll(async () => {
    // The classes come from the profile's label column, as `modelwatch profile` writes it (JSON text).
    const profile = classificationProfile() as {
      target: Record<string, unknown>;
      columns: Record<string, Record<string, unknown>>;
    };
    profile.target.positive = null;
    // JSON.parse makes __proto__ an own key, as reading the profile's file does.
    profile.columns.deny!.categories = JSON.parse('{"__proto__":4,"constructor":3,"toString":3}');
    profile.columns['constructor'] = { ...profile.columns.income };
    const json = JSON.stringify(profile);
    expect(json).toContain('"__proto__":4');
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    m = shared.monitor(MODEL, { profile: json, segments: ['constructor', 'toString'], errorTypes: NAMES });
    // Records without those attributes and features: missing, not whatever Object.prototype holds.
    m.recordPrediction({ features: { income: 2 }, prediction: 'toString', attributes: {} });
    for (const n of NAMES) {
      const attributes = JSON.parse(`{"constructor":${JSON.stringify(n)},"toString":${JSON.stringify(n)}}`) as Record<
        string,
        string
      >;
      const id = m.recordPrediction({
        features: JSON.parse(`{"income":2,"constructor":2,"${n}":1}`),
        prediction: n,
        attributes,
      });
      m.recordOutcome(id!, '__proto__');
      m.recordError(n);
    }
    ({ text, families } = await scrape());
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('the classes round-trip through snapshot() and the scrape', () => {
    const s = m.snapshot();
    expect(Object.getPrototypeOf(s.predictionsByClass)).toBeNull();
    expect(Object.entries(s.predictionsByClass).sort()).toEqual([
      ['__proto__', 1],
      ['constructor', 1],
      ['toString', 2],
    ]);
    expect(Object.keys(s.errors).sort()).toEqual([...NAMES].sort());
    for (const n of NAMES) {
      expect(value(families, MODEL, METRICS.predictions, { [promLabel(ATTR.predictionClass)]: n })).toBe(
        n === 'toString' ? 2 : 1
      );
      expect(value(families, MODEL, METRICS.errors, { [promLabel(ATTR.errorType)]: n })).toBe(1);
      expect(
        value(families, MODEL, METRICS.outcomes, {
          [promLabel(ATTR.predictionClass)]: n,
          [promLabel(ATTR.actualClass)]: '__proto__',
        })
      ).toBe(1);
    }
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
  });

  it('segments named constructor and toString: values by name, and __missing__ when not given', () => {
    const s = m.snapshot();
    for (const segment of ['constructor', 'toString']) {
      expect(Object.keys(s.segments[segment]!).sort()).toEqual([BIN.missing, ...NAMES].sort());
      expect(s.segments[segment]![BIN.missing]!.predictions).toBe(1);
      expect(
        value(families, MODEL, METRICS.segmentPredictions, {
          [promLabel(ATTR.segmentName)]: segment,
          [promLabel(ATTR.segmentValue)]: '__proto__',
          [promLabel(ATTR.predictionClass)]: '__proto__',
        })
      ).toBe(1);
    }
  });

  it('a feature named constructor: missing when absent, binned when given; unknown names counted by name', () => {
    const drift = m.snapshot().drift['constructor']!;
    expect(drift.count).toBe(3);
    expect(drift.issues).toMatchObject({ missing: 1, invalid_type: 0 });
    for (const n of ['__proto__', 'toString'])
      expect(
        value(families, MODEL, METRICS.featureIssues, {
          [promLabel(ATTR.feature)]: n,
          [promLabel(ATTR.issue)]: 'unknown_feature',
        })
      ).toBe(1);
  });
});

describe('3. containment that cannot itself throw', () => {
  const undescribable: unknown[] = [
    Object.create(null),
    {
      toString() {
        throw new Error('no');
      },
    },
    Object.defineProperty(new Error('x'), 'message', {
      get() {
        throw Object.create(null);
      },
    }),
    Object.defineProperty(new Error('x'), 'name', {
      get() {
        throw new Error('no name');
      },
    }),
    new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('no prototype');
        },
      }
    ),
    Symbol('s'),
    ((): object => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke(); // every operation on it throws
      return proxy;
    })(),
  ];

  afterEach(() => {
    throwing = false;
  });

  it('thrown values that cannot be described, through every public method, with a diag logger that throws', async () => {
    const MODEL = 'undescribable';
    throwing = true;
    let i = 0;
    const m = shared.monitor(MODEL, {
      detectors: ['ddm'],
      onEvent: () => {
        throw undescribable[i++ % undescribable.length];
      },
    });
    const ids: (string | undefined)[] = [];
    for (const thrown of undescribable) {
      survives('recordError', () => m.recordError(thrown as Error));
      // A record whose features throw that value when read: the prediction is still counted and joined.
      const features = new Proxy(
        {},
        {
          get: () => {
            throw thrown;
          },
          ownKeys: () => {
            throw thrown;
          },
        }
      );
      ids.push(
        survives('recordPrediction', () => m.recordPrediction({ features, prediction: 'yes', durationSeconds: -1 }))
      );
      await expect(m.time(() => Promise.reject(thrown))).rejects.toBe(thrown);
      const instrumented = m.instrument(
        () => 'result',
        () => ({ prediction: 'no' }),
        () => {
          throw thrown;
        }
      );
      await expect(instrumented()).resolves.toBe('result');
    }
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    // Outcomes that drive DDM into warnings and drift: the listener throws each of the values.
    for (let k = 0; k < 400; k++) {
      const id = m.recordPrediction({ features: { income: 2 }, prediction: 'yes' });
      survives('recordOutcome', () => m.recordOutcome(id!, k < 200 ? (k % 10 ? 'yes' : 'no') : 'no'));
    }
    expect(ids.map((id) => survives('recordOutcome', () => m.recordOutcome(id!, 'yes')))).toEqual(ids.map(() => true));
    const s = survives('snapshot', () => m.snapshot());
    expect(s.predictions).toBe(undescribable.length * 2 + 400);
    expect(s.outcomes.matched).toBe(400 + undescribable.length);
    throwing = false;
    const { families } = await scrape();
    const errors = selfErrors(families, MODEL);
    expect(errors.listener).toBeGreaterThanOrEqual(undescribable.length + 1);
    // Each thrown value twice as a record error (features, then the -1 duration), and every error counted by type.
    expect(errors.record).toBe(undescribable.length * 2);
    expect(select(families, promName(METRICS.errors), { model_name: MODEL }).reduce((n, x) => n + x.value, 0)).toBe(
      undescribable.length * 2
    );
    expect(linesOf(MODEL)).toEqual([]); // the logger threw every time: nothing reached it, nothing escaped
  });

  /** A monitor whose onRecorded listener throws a new message every call, `calls` times. */
  async function distinctFailures(model: string, message: (n: number) => string, calls: number): Promise<string[]> {
    let n = 0;
    const m = shared.monitor(model);
    const instrumented = m.instrument(
      () => 1,
      () => ({ prediction: 'no' }),
      () => {
        throw new Error(message(++n));
      }
    );
    for (let i = 0; i < calls; i++) await instrumented();
    expect(m.snapshot().internalErrors.listener).toBe(calls);
    return linesOf(model);
  }

  it('messages reported once are bounded in number', async () => {
    const lines = await distinctFailures('many-messages', (n) => `failure ${n}`, 500);
    expect(lines).toHaveLength(REPORTED_MAX_MESSAGES);
  });

  it('and in length, each and all together', async () => {
    const lines = await distinctFailures('long-messages', (n) => `${n} ${'long '.repeat(10_000)}`, 500);
    expect(lines.length).toBeGreaterThan(0);
    // Each line: the model, the kind and the message cut to MESSAGE_MAX_CHARS, and the fixed text around them.
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(MESSAGE_MAX_CHARS + 150);
    const retained = lines.reduce((n, l) => n + l.length, 0);
    expect(retained).toBeLessThan(REPORTED_MAX_CHARS + lines.length * 150);
  });
});

describe('4. non-finite arithmetic never becomes state', () => {
  it('an outcome whose squared error overflows is refused and counted; the sums stay finite and snapshot() works', async () => {
    const MODEL = 'overflow';
    const m = shared.monitor(MODEL, { profile: regressionProfile(), task: 'regression', detectors: ['adwin'] });
    expect(m.recordOutcome({ prediction: 300, actual: 250 })).toBe(true);
    expect(m.recordOutcome({ prediction: 1e200, actual: -1e200 })).toBe(false);
    expect(m.recordOutcome({ prediction: Number.MAX_VALUE, actual: -Number.MAX_VALUE })).toBe(false);
    expect(m.recordOutcome({ prediction: 1, actual: 1e-320 })).toBe(true); // tiny actual: MAPE's epsilon
    // Large but finite ones add up until the next would overflow; from then on they are refused too.
    // 1e154² = 1e308: the first fits under Number.MAX_VALUE (1.8e308), the second would not.
    let refused = 0;
    for (let i = 0; i < 20; i++) if (!m.recordOutcome({ prediction: 1e154, actual: 0 })) refused++;
    expect(refused).toBe(19);
    const s = survives('snapshot', () => m.snapshot());
    expect(s.performance).not.toBeNull();
    expect(s.internalErrors.nonfinite).toBe(2 + refused);
    const { families } = await scrape();
    for (const spec of [
      METRICS.regressionSquaredError,
      METRICS.regressionAbsoluteError,
      METRICS.regressionAbsolutePercentageError,
    ])
      expect(Number.isFinite(value(families, MODEL, spec))).toBe(true);
    expect(value(families, MODEL, METRICS.regressionOutcomes)).toBe(2 + 20 - refused);
  });

  it('a part of snapshot() that fails is left empty and counted; the rest is reported', () => {
    const m = monitor({ detectors: ['ddm'] });
    m.recordPrediction({ features: { income: 2 }, prediction: 'yes' });
    // The detector's state is read by snapshot() only: break it from inside.
    const counts = (m as unknown as { counts: { detectors: { detector: { state: () => unknown } }[] } }).counts;
    counts.detectors[0]!.detector.state = () => {
      throw Object.create(null);
    };
    const s = survives('snapshot', () => m.snapshot());
    expect(s.detectors).toEqual([]);
    expect(s.predictions).toBe(1);
    expect(s.internalErrors.snapshot).toBe(1);
  });
});

describe('8. half-records', () => {
  it('features that are not an object still count the prediction, return an id and keep its join', () => {
    const m = monitor({ segments: ['channel'] });
    const odd: unknown[] = [null, 5, 'abc', [], true];
    const ids = odd.map((features) =>
      m.recordPrediction({ features, prediction: 'yes', attributes: { channel: 'web' } } as PredictionRecord)
    );
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(ids.map((id) => m.recordOutcome(id!, 'yes'))).toEqual(odd.map(() => true));
    const s = m.snapshot();
    expect(s.predictions).toBe(odd.length);
    expect(s.segments.channel!.web).toEqual({ predictions: odd.length, outcomes: odd.length, accuracy: 1 });
    // 'abc' is not three unknown features; all but null are counted as bad input.
    expect(s.drift.income!.issues.missing).toBe(odd.length);
    expect(s.internalErrors.record).toBe(odd.length - 1);
    // attributes that are not an object: the same.
    expect(typeof m.recordPrediction({ prediction: 'no', attributes: 'web' } as unknown as PredictionRecord)).toBe(
      'string'
    );
  });

  it('garbage to recordOutcome returns false, is counted, and never becomes an outcome', () => {
    const m = monitor();
    const id = m.recordPrediction({ features: { income: 2 }, prediction: 'yes' })!;
    const garbage: [unknown, unknown?][] = [
      [[]],
      [{}],
      [{ prediction: 'yes' }],
      [Object.create(null)],
      [[{ actual: 'yes' }]],
      [id],
      [id, undefined],
      [id, null],
      [id, {}],
      [id, Number.NaN],
      [42, 'yes'],
      [{ actual: { nested: 1 } }],
    ];
    for (const [a, b] of garbage)
      expect(survives('recordOutcome', () => m.recordOutcome(a as string, b as string))).toBe(false);
    const s = m.snapshot();
    expect(s.performance).toBeNull();
    expect(s.outcomes).toMatchObject({ matched: 0, stateless: 0, pending: 1 });
    expect(s.internalErrors.record).toBe(garbage.length);
    // The stored prediction was not consumed by the garbage: its real outcome still joins.
    expect(m.recordOutcome(id, 'yes')).toBe(true);
  });

  it('regression: an actual that is not a finite number leaves the stored prediction for its real outcome', () => {
    const m = monitor({ profile: regressionProfile(), task: 'regression', detectors: ['adwin'] });
    const id = m.recordPrediction({ features: { size: 20 }, prediction: 200 })!;
    for (const bad of ['250', Infinity, Number.NaN, null, true]) expect(m.recordOutcome(id, bad as number)).toBe(false);
    expect(m.recordOutcome(id, 250)).toBe(true);
    const s = m.snapshot();
    expect(s.outcomes).toMatchObject({ matched: 1, pending: 0 });
    expect(s.performance).toMatchObject({ count: 1, mae: 50 });
    expect(s.internalErrors.record).toBe(5);
  });

  it('durations are bounded to 366 days; over-long ids get a generated id', async () => {
    const MODEL = 'bounded-durations';
    const m = shared.monitor(MODEL);
    for (const d of [1e300, Number.MAX_VALUE, LIMITS.durationSeconds * 2, LIMITS.durationSeconds, 0.01])
      m.recordPrediction({ features: { income: 2 }, prediction: 'no', durationSeconds: d });
    const id = m.recordPrediction({ id: 'i'.repeat(LIMITS.idLength + 1), prediction: 'no' });
    expect(id).not.toBe('i'.repeat(LIMITS.idLength + 1));
    expect(m.recordOutcome(id!, 'no')).toBe(true);
    const { families } = await scrape();
    const histogram = promName(METRICS.inferenceDuration);
    expect(sampleValue(families, histogram, { model_name: MODEL }, `${histogram}_count`)).toBe(2);
    expect(sampleValue(families, histogram, { model_name: MODEL }, `${histogram}_sum`)).toBeCloseTo(
      LIMITS.durationSeconds + 0.01,
      6
    );
    expect(selfErrors(families, MODEL).record).toBe(4);
  });
});

describe('9. every option has an upper bound, and the error names it', () => {
  it.each([
    [{ bins: 1e6 }, 'bins'],
    [{ bins: 101 }, 'bins'],
    [{ attributeValueCap: 1e9 }, 'attributeValueCap'],
    [{ attributeValueCap: 1001 }, 'attributeValueCap'],
    [{ outcomes: { maxPending: 1e9 } }, 'outcomes.maxPending'],
    [{ outcomes: { ttlSeconds: 1e12 } }, 'outcomes.ttlSeconds'],
    [{ durationBuckets: Array.from({ length: 65 }, (_, i) => i + 1) }, 'durationBuckets'],
    [{ segments: Array.from({ length: 17 }, (_, i) => `s${i}`), protectedAttributes: [] }, 'segments'],
    [{ segments: Array.from({ length: 15 }, (_, i) => `s${i}`), protectedAttributes: ['a', 'b'] }, 'segments'],
    [{ classes: Array.from({ length: 101 }, (_, i) => `c${i}`), positiveClass: undefined }, 'classes'],
    [{ minGroupSize: 1e12 }, 'minGroupSize'],
    [{ detectors: ['ddm', 'adwin', 'ddm'] }, 'detectors[2]'],
    [{ detectors: ['ddm', 'adwin', 'eddm', 'kswin', 'page-hinkley', 'ddm'] }, 'detectors'],
    [{ errorTypes: ['a', 'b', 'c'], attributeValueCap: 2 }, 'errorTypes'],
    // Each within its own bound, together past the series budget.
    [
      { segments: Array.from({ length: 16 }, (_, i) => `s${i}`), protectedAttributes: [], attributeValueCap: 1000 },
      'attributeValueCap',
    ],
  ])('%j is refused naming %s', (extra, option) => rejects(extra as Record<string, unknown>, option));

  it('the largest values of each bound alone are accepted', () => {
    for (const extra of [
      { bins: LIMITS.bins.max },
      { attributeValueCap: LIMITS.attributeValueCap.max },
      { outcomes: { maxPending: LIMITS.maxPending, ttlSeconds: LIMITS.ttlSeconds } },
      { durationBuckets: Array.from({ length: LIMITS.durationBuckets }, (_, i) => i + 1) },
      { labelValueMaxBytes: LIMITS.labelValueMaxBytes.max },
      { minGroupSize: LIMITS.minGroupSize },
    ])
      expect(() => monitor(extra as Partial<ModelMonitorOptions>)).not.toThrow();
  });
});
