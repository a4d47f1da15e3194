// Live end-to-end test of the generated rules: a real Prometheus 2.42 (Debian's, on loopback) loads what
// `modelwatch rules` writes for a compact modelwatch.yaml and scrapes, every second, the traffic service of
// @modelwatch/live-traffic: a child process that runs @modelwatch/otel's ModelMonitor behind
// @opentelemetry/exporter-prometheus. The test feeds reference-like,
// drifted and biased traffic, then slow requests and errors, reads the recorded PSI, disparate impact, F1 and
// burn rates back through the HTTP API and checks them against @modelwatch/stats on the very events each
// evaluation counted, then checks through ALERTS which alerts fired.
//
// Why the recorded numbers can be compared to 1e-9 although increase() extrapolates:
// - Traffic arrives in bursts that the service feeds in one synchronous loop, so a scrape sees a burst whole
//   or not at all, and bursts are seconds apart. Which bursts an evaluation counted then follows from
//   Prometheus' scrape timestamps (support/windows.ts); evaluations where that is uncertain are skipped.
// - increase() multiplies the difference of the first and last sample in the window by (extrapolated span /
//   sampled span). The factor depends only on the sample timestamps, which every series of one target shares,
//   so it cancels in every checked statistic: shares, PSI, F1, selection-rate ratios and error ratios are all
//   ratios of increases taken in the same evaluation.
// - The one per-series exception is the zero-point limit: a counter whose first value in the window is small
//   against its increase is extrapolated only down to zero. Before Prometheus starts, the service feeds every
//   burst's events twice (the warm-up), so each counter starts at least twice as high as anything it can gain
//   within one window, and the limit never applies.
// What remains is floating-point rounding: the rules divide extrapolated, subtracted cumulative values and sum
// in another order than @modelwatch/stats, which moves results by ~1e-13 relative (2.7e-14 at worst so far).
// 1e-9 leaves room for that and for nothing else: one event more or less in a window of ~500 moves a share by
// ~2e-3, and the statistics built on it by orders of magnitude more than 1e-9.
// LIVE_DEBUG=1 prints, per statistic, how many evaluations were compared, the worst relative difference and
// the burst sets they covered, and the alerts that fired.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ReferenceProfile } from '@modelwatch/stats';
import { runProfile } from '@modelwatch/cli';
import { runRules } from '@modelwatch/cli';
import { sleep, startPrometheus, type PrometheusServer, type Series } from '@modelwatch/local-prometheus';
import {
  Expected,
  TRAFFIC_SERVICE_PROGRAM,
  countEvents,
  eventOf,
  readCsv,
  seeded,
  startTrafficService,
  sumCounts,
  trackedColumns,
  type Burst,
  type Counts,
  type LiveEvent,
  type Phase,
  type Row,
  type TrafficService,
  type TrafficSpec,
  key,
  alertIdentity,
} from '@modelwatch/live-traffic';
import { burstsInWindow, contiguousRuns, type Scrape, type TimedBurst } from './support/windows.js';

jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '../..');
const DATA = join(ROOT, 'examples/lending/data');
const MODEL = { name: 'live-lending', version: '1.0.0' };
const JOB = 'modelwatch-live';
const GROUP = 'afam';
const GROUPS = ['no', 'yes'];

// The policy of the test's modelwatch.yaml, with windows compressed to seconds.
const DRIFT = { windowMs: 20_000, minSamples: 300, warning: 0.1, critical: 0.2 };
const PERFORMANCE = { windowMs: 30_000, minOutcomes: 300, f1: 0.3, accuracy: 0.7 };
const FAIRNESS = { windowMs: 30_000, minGroupSize: 30, warning: 0.12, critical: 0.08 };
const SLO = {
  longMs: 20_000,
  shortMs: 5_000,
  burnRate: 14.4,
  latency: { objective: 0.99, threshold: 0.25 },
  availability: { objective: 0.99 },
};

const CONFIG = `# modelwatch.yaml of the live test: the lending policy with windows of seconds instead of hours.
naming: exporter-prometheus
interval: 1s
labels:
  team: live-test
models:
  - name: ${MODEL.name}
    classes: { positive: "yes", negative: "no" }
    drift:
      window: ${DRIFT.windowMs / 1000}s
      for: 0s
      minSamples: ${DRIFT.minSamples}
      psi: { warning: ${DRIFT.warning}, critical: ${DRIFT.critical} }
      # Recorded but not alerting: drift alerts in this test are PSI's.
      jensenShannon: { warning: null }
    dataQuality:
      window: 20s
      for: 0s
      minSamples: 300
    performance:
      window: ${PERFORMANCE.windowMs / 1000}s
      for: 0s
      minOutcomes: ${PERFORMANCE.minOutcomes}
      # Floors no phase goes below (F1 stays near 0.47-0.50): alerts that must stay silent.
      realized: { f1: { warning: ${PERFORMANCE.f1} }, accuracy: { warning: ${PERFORMANCE.accuracy} } }
    fairness:
      window: ${FAIRNESS.windowMs / 1000}s
      for: 0s
      minGroupSize: ${FAIRNESS.minGroupSize}
      # 'yes' (deny) is the positive class, so selection rates are denial rates; the reference model already
      # denies 4% of one group and 15.5% of the other (disparate impact 0.26), hence floors below that.
      attributes:
        ${GROUP}: { disparateImpact: { warning: ${FAIRNESS.warning}, critical: ${FAIRNESS.critical} } }
    slos:
      period: 60s
      latency: { objective: ${SLO.latency.objective}, threshold: ${SLO.latency.threshold} }
      availability: { objective: ${SLO.availability.objective} }
      alerts:
        - { severity: page, long: ${SLO.longMs / 1000}s, short: ${SLO.shortMs / 1000}s, burnRate: ${SLO.burnRate}, for: 0s }
`;

/** The columns the drifted phase shifts (PSI ≥ 0.2 there; every other column stays under 0.1). */
const SHIFTED = ['condomin', 'hirat', 'lvrat', 'pirat', 'score'];

/**
 * When each burst is fed, in ms after Prometheus first scraped the service. Gaps let every window see a phase
 * on its own at some evaluation: the 20 s drift window sees only D1+D2 around 23–26 s, the 30 s fairness window
 * only B1+B2 around 41–49 s, the 20 s SLO window only I1+I2 after 55 s; no window before 8 s sees anything
 * but steady traffic.
 */
const SCHEDULE: [string, number][] = [
  ['S1', 1_000],
  ['S2', 3_000],
  ['D1', 8_000],
  ['D2', 10_000],
  ['B1', 33_000],
  ['B2', 35_000],
  ['I1', 50_000],
  ['I2', 52_000],
];
const END_MS = 58_500;

interface FedBurst extends Burst, TimedBurst {}

function buildBursts(spec: TrafficSpec, reference: Row[], drifted: Row[]): Burst[] {
  const random = seeded(20_261_123);
  const pick = (): Row => reference[Math.floor(random() * reference.length)]!;
  const fast = (): number => 0.002 + random() * 0.1;
  const slow = (): number => 0.3 + random() * 0.6;
  const errors = (n: number): LiveEvent[] => Array.from({ length: n }, () => ({ error: 'timeout' }));
  const steady = (n: number): LiveEvent[] =>
    Array.from({ length: n }, () => eventOf(spec, pick(), { durationSeconds: fast() }));
  // Denials for one group: every applicant of the protected group is predicted 'yes' (deny) whatever the score,
  // so the score's distribution, and with it score drift, stays as in the reference.
  const biased = (n: number): LiveEvent[] =>
    Array.from({ length: n }, () => {
      const row = pick();
      return eventOf(
        spec,
        row,
        row[GROUP] === 'yes' ? { durationSeconds: fast(), prediction: spec.positive } : { durationSeconds: fast() }
      );
    });
  const incident = (n: number, slowCount: number): LiveEvent[] =>
    Array.from({ length: n }, (_, i) => eventOf(spec, pick(), { durationSeconds: i < slowCount ? slow() : fast() }));
  // current-drifted.csv shifts four numeric columns; on top, a category vanishes (condomin is always 'no', as
  // when an upstream default hides the field) and one row in a hundred brings a category the reference never
  // had (hschool 'maybe'), so PSI's treatment of empty shares (1e-4 on either side) is compared as well.
  const shifted = drifted.map((r, i): Row => ({
    ...r,
    condomin: 'no',
    ...(i % 100 === 7 ? { hschool: 'maybe' } : {}),
  }));
  const half = Math.floor(shifted.length / 2);
  const make = (name: string, phase: Phase, events: LiveEvent[]): Burst => ({
    name,
    phase,
    events,
    counts: countEvents(spec, events),
  });
  return [
    make('S1', 'steady', [...steady(600), ...errors(3)]),
    make('S2', 'steady', [...steady(600), ...errors(3)]),
    make('D1', 'drift', [
      ...shifted.slice(0, half).map((r) => eventOf(spec, r, { durationSeconds: fast() })),
      ...errors(3),
    ]),
    make('D2', 'drift', [
      ...shifted.slice(half).map((r) => eventOf(spec, r, { durationSeconds: fast() })),
      ...errors(3),
    ]),
    make('B1', 'bias', [...biased(600), ...errors(3)]),
    make('B2', 'bias', [...biased(600), ...errors(3)]),
    make('I1', 'incident', [...incident(500, 400), ...errors(500)]),
    make('I2', 'incident', [...incident(500, 400), ...errors(500)]),
  ];
}

interface Check {
  at: number;
  bursts: string;
  series: string;
  actual: number;
  expected: number;
}

/** Relative, against values of order 1 or less; why 1e-9 is in the comment at the top. */
const TOLERANCE = 1e-9;

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected));
}

describe('generated rules on a real Prometheus 2.42, scraping @modelwatch/otel', () => {
  let dir: string | undefined;
  let service: TrafficService | undefined;
  let prometheus: PrometheusServer | undefined;
  let spec: TrafficSpec;
  let expected: Expected;
  const fed: FedBurst[] = [];
  let scrapes: Scrape[] = [];
  let firstScrape = 0;
  let finished = 0;
  let rangeSeconds = 0;

  /** Every evaluation of a recorded series with the bursts its window counted (uncertain ones left out). */
  async function evaluations(
    selector: string,
    windowMs: number
  ): Promise<{ series: Series; at: number; value: number; bursts: FedBurst[] }[]> {
    const out: { series: Series; at: number; value: number; bursts: FedBurst[] }[] = [];
    for (const series of await prometheus!.client.history(selector, rangeSeconds * 1000, finished)) {
      for (const [at, value] of series.samples) {
        const bursts = burstsInWindow(at, windowMs, scrapes, fed) as FedBurst[] | null;
        if (bursts === null || bursts.length === 0) continue;
        out.push({ series, at, value, bursts });
      }
    }
    return out;
  }

  /** Compares every certain evaluation with the expected value; returns the burst sets that were checked. */
  async function compare(
    selector: string,
    windowMs: number,
    expectedOf: (counts: Counts, series: Series) => number,
    actualOf: (value: number, series: Series, at: number) => number = (value) => value
  ): Promise<Set<string>> {
    const checks: Check[] = [];
    for (const e of await evaluations(selector, windowMs)) {
      const counts = sumCounts(e.bursts.map((b) => b.counts));
      const actual = actualOf(e.value, e.series, e.at);
      checks.push({
        at: e.at,
        bursts: e.bursts.map((b) => b.name).join('+'),
        series: JSON.stringify(e.series.labels),
        actual,
        expected: expectedOf(counts, e.series),
      });
    }
    if (process.env.LIVE_DEBUG) {
      const worst = Math.max(...checks.map((c) => Math.abs(c.actual - c.expected) / Math.max(1, Math.abs(c.expected))));
      console.log(
        `${selector}: ${checks.length} checks, worst ${worst}, sets ${[...new Set(checks.map((c) => c.bursts))].join(' ')}`
      );
    }
    const wrong = checks.filter((c) => !close(c.actual, c.expected));
    if (wrong.length > 0) {
      throw new Error(
        `${selector}: ${wrong.length} of ${checks.length} evaluations differ from @modelwatch/stats:\n${wrong
          .slice(0, 10)
          .map((c) => `  ${c.series} at ${c.at} over ${c.bursts}: ${c.actual} vs ${c.expected}`)
          .join('\n')}`
      );
    }
    return new Set(checks.map((c) => c.bursts));
  }

  beforeAll(async () => {
    for (const built of [
      'packages/otel/dist/index.js',
      'packages/stats/dist/index.js',
      'packages/semconv/dist/index.js',
      'packages/live-traffic/dist/service.js',
    ]) {
      if (!existsSync(join(ROOT, built)))
        throw new Error(
          `${built} is missing: the traffic service runs the built packages; run \`npm run build\` (npm test does)`
        );
    }
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-live-'));
    const profile: ReferenceProfile = await runProfile({
      data: join(DATA, 'reference.csv'),
      target: { label: 'deny', positive: 'yes', score: 'score', prediction: null, threshold: null },
      columns: { categorical: [], ignore: [], protected: [GROUP] },
      out: join(dir, 'profile.json'),
    });
    spec = {
      profile,
      label: 'deny',
      positive: 'yes',
      negative: 'no',
      score: 'score',
      group: GROUP,
      threshold: 0.5,
      bins: 10,
      latencyThreshold: SLO.latency.threshold,
    };
    expected = new Expected(spec);

    writeFileSync(join(dir, 'modelwatch.yaml'), CONFIG);
    const ruleFiles = runRules({ config: join(dir, 'modelwatch.yaml'), out: join(dir, 'rules') });

    const bursts = buildBursts(spec, readCsv(join(DATA, 'reference.csv')), readCsv(join(DATA, 'current-drifted.csv')));
    const everything = bursts.flatMap((b) => b.events);
    const plan = {
      monitor: {
        model: MODEL,
        protectedAttributes: [GROUP],
        positiveClass: spec.positive,
        threshold: spec.threshold,
        bins: spec.bins,
      },
      profile,
      warmup: [...everything, ...everything],
      bursts: bursts.map((b) => b.events),
    };
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    service = await startTrafficService(TRAFFIC_SERVICE_PROGRAM, join(dir, 'plan.json'));

    mkdirSync(join(dir, 'prometheus'));
    prometheus = await startPrometheus({
      dir: join(dir, 'prometheus'),
      config: {
        scrapeIntervalMs: 1000,
        scrapeTimeoutMs: 800,
        evaluationIntervalMs: 1000,
        ruleFiles,
        scrape: [{ job: JOB, targets: [`127.0.0.1:${service.metricsPort}`] }],
      },
    });

    // The phases start once Prometheus holds two scrapes, so every counter has a first sample to count from.
    await prometheus.client.waitFor(
      `count_over_time(up{job="${JOB}"}[1m]) >= 2 and min_over_time(up{job="${JOB}"}[1m]) == 1`,
      { timeoutMs: 30_000 }
    );
    firstScrape = Date.now();

    for (const [name, offset] of SCHEDULE) {
      await sleep(firstScrape + offset - Date.now());
      const index = bursts.findIndex((b) => b.name === name);
      const answer = await fetch(`${service.controlUrl}/burst/${index}`, { method: 'POST' });
      const body = await answer.text();
      if (answer.status !== 200) throw new Error(`burst ${name}: HTTP ${answer.status} ${body}`);
      const { start, end } = JSON.parse(body) as { start: number; end: number };
      fed.push({ ...bursts[index]!, start, end });
    }
    await sleep(firstScrape + END_MS - Date.now());
    finished = Date.now();
    rangeSeconds = Math.ceil((finished - firstScrape) / 1000) + 10;

    const durations = await prometheus.client.history(
      `scrape_duration_seconds{job="${JOB}"}`,
      rangeSeconds * 1000,
      finished
    );
    scrapes = (durations[0]?.samples ?? []).map(([t, v]) => ({ ts: t, done: Math.round(t + v * 1000) }));
  }, 200_000);

  afterAll(async () => {
    await prometheus?.stop();
    await service?.child.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scraped the service every second and evaluated every generated rule without an error', async () => {
    const up = await prometheus!.client.history(`up{job="${JOB}"}`, rangeSeconds * 1000, finished);
    expect(up).toHaveLength(1);
    expect(up[0]!.samples.every(([, v]) => v === 1)).toBe(true);
    expect(scrapes).toHaveLength(up[0]!.samples.length);
    expect(fed.map((b) => b.name)).toEqual(SCHEDULE.map(([n]) => n));

    const metrics = await prometheus!.client.metrics();
    const failures = [...metrics.matchAll(/^prometheus_rule_evaluation_failures_total\{[^}]*\} (\S+)$/gm)];
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.map((m) => Number(m[1])).reduce((a, b) => a + b, 0)).toBe(0);

    const groups = await prometheus!.client.rules();
    expect(groups.map((g) => g.name).sort()).toEqual(
      ['drift', 'data-quality', 'fairness', 'performance', 'slo'].map((g) => `modelwatch-${MODEL.name}-${g}`).sort()
    );
    const unhealthy = groups.flatMap((g) =>
      g.rules.filter((r) => r.health !== 'ok').map((r) => `${g.name}/${r.name}: ${r.health} ${r.lastError ?? ''}`)
    );
    expect(unhealthy).toEqual([]);

    const health = (await (await fetch(`${service!.controlUrl}/health`)).json()) as {
      failures: number;
      internalErrors: Record<string, number>;
      predictions: number;
    };
    expect(health.failures).toBe(0);
    expect(Object.values(health.internalErrors).every((v) => v === 0)).toBe(true);
    // Each burst once, plus twice in the warm-up.
    expect(health.predictions).toBe(3 * fed.reduce((n, b) => n + (b.counts.get(key.predictions) ?? 0), 0));
  });

  it('recorded PSI against the reference equals @modelwatch/stats on the events each window counted', async () => {
    const features = trackedColumns(spec.profile).map(([n]) => n);
    const seen = await compare(
      `modelwatch:feature_psi:20s{model_name="${MODEL.name}", baseline="reference"}`,
      DRIFT.windowMs,
      (counts, series) => {
        const feature = series.labels.feature!;
        expect(features).toContain(feature);
        return expected.psi(counts, feature);
      }
    );
    // The steady, the drifted and the biased traffic were each checked alone, besides the mixed windows.
    for (const alone of ['S1+S2', 'D1+D2', 'B1+B2']) expect(seen).toContain(alone);
    // Every tracked column has a PSI series.
    const latest = await prometheus!.client.query(
      `modelwatch:feature_psi:20s{model_name="${MODEL.name}", baseline="reference"}`,
      finished
    );
    expect(latest.map((s) => s.labels.feature).sort()).toEqual([...features].sort());
  });

  it('recorded Jensen–Shannon distance, binned KS distance and chi-square statistic equal @modelwatch/stats too', async () => {
    const numeric = trackedColumns(spec.profile)
      .filter(([, c]) => c.type === 'numeric')
      .map(([n]) => n);
    const js = await compare(
      `modelwatch:feature_jensen_shannon:20s{model_name="${MODEL.name}", baseline="reference"}`,
      DRIFT.windowMs,
      (counts, series) => expected.jensenShannon(counts, series.labels.feature!)
    );
    const ks = await compare(
      `modelwatch:feature_ks:20s{model_name="${MODEL.name}", baseline="reference"}`,
      DRIFT.windowMs,
      (counts, series) => {
        expect(numeric).toContain(series.labels.feature);
        return expected.ks(counts, series.labels.feature!);
      }
    );
    // The statistic scales with the extrapolated count, so it is compared per value counted: divided by the
    // recorded count of the same evaluation.
    const counted = new Map<string, number>();
    for (const s of await prometheus!.client.history(
      `modelwatch:feature_count:increase20s{model_name="${MODEL.name}"}`,
      rangeSeconds * 1000,
      finished
    )) {
      for (const [t, v] of s.samples) counted.set(`${s.labels.feature} ${t}`, v);
    }
    const chi = await compare(
      `modelwatch:feature_chi_square:20s{model_name="${MODEL.name}", baseline="reference"}`,
      DRIFT.windowMs,
      (counts, series) => expected.chiSquarePerValue(counts, series.labels.feature!),
      (value, series, at) => value / (counted.get(`${series.labels.feature} ${at}`) ?? Number.NaN)
    );
    for (const seen of [js, ks, chi]) for (const alone of ['S1+S2', 'D1+D2']) expect(seen).toContain(alone);
  });

  it('recorded disparate impact across groups equals @modelwatch/stats', async () => {
    const seen = await compare(
      `modelwatch:fairness_disparate_impact:30s{model_name="${MODEL.name}", group_attribute="${GROUP}"}`,
      FAIRNESS.windowMs,
      (counts) => expected.disparateImpact(counts, GROUPS, FAIRNESS.minGroupSize)
    );
    for (const alone of ['S1+S2', 'B1+B2']) expect(seen).toContain(alone);
  });

  it('recorded realized F1 equals @modelwatch/stats on the joined outcomes', async () => {
    const seen = await compare(
      `modelwatch:model_f1:ratio30s{model_name="${MODEL.name}", source="realized"}`,
      PERFORMANCE.windowMs,
      (counts) => expected.f1(counts)
    );
    expect(seen).toContain('S1+S2');
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });

  it('recorded latency and availability burn rates over both alert windows equal the error ratios of the events over the budget', async () => {
    for (const [window, windowMs] of [
      ['20s', SLO.longMs],
      ['5s', SLO.shortMs],
    ] as const) {
      const latency = await compare(
        `modelwatch:slo_burn_rate:${window}{model_name="${MODEL.name}", slo="latency"}`,
        windowMs,
        (counts) => expected.latencyBurn(counts, SLO.latency.objective)
      );
      const availability = await compare(
        `modelwatch:slo_burn_rate:${window}{model_name="${MODEL.name}", slo="availability"}`,
        windowMs,
        (counts) => expected.availabilityBurn(counts, SLO.availability.objective)
      );
      for (const seen of [latency, availability]) {
        if (window === '20s') for (const alone of ['S1+S2', 'I1+I2']) expect(seen).toContain(alone);
        else expect(seen.has('I1') || seen.has('I2')).toBe(true);
      }
    }
  });

  /** The alerts the policy raises on the events of a window, computed with @modelwatch/stats. */
  function alertsOn(counts: Counts): Set<string> {
    const out = new Set<string>();
    for (const [feature] of trackedColumns(spec.profile)) {
      const value = expected.psi(counts, feature);
      const severity = value >= DRIFT.critical ? 'critical' : value >= DRIFT.warning ? 'warning' : null;
      if (severity && (counts.get(key.predictions) ?? 0) >= DRIFT.minSamples) {
        out.add(
          alertIdentity('ModelwatchFeatureDriftPSI', { severity, statistic: 'psi', baseline: 'reference', feature })
        );
      }
    }
    // Every prediction of the test gets its outcome.
    if ((counts.get(key.predictions) ?? 0) >= PERFORMANCE.minOutcomes) {
      if (expected.f1(counts) < PERFORMANCE.f1)
        out.add(
          alertIdentity('ModelwatchPerformanceBelowFloor', { severity: 'warning', metric: 'f1', source: 'realized' })
        );
      if (expected.accuracy(counts) < PERFORMANCE.accuracy)
        out.add(
          alertIdentity('ModelwatchPerformanceBelowFloor', {
            severity: 'warning',
            metric: 'accuracy',
            source: 'realized',
          })
        );
    }
    const di = expected.disparateImpact(counts, GROUPS, FAIRNESS.minGroupSize);
    const fairness = di < FAIRNESS.critical ? 'critical' : di < FAIRNESS.warning ? 'warning' : null;
    if (fairness)
      out.add(
        alertIdentity('ModelwatchFairness', {
          severity: fairness,
          statistic: 'disparate_impact',
          group_attribute: GROUP,
        })
      );
    return out;
  }

  /** SLO pages need both windows: the short one counts the latest bursts of the long one. */
  function sloAlertsOn(long: Counts, short: Counts): Set<string> {
    const out = new Set<string>();
    const windows = { long_window: `${SLO.longMs / 1000}s`, short_window: `${SLO.shortMs / 1000}s` };
    if (
      expected.latencyBurn(long, SLO.latency.objective) > SLO.burnRate &&
      expected.latencyBurn(short, SLO.latency.objective) > SLO.burnRate
    ) {
      out.add(alertIdentity('ModelwatchSLOBurnRate', { severity: 'page', slo: 'latency', ...windows }));
    }
    if (
      expected.availabilityBurn(long, SLO.availability.objective) > SLO.burnRate &&
      expected.availabilityBurn(short, SLO.availability.objective) > SLO.burnRate
    ) {
      out.add(alertIdentity('ModelwatchSLOBurnRate', { severity: 'page', slo: 'availability', ...windows }));
    }
    return out;
  }

  it('raises exactly the expected alerts: none while traffic is steady, then drift, fairness and SLO pages', async () => {
    // What may fire: the alerts of every set of consecutive bursts one window can hold (mixtures of two phases
    // included). What must fire: the phases' own alerts, written out as the scenario intends them. Data-quality
    // and performance alerts may never fire: no value is missing or of the wrong type, out-of-range and unseen
    // values stay near 1% (the floor is 5%), and F1 and accuracy stay far above their floors.
    const allowed = new Set<string>();
    const longest = Math.max(DRIFT.windowMs, PERFORMANCE.windowMs, FAIRNESS.windowMs);
    for (const run of contiguousRuns(fed, longest))
      for (const a of alertsOn(sumCounts(run.map((b) => b.counts)))) allowed.add(a);
    for (const long of contiguousRuns(fed, SLO.longMs)) {
      for (let k = 1; k <= long.length; k++) {
        const short = long.slice(long.length - k);
        if (short.at(-1)!.end - short[0]!.start > SLO.shortMs) break;
        for (const a of sloAlertsOn(sumCounts(long.map((b) => b.counts)), sumCounts(short.map((b) => b.counts))))
          allowed.add(a);
      }
    }
    const required = [
      ...SHIFTED.map((feature) =>
        alertIdentity('ModelwatchFeatureDriftPSI', {
          severity: 'critical',
          statistic: 'psi',
          baseline: 'reference',
          feature,
        })
      ),
      alertIdentity('ModelwatchFairness', {
        severity: 'critical',
        statistic: 'disparate_impact',
        group_attribute: GROUP,
      }),
      alertIdentity('ModelwatchSLOBurnRate', {
        severity: 'page',
        slo: 'latency',
        long_window: '20s',
        short_window: '5s',
      }),
      alertIdentity('ModelwatchSLOBurnRate', {
        severity: 'page',
        slo: 'availability',
        long_window: '20s',
        short_window: '5s',
      }),
    ];
    // The scenario holds on the events themselves: the steady bursts raise nothing, each phase raises its own.
    const on = (...names: string[]): Set<string> =>
      alertsOn(sumCounts(fed.filter((b) => names.includes(b.name)).map((b) => b.counts)));
    expect([...on('S1', 'S2')]).toEqual([]);
    expect([...on('D1', 'D2')].sort()).toEqual(required.slice(0, SHIFTED.length).sort());
    expect([...on('B1', 'B2')]).toEqual([required[SHIFTED.length]]);
    for (const r of required) expect(allowed).toContain(r);

    const alerts = await prometheus!.client.history(
      `ALERTS{model_name="${MODEL.name}"}`,
      rangeSeconds * 1000,
      finished
    );
    const firstFiring = new Map<string, number>();
    let earliest = Infinity;
    for (const s of alerts) {
      const times = s.samples.map(([t]) => t);
      earliest = Math.min(earliest, ...times);
      if (s.labels.alertstate !== 'firing') continue;
      const id = alertIdentity(s.labels.alertname!, s.labels);
      firstFiring.set(id, Math.min(firstFiring.get(id) ?? Infinity, ...times));
      expect(s.labels.team).toBe('live-test');
    }
    const fedAt = (name: string): number => fed.find((b) => b.name === name)!.start;

    // Nothing at all, not even pending, while only steady traffic was in any window.
    expect(earliest).toBeGreaterThan(fedAt('D1'));
    const fired = [...firstFiring.keys()].sort();
    if (process.env.LIVE_DEBUG)
      console.log({
        fired: [...firstFiring].map(([k, v]) => `${k} ${v - firstScrape}`),
        allowed: [...allowed],
        fed: fed.map((b) => `${b.name} ${b.start - firstScrape} ${b.end - b.start}`),
      });
    expect(fired.filter((a) => !allowed.has(a))).toEqual([]);
    expect(required.filter((a) => !firstFiring.has(a))).toEqual([]);
    // Each alert fired only once its phase had started.
    const phaseOf = (id: string): string =>
      id.startsWith('ModelwatchFairness') ? 'B1' : id.startsWith('ModelwatchSLOBurnRate') ? 'I1' : 'D1';
    for (const [id, at] of firstFiring) expect({ id, after: at > fedAt(phaseOf(id)) }).toEqual({ id, after: true });
  });
});
