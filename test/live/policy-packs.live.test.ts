// Live policy packs end to end: the same decisions go (1) through @modelwatch/otel's ModelMonitor (with the
// `intersections` option) behind @opentelemetry/exporter-prometheus in the traffic service, scraped by a real
// Prometheus 2.42 that evaluates the rules `modelwatch rules` generates for `policies: [four-fifths, nyc-ll144]`,
// and (2) as a CSV file through `modelwatch audit`. The recorded impact ratios, exclusions, shares and selection
// rates must equal the audit's, per attribute and for the intersection, and the pack's alert must fire for the
// categories below its threshold and for no other. With scores and the scoringRate option, the NYC pack's scoring
// rates and their impact ratios must equal `modelwatch audit --score`'s: the profile is built from the same file with
// exact knots, so the reference median the monitor uses as its cut is the audited sample's median.
//
// Why the live numbers can be compared to 1e-9: before Prometheus starts, the service feeds the decisions twice
// (the warm-up); once Prometheus holds two scrapes, the test feeds them once more, and reads the rules when the
// window (longer than the whole run) holds every scrape. increase() is then (3n − 2n) × one extrapolation factor
// that depends only on the scrape timestamps, which every series of the target shares, and each counter starts at
// twice what it gains, so the zero-point limit never applies. Every checked number is a ratio of increases of one
// evaluation, so the factor cancels; what remains is floating-point rounding (~1e-15).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALERT,
  ALERTS_SERIES,
  ALERT_STATE,
  BIN,
  INTERSECTION_SEPARATOR,
  LABEL,
  POLICY,
  POLICY_STATISTIC,
  RECORD,
} from '@modelwatch/semconv';
import { runAudit, runProfile, runRules, type AuditReport } from '@modelwatch/cli';
import { startPrometheus, type PrometheusServer } from '@modelwatch/local-prometheus';
import {
  TRAFFIC_SERVICE_PROGRAM,
  seeded,
  startTrafficService,
  type LiveEvent,
  type TrafficService,
} from '@modelwatch/live-traffic';

jest.setTimeout(180_000);

const MODEL = { name: 'live-policy', version: '1.0.0' };
const JOB = 'modelwatch-live-policy';
const WINDOW = '120s';
const X = `sex${INTERSECTION_SEPARATOR}race`;
const TOLERANCE = 1e-9;

/**
 * Decisions per (sex, race) cell: [rows, selected]. '' is missing. Pacific holds 32 of 1,986 rows (1.6%): the NYC
 * pack excludes it (under 2%), the four-fifths rule judges it (and, with the highest rate, it is that rule's
 * reference). Each intersectional category the NYC pack judges has at least 30 rows (the minimum group size).
 */
const CELLS: [string, string, number, number][] = [
  ['F', 'Black', 300, 60],
  ['M', 'Black', 300, 90],
  ['F', 'White', 400, 180],
  ['M', 'White', 400, 200],
  ['F', 'Asian', 250, 101], // 0.404 / 0.5: not on the 0.8 boundary, where rounding could decide
  ['M', 'Asian', 250, 110],
  ['F', 'Pacific', 16, 10],
  ['M', 'Pacific', 16, 9],
  ['F', '', 20, 8],
  ['', 'White', 24, 10],
  ['', 'Black', 10, 3],
];

/**
 * The decisions in a shuffled order, each with a score in tenths: selected ones 0.5–0.9, others 0.0–0.4, Black
 * applicants in the lower part of each range (so scoring rates differ by race too). Tenths are written and parsed
 * as the same doubles, and a profile of ten distinct scores keeps them all as exact knots, so its median is the
 * sample's median: the live cut and the audit's median are one number.
 */
function decisions(): { sex: string; race: string; decision: 'yes' | 'no'; score: number }[] {
  const rows = CELLS.flatMap(([sex, race, n, selected]) =>
    Array.from({ length: n }, (_, i) => ({ sex, race, decision: i < selected ? ('yes' as const) : ('no' as const) }))
  );
  const random = seeded(13);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows.map((r) => {
    const step = Math.floor(random() * (r.race === 'Black' ? 3 : 5));
    return { ...r, score: ((r.decision === 'yes' ? 5 : 0) + step) / 10 };
  });
}

const CONFIG = `naming: exporter-prometheus
interval: 1s
models:
  - name: ${MODEL.name}
    classes: { positive: "yes", negative: "no" }
    # The policy rules take the fairness section's window, for and minimum group size.
    fairness: { window: ${WINDOW}, for: 0s, minGroupSize: 30 }
    policies: [${POLICY.fourFifths.name}, ${POLICY.nycLl144.name}]
`;

let dir: string;
let service: TrafficService | undefined;
let prometheus: PrometheusServer | undefined;
const audits: Partial<Record<string, AuditReport>> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'modelwatch-live-policy-'));
  const rows = decisions();
  const csv = ['sex,race,decision,score', ...rows.map((r) => `${r.sex},${r.race},${r.decision},${r.score}`)].join('\n');
  writeFileSync(join(dir, 'decisions.csv'), `${csv}\n`);
  const profile = await runProfile({
    data: join(dir, 'decisions.csv'),
    target: { label: 'decision', positive: 'yes', score: 'score', prediction: null, threshold: null },
    columns: { categorical: [], ignore: [], protected: ['sex', 'race'] },
    out: join(dir, 'profile.json'),
  });
  for (const policy of [POLICY.fourFifths.name, POLICY.nycLl144.name]) {
    const { report } = await runAudit({
      data: join(dir, 'decisions.csv'),
      protected: ['sex', 'race'],
      intersect: policy === POLICY.nycLl144.name ? [['sex', 'race']] : [],
      outcome: { selected: 'decision', positive: 'yes' },
      policy,
      format: 'json',
      out: join(dir, `${policy}.json`),
    });
    audits[policy] = report;
  }
  // The NYC pack on scoring rates: the share of each category scored strictly above the sample's median.
  audits.scoring = (
    await runAudit({
      data: join(dir, 'decisions.csv'),
      protected: ['sex', 'race'],
      intersect: [['sex', 'race']],
      outcome: { score: 'score' },
      policy: POLICY.nycLl144.name,
      format: 'json',
      out: join(dir, 'scoring.json'),
    })
  ).report;
  expect(profile.columns.score).toMatchObject({ type: 'numeric', exact: true });

  writeFileSync(join(dir, 'modelwatch.yaml'), CONFIG);
  const ruleFiles = runRules({ config: join(dir, 'modelwatch.yaml'), out: join(dir, 'rules') });
  const events: LiveEvent[] = rows.map((r) => ({
    prediction: r.decision,
    score: r.score,
    attributes: Object.fromEntries(Object.entries({ sex: r.sex, race: r.race }).filter(([, v]) => v !== '')),
  }));
  const plan = {
    monitor: {
      model: MODEL,
      protectedAttributes: ['sex', 'race'],
      intersections: [['sex', 'race']],
      scoringRate: true,
      classes: ['no', 'yes'],
      positiveClass: 'yes',
    },
    profile,
    warmup: [...events, ...events],
    bursts: [events],
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
  await prometheus.client.waitFor(
    `count_over_time(up{job="${JOB}"}[1m]) >= 2 and min_over_time(up{job="${JOB}"}[1m]) == 1`,
    { timeoutMs: 30_000 }
  );
  const answer = await fetch(`${service.controlUrl}/burst/0`, { method: 'POST' });
  if (answer.status !== 200) throw new Error(`burst: HTTP ${answer.status} ${await answer.text()}`);
  // Two scrapes after the burst, then an evaluation of every rule on them.
  const after = Date.now();
  await prometheus.client.waitFor(`timestamp(up{job="${JOB}"}) > ${(after + 2_000) / 1000}`, { timeoutMs: 30_000 });
  await prometheus.client.waitFor(
    `timestamp(${RECORD.policyImpactRatio(WINDOW)}{${LABEL.modelName}="${MODEL.name}"}) > ${(after + 3_000) / 1000}`,
    { timeoutMs: 30_000 }
  );
  // The alerts are evaluated after the recording rules of their group: one more evaluation.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
});

afterAll(async () => {
  await prometheus?.stop();
  await service?.child.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Keyed = Map<string, number>;

/** A recorded series of the model as group attribute → group value → value, optionally of one pack. */
async function recorded(name: string, policy?: string): Promise<Keyed> {
  const match = [`${LABEL.modelName}="${MODEL.name}"`, ...(policy ? [`${LABEL.policy}="${policy}"`] : [])];
  const samples = await prometheus!.client.query(`${name}{${match.join(', ')}}`);
  return new Map(
    samples.map((s) => [`${s.labels[LABEL.groupAttribute]}|${s.labels[LABEL.groupValue] ?? ''}`, s.value])
  );
}

function expectClose(actual: number | undefined, expected: number, what: string): void {
  if (actual === undefined) throw new Error(`${what}: no live value (expected ${expected})`);
  if (!(Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected))))
    throw new Error(`${what}: live ${actual}, audit ${expected}`);
}

describe.each([POLICY.fourFifths.name, POLICY.nycLl144.name])('the live %s pack', (policy) => {
  it('records the impact ratios, exclusions, shares and selection rates of `modelwatch audit`', async () => {
    const report = audits[policy]!;
    const ratios = await recorded(RECORD.policyImpactRatio(WINDOW), policy);
    const excluded = await recorded(RECORD.policyExcluded(WINDOW), policy);
    const rates = await recorded(RECORD.policySelectionRate(WINDOW));
    const shares = await recorded(RECORD.policyCategoryShare(WINDOW));
    const unknown = await recorded(RECORD.policyUnknownCount(WINDOW));
    const rows = await recorded(RECORD.policyAttributeRows(WINDOW));
    const attributes = Object.keys(report.attributes);
    expect(attributes).toEqual(policy === POLICY.nycLl144.name ? ['sex', 'race', X] : ['sex', 'race']);
    let judged = 0;
    let left = 0;
    for (const attribute of attributes) {
      const table = report.attributes[attribute]!;
      const rowCount = rows.get(`${attribute}|`)!;
      expectClose(unknown.get(`${attribute}|`)! / rowCount, table.unknown / report.rows, `${attribute} unknown share`);
      for (const [category, c] of Object.entries(table.categories)) {
        const k = `${attribute}|${category}`;
        expectClose(rates.get(k), c.rate!, `${k} selection rate`); // every category has rows: a rate
        expectClose(shares.get(k), c.count / report.rows, `${k} share`);
        expect([k, excluded.get(k)]).toEqual([k, c.excluded ? 1 : 0]);
        if (c.impactRatio === null) {
          expect([k, ratios.get(k)]).toEqual([k, undefined]);
          left++;
        } else {
          expectClose(ratios.get(k), c.impactRatio, `${k} impact ratio`);
          judged++;
        }
      }
      // Nothing live beyond the audit's categories: no unknown or __other__ ratio.
      const live = [...ratios.keys()].filter((key) => key.startsWith(`${attribute}|`));
      expect(live.sort()).toEqual(
        Object.entries(table.categories)
          .filter(([, c]) => c.impactRatio !== null)
          .map(([category]) => `${attribute}|${category}`)
          .sort()
      );
    }
    expect(ratios.size).toBe(judged);
    // The case the test is built for: the NYC pack excludes Pacific (and its intersections), four-fifths does not.
    if (policy === POLICY.nycLl144.name) {
      expect(excluded.get('race|Pacific')).toBe(1);
      expect(excluded.get(`${X}|F × Pacific`)).toBe(1);
      expect(ratios.has(`${X}|F × Black`)).toBe(true);
      expect(left).toBe(3);
    } else {
      expect(ratios.get('race|Pacific')).toBe(1);
      expect(left).toBe(0);
    }
    expect(excluded.has(`race|${BIN.missing}`)).toBe(false);
  });

  it('fires its alert for every category below the threshold and no other, naming the pack and the law', async () => {
    const report = audits[policy]!;
    const expected = Object.entries(report.attributes)
      .flatMap(([attribute, t]) =>
        Object.entries(t.categories)
          .filter(([, c]) => c.impactRatio !== null && c.impactRatio < report.threshold)
          .map(([category]) => `${attribute}|${category}`)
      )
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const firing = await prometheus!.client.query(
      `${ALERTS_SERIES}{${LABEL.alertName}="${ALERT.policyImpactRatio}", ${LABEL.alertState}="${ALERT_STATE.firing}", ${LABEL.modelName}="${MODEL.name}", ${LABEL.policy}="${policy}", ${LABEL.statistic}=""}`
    );
    expect(firing.map((s) => `${s.labels[LABEL.groupAttribute]}|${s.labels[LABEL.groupValue]}`).sort()).toEqual(
      expected
    );
    const alerts = await prometheus!.client.alerts();
    const mine = alerts.filter(
      (a) =>
        a.labels[LABEL.alertName] === ALERT.policyImpactRatio &&
        a.labels[LABEL.policy] === policy &&
        a.labels[LABEL.statistic] === undefined
    );
    expect(mine).toHaveLength(expected.length);
    const spec = policy === POLICY.nycLl144.name ? POLICY.nycLl144 : POLICY.fourFifths;
    for (const a of mine) {
      expect(a.annotations.summary).toContain(spec.name);
      expect(a.annotations.description).toContain(spec.reference);
      expect(a.labels[LABEL.severity]).toBe('warning');
    }
  });
});

describe('the live nyc-ll144 pack on scoring rates (scoringRate)', () => {
  it("records the scoring rates and impact ratios of `modelwatch audit --score`, the profile's median as the cut", async () => {
    const report = audits.scoring!;
    expect(report.rate).toBe('scoring');
    const rates = await recorded(RECORD.policyScoringRate(WINDOW));
    const ratios = await recorded(RECORD.policyScoringImpactRatio(WINDOW), POLICY.nycLl144.name);
    let judged = 0;
    for (const [attribute, table] of Object.entries(report.attributes)) {
      for (const [category, c] of Object.entries(table.categories)) {
        const k = `${attribute}|${category}`;
        expectClose(rates.get(k), c.rate!, `${k} scoring rate`);
        if (c.impactRatio === null) expect([k, ratios.get(k)]).toEqual([k, undefined]);
        else {
          expectClose(ratios.get(k), c.impactRatio, `${k} scoring impact ratio`);
          judged++;
        }
      }
    }
    expect(ratios.size).toBe(judged);
    expect(ratios.has(`${X}|M × Black`)).toBe(true);
    expect(ratios.has('race|Pacific')).toBe(false);
  });

  it('fires the scoring alert for every category below the threshold and no other', async () => {
    const report = audits.scoring!;
    const expected = Object.entries(report.attributes)
      .flatMap(([attribute, t]) =>
        Object.entries(t.categories)
          .filter(([, c]) => c.impactRatio !== null && c.impactRatio < report.threshold)
          .map(([category]) => `${attribute}|${category}`)
      )
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const firing = await prometheus!.client.query(
      `${ALERTS_SERIES}{${LABEL.alertName}="${ALERT.policyImpactRatio}", ${LABEL.alertState}="${ALERT_STATE.firing}", ${LABEL.modelName}="${MODEL.name}", ${LABEL.statistic}="${POLICY_STATISTIC.scoringImpactRatio}"}`
    );
    expect(firing.map((s) => `${s.labels[LABEL.groupAttribute]}|${s.labels[LABEL.groupValue]}`).sort()).toEqual(
      expected
    );
  });
});
