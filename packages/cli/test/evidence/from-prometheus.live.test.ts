// `modelwatch report --prometheus`: a real Prometheus (Debian's, on loopback) serves six hours of a model's
// recorded series and ALERTS, backfilled with `promtool tsdb create-blocks-from openmetrics` from values this
// test makes; the report must read back exactly those values over the period it asks for, the group intervals
// must be Wilson's, the SLO numbers those at the end of the period, and the alerts those that fired in it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, type PrometheusServer } from '@modelwatch/local-prometheus';
import { cli } from '../run-cli';
import { jsonReport, serveHistory, stopHistory, type LiveHistory } from './live-history';

jest.setTimeout(180_000);

const MINUTE = 60;
const MODEL = { model_name: 'lending', model_version: '1.0.0' };
const OTHER = { model_name: 'other', model_version: '1.0.0' };
const CONFIG = `interval: 1m
models:
  - name: lending
    classes: { positive: 'yes', negative: 'no' }
    drift: { window: 1h }
    performance: { window: 1d }
    fairness: { window: 1d, minGroupSize: 30 }
    slos: { period: 30d, availability: { objective: 0.99 } }
  - name: other
    classes: { positive: 'yes', negative: 'no' }
    performance: { window: 1d }
`;

// Six hours of minutes, ending two hours ago (older than Prometheus' head block, so the backfill never overlaps it).
const END = Math.floor(Date.now() / 1000 / MINUTE) * MINUTE - 2 * 3600;
const START = END - 360 * MINUTE;
const at = (i: number): number => START + i * MINUTE;
// The report's period: minutes 30 to 330, on sample times, so each step of query_range lands on a sample.
const FROM = at(30);
const TO = at(330);

const METRICS = ['accuracy', 'precision', 'recall', 'f1'];
const performance = (metric: number, source: number, i: number): number =>
  0.6 + 0.2 * Math.sin(i / 40 + metric) - 0.05 * source;
const psi = (feature: number, i: number): number => 0.01 * feature + i / 2000;
const jensenShannon = (feature: number, i: number): number => 0.005 * feature + i / 9000;
const GROUPS = [
  { value: 'no', size: (i: number) => 800 + i, rate: (i: number) => 0.08 + i / 100_000 },
  { value: 'yes', size: (i: number) => 120 + (i % 7), rate: (i: number) => 0.3 - i / 100_000 },
  { value: 'small', size: () => 12, rate: () => 0.25 },
];
const disparateImpact = (i: number): number => 0.3 + i / 10_000;
const sloError = (i: number): number => 0.004 + i / 1_000_000;
const budget = (i: number): number => 1 - sloError(i) / 0.01;

type Labels = Record<string, string>;
const lines: string[] = [];
function series(name: string, labels: Labels, minutes: number[], value: (i: number) => number): void {
  const text = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  for (const i of minutes) lines.push(`${name}{${text}} ${value(i)} ${at(i)}`);
}
const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, k) => a + k);
const ALL = range(0, 360);

function history(): string {
  METRICS.forEach((metric, m) => {
    for (const [s, source] of ['realized', 'estimated'].entries()) {
      series(`modelwatch:model_${metric}:ratio1d`, { ...MODEL, source }, ALL, (i) => performance(m, s, i));
      series(`modelwatch:model_${metric}:ratio1d`, { ...OTHER, source }, ALL, () => 0.123);
    }
  });
  for (const [f, feature] of ['lvrat', 'pirat'].entries()) {
    const labels = { ...MODEL, feature, feature_role: 'feature', baseline: 'reference' };
    series('modelwatch:feature_psi:1h', labels, ALL, (i) => psi(f, i));
    series('modelwatch:feature_jensen_shannon:1h', labels, ALL, (i) => jensenShannon(f, i));
  }
  for (const g of GROUPS) {
    const labels = { ...MODEL, group_attribute: 'afam', group_value: g.value };
    series('modelwatch:group_size:increase1d', labels, ALL, g.size);
    series('modelwatch:group_selection_rate:ratio1d', labels, ALL, g.rate);
  }
  series('modelwatch:fairness_disparate_impact:1d', { ...MODEL, group_attribute: 'afam' }, ALL, disparateImpact);
  const slo = { ...MODEL, slo: 'availability', objective: '0.99' };
  series('modelwatch:slo_error:ratio_rate30d', slo, ALL, sloError);
  series('modelwatch:slo_error_budget_remaining:ratio', { ...slo, period: '30d' }, ALL, budget);
  // Drift on pirat fires twice (the second time until after the period ends); pending is not firing; another
  // model's alert and one that ended before the period are not this report's.
  const drift = { alertname: 'ModelwatchFeatureDriftPSI', ...MODEL, feature: 'pirat', severity: 'warning' };
  series('ALERTS', { ...drift, alertstate: 'pending' }, [...range(50, 59), ...range(190, 199)], () => 1);
  series('ALERTS', { ...drift, alertstate: 'firing' }, [...range(60, 119), ...range(200, 360)], () => 1);
  const early = { alertname: 'ModelwatchSLOBurnRate', ...MODEL, slo: 'availability', severity: 'page' };
  series('ALERTS', { ...early, alertstate: 'firing' }, range(5, 20), () => 1);
  const other = { alertname: 'ModelwatchPerformanceBelowFloor', ...OTHER, severity: 'critical' };
  series('ALERTS', { ...other, alertstate: 'firing' }, range(100, 150), () => 1);
  return `${lines.join('\n')}\n# EOF\n`;
}

let dir: string;
let prometheus: PrometheusServer;
let report: {
  inputs: { role: string; name: string; sha256: string }[];
  live: {
    period: { from: number; to: number; step: number };
    performance: { statistic: string; name: string; series: { labels: Labels; points: [number, number][] }[] }[];
    drift: { statistic: string; name: string; series: { labels: Labels; points: [number, number][] }[] }[];
    fairnessOverTime: { statistic: string; series: { labels: Labels; points: [number, number][] }[] }[];
    fairness: {
      group: string;
      count: number;
      selectionRate: number;
      interval: { lower: number; upper: number };
      inconclusive: boolean;
    }[];
    slos: { slo: string; objective: number; attainment: number; budgetRemaining: number }[];
    alerts: { alertname: string; severity: string; labels: Labels; start: number; end: number; ongoing: boolean }[];
    queries: unknown[];
  };
};

function reportArgs(out: string, format: string): string[] {
  return [
    'report',
    '--prometheus',
    prometheus.url,
    '--config',
    join(dir, 'modelwatch.yaml'),
    '--model',
    'lending',
    '--from',
    new Date(FROM * 1000).toISOString(),
    '--to',
    String(TO),
    '--step',
    '60',
    '--format',
    format,
    '--out',
    out,
  ];
}

let served: LiveHistory | undefined;
beforeAll(async () => {
  served = await serveHistory('report-live', CONFIG, history());
  ({ dir, prometheus } = served);
  report = jsonReport(reportArgs(join(dir, 'report.json'), 'json'), join(dir, 'report.json'));
});

afterAll(() => stopHistory(served));

const minutesOfPeriod = range(30, 330);

describe('modelwatch report from live history', () => {
  it('reads the period at the step it was given', () => {
    expect(report.live.period).toEqual({ from: FROM, to: TO, step: 60 });
  });

  it("reads back each recorded performance metric, realized and estimated, of this model's versions only", () => {
    expect(report.live.performance.map((s) => s.name)).toEqual(METRICS.map((m) => `modelwatch:model_${m}:ratio1d`));
    report.live.performance.forEach((s, m) => {
      expect(s.series.map((x) => x.labels)).toEqual([
        { model_version: '1.0.0', source: 'estimated' },
        { model_version: '1.0.0', source: 'realized' },
      ]);
      for (const x of s.series) {
        const source = x.labels.source === 'realized' ? 0 : 1;
        expect(x.points).toEqual(minutesOfPeriod.map((i) => [at(i), performance(m, source, i)]));
      }
    });
  });

  it('reads back drift per feature over time', () => {
    const byName = Object.fromEntries(report.live.drift.map((s) => [s.name, s]));
    // Only the statistics that were recorded: chi-square and KS have no series here.
    expect(Object.keys(byName)).toEqual(['modelwatch:feature_psi:1h', 'modelwatch:feature_jensen_shannon:1h']);
    for (const [name, f] of [
      ['modelwatch:feature_psi:1h', psi],
      ['modelwatch:feature_jensen_shannon:1h', jensenShannon],
    ] as const) {
      const s = byName[name]!;
      expect(s.series.map((x) => x.labels.feature)).toEqual(['lvrat', 'pirat']);
      s.series.forEach((x, k) => expect(x.points).toEqual(minutesOfPeriod.map((i) => [at(i), f(k, i)])));
    }
    const di = report.live.fairnessOverTime.find((s) => s.statistic === 'disparate impact')!;
    expect(di.series[0]!.points).toEqual(minutesOfPeriod.map((i) => [at(i), disparateImpact(i)]));
  });

  it('gives each group its rate at the end of the period with a Wilson interval', () => {
    // Wilson (1927), written out: centre (p + z²/2n) / (1 + z²/n), half-width z√(p(1−p)/n + z²/4n²) / (1 + z²/n).
    const z = 1.959963984540054;
    const wilson = (p: number, n: number): [number, number] => {
      const d = 1 + (z * z) / n;
      const c = (p + (z * z) / (2 * n)) / d;
      const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
      return [c - h, c + h];
    };
    const groups = Object.fromEntries(report.live.fairness.map((g) => [g.group, g]));
    expect(Object.keys(groups).sort()).toEqual(['no', 'small', 'yes']);
    for (const g of GROUPS) {
      const got = groups[g.value]!;
      expect(got.count).toBe(g.size(330));
      expect(got.selectionRate).toBe(g.rate(330));
      const [lower, upper] = wilson(g.rate(330), g.size(330));
      expect(got.interval.lower).toBeCloseTo(lower, 12);
      expect(got.interval.upper).toBeCloseTo(upper, 12);
      expect(got.inconclusive).toBe(g.size(330) < 30);
    }
  });

  it('reports SLO attainment and the error budget left at the end of the period', () => {
    expect(report.live.slos).toEqual([
      expect.objectContaining({
        slo: 'availability',
        objective: 0.99,
        attainment: 1 - sloError(330),
        budgetRemaining: budget(330),
      }),
    ]);
  });

  it('lists every alert that fired in the period, from its first to its last firing evaluation', () => {
    expect(report.live.alerts).toEqual([
      {
        alertname: 'ModelwatchFeatureDriftPSI',
        severity: 'warning',
        labels: { feature: 'pirat', model_version: '1.0.0' },
        start: at(60),
        end: at(119),
        ongoing: false,
      },
      {
        alertname: 'ModelwatchFeatureDriftPSI',
        severity: 'warning',
        labels: { feature: 'pirat', model_version: '1.0.0' },
        start: at(200),
        end: at(330),
        ongoing: true,
      },
    ]);
  });

  it('hashes its inputs, the exact queries and the period among them', () => {
    const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
    const queries = sha(JSON.stringify({ prometheus: prometheus.url, queries: report.live.queries }));
    expect(report.inputs).toEqual([
      { role: 'config', name: 'modelwatch.yaml', sha256: sha(readFileSync(join(dir, 'modelwatch.yaml'))) },
      { role: 'queries', name: 'queries and period', sha256: queries },
    ]);
  });

  it('writes the same HTML twice, with charts over time and the alerts table', () => {
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    for (const out of [a, b]) expect(cli(reportArgs(out, 'html')).code).toBe(0);
    const page = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(page);
    for (const id of ['performance', 'drift', 'fairness', 'slo', 'alerts', 'inputs'])
      expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain(`${new Date(at(330) * 1000).toISOString().replace('.000Z', 'Z')} (still firing)`);
    // Four metrics, two drift statistics, disparate impact, afam's groups and the error budget.
    expect(page.match(/<figure class="chart"[^>]*>\n<svg /g)).toHaveLength(9);
  });

  it('reads only the versions --model-version selects', () => {
    const out = join(dir, 'v2.json');
    const r = cli([...reportArgs(out, 'json'), '--model-version', '2\\..*']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^note: Prometheus holds no recorded series of model 'lending' in the period; /m);
    const v2 = JSON.parse(readFileSync(out, 'utf8')) as typeof report;
    expect(v2.live.performance.flatMap((s) => s.series)).toEqual([]);
    expect(v2.live.fairness).toEqual([]);
    expect(v2.live.alerts).toEqual([]);
    // The regex 2\..* inside a PromQL string, its backslash escaped.
    const queries = v2.live.queries as { query: string }[];
    expect(queries.every((q) => q.query.includes('model_version=~"2\\\\..*"'))).toBe(true);

    const v1 = join(dir, 'v1.json');
    const r1 = cli([...reportArgs(v1, 'json'), '--model-version', '1\\.0\\.0']);
    expect([r1.code, r1.stderr]).toEqual([0, `wrote ${v1}\n`]);
    expect((JSON.parse(readFileSync(v1, 'utf8')) as typeof report).live.performance).toEqual(report.live.performance);
  });

  it('a Prometheus that is not there is one line and exit 2', async () => {
    const port = await freePort();
    const args = reportArgs(join(dir, 'x.html'), 'html');
    args[2] = `http://127.0.0.1:${port}`;
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^modelwatch: error: --prometheus: cannot reach http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)\n$`)
    );
  });
});
