// Properties over arbitrary input: whatever an inference service passes to a recording method, whatever it
// passes as an option or finds in a profile, nothing but a ModelMonitorConfigError at construction reaches it,
// Object.prototype is left as it was, and the counts the real SDK collects agree with what the calls reported.
import { DataPointType, MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';
import { METRICS, SELF_ERRORS } from '@modelwatch/semconv';
import { ModelMonitor, ModelMonitorConfigError, type ModelMonitorOptions } from '@modelwatch/otel';
import { classificationProfile, regressionProfile } from './support/profiles';

/** A reader the test collects from when it likes: the SDK's own aggregation, no exporter in between. */
class CollectingReader extends MetricReader {
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

// Construction-only cases share one provider; each run of the recording property gets its own, so the SDK's
// per-instrument cardinality limit (which never forgets a series) cannot fill up across runs.
const provider = new MeterProvider();
afterAll(() => provider.shutdown());

/** Sum of a metric's points for one model, optionally only points whose attributes pass `where`. */
function total(
  metrics: ResourceMetrics,
  name: string,
  model: string,
  where: (attributes: Record<string, unknown>) => boolean = () => true
): number {
  let sum = 0;
  for (const scope of metrics.scopeMetrics)
    for (const metric of scope.metrics) {
      if (metric.descriptor.name !== name) continue;
      for (const point of metric.dataPoints) {
        const attributes = point.attributes as Record<string, unknown>;
        if (attributes['model.name'] !== model || !where(attributes)) continue;
        sum +=
          metric.dataPointType === DataPointType.HISTOGRAM
            ? (point.value as { count: number }).count
            : (point.value as number);
      }
    }
  return sum;
}

async function collect(reader: CollectingReader): Promise<ResourceMetrics> {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  return resourceMetrics;
}

/** Object.prototype's own keys and their values, to compare before and after. */
const prototypeState = (): [string, unknown][] =>
  Object.getOwnPropertyNames(Object.prototype)
    .sort()
    .map((k) => [k, (Object.prototype as Record<string, unknown>)[k]]);

/** Strings an attacker would try: names on Object.prototype, reserved values, escapes, lone surrogates, long ones. */
const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '__other__', '__missing__', 'le', ''),
  fc.constantFrom('"', '\\', '\n', '{{ $value }}', '\ud800', '\udfff', 'a\u0000b', '€'.repeat(50)),
  fc.string({ minLength: 100, maxLength: 400 }),
  fc.integer({ min: 0, max: 3 }).map((k) => 'x'.repeat(10 ** (k + 2)))
);

/** Any value: JSON, and what JSON cannot hold (null-prototype objects, getters that throw, symbols, proxies). */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true, withBoxedValues: true }) },
  { weight: 2, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      Number.NaN,
      Infinity,
      -Infinity,
      -0,
      Number.MAX_VALUE,
      1e308,
      Symbol('s'),
      () => 1,
      Object.create(null),
      new Proxy(
        {},
        {
          get: () => {
            throw Object.create(null);
          },
          ownKeys: () => {
            throw new Error('no keys');
          },
        }
      ),
      Object.defineProperty({}, 'actual', {
        get: () => {
          throw new Error('no actual');
        },
        enumerable: true,
      })
    ),
  }
);

/** A record shaped like a prediction, each field arbitrary (and sometimes a plausible value). */
const recordLike = fc.record(
  {
    features: fc.oneof(
      anyValue,
      fc.dictionary(hostileString, anyValue, { maxKeys: 6 }),
      fc.record({ income: fc.oneof(fc.double(), anyValue), region: fc.oneof(hostileString, anyValue) })
    ),
    attributes: fc.oneof(anyValue, fc.dictionary(fc.constantFrom('afam', 'channel', '__proto__'), anyValue)),
    score: fc.oneof(fc.double(), anyValue),
    prediction: fc.oneof(fc.constantFrom('yes', 'no'), anyValue),
    durationSeconds: fc.oneof(fc.double(), anyValue),
    id: fc.oneof(hostileString, anyValue),
  },
  { requiredKeys: [] }
);

type Call =
  | { kind: 'prediction'; record: unknown }
  | { kind: 'outcome'; target: unknown; actual: unknown; useId: number }
  | { kind: 'error'; error: unknown }
  | { kind: 'instrument'; record: unknown; thrown: unknown; throws: boolean; listenerThrows: boolean }
  | { kind: 'snapshot' };

const call: fc.Arbitrary<Call> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('prediction' as const), record: fc.oneof(recordLike, anyValue) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('outcome' as const),
      target: fc.oneof(anyValue, recordLike, fc.record({ actual: anyValue, prediction: anyValue, score: anyValue })),
      actual: fc.oneof(fc.constantFrom('yes', 'no'), anyValue),
      useId: fc.integer({ min: -1, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('error' as const), error: anyValue }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('instrument' as const),
      record: fc.oneof(recordLike, anyValue),
      thrown: anyValue,
      throws: fc.boolean(),
      listenerThrows: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'snapshot' as const }) }
);

let models = 0;

/**
 * Runs the calls; every public method must return normally (`time` and `instrument` settle with the inference's
 * own result or error). Returns what the calls reported.
 */
async function run(m: ModelMonitor, calls: Call[]): Promise<{ predictions: number; outcomes: number; errors: number }> {
  const ids: string[] = [];
  const reported = { predictions: 0, outcomes: 0, errors: 0 };
  for (const c of calls) {
    if (c.kind === 'prediction') {
      const id = m.recordPrediction(c.record as never);
      if (id !== undefined) {
        expect(typeof id).toBe('string');
        ids.push(id);
        reported.predictions++;
      }
    } else if (c.kind === 'outcome') {
      // Sometimes the id of a stored prediction, so joins happen too.
      const target = c.useId >= 0 && ids.length > 0 ? ids[c.useId % ids.length] : c.target;
      const counted = m.recordOutcome(target as never, c.actual as never);
      expect(typeof counted).toBe('boolean');
      if (counted) reported.outcomes++;
    } else if (c.kind === 'error') {
      m.recordError(c.error as never);
      reported.errors++;
    } else if (c.kind === 'instrument') {
      const inference = m.instrument(
        () => {
          if (c.throws) throw c.thrown;
          return 'result';
        },
        () => c.record as never,
        (id) => {
          if (id !== undefined) {
            ids.push(id);
            reported.predictions++;
          }
          if (c.listenerThrows) throw c.thrown;
        }
      );
      const settled = await inference().then(
        (result) => ({ result }),
        (error: unknown) => ({ error })
      );
      // Compared by identity: the thrown value may have getters that throw.
      if (c.throws) {
        expect('error' in settled && Object.is(settled.error, c.thrown)).toBe(true);
        reported.errors++;
      } else expect('result' in settled && settled.result === 'result').toBe(true);
    } else {
      m.snapshot();
    }
  }
  return reported;
}

describe('arbitrary calls to every recording method', () => {
  it.each(['classification', 'regression'] as const)(
    '%s: nothing is thrown, Object.prototype is unchanged, the collected counts are what the calls reported',
    async (task) => {
      const before = prototypeState();
      await fc.assert(
        fc.asyncProperty(fc.array(call, { maxLength: 40 }), async (calls) => {
          const model = `adversarial-${task}-${++models}`;
          const reader = new CollectingReader();
          const own = new MeterProvider({ readers: [reader] });
          const m = new ModelMonitor({
            model: { name: model, version: '1' },
            profile: task === 'classification' ? classificationProfile() : regressionProfile(),
            task,
            meterProvider: own,
            segments: ['channel'],
            bins: 4,
          });
          try {
            const reported = await run(m, calls);
            const snapshot = m.snapshot();
            expect(snapshot.predictions).toBe(reported.predictions);
            const metrics = await collect(reader);
            expect(total(metrics, METRICS.predictions.name, model)).toBe(reported.predictions);
            expect(total(metrics, METRICS.errors.name, model)).toBe(reported.errors);
            const outcomes =
              task === 'classification'
                ? total(metrics, METRICS.outcomes.name, model)
                : total(metrics, METRICS.regressionOutcomes.name, model);
            expect(outcomes).toBe(reported.outcomes);
            // Per segment value, predictions add up to the total (every prediction lands in exactly one).
            expect(total(metrics, METRICS.segmentPredictions.name, model)).toBe(reported.predictions);
            // Every exported number is finite, and every exported label value fits the default cap.
            for (const scope of metrics.scopeMetrics)
              for (const metric of scope.metrics)
                for (const point of metric.dataPoints) {
                  const attributes = point.attributes as Record<string, unknown>;
                  if (attributes['model.name'] !== model) continue;
                  const v = point.value as number | { sum: number };
                  expect(Number.isFinite(typeof v === 'number' ? v : v.sum)).toBe(true);
                  for (const a of Object.values(attributes))
                    expect(Buffer.byteLength(String(a), 'utf8')).toBeLessThanOrEqual(128);
                }
            expect(Object.keys(snapshot.internalErrors).sort()).toEqual([...SELF_ERRORS].sort());
          } finally {
            m.shutdown();
            await own.shutdown();
          }
        }),
        { numRuns: 60 }
      );
      expect(prototypeState()).toEqual(before);
    },
    120_000
  );
});

const OPTION_KEYS = [
  'task',
  'positiveClass',
  'classes',
  'threshold',
  'protectedAttributes',
  'intersections',
  'scoringRate',
  'minGroupSize',
  'segments',
  'attributeValueCap',
  'labelValueMaxBytes',
  'errorTypes',
  'durationBuckets',
  'bins',
  'outcomes',
  'detectors',
  'calibrate',
  'onEvent',
  'cardinalityLimit',
] as const satisfies readonly (keyof ModelMonitorOptions)[];

/** Builds a monitor; it either works (and records without throwing) or fails with one line naming an option. */
function constructsOrNames(options: Record<string, unknown>): void {
  let m: ModelMonitor | undefined;
  try {
    m = new ModelMonitor({ meterProvider: provider, ...options } as unknown as ModelMonitorOptions);
  } catch (e) {
    if (!(e instanceof ModelMonitorConfigError)) throw new Error(`not a ModelMonitorConfigError: ${String(e)}`);
    expect(e.message).toMatch(/^ModelMonitor: option '[^']+' /);
    expect(e.message).not.toContain('\n');
    return;
  }
  try {
    const id = m.recordPrediction({ features: { income: 2, region: 'north' }, score: 0.7, prediction: 'yes' });
    expect(typeof id).toBe('string');
    m.recordOutcome(id!, 'yes');
    m.snapshot();
  } finally {
    m.shutdown();
  }
}

describe('arbitrary options and profiles', () => {
  const optionValue = fc.oneof(
    anyValue,
    fc.integer(),
    fc.double(),
    fc.constantFrom(1e6, 1e9, 1e12, -1, 0, 2, 101, 1001, 257),
    fc.array(hostileString, { maxLength: 20 }),
    fc.array(fc.array(fc.oneof(hostileString, fc.constantFrom('afam', 'region')), { maxLength: 5 }), { maxLength: 10 }),
    fc.array(fc.double(), { maxLength: 80 }),
    fc.record({
      maxPending: fc.oneof(fc.integer(), fc.double(), anyValue),
      ttlSeconds: fc.oneof(fc.double(), anyValue),
    })
  );

  it('every option: a monitor that works, or a ModelMonitorConfigError naming an option', () => {
    const before = prototypeState();
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...OPTION_KEYS), optionValue, { maxKeys: 4 }),
        hostileString,
        (options, name) => {
          constructsOrNames({
            model: { name: name || 'm', version: '1' },
            profile: classificationProfile(),
            ...options,
          });
        }
      ),
      { numRuns: 300 }
    );
    expect(prototypeState()).toEqual(before);
  });

  /** Every path to a field of the classification profile, e.g. ['columns', 'income', 'knots', 'values', 0]. */
  function fieldPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (typeof value !== 'object' || value === null) return [path];
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return [path, ...entries.flatMap(([k, v]) => fieldPaths(v, [...path, k]))];
  }
  const paths = fieldPaths(classificationProfile()).filter((p) => p.length > 0);

  it('every profile field: a monitor that works, or a ModelMonitorConfigError naming the profile', () => {
    const before = prototypeState();
    fc.assert(
      fc.property(fc.constantFrom(...paths), optionValue, fc.boolean(), (path, replacement, asText) => {
        const profile = classificationProfile() as Record<string | number, unknown>;
        let parent = profile;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        parent[path[path.length - 1]!] = replacement;
        let text: string | undefined;
        try {
          text = JSON.stringify(profile);
        } catch {
          text = undefined; // a BigInt, say: the object itself is passed
        }
        constructsOrNames({
          model: { name: 'm', version: '1' },
          profile: asText && text !== undefined ? text : profile,
        });
      }),
      { numRuns: 400 }
    );
    expect(prototypeState()).toEqual(before);
  });
});
