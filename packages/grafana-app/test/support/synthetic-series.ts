// Modelwatch series as an instrumented service exports them (exporter-prometheus names, two replicas,
// fractional bin counts), over the last three hours and the same three hours a week earlier, in OpenMetrics
// for `promtool tsdb create-blocks-from openmetrics`. Deterministic: a seeded generator drives every count.
import { seededRandom } from '@modelwatch/stats';

const HOUR = 3600;
const WEEK = 7 * 24 * HOUR;
const SCOPE = { otel_scope_name: '@modelwatch/otel', job: 'credit-service' };
const DURATION_BUCKETS = [
  '0.005',
  '0.01',
  '0.025',
  '0.05',
  '0.075',
  '0.1',
  '0.25',
  '0.5',
  '0.75',
  '1',
  '2.5',
  '5',
  '7.5',
  '10',
  '+Inf',
];
const FAST_SHARE = [0, 0.05, 0.2, 0.4, 0.55, 0.65, 0.9, 0.96, 0.98, 0.99, 1, 1, 1, 1, 1];

type Labels = Record<string, string>;

interface SeriesPoints {
  name: string;
  labels: Labels;
  points: Array<[number, number]>;
  total: number;
}

class Recorder {
  readonly series = new Map<string, SeriesPoints>();

  private of(name: string, labels: Labels): SeriesPoints {
    const key = `${name}${JSON.stringify(labels)}`;
    let s = this.series.get(key);
    if (!s) {
      s = { name, labels, points: [], total: 0 };
      this.series.set(key, s);
    }
    return s;
  }

  add(name: string, labels: Labels, t: number, delta: number): void {
    const s = this.of(name, labels);
    s.total += delta;
    s.points.push([t, s.total]);
  }

  set(name: string, labels: Labels, t: number, value: number): void {
    this.of(name, labels).points.push([t, value]);
  }
}

const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

const FEATURES: Record<string, { bins: string[]; reference: number[]; recent: number[]; lastWeek: number[] }> = {
  income: {
    bins: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    reference: Array(10).fill(0.1),
    // No value in the top bin lately: the PSI epsilon case.
    recent: [0.12, 0.11, 0.1, 0.1, 0.12, 0.1, 0.11, 0.12, 0.12, 0],
    lastWeek: Array(10).fill(0.1),
  },
  age: {
    bins: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    reference: Array(10).fill(0.1),
    recent: [0.02, 0.03, 0.05, 0.1, 0.1, 0.1, 0.1, 0.15, 0.15, 0.2],
    lastWeek: [0.08, 0.09, 0.1, 0.1, 0.11, 0.1, 0.1, 0.11, 0.11, 0.1],
  },
  purpose: {
    bins: ['car', 'home', '__other__', '__missing__'],
    reference: [0.5, 0.3, 0.15, 0.05],
    recent: [0.4, 0.35, 0.2, 0.05],
    lastWeek: [0.5, 0.3, 0.15, 0.05],
  },
};

/** One regression outcome: the true value and the prediction. */
export interface RegressionRow {
  t: number;
  actual: number;
  predicted: number;
}

export interface Synthetic {
  /** OpenMetrics text. */
  text: string;
  /** The outcomes of the regression model `price` (version r1), from which its error-sum counters were written. */
  regressionRows: RegressionRow[];
  /** Series with a sample in the last window (what an instant query sees at its end). */
  recentSeries: number;
}

/** The error sums one outcome adds, as docs/semantic-conventions.md defines the counters. */
function regressionIncrements(actual: number, predicted: number): Record<string, number> {
  const e = predicted - actual;
  return {
    modelwatch_regression_outcomes_total: 1,
    modelwatch_regression_absolute_error_total: Math.abs(e),
    modelwatch_regression_squared_error_total: e * e,
    modelwatch_regression_over_prediction_total: Math.max(e, 0),
    modelwatch_regression_under_prediction_total: Math.max(-e, 0),
    modelwatch_regression_absolute_percentage_error_total: Math.abs(e) / Math.max(Math.abs(actual), Number.EPSILON),
  };
}

/**
 * Every Modelwatch series of model `credit` (versions v1 and v2) and of the regression model `price` (version r1,
 * two replicas: predictions and error sums only) with samples every minute up to `end`.
 */
export function syntheticSeries(end: number): Synthetic {
  const rand = seededRandom(20_261_123);
  const r = new Recorder();
  const times: Array<[number, boolean]> = [];
  for (let t = end - WEEK - 3 * HOUR; t <= end - WEEK; t += 60) {
    times.push([t, false]);
  }
  for (let t = end - 3 * HOUR; t <= end; t += 60) {
    times.push([t, true]);
  }
  const int = (lo: number, span: number): number => lo + Math.floor(rand() * span);
  const regressionRows: RegressionRow[] = [];
  for (const [t, recent] of times) {
    for (const instance of ['a', 'b']) {
      const base = { ...SCOPE, job: 'price-service', instance, model_name: 'price', model_version: 'r1' };
      const n = int(3, 4);
      r.add('modelwatch_predictions_total', base, t, n + int(0, 3));
      const sums = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        // Prices around 200 predicted a little high; now and then a true price of 0 (MAPE's ε convention).
        const actual = rand() < 0.01 ? 0 : Math.round(100 + 200 * rand());
        const predicted = actual * (0.9 + 0.25 * rand()) + 5 * (rand() - 0.5);
        regressionRows.push({ t, actual, predicted });
        for (const [name, v] of Object.entries(regressionIncrements(actual, predicted))) {
          sums.set(name, (sums.get(name) ?? 0) + v);
        }
      }
      for (const [name, v] of sums) {
        r.add(name, base, t, v);
      }
    }
    for (const [version, instances] of [
      ['v1', ['a', 'b']],
      ['v2', ['c']],
    ] as const) {
      for (const instance of instances) {
        const base = { ...SCOPE, instance, model_name: 'credit', model_version: version };
        for (const [feature, f] of Object.entries(FEATURES)) {
          if (version === 'v2' && feature !== 'income') {
            continue;
          }
          const shares = version === 'v2' ? f.reference : recent ? f.recent : f.lastWeek;
          const n = int(10, 5);
          f.bins.forEach((bin, i) => {
            const labels = { ...base, feature, feature_role: 'feature', bin };
            r.add('modelwatch_feature_values_total', labels, t, n * shares[i]! * (0.8 + 0.4 * rand()));
            r.set('modelwatch_feature_reference_share', labels, t, f.reference[i]!);
          });
          for (const issue of ['missing', 'out_of_range', 'invalid_type', 'unseen_category', 'unknown_feature']) {
            const delta =
              feature === 'income' && issue === 'missing'
                ? int(0, 3)
                : feature === 'income' && issue === 'out_of_range'
                  ? int(0, 2)
                  : feature === 'purpose' && issue === 'unseen_category'
                    ? int(0, 2)
                    : 0;
            r.add('modelwatch_feature_issues_total', { ...base, feature, issue }, t, delta);
          }
        }
        const yes = int(8, 8);
        const no = int(15, 10);
        r.add('modelwatch_predictions_total', { ...base, prediction_class: 'yes' }, t, yes);
        r.add('modelwatch_predictions_total', { ...base, prediction_class: 'no' }, t, no);
        r.add('modelwatch_errors_total', { ...base, error_type: 'TimeoutError' }, t, int(0, 2));
        DURATION_BUCKETS.forEach((le, i) =>
          r.add('modelwatch_inference_duration_bucket', { ...base, le }, t, Math.round((yes + no) * FAST_SHARE[i]!))
        );
        r.add('modelwatch_inference_duration_count', base, t, yes + no);
        r.add('modelwatch_inference_duration_sum', base, t, (yes + no) * 0.08);
        if (version === 'v2') {
          continue;
        }
        const cells: Array<[string, string, number, number]> = [
          ['yes', 'yes', int(5, 5), 5.5 + 2 * rand()],
          ['yes', 'no', int(1, 3), 1.5 + rand()],
          ['no', 'yes', int(2, 3), 2 + rand()],
          ['no', 'no', int(8, 6), 8.5 + 3 * rand()],
        ];
        for (const [p, a, realized, expected] of cells) {
          r.add('modelwatch_outcomes_total', { ...base, prediction_class: p, actual_class: a }, t, realized);
          r.add('modelwatch_estimated_outcomes_total', { ...base, prediction_class: p, actual_class: a }, t, expected);
        }
        const groups: Array<[string, string, string, number, number]> = [
          ['group', 'sex', 'F', int(2, 4), int(4, 4)],
          ['group', 'sex', 'M', int(3, 4), int(3, 3)],
          // A group of a few predictions a day: inconclusive.
          ['group', 'sex', 'X', rand() < 0.02 ? 1 : 0, rand() < 0.02 ? 1 : 0],
          ['segment', 'region', 'north', int(4, 4), int(6, 4)],
          ['segment', 'region', 'south', int(3, 4), int(7, 4)],
        ];
        for (const [kind, attribute, value, selected, rejected] of groups) {
          const labels =
            kind === 'group'
              ? { ...base, group_attribute: attribute, group_value: value }
              : { ...base, segment_name: attribute, segment_value: value };
          r.add(`modelwatch_${kind}_predictions_total`, { ...labels, prediction_class: 'yes' }, t, selected);
          r.add(`modelwatch_${kind}_predictions_total`, { ...labels, prediction_class: 'no' }, t, rejected);
          // Outcomes arrive for part of the predictions.
          const tp = Math.round(selected * 0.7);
          const fn = Math.round(rejected * 0.2);
          const cellsOf: Array<[string, string, number]> = [
            ['yes', 'yes', tp],
            ['yes', 'no', selected - tp],
            ['no', 'yes', fn],
            ['no', 'no', rejected - fn],
          ];
          for (const [p, a, v] of cellsOf) {
            r.add(`modelwatch_${kind}_outcomes_total`, { ...labels, prediction_class: p, actual_class: a }, t, v);
          }
        }
      }
    }
  }
  const lines: string[] = [];
  const all = [...r.series.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const s of all) {
    const labels = Object.entries(s.labels)
      .map(([k, v]) => `${k}="${escape(v)}"`)
      .join(',');
    for (const [t, v] of s.points) {
      lines.push(`${s.name}{${labels}} ${v} ${t}`);
    }
  }
  lines.push('# EOF');
  const recentSeries = all.filter((s) => s.points.some(([t]) => t > end - HOUR)).length;
  return { text: `${lines.join('\n')}\n`, recentSeries, regressionRows };
}
