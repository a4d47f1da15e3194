import { DEFAULTS, POLICY } from '@modelwatch/semconv';
import type { AuditReport, CategoryJson } from './types.js';

/** The words and numbers the table and the HTML page share, so both say the same. */

export const ratio = (x: number | null): string => (x === null ? '—' : x.toFixed(3));
export const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
export const pValue = (p: number | null): string => (p === null ? '—' : p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

export function title(report: AuditReport): string {
  return `Bias audit: ${report.policy} (${report.reference})`;
}

/** What the rate is, in the words of the rules. */
export function rateLine(report: AuditReport): string {
  return report.rate === 'scoring'
    ? `Scoring rate: the share of a category whose score is strictly above the median score of all ${report.rows} rows (${report.median}).`
    : `Selection rate: the share of a category that was selected, over ${report.rows} rows.`;
}

export function policyLines(report: AuditReport): string[] {
  const lines = [
    report.thresholdSource === 'law'
      ? `An impact ratio below ${report.threshold} indicates adverse impact (the four-fifths rule).`
      : report.policy === POLICY.fourFifths.name
        ? `Impact ratios below ${report.threshold} are flagged by the organisation's policy (the guidelines' level is ${DEFAULTS.policies.threshold}).`
        : `Impact ratios below ${report.threshold} are flagged by the organisation's policy; the law sets no pass level.`,
  ];
  if (report.excludeBelow > 0)
    lines.push(
      `Categories with less than ${pct(report.excludeBelow)} of the rows are reported but excluded from the impact ratios.`
    );
  if (report.alpha !== undefined)
    lines.push(
      `Each category is tested against the highest-rate one: pooled two-proportion z-test, and Fisher's exact test, which decides when an expected cell is below 5 (significance level ${report.alpha}).`
    );
  if (report.missingOutcome > 0) lines.push(`${report.missingOutcome} rows without an outcome were left out.`);
  return lines;
}

export function columns(report: AuditReport): string[] {
  const rate = report.rate === 'scoring' ? 'scoring rate' : 'selection rate';
  const base = ['category', 'rows', 'share', 'selected', rate, 'impact ratio'];
  return report.alpha !== undefined ? [...base, 'z', 'p (z)', 'p (Fisher)', 'significant'] : base;
}

export function cells(report: AuditReport, name: string, c: CategoryJson): string[] {
  const base = [
    name,
    String(c.count),
    pct(c.share),
    String(c.selected),
    ratio(c.rate),
    c.excluded ? 'excluded' : `${ratio(c.impactRatio)}${c.belowThreshold ? ' *' : ''}`,
  ];
  if (report.alpha === undefined) return base;
  const t = c.tests;
  if (!t) return [...base, '', '', '', ''];
  return [
    ...base,
    t.z === null ? '—' : t.z.toFixed(2),
    pValue(t.zPValue),
    pValue(t.fisherPValue),
    `${t.significant ? 'yes' : 'no'} (${t.test === 'fisher' ? 'Fisher' : 'z'})`,
  ];
}

export const FLAG_NOTE = '* below the threshold';
