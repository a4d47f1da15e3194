// `modelwatch report --prometheus` on a model with `policies:`: a real Prometheus serves the series its policy rules
// record, backfilled with promtool. The values backfilled are `audit`'s on a set of decisions (test/live/
// policy-packs.live.test.ts shows the rules record exactly those); the report must read them back at --to into one
// section per pack, shaped as `modelwatch audit` JSON, with the same violations, and list the pack's alert.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT, BIN, INTERSECTION_SEPARATOR, LABEL, POLICY, RECORD } from '@modelwatch/semconv';
import type { PrometheusServer } from '@modelwatch/local-prometheus';
import { audit } from '../../src/audit/evaluate';
import type { AuditReport } from '../../src/audit/types';
import { cli } from '../run-cli';
import { jsonReport, serveHistory, stopHistory, type LiveHistory } from './live-history';

jest.setTimeout(180_000);

const MINUTE = 60;
const W = '1d';
const MODEL = { [LABEL.modelName]: 'lending', [LABEL.modelVersion]: '1.0.0' };
const NYC_THRESHOLD = 0.85;
const CONFIG = `interval: 1m
models:
  - name: lending
    classes: { positive: 'yes', negative: 'no' }
    fairness: { window: ${W}, minGroupSize: 30 }
    policies: [${POLICY.fourFifths.name}, { name: ${POLICY.nycLl144.name}, threshold: ${NYC_THRESHOLD} }]
`;
const X = `sex${INTERSECTION_SEPARATOR}race`;

/**
 * Decisions per (sex, race): [rows, selected]; '' is missing. Pacific is 32 of 1,972 rows (1.6%): the NYC pack
 * excludes it, the four-fifths rule judges it. Every judged category has at least 30 rows (the minimum group size).
 */
const CELLS: [string, string, number, number][] = [
  ['F', 'Black', 300, 60],
  ['M', 'Black', 300, 90],
  ['F', 'White', 400, 180],
  ['M', 'White', 400, 200],
  ['F', 'Asian', 250, 101],
  ['M', 'Asian', 250, 110],
  ['F', 'Pacific', 16, 10],
  ['M', 'Pacific', 16, 12],
  ['', 'White', 40, 20],
];

function decisions(): { sex: (string | null)[]; race: (string | null)[]; selected: number[] } {
  const out = { sex: [] as (string | null)[], race: [] as (string | null)[], selected: [] as number[] };
  for (const [sex, race, rows, selected] of CELLS)
    for (let i = 0; i < rows; i++) {
      out.sex.push(sex || null);
      out.race.push(race || null);
      out.selected.push(i < selected ? 1 : 0);
    }
  return out;
}

function audits(): { fourFifths: AuditReport; nyc: AuditReport } {
  const d = decisions();
  const input = {
    values: new Map([
      ['sex', d.sex],
      ['race', d.race],
    ]),
    selected: d.selected,
    rate: 'selection' as const,
    missingOutcome: 0,
  };
  return {
    fourFifths: audit(input, { policy: POLICY.fourFifths.name, attributes: ['sex', 'race'], intersections: [] }),
    nyc: audit(input, {
      policy: POLICY.nycLl144.name,
      attributes: ['sex', 'race'],
      intersections: [['sex', 'race']],
      threshold: NYC_THRESHOLD,
    }),
  };
}

const END = Math.floor(Date.now() / 1000 / MINUTE) * MINUTE - 2 * 3600;
const at = (i: number): number => END - 60 * MINUTE + i * MINUTE;
const FROM = at(0);
const TO = at(60);

const lines: string[] = [];
function series(name: string, labels: Record<string, string>, value: number, every = 5): void {
  const text = Object.entries({ ...MODEL, ...labels })
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  for (let i = 0; i <= 60; i += every) lines.push(`${name}{${text}} ${value} ${at(i)}`);
}

function history(a: { fourFifths: AuditReport; nyc: AuditReport }): string {
  // Shared by the packs: counts, rows, unknown, shares and rates of every attribute and intersection.
  for (const [attribute, t] of Object.entries(a.nyc.attributes)) {
    const of = { [LABEL.groupAttribute]: attribute };
    let rows = t.unknown;
    for (const [category, c] of Object.entries(t.categories)) {
      const labels = { ...of, [LABEL.groupValue]: category };
      series(RECORD.policyCategoryCount(W), labels, c.count);
      series(RECORD.policyCategoryShare(W), labels, c.share!);
      series(RECORD.policySelectionRate(W), labels, c.rate!);
      rows += c.count;
    }
    series(RECORD.policyCategoryCount(W), { ...of, [LABEL.groupValue]: BIN.missing }, t.unknown);
    series(RECORD.policyAttributeRows(W), of, rows);
    series(RECORD.policyUnknownCount(W), of, t.unknown);
  }
  for (const report of [a.fourFifths, a.nyc]) {
    const policy = { [LABEL.policy]: report.policy };
    for (const [attribute, t] of Object.entries(report.attributes)) {
      const of = { ...policy, [LABEL.groupAttribute]: attribute };
      series(RECORD.policyHighestRate(W), of, t.categories[t.highest!]!.rate!);
      for (const [category, c] of Object.entries(t.categories)) {
        const labels = { ...of, [LABEL.groupValue]: category };
        series(RECORD.policyExcluded(W), labels, c.excluded ? 1 : 0);
        if (c.impactRatio !== null) series(RECORD.policyImpactRatio(W), labels, c.impactRatio);
      }
    }
  }
  const alert = {
    alertname: ALERT.policyImpactRatio,
    alertstate: 'firing',
    severity: 'warning',
    [LABEL.policy]: POLICY.fourFifths.name,
    [LABEL.groupAttribute]: 'race',
    [LABEL.groupValue]: 'Black',
  };
  // A firing alert has a sample at every evaluation (1m).
  series('ALERTS', alert, 1, 1);
  return `${lines.join('\n')}\n# EOF\n`;
}

type Pack = AuditReport & { version: string; window: string; source: string };
let dir: string;
let prometheus: PrometheusServer;
let expected: { fourFifths: AuditReport; nyc: AuditReport };
let report: {
  summary: { violations: number; policies: number };
  policies: Pack[];
  violations: { check: string }[];
  live: { alerts: { alertname: string; labels: Record<string, string> }[]; queries: { query: string; kind: string }[] };
};

const reportArgs = (out: string, format: string): string[] => [
  'report',
  '--prometheus',
  prometheus.url,
  '--config',
  join(dir, 'modelwatch.yaml'),
  '--model',
  'lending',
  '--from',
  String(FROM),
  '--to',
  String(TO),
  '--format',
  format,
  '--out',
  out,
];

let served: LiveHistory | undefined;
beforeAll(async () => {
  expected = audits();
  served = await serveHistory('report-policies', CONFIG, history(expected));
  ({ dir, prometheus } = served);
  report = jsonReport(reportArgs(join(dir, 'report.json'), 'json'), join(dir, 'report.json'));
});

afterAll(() => stopHistory(served));

describe('modelwatch report from live history: policy packs', () => {
  it('has a section per configured pack, shaped as the audit JSON, with its legal reference and threshold', () => {
    expect(report.policies.map((p) => [p.policy, p.reference, p.threshold, p.thresholdSource, p.excludeBelow])).toEqual(
      [expected.fourFifths, expected.nyc].map((a) => [
        a.policy,
        a.reference,
        a.threshold,
        a.thresholdSource,
        a.excludeBelow,
      ])
    );
    for (const p of report.policies) {
      expect([p.source, p.version, p.window, p.rate]).toEqual(['prometheus', '1.0.0', W, 'selection']);
      expect(p.rows).toBe(CELLS.reduce((n, c) => n + c[2], 0));
    }
  });

  it("reads each category's numbers back as recorded, equal to audit's on the same decisions", () => {
    for (const [got, want] of [
      [report.policies[0]!, expected.fourFifths],
      [report.policies[1]!, expected.nyc],
    ] as const) {
      // The four-fifths rule judges single attributes only, the NYC pack the intersection too.
      expect(Object.keys(got.attributes)).toEqual(Object.keys(want.attributes).sort());
      for (const [attribute, t] of Object.entries(want.attributes)) {
        const g = got.attributes[attribute]!;
        expect([g.unknown, g.highest]).toEqual([t.unknown, t.highest]);
        expect(Object.keys(g.categories)).toEqual(Object.keys(t.categories).sort());
        for (const [category, c] of Object.entries(t.categories)) {
          const { selected, ...rest } = g.categories[category]!;
          expect(rest).toEqual({
            count: c.count,
            rate: c.rate,
            impactRatio: c.impactRatio,
            excluded: c.excluded,
            share: c.share,
            belowThreshold: c.belowThreshold,
          });
          expect(selected).toBeCloseTo(c.selected, 9);
        }
      }
    }
    expect(report.policies[1]!.attributes.race!.categories.Pacific!.excluded).toBe(true);
    expect(Object.keys(report.policies[1]!.attributes)).toContain(X);
  });

  it("reports audit's violations, naming the pack and its legal reference, and counts them", () => {
    const pick = (v: AuditReport['violations'][number]): unknown[] => [v.check, v.subject, v.value, v.threshold];
    expect(report.policies.map((p) => p.violations.map(pick))).toEqual(
      [expected.fourFifths, expected.nyc].map((a) => a.violations.map(pick))
    );
    expect(expected.nyc.violations.length + expected.fourFifths.violations.length).toBeGreaterThan(1);
    for (const p of report.policies)
      for (const v of p.violations) expect(v.message).toContain(`${p.policy} (${p.reference}): impact ratio of`);
    expect(report.summary).toEqual(
      expect.objectContaining({ violations: report.violations.length, policies: report.policies.length })
    );
    expect(report.violations.length).toBe(report.policies.flatMap((p) => p.violations).length);
  });

  it("lists the pack's alert with the others and hashes the exact policy queries as instant ones", () => {
    expect(report.live.alerts.map((a) => [a.alertname, a.labels[LABEL.policy], a.labels[LABEL.groupValue]])).toEqual([
      [ALERT.policyImpactRatio, POLICY.fourFifths.name, 'Black'],
    ]);
    const policyQueries = report.live.queries.filter((q) => q.query.startsWith('modelwatch:policy_'));
    expect(policyQueries.map((q) => q.kind)).toEqual(Array(11).fill('instant'));
    expect(policyQueries.map((q) => q.query)).toContain(
      `${RECORD.policyImpactRatio(W)}{model_name="lending", ${LABEL.policy}="${POLICY.nycLl144.name}"}`
    );
  });

  it('renders each pack in the HTML, the same bytes twice', () => {
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    for (const out of [a, b]) expect(cli(reportArgs(out, 'html')).code).toBe(0);
    const page = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(page);
    expect(page).toContain('<section id="policies">');
    for (const p of [POLICY.fourFifths, POLICY.nycLl144]) expect(page).toContain(`<h3>${p.name}</h3>`);
  });
});
