// Configuration fails fast: every mistake throws ModelMonitorConfigError from the constructor, with a message
// naming the option, so it shows up when the service starts rather than as missing metrics later.
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ModelMonitor, ModelMonitorConfigError, type ModelMonitorOptions } from '@modelwatch/otel';
import { classificationProfile } from './support/profiles';

/** The parts of a profile these tests edit; structuredClone keeps the rest as it is. */
interface Json {
  target: Record<string, unknown>;
  protected: string[];
  columns: Record<string, { type: string; knots: { values: number[]; counts: number[] } }>;
  [key: string]: unknown;
}

const provider = new MeterProvider();
afterAll(() => provider.shutdown());

const valid = (): ModelMonitorOptions => ({
  model: { name: 'm', version: '1' },
  profile: classificationProfile(),
  meterProvider: provider,
});

/** The profile with one change applied to a deep copy. */
function profileWith(change: (p: Json) => void): Json {
  const p = structuredClone(classificationProfile()) as Json;
  change(p);
  return p;
}

/** Construction must throw ModelMonitorConfigError naming `option` (and matching `detail` when given). */
function rejects(options: unknown, option: string, detail?: RegExp): void {
  let thrown: unknown;
  try {
    new ModelMonitor(options as ModelMonitorOptions).shutdown();
  } catch (e) {
    thrown = e;
  }
  if (!(thrown instanceof ModelMonitorConfigError)) {
    throw new Error(
      `expected ModelMonitorConfigError naming '${option}', got ${thrown === undefined ? 'no error' : String(thrown)}`
    );
  }
  expect(thrown.name).toBe('ModelMonitorConfigError');
  expect(thrown).toBeInstanceOf(Error);
  expect(thrown.message).toContain(`option '${option}'`);
  if (detail) expect(thrown.message).toMatch(detail);
}

it('a valid configuration constructs (the cases below differ from it in one option each)', () => {
  expect(() => new ModelMonitor(valid()).shutdown()).not.toThrow();
  expect(() =>
    new ModelMonitor({ ...valid(), profile: JSON.stringify(classificationProfile()) }).shutdown()
  ).not.toThrow();
});

describe('option names and shapes', () => {
  it('not an options object', () => {
    rejects(undefined, '(options)');
    rejects(null, '(options)');
  });
  it('an unknown key, e.g. a typo', () => rejects({ ...valid(), treshold: 0.4 }, 'treshold', /known: .*threshold/));
  it('model name and version', () => {
    rejects({ ...valid(), model: undefined }, 'model');
    rejects({ ...valid(), model: { name: '', version: '1' } }, 'model.name');
    rejects({ ...valid(), model: { name: 'm', version: '  ' } }, 'model.version');
  });
  it('task', () => rejects({ ...valid(), task: 'ranking' }, 'task'));
  it('meterProvider and meter must be what they say', () => {
    rejects({ ...valid(), meterProvider: {} }, 'meterProvider', /getMeter/);
    rejects({ ...valid(), meterProvider: undefined, meter: provider }, 'meter', /createHistogram/);
  });
  it('onEvent and calibrate', () => {
    rejects({ ...valid(), onEvent: 'log' }, 'onEvent');
    rejects({ ...valid(), calibrate: 'yes' }, 'calibrate');
    // The profile has no calibration to apply.
    rejects({ ...valid(), calibrate: true }, 'calibrate', /no calibration/);
  });
});

describe('thresholds, classes and the positive class', () => {
  it('threshold outside [0, 1] or not a number', () => {
    for (const threshold of [1.5, -0.1, Number.NaN, '0.5', Infinity]) rejects({ ...valid(), threshold }, 'threshold');
  });
  it('a binary model needs a positive class: none from the options, none from a profile without a label', () => {
    const unlabelled = profileWith((p) => {
      p.target = { label: null, positive: null, score: 'score', prediction: null, threshold: 0.5 };
      delete p.columns.deny;
    });
    rejects(
      { ...valid(), profile: unlabelled, classes: ['no', 'yes'] },
      'positiveClass',
      /required for a binary model/
    );
    expect(() =>
      new ModelMonitor({ ...valid(), profile: unlabelled, classes: ['no', 'yes'], positiveClass: 'yes' }).shutdown()
    ).not.toThrow();
    // Without classes either, there is nothing to take them from.
    rejects({ ...valid(), profile: unlabelled }, 'classes', /no label column/);
  });
  it('a positive class that is not one of the classes', () =>
    rejects({ ...valid(), positiveClass: 'maybe' }, 'positiveClass', /not one of the classes/));
  it('classes: too few, repeated, or the reserved __other__', () => {
    rejects({ ...valid(), classes: ['yes'] }, 'classes');
    rejects({ ...valid(), classes: ['no', 'yes', 'no'] }, 'classes', /twice/);
    rejects({ ...valid(), classes: ['no', 'yes', '__other__'] }, 'classes', /reserved/);
  });
});

describe('bounds and layouts', () => {
  it('durationBuckets: empty, unordered, not positive, not finite, not an array', () => {
    for (const durationBuckets of [
      [],
      [0.1, 0.05],
      [0, 1],
      [0.1, Number.NaN],
      [0.1, Infinity],
      [0.1, 0.1],
      'fast',
      { 0: 0.1 },
      5,
    ]) {
      rejects({ ...valid(), durationBuckets }, 'durationBuckets');
    }
  });
  it('bins, attributeValueCap, minGroupSize: whole numbers in range', () => {
    for (const bins of [1, 2.5, 0, '10']) rejects({ ...valid(), bins }, 'bins');
    for (const attributeValueCap of [0, -1, 1.5]) rejects({ ...valid(), attributeValueCap }, 'attributeValueCap');
    rejects({ ...valid(), minGroupSize: 0 }, 'minGroupSize');
  });
  it('the pending-outcome store: maxPending and ttlSeconds', () => {
    rejects({ ...valid(), outcomes: 'none' }, 'outcomes');
    for (const maxPending of [0, -5, 1.5]) rejects({ ...valid(), outcomes: { maxPending } }, 'outcomes.maxPending');
    for (const ttlSeconds of [0, -1, Infinity, Number.NaN, '60'])
      rejects({ ...valid(), outcomes: { ttlSeconds } }, 'outcomes.ttlSeconds');
  });
  it('protected attributes and segments: names, duplicates, overlap', () => {
    rejects({ ...valid(), protectedAttributes: 'afam' }, 'protectedAttributes');
    rejects({ ...valid(), segments: ['channel', ''] }, 'segments');
    rejects({ ...valid(), segments: ['channel', 'channel'] }, 'segments', /twice/);
    rejects({ ...valid(), segments: ['afam'] }, 'segments', /protected attribute 'afam'/);
  });
});

describe('detectors', () => {
  it('unknown kinds and the wrong kind for the task', () => {
    rejects({ ...valid(), detectors: 'ddm' }, 'detectors');
    rejects({ ...valid(), detectors: ['ddm', 'cusum'] }, 'detectors[1]');
    rejects({ ...valid(), task: 'regression', detectors: ['ddm'] }, 'detectors[0]', /binary error stream/);
  });
  it('parameters out of range or unknown, named with the detector', () => {
    rejects(
      { ...valid(), detectors: [{ kind: 'ddm', params: { warm_start: -1 } }] },
      'detectors[0].params',
      /warm_start/
    );
    rejects(
      { ...valid(), detectors: ['adwin', { kind: 'adwin', params: { delta: 2 } }] },
      'detectors[1].params',
      /delta/
    );
    rejects(
      { ...valid(), detectors: [{ kind: 'ddm', params: { wram_start: 10 } }] },
      'detectors[0].params',
      /unknown ddm parameter/
    );
  });
});

describe('profiles', () => {
  it('missing, not JSON, or not a Modelwatch profile', () => {
    rejects({ ...valid(), profile: undefined }, 'profile', /required/);
    rejects({ ...valid(), profile: '{ not json' }, 'profile', /not JSON/);
    rejects({ ...valid(), profile: { columns: {} } }, 'profile', /profileVersion/);
    rejects({ ...valid(), profile: { ...classificationProfile(), profileVersion: 2 } }, 'profile', /profileVersion/);
    // Another tool's JSON.
    rejects({ ...valid(), profile: { openapi: '3.0.0', paths: {} } }, 'profile', /not a Modelwatch reference profile/);
  });
  it('inconsistent: a threshold, calibration or summary that cannot be right is refused, naming the field', () => {
    const change = (edit: (p: Json) => void) => ({ ...valid(), profile: profileWith(edit) });
    rejects(
      change((p) => (p.target.threshold = 2)),
      'profile',
      /target\.threshold: is 2/
    );
    rejects(
      change((p) => (p.target.calibration = { method: 'binned', values: [0.5], counts: [] })),
      'profile',
      /target\.calibration/
    );
    rejects(
      change((p) => ((p.columns.income as unknown as { std: number }).std = -3)),
      'profile',
      /columns\.income\.std/
    );
  });

  it('broken in one place: the message carries the JSON path', () => {
    rejects(
      {
        ...valid(),
        profile: profileWith((p) => {
          p.columns.income!.knots.values = [1, 3, 2];
        }),
      },
      'profile',
      /columns\.income\.knots\.values\[2\]/
    );
    rejects(
      {
        ...valid(),
        profile: profileWith((p) => {
          p.columns.income!.knots.counts = [1, 3];
        }),
      },
      'profile',
      /columns\.income\.knots/
    );
    rejects(
      {
        ...valid(),
        profile: profileWith((p) => {
          p.columns.region!.type = 'text';
        }),
      },
      'profile',
      /columns\.region\.type/
    );
    rejects(
      {
        ...valid(),
        profile: profileWith((p) => {
          p.target.score = 'probability';
        }),
      },
      'profile',
      /target\.score/
    );
    rejects(
      {
        ...valid(),
        profile: profileWith((p) => {
          p.protected = ['race'];
        }),
      },
      'profile',
      /protected/
    );
  });
});

describe('chunk statistics of the profile', () => {
  const chunked = (bins: number): Json =>
    profileWith((p) => {
      p.chunks = { by: 'count', rows: [6, 6], bins, columns: { income: { rules: { psi: [0.1, 0.3] }, check: {} } } };
    });
  it('were learned over as many bins as the monitor uses', () => {
    expect(() => new ModelMonitor({ ...valid(), profile: chunked(10), bins: 10 }).shutdown()).not.toThrow();
    rejects({ ...valid(), profile: chunked(10), bins: 4 }, 'bins', /computed over 10 bins: pass bins: 10/);
  });
  it('must be well-formed', () => {
    rejects(
      { ...valid(), profile: profileWith((p) => (p.chunks = { by: 'count', rows: [6], bins: 10, columns: {} })) },
      'profile',
      /chunks\.rows/
    );
  });
});
