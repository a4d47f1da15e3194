// Which policy-pack violations the report counts: a pack `check` judged has its violations in check's list
// already; a pack given with --audit adds its own. (check's report is built by hand, `as unknown`: its packs carry
// only the contract's keys, fewer than `modelwatch audit` writes.)
import type { CheckReport, Violation } from '../../src/check/report';
import { assembleReport } from '../../src/evidence/assemble';
import { policiesOfCheck, type AuditReport } from '../../src/evidence/audit-input';

const violation = (check: string): Violation => ({
  check,
  subject: 'afam',
  value: 0.5,
  threshold: 0.8,
  severity: 'warning',
  message: `${check} fired`,
});

const pack = (policy: string, v: Violation[]): AuditReport => ({
  policy,
  rate: 'selection',
  rows: 10,
  attributes: {
    afam: { unknown: 0, categories: { no: { count: 5, selected: 2, rate: 0.4, impactRatio: 1, excluded: false } } },
  },
  violations: v.map((x) => ({ ...x })),
});

it("counts a pack check judged once, and a pack from --audit on top of check's violations", () => {
  const judged = violation('four-fifths.impactRatio');
  const check = {
    rows: { reference: 10, current: 10 },
    drift: {},
    violations: [violation('drift.psi'), judged],
    notes: [],
    policies: { 'four-fifths': pack('four-fifths', [judged]) },
  } as unknown as CheckReport;
  const audited = pack('nyc-ll144', [violation('nyc-ll144.impactRatio')]);
  const report = assembleReport({
    model: { name: 'm', version: null },
    modelCard: null,
    check,
    live: null,
    checkPolicies: policiesOfCheck(check),
    auditPolicies: [audited],
    inputs: [],
  });
  expect(report.policies.map((p) => p.policy)).toEqual(['four-fifths', 'nyc-ll144']);
  expect(report.violations.map((v) => v.check)).toEqual([
    'drift.psi',
    'four-fifths.impactRatio',
    'nyc-ll144.impactRatio',
  ]);
  expect(report.summary).toEqual({ violations: 3, alerts: 0, policies: 2 });
});

it("refuses a pack in check's report that breaks the audit contract: that is a bug, not bad input", () => {
  expect(() => policiesOfCheck({ policies: { x: { policy: 'x', rate: 'fast' } } })).toThrow();
  expect(policiesOfCheck({})).toEqual([]);
});
