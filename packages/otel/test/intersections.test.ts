// Intersectional groups (the `intersections` option): counted per joined value, capped like any attribute, unknown
// when a part is missing, and exported as one more group attribute.
import { ATTR, BIN, INTERSECTION_SEPARATOR, METRICS, prometheusName, promLabel } from '@modelwatch/semconv';
import { ModelMonitor, ModelMonitorConfigError, type ModelMonitorOptions } from '@modelwatch/otel';
import { parseExposition, promtoolCheck, startPrometheus, type PrometheusEndpoint } from './support/prometheus';
import { classificationProfile } from './support/profiles';

const X = `sex${INTERSECTION_SEPARATOR}race`;

let endpoint: PrometheusEndpoint;
beforeAll(async () => {
  endpoint = await startPrometheus('intersections');
});
afterAll(() => endpoint.shutdown());

let sequence = 0;
function monitor(extra: Partial<ModelMonitorOptions> = {}): ModelMonitor {
  return new ModelMonitor({
    model: { name: `x${++sequence}`, version: '1' },
    profile: classificationProfile(),
    meterProvider: endpoint.provider,
    protectedAttributes: ['sex', 'race'],
    intersections: [['sex', 'race']],
    ...extra,
  });
}

type Attributes = Record<string, string | number | boolean | null | undefined>;
const predict = (m: ModelMonitor, attributes: Attributes, prediction = 'yes'): string | undefined =>
  m.recordPrediction({ prediction, attributes });

/** Group sizes and selections of one attribute, from snapshot() (which reads the exported counts). */
function groups(m: ModelMonitor, attribute: string): Record<string, [number, number]> {
  const report = m.snapshot().fairness[attribute]!.selection;
  return Object.fromEntries(
    Object.entries(report.groups).map(([g, r]) => [g, [r.count, Math.round(r.count * r.selectionRate)]])
  );
}

describe('intersections', () => {
  it('count predictions per intersectional group, joined in the listed order', () => {
    const m = monitor();
    predict(m, { sex: 'F', race: 'Black' });
    predict(m, { sex: 'F', race: 'Black' }, 'no');
    predict(m, { sex: 'M', race: 'Black' });
    predict(m, { sex: 'F', race: 'White' }, 'no');
    expect(groups(m, X)).toEqual({ 'F × Black': [2, 1], 'M × Black': [1, 1], 'F × White': [1, 0] });
    expect(groups(m, 'sex')).toEqual({ F: [3, 1], M: [1, 1] });
    const reversed = monitor({ intersections: [['race', 'sex']] });
    predict(reversed, { sex: 'F', race: 'Black' });
    expect(groups(reversed, `race${INTERSECTION_SEPARATOR}sex`)).toEqual({ 'Black × F': [1, 1] });
    m.shutdown();
    reversed.shutdown();
  });

  it('are unknown (__missing__) when any part is missing, and read parts from features like any attribute', () => {
    const m = monitor();
    predict(m, { sex: 'F' });
    predict(m, { race: 'Black', sex: null });
    predict(m, { sex: '', race: 'White' });
    m.recordPrediction({ prediction: 'yes', features: { sex: 'M', race: 'Asian' } });
    expect(groups(m, X)).toEqual({ [BIN.missing]: [3, 3], 'M × Asian': [1, 1] });
    m.shutdown();
  });

  it('are capped by attributeValueCap: later groups and groups with a part past its cap count as __other__', () => {
    const m = monitor({ attributeValueCap: 2 });
    predict(m, { sex: 'F', race: 'a' });
    predict(m, { sex: 'F', race: 'b' });
    predict(m, { sex: 'M', race: 'a' }); // a third intersectional group: past the cap
    predict(m, { sex: 'F', race: 'c' }); // race 'c' is past race's own cap: its intersection is __other__ too
    predict(m, { sex: 'X', race: undefined }); // missing wins over other
    expect(groups(m, X)).toEqual({ 'F × a': [1, 1], 'F × b': [1, 1], [BIN.other]: [2, 2], [BIN.missing]: [1, 1] });
    m.shutdown();
  });

  it('fold joined values longer than labelValueMaxBytes into __other__, counted as a label internal error', () => {
    const m = monitor({ labelValueMaxBytes: 16 });
    predict(m, { sex: 'female', race: 'Black' }); // 'female × Black' is 15 bytes (× is two)
    predict(m, { sex: 'female', race: 'Whitest' }); // 17 bytes
    expect(groups(m, X)).toEqual({ 'female × Black': [1, 1], [BIN.other]: [1, 1] });
    expect(m.snapshot().internalErrors.label).toBe(1);
    m.shutdown();
  });

  it('take hostile values as plain text and write nothing onto prototypes', () => {
    const m = monitor();
    const attributes = JSON.parse('{"__proto__": "x", "sex": "__proto__", "race": "constructor"}') as Attributes;
    predict(m, attributes);
    predict(m, { sex: 'toString', race: 'hasOwnProperty' });
    predict(m, { sex: { toString: () => 'F' } as unknown as string, race: 'Black' }); // not a value: __other__
    predict(m, { sex: BIN.other, race: BIN.missing }); // reserved words are not kept as values
    expect(groups(m, X)).toEqual({
      '__proto__ × constructor': [1, 1],
      'toString × hasOwnProperty': [1, 1],
      [BIN.other]: [2, 2],
    });
    expect(Object.prototype).not.toHaveProperty('F × Black');
    expect(({} as Record<string, unknown>)['__proto__ × constructor']).toBeUndefined();
    m.shutdown();
  });

  it('fold a part holding the separator into __other__, so two groups never read alike', () => {
    const m = monitor();
    predict(m, { sex: `F${INTERSECTION_SEPARATOR}M`, race: 'Black' });
    predict(m, { sex: 'F', race: `M${INTERSECTION_SEPARATOR}Black` });
    predict(m, { sex: 'F', race: 'Black' });
    expect(groups(m, X)).toEqual({ 'F × Black': [1, 1], [BIN.other]: [2, 2] });
    expect(groups(m, 'sex')).toEqual({ 'F × M': [1, 1], F: [2, 2] });
    m.shutdown();
  });

  it('count outcomes per intersectional group, joined by id and stateless', () => {
    const m = monitor();
    const id = predict(m, { sex: 'F', race: 'Black' })!;
    expect(m.recordOutcome(id, 'no')).toBe(true);
    expect(m.recordOutcome({ prediction: 'no', actual: 'no', attributes: { sex: 'F', race: 'Black' } })).toBe(true);
    expect(m.recordOutcome({ prediction: 'yes', actual: 'yes', attributes: { sex: 'F' } })).toBe(true);
    const outcomes = m.snapshot().fairness[X]!.outcomes!;
    expect(outcomes.groups['F × Black']!.count).toBe(2);
    expect(outcomes.groups['F × Black']!.fpr).toBe(0.5);
    expect(outcomes.groups[BIN.missing]!.count).toBe(1);
    m.shutdown();
  });

  it('are exported as one more group attribute, and the scrape passes promtool', async () => {
    const m = monitor();
    predict(m, { sex: 'F', race: 'Black' });
    const id = predict(m, { sex: 'M', race: 'White' }, 'no')!;
    m.recordOutcome(id, 'yes');
    const text = await endpoint.scrape();
    expect(promtoolCheck(text)).toEqual({ ok: true, output: '' });
    const families = parseExposition(text);
    const model = promLabel(ATTR.modelName);
    const of = (metric: typeof METRICS.groupPredictions) =>
      families
        .get(prometheusName(metric, 'exporter-prometheus'))!
        .samples.filter((s) => s.labels[model] === m.model.name && s.labels[promLabel(ATTR.groupAttribute)] === X);
    const predictions = of(METRICS.groupPredictions).filter((s) => s.value > 0);
    expect(
      predictions.map((s) => [s.labels[promLabel(ATTR.groupValue)], s.labels[promLabel(ATTR.predictionClass)]])
    ).toEqual(
      expect.arrayContaining([
        ['F × Black', 'yes'],
        ['M × White', 'no'],
      ])
    );
    expect(predictions).toHaveLength(2);
    const outcomes = of(METRICS.groupOutcomes).filter((s) => s.value > 0);
    expect(outcomes.map((s) => s.labels[promLabel(ATTR.groupValue)])).toEqual(['M × White']);
    m.shutdown();
  });
});

describe('the intersections option', () => {
  function rejects(extra: Record<string, unknown>, key: string, detail?: RegExp): void {
    let thrown: unknown;
    try {
      monitor(extra as Partial<ModelMonitorOptions>).shutdown();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ModelMonitorConfigError);
    expect((thrown as Error).message).toContain(`option '${key}'`);
    if (detail) expect((thrown as Error).message).toMatch(detail);
    expect((thrown as Error).message).not.toContain('\n');
  }

  it('names itself, or the intersection, in every mistake', () => {
    rejects({ intersections: 'sex,race' }, 'intersections');
    rejects({ intersections: [['sex']] }, 'intersections[0]', /2 to 4/);
    rejects({ intersections: [['sex', 'sex']] }, 'intersections[0]', /twice/);
    rejects({ intersections: [['sex', 'age']] }, 'intersections[0]', /'age'.*protectedAttributes/);
    rejects(
      {
        intersections: [
          ['sex', 'race'],
          ['race', 'sex'],
        ],
      },
      'intersections[1]',
      /repeats/
    );
    rejects({ intersections: [['sex', 7]] }, 'intersections[0]');
    rejects({ intersections: [null] }, 'intersections[0]');
    const many = Array.from({ length: 9 }, () => ['sex', 'race']);
    rejects({ intersections: many }, 'intersections', /at most 8/);
    const long = 'a'.repeat(70); // each name fits 128 bytes, the two joined do not
    rejects(
      { protectedAttributes: [long, `${long}b`], intersections: [[long, `${long}b`]], labelValueMaxBytes: 128 },
      'intersections[0]',
      /longer than labelValueMaxBytes/
    );
  });

  it('counts against the series budget like one more protected attribute', () => {
    rejects(
      { protectedAttributes: ['sex', 'race'], intersections: [['sex', 'race']], attributeValueCap: 1000 },
      'attributeValueCap',
      /intersections/
    );
    expect(() =>
      monitor({ protectedAttributes: ['sex'], intersections: undefined, attributeValueCap: 1000 })
    ).not.toThrow();
  });
});

describe('the scoringRate option', () => {
  /** scored and scored-above-cut counts per group value of one attribute, from a scrape. */
  async function scoring(m: ModelMonitor, attribute: string): Promise<Record<string, [number, number]>> {
    const families = parseExposition(await endpoint.scrape());
    const out: Record<string, [number, number]> = {};
    const read = (metric: typeof METRICS.groupScored, at: 0 | 1): void => {
      for (const s of families.get(prometheusName(metric, 'exporter-prometheus'))?.samples ?? []) {
        if (s.labels[promLabel(ATTR.modelName)] !== m.model.name) continue;
        if (s.labels[promLabel(ATTR.groupAttribute)] !== attribute) continue;
        const value = s.labels[promLabel(ATTR.groupValue)]!;
        (out[value] ??= [0, 0])[at] = s.value;
      }
    };
    read(METRICS.groupScored, 0);
    read(METRICS.groupScoredAboveCut, 1);
    return out;
  }

  it("counts scores strictly above the profile's median score (0.35) per group and intersection", async () => {
    const m = monitor({ scoringRate: true });
    const at = (score: number, sex: string | undefined, race: string): void => {
      m.recordPrediction({ score, attributes: { sex, race } });
    };
    at(0.2, 'F', 'Black');
    at(0.35, 'F', 'Black'); // equal to the cut: not above
    at(0.5, 'F', 'Black');
    at(0.9, 'M', 'White');
    at(0.1, undefined, 'White');
    m.recordPrediction({ prediction: 'yes', attributes: { sex: 'M', race: 'White' } }); // no score: not scored
    m.recordPrediction({ score: 7, attributes: { sex: 'M', race: 'White' } }); // not a probability: not scored
    expect(await scoring(m, X)).toEqual({ 'F × Black': [3, 1], 'M × White': [1, 1], [BIN.missing]: [1, 0] });
    expect(await scoring(m, 'race')).toEqual({ Black: [3, 1], White: [2, 1] });
    expect(await scoring(m, 'sex')).toEqual({ F: [3, 1], M: [1, 1], [BIN.missing]: [1, 0] });
    m.shutdown();
  });

  it('exports nothing without the option, and refuses what it cannot count, naming itself', async () => {
    const m = monitor();
    m.recordPrediction({ score: 0.9, attributes: { sex: 'F', race: 'Black' } });
    expect(await scoring(m, 'sex')).toEqual({});
    m.shutdown();
    for (const bad of [1, 'yes', null])
      expect(() => monitor({ scoringRate: bad as unknown as boolean })).toThrow(/option 'scoringRate'/);
    expect(() => monitor({ scoringRate: true, task: 'regression', intersections: [] })).toThrow(
      /option 'scoringRate'.*binary/
    );
    expect(() => monitor({ scoringRate: true, classes: ['a', 'b', 'c'], positiveClass: 'a' })).toThrow(
      /option 'scoringRate'/
    );
  });
});
