// The lending demo end to end, as a user runs it: `node examples/lending/dist/demo/run.js` (what `npm run demo`
// starts) at speed 4, with Debian's Prometheus. The demo generates its rules with the real `modelwatch` CLI,
// starts the inference service (@modelwatch/otel behind the OpenTelemetry SDK's Prometheus exporter), replays
// every scenario and writes, with --report, the raw ALERTS history Prometheus recorded. This test judges that
// history on its own terms against the table below (what each scenario must and may raise), then checks that
// the demo's own report agrees, and that nothing the demo started outlives it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireBinary } from '@modelwatch/local-prometheus';
import { SCENARIOS, PREDICTIONS_PER_SECOND } from '../../examples/lending/src/demo/scenarios/catalogue';
import type { RunReport } from '../../examples/lending/src/demo/run/report';

jest.setTimeout(230_000);

const ROOT = resolve(__dirname, '../..');
const RUN = join(ROOT, 'examples/lending/dist/demo/run.js');
const SPEED = 4;

/** An alert as `name label=value …`; severity only where the scenario's effect is far past the critical level. */
interface Expected {
  must: string[];
  may: string[];
  /** Seconds (at speed 1) before which an alert cannot fire: labels arrive 30 s late in late-labels. */
  notBefore?: Record<string, number>;
}

const EXPECTED: Record<string, Expected> = {
  steady: { must: [], may: [] },
  // Only the broker channel drifts: its segment alert fires, the aggregate's must not (checked below too).
  'segment-drift': {
    must: ['ModelwatchSegmentDriftPSI feature=lvrat segment_name=channel segment_value=broker severity=critical'],
    may: [],
  },
  'covariate-drift': {
    must: [
      'ModelwatchFeatureDriftPSI feature=pirat severity=critical',
      'ModelwatchFeatureDriftPSI feature=lvrat severity=critical',
      'ModelwatchFeatureDriftPSI feature=score',
    ],
    may: ['ModelwatchSegmentDriftPSI feature=pirat', 'ModelwatchSegmentDriftPSI feature=lvrat'],
  },
  'demographic-shift': {
    must: ['ModelwatchFeatureDriftPSI feature=afam feature_role=protected'],
    may: ['ModelwatchFeatureDriftPSI feature=score severity=warning'],
  },
  'latency-regression': { must: ['ModelwatchSLOBurnRate slo=latency severity=page'], may: [] },
  'bias-drift': {
    must: ['ModelwatchFairness statistic=disparate_impact group_attribute=afam'],
    may: ['ModelwatchFeatureDriftPSI feature=insurance'],
  },
  'late-labels': {
    must: ['ModelwatchPerformanceBelowFloor metric=accuracy source=realized'],
    may: ['ModelwatchPerformanceBelowFloor metric=f1 source=realized'],
    notBefore: { 'ModelwatchPerformanceBelowFloor metric=accuracy source=realized': 30 },
  },
  // The scores do not move, so no score drift; only the exchanged inputs' own values do. Attribution drift is proved
  // with modelwatch check in explanation-drift.test.ts (the rules record no nDCG).
  'explanation-drift': {
    must: [],
    may: [
      'ModelwatchFeatureDriftPSI feature=pirat',
      'ModelwatchFeatureDriftPSI feature=hirat',
      'ModelwatchSegmentDriftPSI feature=pirat',
      'ModelwatchDataQuality feature=pirat',
      'ModelwatchDataQuality feature=hirat',
    ],
  },
};

type Labels = Record<string, string>;

function fits(spec: string, labels: Labels): boolean {
  const [name, ...pairs] = spec.split(' ');
  return labels.alertname === name && pairs.every((p) => labels[p.split('=')[0]!] === p.split('=')[1]);
}

/** On the way to critical a required alert passes through warning (ticket before page): allowed too. */
const anySeverity = (spec: string): string => spec.replace(/ severity=\S+/, '');

/** One alert regardless of severity: its name and every label that tells alerts of a kind apart. */
function identity(labels: Labels): string {
  const rest = { ...labels };
  delete rest.severity;
  delete rest.alertstate;
  return JSON.stringify(Object.entries(rest).sort());
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runDemo(args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    // The demo stops its children and removes its directory on SIGTERM too; a hung run still ends the test.
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, output });
    });
  });
}

describe('the lending demo on a real Prometheus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-demo-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let report: RunReport;
  let output = '';
  let code: number | null = null;

  beforeAll(async () => {
    if (!existsSync(RUN)) throw new Error(`${RUN} is missing: run \`npm run build\` first`);
    // The demo runs without Prometheus too; this test needs it, and fails instead of skipping without it.
    requireBinary('prometheus');
    const file = join(dir, 'report.json');
    ({ code, output } = await runDemo(
      ['--speed', String(SPEED), '--plain', '--report', file, '--evidence', join(dir, 'evidence.json')],
      200_000
    ));
    if (!existsSync(file)) throw new Error(`the demo wrote no report (exit ${code}):\n${output.slice(-3000)}`);
    report = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
  });

  it('ran every scenario of the catalogue, in order, for its length at speed 4, and every request succeeded', () => {
    expect(report.prometheus).toBe(true);
    expect(report.interrupted).toBe(false);
    expect(report.scenarios.map((s) => s.name)).toEqual(SCENARIOS.map((s) => s.name));
    report.scenarios.forEach((s, i) => {
      const seconds = SCENARIOS[i]!.durationSeconds / SPEED;
      expect((s.end - s.start) / 1000).toBeGreaterThanOrEqual(seconds);
      expect((s.end - s.start) / 1000).toBeLessThan(seconds + 1);
      if (i > 0) expect(s.start).toBeGreaterThanOrEqual(report.scenarios[i - 1]!.end);
      // The generator sends floor(elapsed x rate) predictions by each 20 ms tick.
      const rate = PREDICTIONS_PER_SECOND * SPEED;
      expect(s.predictions).toBeLessThanOrEqual(Math.ceil(rate * ((s.end - s.start) / 1000)));
      expect(s.predictions).toBeGreaterThanOrEqual(Math.floor(rate * (seconds - 0.05)));
      expect(s.failed).toBe(0);
      // Every outcome posted found its prediction: none expired, none unknown.
      expect(s.labelsMatched).toBe(s.labels);
    });
  });

  it('agrees with the table: the catalogue lists the alerts this test requires of each scenario', () => {
    for (const s of SCENARIOS) {
      const must = EXPECTED[s.name]!.must;
      expect(s.raises).toHaveLength(must.length);
      for (const m of s.raises)
        expect(
          must.some(
            (spec) =>
              spec.split(' ')[0] === m.alertname &&
              Object.entries(m.labels ?? {}).every(([k, v]) => spec.includes(`${k}=${v}`))
          )
        ).toBe(true);
    }
  });

  it('raised nothing at all, not even a pending alert, while the traffic was steady', () => {
    const steady = report.scenarios[0]!;
    const early = report.alerts.filter((a) => a.firingAt.some((t) => t < steady.end));
    expect(early.map((a) => a.labels)).toEqual([]);
  });

  it('kept the broker drift out of the aggregate: no feature drift alert, not even pending, while only brokers drifted', () => {
    const i = report.scenarios.findIndex((s) => s.name === 'segment-drift');
    const s = report.scenarios[i]!;
    // Until the next scenario's traffic has filled a window, the window still holds this scenario's.
    const until = report.scenarios[i + 1]?.start ?? s.end;
    // Pending and firing series alike: each lists the evaluations at which it was in its state.
    const aggregate = report.alerts.filter(
      (a) => a.labels.alertname === 'ModelwatchFeatureDriftPSI' && a.firingAt.some((t) => t >= s.start && t < until)
    );
    expect(aggregate.map((a) => a.labels)).toEqual([]);
    const segment = report.alerts.filter(
      (a) =>
        a.state === 'firing' &&
        a.labels.alertname === 'ModelwatchSegmentDriftPSI' &&
        a.firingAt.some((t) => t >= s.start && t < s.end)
    );
    // One alert, whatever severities it passed through.
    expect([...new Set(segment.map((a) => `${a.labels.feature} ${a.labels.segment_value}`))]).toEqual(['lvrat broker']);
  });

  it('made each scenario raise its own alerts, and nothing it should not, in the history Prometheus recorded', () => {
    const firing = report.alerts.filter((a) => a.state === 'firing');
    expect(firing.every((a) => a.labels.team === 'credit-risk' && a.labels.model_name === 'mortgage-approval')).toBe(
      true
    );
    const problems: string[] = [];
    report.scenarios.forEach((s, i) => {
      const expected = EXPECTED[s.name]!;
      const previousStart = i === 0 ? -Infinity : report.scenarios[i - 1]!.start;
      // An alert still firing from the scenario before is that scenario's tail (windows remember), not this one's.
      const carried = new Set(
        firing.filter((a) => a.firingAt.some((t) => t >= previousStart && t < s.start)).map((a) => identity(a.labels))
      );
      const fresh = firing
        .map((a) => ({ labels: a.labels, first: Math.min(...a.firingAt.filter((t) => t >= s.start && t < s.end)) }))
        .filter((a) => Number.isFinite(a.first) && !carried.has(identity(a.labels)));
      for (const spec of expected.must) {
        const notBefore = s.start + ((expected.notBefore?.[spec] ?? 0) * 1000) / SPEED;
        if (!fresh.some((a) => fits(spec, a.labels) && a.first >= notBefore))
          problems.push(`${s.name}: missing ${spec}`);
      }
      for (const a of fresh) {
        if (![...expected.must.map(anySeverity), ...expected.may].some((spec) => fits(spec, a.labels)))
          problems.push(`${s.name}: not expected ${JSON.stringify(a.labels)}`);
      }
    });
    expect(problems).toEqual([]);
  });

  it('wrote an evidence report whose alerts are the ones Prometheus recorded for the run', () => {
    const evidence = JSON.parse(readFileSync(join(dir, 'evidence.json'), 'utf8')) as {
      source: string;
      model: { name: string };
      live: {
        alerts: { alertname: string; severity: string; labels: Record<string, string>; start: number; end: number }[];
      };
    };
    expect(evidence.source).toBe('prometheus');
    expect(evidence.model.name).toBe('mortgage-approval');
    const hidden = new Set(['__name__', 'alertname', 'alertstate', 'severity', 'model_name']);
    const firing = report.alerts.filter((a) => a.state === 'firing');
    expect(firing.length).toBeGreaterThan(0);
    for (const a of firing) {
      const shown = Object.fromEntries(Object.entries(a.labels).filter(([k]) => !hidden.has(k)));
      const mine = evidence.live.alerts.filter(
        (e) =>
          e.alertname === a.labels.alertname &&
          e.severity === a.labels.severity &&
          JSON.stringify(Object.entries(e.labels).sort()) === JSON.stringify(Object.entries(shown).sort())
      );
      // Its first firing evaluation starts the report's first firing; every evaluation lies within one of them.
      expect([a.labels, mine[0]?.start]).toEqual([a.labels, Math.min(...a.firingAt) / 1000]);
      for (const t of a.firingAt)
        expect([a.labels, mine.some((e) => e.start <= t / 1000 && t / 1000 <= e.end)]).toEqual([a.labels, true]);
    }
  });

  it('printed the same verdict, named the alerts as they fired, and exited 0', () => {
    expect(code).toBe(0);
    for (const s of report.scenarios) expect(s.ok).toBe(true);
    expect(output).toContain(`Every scenario raised what it should (${SCENARIOS.length} of ${SCENARIOS.length}).`);
    for (const s of SCENARIOS) expect(output).toMatch(new RegExp(`^  ✓ ${s.name} `, 'm'));
    for (const name of [
      'ModelwatchFeatureDriftPSI pirat (critical)',
      'ModelwatchFeatureDriftPSI afam',
      'ModelwatchSLOBurnRate latency',
      'ModelwatchFairness disparate_impact afam',
      'ModelwatchPerformanceBelowFloor realized accuracy',
    ]) {
      expect(output).toContain(`FIRING   ${name}`);
    }
    expect(output).toContain(`modelwatch rules --config ${report.tempDir}/modelwatch.yaml`);
  });

  it('left no process running and removed its temporary directory', () => {
    expect(report.pids).toHaveLength(2);
    expect(report.pids.filter(alive)).toEqual([]);
    expect(existsSync(report.tempDir)).toBe(false);
    expect(output).toContain(`Stopped the service and Prometheus; removed ${report.tempDir}.`);
  });
});
