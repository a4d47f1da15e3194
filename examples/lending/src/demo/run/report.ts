// The end of a run: what each scenario raised, in words and, on request, as JSON.
import { writeFileSync } from 'node:fs';
import { shortAlertName } from '../alerts/alert-identity.js';
import type { FiringHistory } from '../alerts/attribution.js';
import { describeMissing, type Verdict } from '../scenarios/verdict.js';
import type { ScenarioRun } from '../traffic/traffic-runner.js';
import { clock } from '../summary/render.js';

const SEVERITY_ORDER = ['info', 'ticket', 'warning', 'page', 'critical'];
const bySeverity = (s: readonly string[]): string[] =>
  [...s].sort((a, b) => SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b));

export function reportLines(
  runs: readonly ScenarioRun[],
  verdicts: readonly Verdict[] | null,
  interrupted: boolean
): string[] {
  const width = Math.max(0, ...runs.map((r) => r.scenario.name.length));
  const until = interrupted ? ' until the interruption' : '';
  const lines = [
    '',
    verdicts
      ? `What each scenario raised${until} (from Prometheus):`
      : `Scenarios run${until} (no Prometheus evaluated the alerts):`,
  ];
  runs.forEach((run, i) => {
    const name = run.scenario.name.padEnd(width);
    const took = clock(run.end - run.start);
    const v = verdicts?.[i];
    if (!v) {
      lines.push(
        `  ${name}  ${took}  ${run.predictions.toLocaleString('en-US')} predictions, ${run.labelsMatched.toLocaleString('en-US')} outcomes joined`
      );
      return;
    }
    const raised =
      v.raised.length === 0
        ? 'nothing'
        : v.raised
            .map(
              (r) =>
                `${shortAlertName(r.labels)} (${bySeverity(r.severities).join(', ')}, after ${Math.round((r.firstAt - run.start) / 1000)} s)`
            )
            .join('; ');
    lines.push(`  ${v.ok ? '✓' : '✗'} ${name}  ${took}  ${raised}`);
    const missing = describeMissing(v);
    if (missing.length > 0) lines.push(`      missing: ${missing.join('; ')}`);
    if (v.unexpected.length > 0) lines.push(`      not expected: ${v.unexpected.join('; ')}`);
  });
  if (verdicts) {
    const failed = verdicts.filter((v) => !v.ok).length;
    lines.push(
      failed === 0
        ? `Every scenario raised what it should (${verdicts.length} of ${verdicts.length}).`
        : `${failed} of ${verdicts.length} scenarios did not raise what they should.`
    );
  }
  return lines;
}

export interface RunReport {
  speed: number;
  prometheus: boolean;
  interrupted: boolean;
  /** What the demo started, so a caller can check that nothing outlives it. */
  pids: number[];
  tempDir: string;
  scenarios: {
    name: string;
    start: number;
    end: number;
    predictions: number;
    failed: number;
    labels: number;
    labelsMatched: number;
    ok: boolean | null;
    raised: { alert: string; severities: string[]; firstAt: number }[];
    missing: string[];
    unexpected: string[];
  }[];
  /** Every ALERTS series of the run (pending and firing), with the evaluation times, from Prometheus. */
  alerts: (FiringHistory & { state: string })[];
}

export function runReport(
  base: Omit<RunReport, 'scenarios'>,
  runs: readonly ScenarioRun[],
  verdicts: readonly Verdict[] | null
): RunReport {
  return {
    ...base,
    scenarios: runs.map((run, i) => {
      const v = verdicts?.[i];
      return {
        name: run.scenario.name,
        start: run.start,
        end: run.end,
        predictions: run.predictions,
        failed: run.failed,
        labels: run.labels,
        labelsMatched: run.labelsMatched,
        ok: v ? v.ok : null,
        raised: (v?.raised ?? []).map((r) => ({ alert: r.identity, severities: r.severities, firstAt: r.firstAt })),
        missing: v ? describeMissing(v) : [],
        unexpected: v?.unexpected ?? [],
      };
    }),
  };
}

export function writeReport(file: string, report: RunReport): void {
  try {
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  } catch (e) {
    throw new Error(`--report ${file}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
