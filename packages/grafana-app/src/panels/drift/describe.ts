import { formatNumber } from '../common/format';
import type { Level, Thresholds } from '../common/levels';
import { formatSpan } from '../common/time';
import type { DriftCell, DriftColumn, DriftRow } from './heatmapModel';

export function rowName(row: Pick<DriftRow, 'identity' | 'tags'>): string {
  return [row.identity.feature, ...row.tags].join(' · ');
}

/** The level in words with the limit it crossed (or stayed under), e.g. "critical (≥ 0.2)". */
export function levelText(level: Level, thresholds: Thresholds): string {
  const { warning, critical } = thresholds;
  switch (level) {
    case 'critical':
      return `critical (≥ ${formatNumber(critical)})`;
    case 'warning':
      return `warning (≥ ${formatNumber(warning)})`;
    case 'ok': {
      const lowest = warning ?? critical;
      return lowest === undefined ? 'no thresholds' : `ok (< ${formatNumber(lowest)})`;
    }
    case 'none':
      return 'no value';
  }
}

/** Tooltip of one cell: feature, time, value and level, e.g. "income · 2026-01-05 10:00:00 · PSI 0.25 · critical (≥ 0.2)". */
export function cellTitle(row: DriftRow, column: DriftColumn, cell: DriftCell, timeZone: string | undefined): string {
  const statistic = row.statistic;
  const value = cell.points > 1 ? `max ${formatNumber(cell.value)} of ${cell.points} points` : formatNumber(cell.value);
  return [
    rowName(row),
    formatSpan(column.start, column.end, timeZone),
    `${statistic} ${value}`,
    levelText(cell.level, row.thresholds),
  ].join(' · ');
}
