import { formatNumber, formatRate } from '../common/format';
import type { Level, Thresholds } from '../common/levels';
import type { FairnessCell, FairnessSection } from './fairnessModel';
import { metricName } from './metrics';

/** The policy line's name: the four-fifths rule when it is at 0.8. */
export function policyName(line: number | undefined): string {
  if (line === undefined) {
    return 'no policy line';
  }
  return line === 0.8 ? 'four-fifths rule (0.8)' : `policy line ${formatNumber(line)}`;
}

/** What the disparate impact means against the policy, in one line. */
export function disparateImpactVerdict(section: FairnessSection): string {
  const { warning, critical } = section.thresholds;
  switch (section.level) {
    case 'none':
      return `not computable: fewer than two groups with at least ${section.minGroupSize} predictions`;
    case 'critical':
      return `below the critical level ${formatNumber(critical)}`;
    case 'warning':
      return `below the ${policyName(warning)}`;
    case 'ok':
      return warning === undefined ? 'no policy line set' : `meets the ${policyName(warning)}`;
  }
}

export function cellTitle(group: string, metric: string, cell: FairnessCell, confidence: number): string {
  const interval = `${Math.round(confidence * 100)}% interval ${formatRate(cell.lower)}–${formatRate(cell.upper)}`;
  const parts = [
    `${group} · ${metricName(metric)} ${formatRate(cell.value)}`,
    interval,
    `n = ${formatNumber(cell.count)}`,
  ];
  if (cell.reason) {
    parts.push(cell.reason);
  }
  return parts.join(' · ');
}

export function ratioTitle(
  group: string,
  reference: string,
  ratio: number | null,
  level: Level,
  thresholds: Thresholds
): string {
  const base = `Selection rate of ${group} over ${reference}'s: ${formatRate(ratio)}`;
  if (level === 'warning' || level === 'critical') {
    const limit = level === 'critical' ? thresholds.critical : thresholds.warning;
    return `${base}, below ${formatNumber(limit)}`;
  }
  return base;
}
