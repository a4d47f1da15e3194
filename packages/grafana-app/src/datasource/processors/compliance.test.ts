import { DEFAULTS as CONTRACT, INTERSECTION_SEPARATOR, POLICY } from '@modelwatch/semconv';
import { fourFifths, nycLl144, type AttributeCounts } from '@modelwatch/stats';
import { COMPLIANCE_FIELDS, FRAME_KIND, metaOf, type ComplianceMeta } from '../../shared/frames';
import { ModelwatchError } from '../errors';
import { complianceOptions } from '../options/resolve';
import type { Labels } from '../prometheus/api';
import { vector } from '../testing/prometheus-json';
import type { MlQuery } from '../types';
import { complianceFrames, complianceModels } from './compliance';

const options = (query: Partial<MlQuery> = {}) =>
  complianceOptions({ refId: 'A', queryType: 'compliance', ...query }, 'exporter-prometheus');

type Spec = Record<string, [yes: number, no: number]>;

/** Group predictions per class, as the instant query returns them (label names as literals: an independent oracle). */
function predictions(model: string, version: string, attributes: Record<string, Spec>, classes = ['yes', 'no']) {
  const samples: Array<[Labels, number]> = [];
  for (const [attribute, spec] of Object.entries(attributes)) {
    for (const [group, [yes, no]] of Object.entries(spec)) {
      const labels = { model_name: model, model_version: version, group_attribute: attribute, group_value: group };
      samples.push(
        [{ ...labels, prediction_class: classes[0]! }, yes],
        [{ ...labels, prediction_class: classes[1]! }, no]
      );
    }
  }
  return samples;
}

/** The same counts as `modelwatch audit` would count them from rows: unknown apart, the rest per category. */
function countsOf(spec: Spec, unknown: string[] = ['__missing__']): AttributeCounts {
  const categories = new Map<string, { count: number; selected: number }>();
  let missing = 0;
  for (const [group, [yes, no]] of Object.entries(spec)) {
    if (unknown.includes(group)) {
      missing += yes + no;
    } else {
      categories.set(group, { count: yes + no, selected: yes });
    }
  }
  return { unknown: missing, categories };
}

// sex: F 120 (36 selected, 0.30), M 200 (80, 0.40), X 5 (4, 0.8: under 2% of 330 rows), 5 unknown.
// F's impact ratio 0.30 / 0.40 = 0.75 < 0.8 under nyc-ll144 (X excluded); under four-fifths X (5 < 30 predictions)
// is the highest rate, so its table cannot be judged.
const SEX: Spec = { F: [36, 84], M: [80, 120], X: [4, 1], __missing__: [2, 3] };
// race: A 150 (60, 0.40), B 180 (63, 0.35): 0.35 / 0.40 = 0.875.
const RACE: Spec = { A: [60, 90], B: [63, 117] };
const X = INTERSECTION_SEPARATOR;
const SEX_RACE: Spec = {
  [`F${X}A`]: [20, 40],
  [`F${X}B`]: [16, 44],
  [`M${X}A`]: [40, 50],
  [`M${X}B`]: [40, 70],
  [`X${X}B`]: [4, 1],
  [`__missing__${X}A`]: [0, 0],
  [`F${X}__missing__`]: [2, 3],
};

const CREDIT = predictions('credit', 'v1', { sex: SEX, race: RACE, [`sex${X}race`]: SEX_RACE });

describe('compliance tables', () => {
  test('with every category judged (minimum group size 1), each pack equals the stats functions on the same counts', () => {
    const [model] = complianceModels(options({ minGroupSize: 1 }), vector(CREDIT));
    expect(model!.model).toBe('credit');
    expect(model!.version).toBe('v1');
    expect(model!.classes).toEqual({ positive: 'yes', negative: 'no' });
    // Four-fifths on single attributes, the NYC pack on the intersection too; single attributes first.
    expect(model!.tables.map((t) => `${t.policy}:${t.attribute}`)).toEqual([
      'four-fifths:race',
      'four-fifths:sex',
      'nyc-ll144:race',
      'nyc-ll144:sex',
      `nyc-ll144:sex${X}race`,
    ]);
    for (const table of model!.tables) {
      const spec = { race: RACE, sex: SEX, [`sex${X}race`]: SEX_RACE }[table.attribute]!;
      const counts = countsOf(spec, ['__missing__', `__missing__${X}A`, `F${X}__missing__`]);
      const expected =
        table.policy === 'four-fifths'
          ? fourFifths(counts, { threshold: CONTRACT.policies.threshold })
          : nycLl144(counts, { threshold: CONTRACT.policies.threshold, excludeBelow: CONTRACT.policies.excludeBelow });
      expect(table.rows).toBe(expected.rows);
      expect(table.unknown).toBe(expected.unknown);
      expect(table.highest).toBe(expected.highest);
      expect(table.categories.map((c) => c.name)).toEqual([...expected.categories.keys()]);
      for (const c of table.categories) {
        const e = expected.categories.get(c.name)!;
        expect([c.count, c.selected, c.rate, c.share, c.impactRatio, c.excluded]).toEqual([
          e.count,
          e.selected,
          e.rate,
          e.share,
          e.impactRatio,
          e.excluded,
        ]);
      }
      expect(table.intersection).toBe(table.attribute.includes(X));
      expect(table.threshold).toBe(CONTRACT.policies.threshold);
    }
  });

  test('hand-worked: nyc-ll144 on sex excludes X (5 of 330 rows) and finds F below 0.8', () => {
    const [model] = complianceModels(options(), vector(CREDIT));
    const sex = model!.tables.find((t) => t.policy === 'nyc-ll144' && t.attribute === 'sex')!;
    expect(sex.reference).toBe(POLICY.nycLl144.reference);
    expect(sex.thresholdSource).toBe('organisation');
    expect(sex.rows).toBe(330);
    expect(sex.unknown).toBe(5);
    expect(sex.highest).toBe('M');
    const row = (name: string) => sex.categories.find((c) => c.name === name)!;
    expect(row('F').impactRatio).toBeCloseTo(0.75, 12);
    expect(row('F').status).toBe('belowThreshold');
    expect(row('M').impactRatio).toBe(1);
    expect(row('M').status).toBe('ok');
    expect(row('X').excluded).toBe(true);
    expect(row('X').impactRatio).toBeNull();
    expect(row('X').rate).toBeCloseTo(0.8, 12);
    expect(row('X').status).toBe('excluded');
    expect(sex.status).toBe('belowThreshold');
    expect(model!.status).toBe('belowThreshold');
  });

  test('hand-worked: race passes both packs (0.35 / 0.40 = 0.875)', () => {
    const [model] = complianceModels(options(), vector(CREDIT));
    for (const t of model!.tables.filter((t) => t.attribute === 'race')) {
      expect(t.status).toBe('ok');
      expect(t.categories.find((c) => c.name === 'B')!.impactRatio).toBeCloseTo(0.875, 12);
    }
  });

  test('a category under the minimum group size is reported but not judged, nor counted towards the highest rate', () => {
    const [model] = complianceModels(options(), vector(CREDIT));
    const sex = model!.tables.find((t) => t.policy === 'four-fifths' && t.attribute === 'sex')!;
    // Four-fifths excludes nothing, but X (5 predictions, rate 0.8) is under 30: M (0.40) is the highest judged rate.
    expect(sex.highest).toBe('M');
    const x = sex.categories.find((c) => c.name === 'X')!;
    expect([x.count, x.selected, x.rate, x.share, x.impactRatio, x.excluded, x.status]).toEqual([
      5,
      4,
      0.8,
      5 / 330,
      null,
      false,
      'insufficientSamples',
    ]);
    expect(sex.categories.find((c) => c.name === 'F')!.impactRatio).toBeCloseTo(0.75, 12);
    expect(sex.status).toBe('belowThreshold');
    // The same as the pack on the judged categories, the others' rows counted in the shares (as unknown rows are).
    const judged = fourFifths({
      unknown: 10,
      categories: new Map([
        ['F', { count: 120, selected: 36 }],
        ['M', { count: 200, selected: 80 }],
      ]),
    });
    for (const [name, c] of judged.categories) {
      const shown = sex.categories.find((r) => r.name === name)!;
      expect([shown.rate, shown.share, shown.impactRatio]).toEqual([c.rate, c.share, c.impactRatio]);
    }
    // With a guard of 5, X is judged and is the highest rate: M's ratio is 0.40 / 0.80.
    const [small] = complianceModels(options({ minGroupSize: 5 }), vector(CREDIT));
    const judgedX = small!.tables.find((t) => t.policy === 'four-fifths' && t.attribute === 'sex')!;
    expect(judgedX.highest).toBe('X');
    expect(judgedX.categories.find((c) => c.name === 'M')!.impactRatio).toBeCloseTo(0.5, 12);
  });

  test('one judged category alone cannot be compared: insufficient samples', () => {
    const few = predictions('m', 'v1', { sex: { F: [10, 90], M: [5, 10] } });
    const [model] = complianceModels(options({ policies: ['four-fifths'] }), vector(few));
    const [t] = model!.tables;
    expect(t!.status).toBe('insufficientSamples');
    expect(t!.categories.map((c) => [c.name, c.impactRatio, c.status])).toEqual([
      ['F', 1, 'ok'],
      ['M', null, 'insufficientSamples'],
    ]);
  });

  test('four-fifths carries the test against the highest-rate category; nyc-ll144 none', () => {
    const [model] = complianceModels(options(), vector(CREDIT));
    const race = (policy: string) => model!.tables.find((t) => t.policy === policy && t.attribute === 'race')!;
    const b = race('four-fifths').categories.find((c) => c.name === 'B')!;
    const expected = fourFifths(countsOf(RACE)).categories.get('B')!.tests!;
    expect(b.test).toEqual({
      z: expected.z,
      pValue: expected.pValue,
      test: expected.test,
      significant: expected.significant,
    });
    expect(race('four-fifths').categories.find((c) => c.name === 'A')!.test).toBeNull();
    expect(race('nyc-ll144').categories.every((c) => c.test === null)).toBe(true);
  });

  test("the query's packs, threshold and exclusion share", () => {
    const [model] = complianceModels(
      options({ policies: ['nyc-ll144'], threshold: 0.9, excludeBelow: 0 }),
      vector(CREDIT)
    );
    expect(model!.tables.every((t) => t.policy === 'nyc-ll144')).toBe(true);
    const race = model!.tables.find((t) => t.attribute === 'race')!;
    expect(race.threshold).toBe(0.9);
    expect(race.status).toBe('belowThreshold');
    const sex = model!.tables.find((t) => t.attribute === 'sex')!;
    expect(sex.categories.find((c) => c.name === 'X')!.excluded).toBe(false);
    expect(() => options({ policies: ['eeoc' as never] })).toThrow(
      "policies: 'eeoc' is not one of four-fifths, nyc-ll144"
    );
    expect(() => options({ excludeBelow: 1 })).toThrow(/^excludeBelow: 1 is not valid/);
  });

  test('category names that are Object.prototype keys stay data', () => {
    // fromEntries: a literal's __proto__ key would set the prototype instead of adding a category.
    const sex = Object.fromEntries([
      ['__proto__', [40, 60]],
      ['constructor', [30, 70]],
    ]) as Spec;
    const hostile = predictions('m', 'v1', { sex });
    const [model] = complianceModels(options(), vector(hostile));
    const t = model!.tables.find((t) => t.policy === 'nyc-ll144')!;
    expect(t.categories.map((c) => [c.name, c.count, c.selected])).toEqual([
      ['__proto__', 100, 40],
      ['constructor', 100, 30],
    ]);
    expect(t.categories.find((c) => c.name === 'constructor')!.impactRatio).toBeCloseTo(0.75, 12);
    expect(({} as Record<string, unknown>).count).toBeUndefined();
  });

  test('a model whose positive class cannot be told gets its reason; the others still show', () => {
    const samples = [...CREDIT, ...predictions('other', 'v2', { sex: { F: [40, 60], M: [30, 70] } }, ['hire', 'pass'])];
    const models = complianceModels(options(), vector(samples));
    expect(models.map((m) => m.model)).toEqual(['credit', 'other']);
    expect(models[1]!.tables).toEqual([]);
    expect(models[1]!.error).toBe('positiveClass: choose the positive class of other (its series have hire, pass)');
    expect(
      complianceModels(
        options({ positiveClass: 'hire', negativeClass: 'pass' }),
        vector(samples.slice(CREDIT.length))
      )[0]!.tables.length
    ).toBe(2);
    expect(() => complianceFrames(options(), vector(samples))).toThrow(ModelwatchError);
  });

  test('frames: one per model version, pack and attribute, with the contract fields and meta', () => {
    const frames = complianceFrames(options({ model: 'credit' }), vector(CREDIT));
    expect(frames).toHaveLength(5);
    const frame = frames.find(
      (f) => metaOf<ComplianceMeta>(f).policy === 'nyc-ll144' && metaOf<ComplianceMeta>(f).attribute === 'sex'
    )!;
    expect(frame.fields.map((f) => f.name)).toEqual(Object.values(COMPLIANCE_FIELDS));
    const meta = metaOf<ComplianceMeta>(frame);
    expect(meta).toMatchObject({
      kind: FRAME_KIND.compliance,
      reference: POLICY.nycLl144.reference,
      status: 'belowThreshold',
      unknown: 5,
      rows: 330,
      model: 'credit',
      version: 'v1',
      window: CONTRACT.policies.window,
    });
    expect(frame.fields[0]!.values).toEqual(['F', 'M', 'X']);
    expect(frame.fields[5]!.values[2]).toBeNull();
    expect(frame.fields[7]!.values).toEqual(['belowThreshold', 'ok', 'excluded']);
  });

  test('values past the cardinality cap are reported excluded, and still count towards the shares', () => {
    const capped = predictions('m', 'v1', {
      zip: { a: [40, 60], b: [30, 70], __other__: [9, 1], __missing__: [0, 10] },
    });
    const [model] = complianceModels(options({ policies: ['four-fifths'] }), vector(capped));
    const [t] = model!.tables;
    expect(t!.rows).toBe(220);
    expect(t!.unknown).toBe(10);
    expect(t!.highest).toBe('a');
    expect(t!.categories.map((c) => [c.name, c.share, c.impactRatio, c.status])).toEqual([
      ['a', 100 / 220, 1, 'ok'],
      ['b', 100 / 220, 0.3 / 0.4, 'belowThreshold'],
      ['__other__', 10 / 220, null, 'excluded'],
    ]);
  });

  test("a model's recorded packs choose its tables; a model without any gets every pack", () => {
    const samples = [...CREDIT, ...predictions('other', 'v2', { sex: { F: [40, 60], M: [30, 70] } })];
    const configured = vector([
      [{ model_name: 'credit', model_version: 'v1', policy: 'four-fifths' }, 1],
      [{ model_name: 'credit', model_version: 'v0', policy: 'nyc-ll144' }, 1],
    ]);
    const [credit, other] = complianceModels(options(), vector(samples), configured);
    expect(credit!.packs).toBe('rules');
    expect(new Set(credit!.tables.map((t) => t.policy))).toEqual(new Set(['four-fifths']));
    expect(other!.packs).toBe('all');
    expect(other!.tables.map((t) => t.policy)).toEqual(['four-fifths', 'nyc-ll144']);
  });

  test("the policy alerts mark their pack's category, firing over pending", () => {
    const alert = (policy: string, attribute: string, value: string, state: string): [Labels, number] => [
      {
        alertname: 'ModelwatchPolicyImpactRatio',
        alertstate: state,
        model_name: 'credit',
        model_version: 'v1',
        policy,
        group_attribute: attribute,
        group_value: value,
      },
      1,
    ];
    const alerts = vector([
      alert('nyc-ll144', 'sex', 'F', 'pending'),
      alert('nyc-ll144', 'sex', 'F', 'firing'),
      alert('four-fifths', 'race', 'B', 'pending'),
      alert('nyc-ll144', 'sex', 'F', 'pending'),
    ]);
    const [model] = complianceModels(options(), vector(CREDIT), undefined, alerts);
    const marked = model!.tables.flatMap((t) =>
      t.categories.filter((c) => c.alert !== undefined).map((c) => `${t.policy} ${t.attribute} ${c.name} ${c.alert}`)
    );
    expect(marked).toEqual(['four-fifths race B pending', 'nyc-ll144 sex F firing']);
  });

  test('a monitor exporting scoring counts adds the NYC scoring-rate tables, equal to the pack on those counts', () => {
    // sex: F 120 scored, 48 above the cut (0.40); M 200 scored, 120 above (0.60); 5 unknown. F: 0.40 / 0.60.
    const scoring = (spec: Record<string, number>) =>
      vector(
        Object.entries(spec).map(([group, n]): [Labels, number] => [
          { model_name: 'credit', model_version: 'v1', group_attribute: 'sex', group_value: group },
          n,
        ])
      );
    const scored = scoring({ F: 120, M: 200, __missing__: 5 });
    const aboveCut = scoring({ F: 48, M: 120, __missing__: 2 });
    const [model] = complianceModels(options(), vector(CREDIT), undefined, undefined, { scored, aboveCut });
    const tables = model!.tables.filter((t) => t.rate === 'scoring');
    expect(tables.map((t) => `${t.policy}:${t.attribute}`)).toEqual(['nyc-ll144:sex']);
    const expected = nycLl144({
      unknown: 5,
      categories: new Map([
        ['F', { count: 120, selected: 48 }],
        ['M', { count: 200, selected: 120 }],
      ]),
    });
    const t = tables[0]!;
    expect(t.unknown).toBe(5);
    expect(t.categories.map((c) => [c.name, c.rate, c.share, c.impactRatio])).toEqual(
      [...expected.categories].map(([name, c]) => [name, c.rate, c.share, c.impactRatio])
    );
    expect(t.categories[0]!.impactRatio).toBeCloseTo(0.4 / 0.6, 12);
    expect(t.status).toBe('belowThreshold');
    // Without the NYC pack, no scoring table.
    const [ff] = complianceModels(options({ policies: ['four-fifths'] }), vector(CREDIT), undefined, undefined, {
      scored,
      aboveCut,
    });
    expect(ff!.tables.some((x) => x.rate === 'scoring')).toBe(false);
  });

  test('favourable negative counts the negative predicted class as selected', () => {
    const [model] = complianceModels(options({ favourable: 'negative', policies: ['nyc-ll144'] }), vector(CREDIT));
    const race = model!.tables.find((t) => t.attribute === 'race')!;
    // A: 90 of 150 (0.60), B: 117 of 180 (0.65): A's ratio 0.60 / 0.65.
    expect(race.highest).toBe('B');
    expect(race.categories.map((c) => [c.name, c.selected, c.rate])).toEqual([
      ['A', 90, 0.6],
      ['B', 117, 0.65],
    ]);
    expect(race.categories[0]!.impactRatio).toBeCloseTo(0.6 / 0.65, 12);
    expect(() => options({ favourable: 'deny' as never })).toThrow(
      "favourable: 'deny' is not one of positive, negative"
    );
  });

  test('no group predictions, no tables', () => {
    expect(complianceModels(options(), vector([]))).toEqual([]);
  });
});
