import {
  by,
  eq,
  labelMatchers,
  labelsOf,
  literalRegex,
  matchers,
  metric,
  modelMatch,
  MODEL_LABELS,
  quote,
  re,
  selectSeries,
  type Scope,
} from '@modelwatch/promql';
import { expectRules, input, steady, type Sample } from './support/promtool';

const credit: Scope = { model: 'credit', naming: 'exporter-prometheus' };

// Label values a user may give a model, class or group: quotes, backslashes (alone and before a quote, the classic
// way out of a string literal), a newline, matcher syntax, non-ASCII.
const HOSTILE = ['a"b', 'back\\slash', 'a"b\\c', 'x\\"y', 'line\nbreak', 'a}, job="x', 'café ✓'];

describe('quote', () => {
  it('writes a PromQL string literal, escaping quotes and backslashes', () => {
    expect(quote('credit')).toBe('"credit"');
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('back\\slash')).toBe('"back\\\\slash"');
    expect(quote('x\\"y')).toBe('"x\\\\\\"y"');
    expect(quote('line\nbreak')).toBe('"line\\nbreak"');
    expect(quote('café ✓')).toBe('"café ✓"');
  });
});

describe('literalRegex', () => {
  it('escapes every RE2 metacharacter and nothing else', () => {
    expect(literalRegex('.*+?^${}()|[]\\')).toBe('\\.\\*\\+\\?\\^\\$\\{\\}\\(\\)\\|\\[\\]\\\\');
    expect(literalRegex('yes')).toBe('yes');
    expect(literalRegex('a-b/c"d e')).toBe('a-b/c"d e');
  });

  it('is meant to be quoted afterwards: the PromQL literal then holds doubled backslashes', () => {
    expect(quote(literalRegex('1.0'))).toBe('"1\\\\.0"');
  });
});

describe('matchers', () => {
  it('matches the model by equality, then the version by regex, then the extra matchers in order', () => {
    expect(matchers(credit)).toBe('{model_name="credit"}');
    expect(matchers({ ...credit, version: '1\\..*' })).toBe('{model_name="credit", model_version=~"1\\\\..*"}');
    expect(matchers(credit, { bin: '="0"', feature: '!~"a|b"' })).toBe(
      '{model_name="credit", bin="0", feature!~"a|b"}'
    );
  });

  it('quotes hostile model names', () => {
    expect(matchers({ ...credit, model: 'a"b\\c' })).toBe('{model_name="a\\"b\\\\c"}');
  });

  // The model's matchers are kept from one call to the next (rules are made model by model): whatever the order
  // of scopes, and with extra matchers that replace the model's own in their place, the text is the one the
  // general way (labelMatchers over the merged matchers) gives.
  it('gives the text of the general way across changing scopes and overridden model matchers', () => {
    const scopes: Scope[] = [
      credit,
      { ...credit, version: '2\\..*' },
      { ...credit, model: 'fraud' },
      { ...credit, model: 'fraud', version: '2\\..*' },
      credit,
    ];
    const extras: Record<string, string>[] = [
      {},
      { bin: '="0"' },
      { model_version: '="3"', bin: '="1"' },
      { feature: '="f"', model_name: '=~"c.*"' },
      JSON.parse('{"__proto__": "=\\"x\\""}') as Record<string, string>,
    ];
    for (const scope of [...scopes, ...scopes.reverse()]) {
      for (const extra of extras) {
        expect(matchers(scope, extra)).toBe(labelMatchers({ ...modelMatch(scope), ...extra }));
        const equal = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, v.replace(/^=~?"|"$/g, '')]));
        const general = Object.fromEntries(Object.entries(equal).map(([k, v]) => [k, eq(v)]));
        expect(selectSeries('m', scope, equal)).toBe(`m${labelMatchers({ ...modelMatch(scope), ...general })}`);
      }
    }
  });
});

describe('metric', () => {
  it('names counters with _total in both namings', () => {
    expect(metric(credit, 'featureValues')).toBe('modelwatch_feature_values_total');
    expect(metric({ ...credit, naming: 'otlp' }, 'featureValues')).toBe('modelwatch_feature_values_total');
    expect(metric(credit, 'outcomes')).toBe('modelwatch_outcomes_total');
    expect(metric({ ...credit, naming: 'otlp' }, 'groupPredictions')).toBe('modelwatch_group_predictions_total');
  });

  it('adds the unit suffix only in the OTLP naming (_ratio for dimensionless gauges, _seconds for durations)', () => {
    expect(metric(credit, 'featureReferenceShare')).toBe('modelwatch_feature_reference_share');
    expect(metric({ ...credit, naming: 'otlp' }, 'featureReferenceShare')).toBe(
      'modelwatch_feature_reference_share_ratio'
    );
    expect(metric(credit, 'inferenceDuration')).toBe('modelwatch_inference_duration');
    expect(metric({ ...credit, naming: 'otlp' }, 'inferenceDuration')).toBe('modelwatch_inference_duration_seconds');
  });
});

describe('labelsOf and by', () => {
  it('lists the model labels first, then the metric attributes as Prometheus labels', () => {
    expect(MODEL_LABELS).toEqual(['model_name', 'model_version']);
    expect(labelsOf('featureValues')).toEqual(['model_name', 'model_version', 'feature', 'feature_role', 'bin']);
    expect(labelsOf('featureValues', 'bin')).toEqual(['model_name', 'model_version', 'feature', 'feature_role']);
    expect(labelsOf('outcomes')).toEqual(['model_name', 'model_version', 'prediction_class', 'actual_class']);
    expect(labelsOf('inferenceDuration')).toEqual(['model_name', 'model_version']);
  });

  it('writes a by clause', () => {
    expect(by(['model_name', 'model_version'])).toBe('by (model_name, model_version)');
  });
});

describe('on promtool', () => {
  const predictions = 'modelwatch_predictions_total';
  const target = { job: 'svc', instance: 'a' };

  it('a model matcher selects exactly the series of a hostile model name, never a look-alike', () => {
    // Every hostile name is present at once with its own rate, so each name is the others' decoy; plus the
    // names a broken escape would produce.
    const names = [...HOSTILE, 'a', 'ab', 'a\\"b', 'back', 'x\\', 'line'];
    const rules: Record<string, string> = {};
    const expected: Record<string, Sample[]> = {};
    HOSTILE.forEach((name, i) => {
      rules[`test:model_${i}`] = `${predictions}${matchers({ ...credit, model: name })}`;
      const labels = { model_name: name, model_version: '1', prediction_class: 'yes', ...target };
      expected[`test:model_${i}`] = [{ labels, value: 10 * (names.indexOf(name) + 1) }];
    });
    expectRules({
      rules,
      input: names.map((name, k) =>
        input(
          predictions,
          { model_name: name, model_version: '1', prediction_class: 'yes', ...target },
          `${10 * (k + 1)}+0x15`
        )
      ),
      expect: expected,
    });
  });

  it('a version scope is an anchored RE2 regex; no version selects every version', () => {
    const versions = ['1.0', '1.10', '11.0', '2.1', 'v1.0'];
    const series = (v: string) => ({ model_name: 'credit', model_version: v, prediction_class: 'yes', ...target });
    const sample = (v: string): Sample => ({ labels: series(v), value: versions.indexOf(v) + 1 });
    expectRules({
      rules: {
        'test:v1': `${predictions}${matchers({ ...credit, version: '1\\..*' })}`,
        'test:pair': `${predictions}${matchers({ ...credit, version: '1\\.0|2\\.1' })}`,
        'test:exact': `${predictions}${matchers({ ...credit, version: '1.0' })}`,
        'test:all': `${predictions}${matchers(credit)}`,
      },
      input: versions.map((v, k) => input(predictions, series(v), `${k + 1}+0x15`)),
      expect: {
        'test:v1': [sample('1.0'), sample('1.10')],
        'test:pair': [sample('1.0'), sample('2.1')],
        // An unescaped dot is a regex dot, but anchoring still keeps 1.10 and v1.0 out.
        'test:exact': [sample('1.0')],
        'test:all': versions.map(sample),
      },
    });
  });

  it('a quoted literalRegex matches exactly its text in a =~ matcher', () => {
    const texts = ['a.b', 'a+b', 'a*', '(x)', 'a|b', '[z]', '^$', 'a{2}', 'a?', 'a\\b', 'a"b', '1.0'];
    // What each text would also match if its metacharacters were live.
    const decoys = ['axb', 'aab', 'aa', 'x', 'a', 'b', 'z', 'a\\', 'ab', '100', '1x0'];
    const all = [...texts, ...decoys];
    const series = (t: string) => ({ model_name: t, model_version: '1', prediction_class: 'yes', ...target });
    const rules: Record<string, string> = {};
    const expected: Record<string, Sample[]> = {};
    texts.forEach((t, i) => {
      rules[`test:text_${i}`] = `${predictions}{model_name=~${quote(literalRegex(t))}}`;
      expected[`test:text_${i}`] = [{ labels: series(t), value: all.indexOf(t) + 1 }];
    });
    expectRules({ rules, input: all.map((t, k) => input(predictions, series(t), `${k + 1}+0x15`)), expect: expected });
  });

  it('summing by labelsOf keeps the metric attributes and drops the target labels', () => {
    const labels = (instance: string, cls: string) => ({
      model_name: 'credit',
      model_version: '1',
      prediction_class: cls,
      job: 'svc',
      instance,
    });
    const kept = (cls: string) => ({ model_name: 'credit', model_version: '1', prediction_class: cls });
    expectRules({
      rules: { 'test:sum': `sum ${by(labelsOf('predictions'))} (${predictions})` },
      input: [
        input(predictions, labels('a', 'yes'), steady(1)),
        input(predictions, labels('b', 'yes'), steady(2)),
        input(predictions, labels('a', 'no'), steady(4)),
      ],
      expect: {
        'test:sum': [
          { labels: kept('yes'), value: 30 },
          { labels: kept('no'), value: 40 },
        ],
      },
    });
  });
});

describe('model selection builders', () => {
  it('modelMatch gives the model as equality and the version as an anchored regex', () => {
    expect(modelMatch({ model: 'credit' })).toEqual({ model_name: '="credit"' });
    expect(modelMatch({ model: 'credit', version: '1\\..*' })).toEqual({
      model_name: '="credit"',
      model_version: '=~"1\\\\..*"',
    });
  });

  it('labelMatchers writes matchers in the given order; eq and re quote their values', () => {
    expect(labelMatchers({ a: eq('x"y'), b: re('1|2') })).toBe('{a="x\\"y", b=~"1|2"}');
    expect(labelMatchers({})).toBe('{}');
  });

  it('selectSeries selects a recorded series of one model with label values compared for equality', () => {
    expect(selectSeries('modelwatch:feature_psi:1h', { model: 'm', version: '2' }, { baseline: 'reference' })).toBe(
      'modelwatch:feature_psi:1h{model_name="m", model_version=~"2", baseline="reference"}'
    );
    expect(selectSeries('r', { model: 'a\\b' })).toBe('r{model_name="a\\\\b"}');
  });

  it('matchers lets an extra matcher replace the model matcher instead of repeating the label', () => {
    expect(matchers({ model: 'm' }, { model_name: '=~"m|n"' })).toBe('{model_name=~"m|n"}');
  });
});
