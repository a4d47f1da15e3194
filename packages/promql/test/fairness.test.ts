import {
  ATTRIBUTE_LABELS,
  GROUP_LABELS,
  difference,
  eligible,
  eq,
  groupOutcomeCount,
  groupPredictionCount,
  groupRate,
  increaseOf,
  larger,
  ratio,
  series,
  type BinaryClasses,
  type GroupRate,
  type Scope,
  type Source,
  disparity,
} from '@modelwatch/promql';
import { BIN, FAIRNESS } from '@modelwatch/semconv';
import { fairnessFromCounts, type ConfusionCounts } from '@modelwatch/stats';
import { expectRules, input, steady, WINDOW_MINUTES, type Labels, type Sample } from './support/promtool';

const PREDICTIONS = 'modelwatch_group_predictions_total';
const OUTCOMES = 'modelwatch_group_outcomes_total';
const RATES: GroupRate[] = ['selectionRate', 'tpr', 'fpr', 'fnr', 'precision'];
const w = WINDOW_MINUTES;
const MIN_GROUP_SIZE = 30;
const scope: Scope = { model: 'credit', naming: 'exporter-prometheus' };
const yesNo: BinaryClasses = { positive: 'yes', negative: 'no' };

interface Group {
  /** Predictions per minute by class. */
  positive: number;
  negative: number;
  /** Labelled outcomes per minute. */
  cells: ConfusionCounts;
}

// Window counts are 5 × these; minGroupSize 30 is 6 per minute.
const ATTRIBUTES: Record<string, Record<string, Group>> = {
  sex: {
    f: { positive: 4, negative: 6, cells: { tp: 2, fp: 1, fn: 1, tn: 4 } },
    m: { positive: 6, negative: 4, cells: { tp: 3, fp: 2, fn: 1, tn: 2 } },
    // Below the minimum (10 predictions, 10 outcomes) with extreme rates: it must not move any disparity.
    x: { positive: 2, negative: 0, cells: { tp: 1, fp: 1, fn: 0, tn: 0 } },
  },
  race: {
    // No actual positives: TPR and FNR are 0/0, so a is left out of those disparities only.
    a: { positive: 5, negative: 5, cells: { tp: 0, fp: 2, fn: 0, tn: 6 } },
    b: { positive: 3, negative: 7, cells: { tp: 2, fp: 1, fn: 2, tn: 3 } },
    // Never selected: selection rate 0 (the ratio is 0), precision 0/0.
    c: { positive: 0, negative: 8, cells: { tp: 0, fp: 0, fn: 3, tn: 5 } },
  },
  zip: {
    // Nobody selected anywhere: ratio 0/0. No actual positives anywhere: no TPR difference, so no equalized odds.
    z1: { positive: 0, negative: 10, cells: { tp: 0, fp: 0, fn: 0, tn: 8 } },
    z2: { positive: 0, negative: 8, cells: { tp: 0, fp: 0, fn: 0, tn: 7 } },
  },
};

const version: Labels = { model_name: 'credit', model_version: '1' };
const group = (attribute: string, value: string): Labels => ({
  ...version,
  group_attribute: attribute,
  group_value: value,
});
const attributeLabels = (attribute: string): Labels => ({ ...version, group_attribute: attribute });
const target = (instance: string) => ({ job: 'svc', instance });

function inputs(): { series: string; values: string }[] {
  const out: { series: string; values: string }[] = [];
  for (const [attribute, groups] of Object.entries(ATTRIBUTES)) {
    for (const [value, g] of Object.entries(groups)) {
      const prediction = (cls: string, instance = 'a') => ({
        ...group(attribute, value),
        prediction_class: cls,
        ...target(instance),
      });
      const outcome = (p: string, a: string) => ({
        ...group(attribute, value),
        prediction_class: p,
        actual_class: a,
        ...target('a'),
      });
      out.push(input(PREDICTIONS, prediction('yes'), steady(g.positive)));
      if (attribute === 'sex' && value === 'f') {
        // f's negative predictions come from two replicas, b restarting between 7m and 8m: 4 + 2 per minute.
        out.push(input(PREDICTIONS, prediction('no', 'a'), steady(g.negative - 2)));
        out.push(input(PREDICTIONS, prediction('no', 'b'), '0+2x7 2+2x7'));
      } else {
        out.push(input(PREDICTIONS, prediction('no'), steady(g.negative)));
      }
      out.push(input(OUTCOMES, outcome('yes', 'yes'), steady(g.cells.tp)));
      out.push(input(OUTCOMES, outcome('yes', 'no'), steady(g.cells.fp)));
      out.push(input(OUTCOMES, outcome('no', 'yes'), steady(g.cells.fn)));
      out.push(input(OUTCOMES, outcome('no', 'no'), steady(g.cells.tn)));
    }
  }
  // An outcome outside the two classes counts in no rate and in no group's outcome count.
  out.push(
    input(
      OUTCOMES,
      { ...group('sex', 'f'), prediction_class: 'yes', actual_class: '__other__', ...target('a') },
      steady(9)
    )
  );
  // The values pooled below the monitors' minCellSize: large and all selected, it would set every sex disparity if it
  // were a group. No size, rate or disparity may include it (every expectation lists the groups above only).
  out.push(
    input(PREDICTIONS, { ...group('sex', BIN.suppressed), prediction_class: 'yes', ...target('a') }, steady(20))
  );
  out.push(
    input(
      OUTCOMES,
      { ...group('sex', BIN.suppressed), prediction_class: 'yes', actual_class: 'no', ...target('a') },
      steady(20)
    )
  );
  // Another model: nothing of it may show.
  out.push(
    input(
      PREDICTIONS,
      { ...group('sex', 'f'), model_name: 'other', prediction_class: 'yes', ...target('a') },
      steady(99)
    )
  );
  return out;
}

const windowed = (c: ConfusionCounts): ConfusionCounts => ({ tp: w * c.tp, fp: w * c.fp, fn: w * c.fn, tn: w * c.tn });

/** @modelwatch/stats on the window counts: selection rates from all predictions, the others from the cells. */
function oracle(attribute: string) {
  const groups = ATTRIBUTES[attribute]!;
  const selection = fairnessFromCounts(
    Object.fromEntries(
      Object.entries(groups).map(([v, g]) => [v, { count: w * (g.positive + g.negative), selected: w * g.positive }])
    ),
    { minGroupSize: MIN_GROUP_SIZE }
  );
  const labelled = fairnessFromCounts(
    Object.fromEntries(Object.entries(groups).map(([v, g]) => [v, windowed(g.cells)])),
    { minGroupSize: MIN_GROUP_SIZE }
  );
  const fprs = labelled.eligible.included.map((v) => labelled.groups[v]!.fpr!).filter((x) => !Number.isNaN(x));
  return {
    selection,
    labelled,
    // @modelwatch/stats reports no FPR difference of its own; the same max − min over defined eligible rates.
    fprDifference: fprs.length ? Math.max(...fprs) - Math.min(...fprs) : NaN,
  };
}

/** The rate of one group by @modelwatch/stats. */
function rateOf(attribute: string, value: string, rate: GroupRate): number {
  const { selection, labelled } = oracle(attribute);
  return rate === 'selectionRate' ? selection.groups[value]!.selectionRate : labelled.groups[value]![rate]!;
}

/** A disparity per attribute: NaN from @modelwatch/stats is no series, except `nanAsSample` (0/0 in PromQL). */
function perAttribute(value: (attribute: string) => number, nanAsSample = false): Sample[] {
  return Object.keys(ATTRIBUTES)
    .map((a) => ({ labels: attributeLabels(a), value: value(a) }))
    .filter((s) => nanAsSample || !Number.isNaN(s.value));
}

// The rule generator's chain: windowed cells, group sizes, per-group rates, then eligible disparities.
const predictions: Source = (match) => series('test:predictions')({ model_name: eq('credit'), ...match });
const outcomes: Source = (match) => series('test:outcomes')({ model_name: eq('credit'), ...match });
function pipeline(): Record<string, string> {
  const rules: Record<string, string> = {
    'test:predictions': increaseOf(scope, 'groupPredictions', '5m')({}),
    'test:outcomes': increaseOf(scope, 'groupOutcomes', '5m')({}),
    'test:size': groupPredictionCount(predictions),
    'test:outcome_count': groupOutcomeCount(outcomes, yesNo),
  };
  for (const r of RATES) rules[`test:${r}`] = groupRate(r, predictions, outcomes, yesNo);
  const judged = (r: GroupRate) =>
    eligible(`test:${r}`, r === 'selectionRate' ? 'test:size' : 'test:outcome_count', MIN_GROUP_SIZE);
  rules['test:disparate_impact'] = ratio(judged('selectionRate'));
  rules['test:demographic_parity_difference'] = difference(judged('selectionRate'));
  rules['test:equal_opportunity_difference'] = difference(judged('tpr'));
  rules['test:fpr_difference'] = difference(judged('fpr'));
  rules['test:fnr_difference'] = difference(judged('fnr'));
  rules['test:equalized_odds_difference'] = larger(difference(judged('tpr')), difference(judged('fpr')));
  return rules;
}

const everyGroup = (value: (attribute: string, group: string, g: Group) => number): Sample[] =>
  Object.entries(ATTRIBUTES).flatMap(([a, groups]) =>
    Object.entries(groups).map(([v, g]) => ({ labels: group(a, v), value: value(a, v, g) }))
  );

describe('labels and matchers', () => {
  it('per-group series keep the attribute and the value; disparities keep the attribute', () => {
    expect(GROUP_LABELS).toEqual(['model_name', 'model_version', 'group_attribute', 'group_value']);
    expect(ATTRIBUTE_LABELS).toEqual(['model_name', 'model_version', 'group_attribute']);
  });

  it('groupOutcomeCount matches both classes on both sides with one regex', () => {
    expect(groupOutcomeCount(series('o'), yesNo)).toBe(
      'sum by (model_name, model_version, group_attribute, group_value) ' +
        '(o{group_value!="__suppressed__", prediction_class=~"yes|no", actual_class=~"yes|no"})'
    );
  });

  it('eligible drops NaN by self-comparison and joins the size on the group labels', () => {
    expect(eligible('r', 's', 30)).toBe(
      '((r) == (r)) and on (model_name, model_version, group_attribute, group_value) (s >= 30)'
    );
  });
});

describe('on promtool', () => {
  const run = (expect: Record<string, Sample[]>) => expectRules({ rules: pipeline(), input: inputs(), expect });

  it('groupPredictionCount and groupOutcomeCount size each group (binary cells only) through a counter reset', () => {
    run({
      'test:size': everyGroup((_, __, g) => w * (g.positive + g.negative)),
      'test:outcome_count': everyGroup((_, __, g) => w * (g.cells.tp + g.cells.fp + g.cells.fn + g.cells.tn)),
    });
  });

  it.each(RATES)('groupRate %s equals @modelwatch/stats per group, NaN where it is 0/0', (rate) => {
    run({ [`test:${rate}`]: everyGroup((a, v) => rateOf(a, v, rate)) });
  });

  it('difference and ratio of selection rates equal @modelwatch/stats over eligible groups', () => {
    run({
      'test:demographic_parity_difference': perAttribute(
        (a) => oracle(a).selection.eligible.demographicParityDifference
      ),
      // zip: every rate is 0, so min / max is 0/0, a NaN sample as in @modelwatch/stats.
      'test:disparate_impact': perAttribute((a) => oracle(a).selection.eligible.disparateImpact, true),
    });
    expect(oracle('sex').selection.eligible.included).toEqual(['f', 'm']);
    expect(Number.isNaN(oracle('zip').selection.eligible.disparateImpact)).toBe(true);
  });

  it('TPR, FPR and FNR differences equal @modelwatch/stats; groups with an undefined rate are left out', () => {
    run({
      'test:equal_opportunity_difference': perAttribute((a) => oracle(a).labelled.eligible.equalOpportunityDifference!),
      'test:fpr_difference': perAttribute((a) => oracle(a).fprDifference),
      'test:fnr_difference': perAttribute((a) => oracle(a).labelled.eligible.fnrDifference!),
    });
    // race/a has no TPR: the difference is b's against c's alone.
    expect(oracle('race').labelled.eligible.equalOpportunityDifference).toBeCloseTo(2 / 4 - 0, 15);
  });

  it('larger gives equalized odds as @modelwatch/stats does, and nothing where either difference is missing', () => {
    run({
      'test:equalized_odds_difference': perAttribute((a) => oracle(a).labelled.eligible.equalizedOddsDifference!),
    });
    expect(Number.isNaN(oracle('zip').labelled.eligible.equalizedOddsDifference!)).toBe(true);
  });

  it('eligible keeps sizes >= the minimum and drops NaN rates and groups without a size', () => {
    const g = (v: string) => group('sex', v);
    expectRules({
      rules: { 'test:eligible': eligible('rate', 'size', 30) },
      input: [
        input('rate', g('below'), '0.5+0x15'),
        input('size', g('below'), '29+0x15'),
        input('rate', g('at'), '0.25+0x15'),
        input('size', g('at'), '30+0x15'),
        input('rate', g('undefined'), 'NaN+0x15'),
        input('size', g('undefined'), '100+0x15'),
        input('rate', g('unsized'), '0.75+0x15'),
      ],
      expect: { 'test:eligible': [{ labels: g('at'), value: 0.25 }] },
    });
  });

  it('difference is 0 and ratio is 1 over one group', () => {
    expectRules({
      rules: { 'test:difference': difference('rate'), 'test:ratio': ratio('rate') },
      input: [input('rate', group('sex', 'f'), '0.4+0x15')],
      expect: {
        'test:difference': [{ labels: attributeLabels('sex'), value: 0 }],
        'test:ratio': [{ labels: attributeLabels('sex'), value: 1 }],
      },
    });
  });

  it('larger takes the larger value, either on a tie, and nothing when one side is missing or NaN', () => {
    const at = (a: string) => attributeLabels(a);
    const gauges: [string, string, number][] = [
      ['a', 'first', 0.3],
      ['b', 'first', 0.2],
      ['a', 'second', 0.1],
      ['b', 'second', 0.4],
      ['a', 'tie', 0.5],
      ['b', 'tie', 0.5],
      ['a', 'only_a', 0.6],
      ['b', 'only_b', 0.6],
      ['a', 'nan', NaN],
      ['b', 'nan', 0.1],
    ];
    expectRules({
      rules: { 'test:larger': larger('a', 'b') },
      input: gauges.map(([name, attribute, v]) => input(name, at(attribute), `${v}+0x15`)),
      expect: {
        'test:larger': [
          { labels: at('first'), value: 0.3 },
          { labels: at('second'), value: 0.4 },
          { labels: at('tie'), value: 0.5 },
        ],
      },
    });
  });

  it('groupRate carries class names with a quote and a backslash into its matchers', () => {
    const classes: BinaryClasses = { positive: 'yes "1"', negative: 'no\\0' };
    const cell = (p: string, a: string) => ({ ...group('sex', 'f'), prediction_class: p, actual_class: a });
    const P = classes.positive;
    const N = classes.negative;
    expectRules({
      rules: Object.fromEntries(RATES.map((r) => [`test:${r}`, groupRate(r, series('p'), series('o'), classes)])),
      input: [
        input('p', { ...group('sex', 'f'), prediction_class: P }, '3+0x15'),
        input('p', { ...group('sex', 'f'), prediction_class: N }, '1+0x15'),
        input('o', cell(P, P), '4+0x15'),
        input('o', cell(P, N), '1+0x15'),
        input('o', cell(N, P), '2+0x15'),
        input('o', cell(N, N), '3+0x15'),
      ],
      expect: {
        'test:selectionRate': [{ labels: group('sex', 'f'), value: 3 / 4 }],
        'test:tpr': [{ labels: group('sex', 'f'), value: 4 / 6 }],
        'test:fpr': [{ labels: group('sex', 'f'), value: 1 / 4 }],
        'test:fnr': [{ labels: group('sex', 'f'), value: 2 / 6 }],
        'test:precision': [{ labels: group('sex', 'f'), value: 4 / 5 }],
      },
    });
  });

  // Class names are free text in the configuration; labels exported from floats read 1.0 and 0.0.
  const outcomeCountOf = (classes: BinaryClasses) => {
    const cell = (p: string, a: string) => ({ ...group('sex', 'f'), prediction_class: p, actual_class: a });
    const { positive: P, negative: N } = classes;
    expectRules({
      rules: { 'test:outcome_count': groupOutcomeCount(series('o'), classes) },
      input: [
        input('o', cell(P, P), '4+0x15'),
        input('o', cell(P, N), '1+0x15'),
        input('o', cell(N, P), '2+0x15'),
        input('o', cell(N, N), '3+0x15'),
        // What the class regex must not take in: a look-alike of 1.0 and another class.
        input('o', cell(P, '1x0'), '100+0x15'),
        input('o', cell('other', N), '100+0x15'),
      ],
      expect: { 'test:outcome_count': [{ labels: group('sex', 'f'), value: 10 }] },
    });
  };

  it('groupOutcomeCount counts classes named like numbers (1.0 / 0.0) exactly', () => {
    outcomeCountOf({ positive: '1.0', negative: '0.0' });
  });

  it('groupOutcomeCount counts classes whose names hold a quote, a backslash or a regex metacharacter', () => {
    outcomeCountOf({ positive: 'yes "a|b"', negative: 'no\\d+' });
  });
});

describe('disparity', () => {
  it('builds each catalogue disparity from its rates: a ratio, a difference or the larger of two', () => {
    const rate = (r: string): string => `R_${r}`;
    expect(disparity(FAIRNESS.disparateImpact, rate)).toBe(ratio('R_selectionRate'));
    expect(disparity(FAIRNESS.demographicParityDifference, rate)).toBe(difference('R_selectionRate'));
    expect(disparity(FAIRNESS.fnrDifference, rate)).toBe(difference('R_fnr'));
    expect(disparity(FAIRNESS.equalizedOddsDifference, rate)).toBe(larger(difference('R_tpr'), difference('R_fpr')));
  });
});
