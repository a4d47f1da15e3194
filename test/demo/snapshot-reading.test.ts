// The summary without Prometheus subtracts two cumulative monitor snapshots one window apart. Its numbers must
// be those of a monitor that saw only the window's traffic, and the hand-computed rates of that traffic.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runProfile } from '@modelwatch/cli';
import { ModelMonitor } from '@modelwatch/otel';
import type { ReferenceProfile } from '@modelwatch/stats';
import { readApplications } from '../../examples/lending/src/hmda';
import { parseApplicant } from '../../examples/lending/src/demo/model/applicant';
import { MortgageModel } from '../../examples/lending/src/demo/model/mortgage-model';
import { SnapshotWindows, type ServiceSnapshot } from '../../examples/lending/src/demo/summary/snapshot-reading';
import type { DemoWindows } from '../../examples/lending/src/demo/timescale/demo-config';

const DATA = resolve(__dirname, '../../examples/lending/data');
const WINDOWS: DemoWindows = {
  model: 'mortgage-approval',
  intervalMs: 4_000,
  drift: '1m',
  performance: '1m',
  fairness: '1m',
  burn: '1m',
  latencyThreshold: 0.25,
  latencyObjective: 0.99,
  availabilityObjective: 0.999,
  minGroupSize: 30,
};

type Row = Record<string, string>;

describe('the summary from monitor snapshots', () => {
  let profile: ReferenceProfile;
  const model = MortgageModel.load(join(DATA, 'model.json'));
  const rows = readApplications(join(DATA, 'current.csv'));
  const before = rows.slice(0, 400);
  // The window's traffic: more debt, as in the covariate drift scenario.
  const window = rows
    .slice(400, 1000)
    .map((r): Row => ({ ...r, pirat: String(Number(r.pirat) * 1.25), lvrat: String(Number(r.lvrat) + 0.08) }));

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelwatch-demo-profile-test-'));
    try {
      profile = await runProfile({
        data: join(DATA, 'reference.csv'),
        target: { label: 'deny', positive: 'yes', score: 'score', prediction: null, threshold: null },
        columns: { categorical: [], ignore: [], protected: ['afam'] },
        out: join(dir, 'profile.json'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function feed(monitor: ModelMonitor, batch: Row[]): { decisions: string[] } {
    const decisions: string[] = [];
    for (const row of batch) {
      const applicant = parseApplicant(row);
      const score = model.score(applicant);
      const decision = model.decide(score);
      decisions.push(decision);
      const id = monitor.recordPrediction({
        features: applicant.inputs,
        score,
        prediction: decision,
        attributes: { afam: applicant.afam },
      });
      monitor.recordOutcome(id!, row.deny!);
    }
    return { decisions };
  }

  const newMonitor = (): ModelMonitor =>
    new ModelMonitor({
      model: { name: 'mortgage-approval', version: '1' },
      profile,
      positiveClass: 'yes',
      protectedAttributes: ['afam'],
    });
  /** What GET /snapshot answers: the snapshot through JSON, and latency counts in the histogram's buckets. */
  const served = (monitor: ModelMonitor, at: number, fast: number, slow: number): ServiceSnapshot => ({
    at,
    snapshot: JSON.parse(JSON.stringify(monitor.snapshot())),
    latency: { boundaries: [0.1, 0.25, 0.5], atMost: [fast, fast, fast + slow], total: fast + slow },
  });

  it('equals a monitor that saw only the window, and the rates of the window computed by hand', () => {
    const cumulative = newMonitor();
    feed(cumulative, before);
    const windows = new SnapshotWindows(WINDOWS);
    windows.add(served(cumulative, 0, 400, 0));
    const { decisions } = feed(cumulative, window);
    for (let i = 0; i < 6; i++) cumulative.recordError('timeout');
    // 600 timed inferences in the window, 90 of them slower than 0.25 s.
    windows.add(served(cumulative, 60_000, 910, 90));
    const reading = windows.reading()!;

    const alone = newMonitor();
    feed(alone, window);
    const only = alone.snapshot();
    const worst = Object.entries(only.drift)
      .map(([feature, d]) => ({ feature, psi: d.psi! }))
      .sort((a, b) => b.psi - a.psi)
      .slice(0, 3);
    expect(reading.drift.map((d) => d.feature)).toEqual(worst.map((d) => d.feature));
    reading.drift.forEach((d, i) => expect(Math.abs(d.psi - worst[i]!.psi)).toBeLessThan(1e-9));
    expect(reading.drift[0]!.psi).toBeGreaterThan(0.2);
    expect(reading.predictions).toBe(window.length);

    // Realized F1 and accuracy from the window's own decisions and outcomes.
    let tp = 0,
      fp = 0,
      fn = 0,
      tn = 0;
    window.forEach((r, i) => {
      const p = decisions[i] === 'yes';
      const a = r.deny === 'yes';
      if (p && a) tp++;
      else if (p) fp++;
      else if (a) fn++;
      else tn++;
    });
    expect(reading.labels).toBe(window.length);
    expect(Math.abs(reading.realizedF1! - (2 * tp) / (2 * tp + fp + fn))).toBeLessThan(1e-12);
    expect(Math.abs(reading.realizedAccuracy! - (tp + tn) / window.length)).toBeLessThan(1e-12);
    expect(Math.abs(reading.estimatedF1! - only.estimatedPerformance!.f1)).toBeLessThan(1e-9);

    // Disparate impact: the lower denial rate of the two groups over the higher one.
    const rate = (g: string): number => {
      const idx = window.map((r, i) => (r.afam === g ? i : -1)).filter((i) => i >= 0);
      return idx.filter((i) => decisions[i] === 'yes').length / idx.length;
    };
    expect(
      Math.abs(reading.disparateImpact! - Math.min(rate('yes'), rate('no')) / Math.max(rate('yes'), rate('no')))
    ).toBeLessThan(1e-12);

    // Burn rates: 90 of 600 slow against a 1% budget; 6 errors in 606 attempts against a 0.1% budget.
    expect(reading.burn.map((b) => b.slo)).toEqual(['availability', 'latency']);
    expect(Math.abs(reading.burn[0]!.rate - 6 / 606 / 0.001)).toBeLessThan(1e-9);
    expect(Math.abs(reading.burn[1]!.rate - 90 / 600 / 0.01)).toBeLessThan(1e-9);
  });

  it('reads nothing before it has two snapshots, and a partial window from the oldest early in a run', () => {
    const monitor = newMonitor();
    const windows = new SnapshotWindows(WINDOWS);
    windows.add(served(monitor, 0, 0, 0));
    expect(windows.reading()).toBeNull();
    feed(monitor, before);
    windows.add(served(monitor, 10_000, 400, 0));
    expect(windows.reading()!.predictions).toBe(before.length);
  });
});
