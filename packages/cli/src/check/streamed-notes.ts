import type { SummaryDriftBounds } from '@modelwatch/stats';
import { formatBytes, type MemoryBudget } from '../data/memory-budget.js';

const bound = (x: number): string => (x >= 1e-3 ? x.toFixed(4) : x.toExponential(1));

/** Why numeric columns were summarised, and from which row. */
export function streamingNote(budget: MemoryBudget): string {
  const where = budget.foldedAtRow ? `from row ${budget.foldedAtRow.toLocaleString('en')} on` : 'from the start';
  return (
    `numeric columns were summarised ${where} to keep memory under --max-memory ${formatBytes(budget.maxMemory)}: ` +
    'PSI and Jensen–Shannon stay exact, KS and Wasserstein come from a quantile summary with the error bounds noted per column'
  );
}

/** The error each statistic of a summarised column can have against the exact one. */
export function streamedColumnNote(column: string, bounds: SummaryDriftBounds): string {
  return (
    `'${column}' (summarised): KS statistic within ±${bound(bounds.ksStatistic)} of exact, its p-value taken at ` +
    `D − ${bound(bounds.ksStatistic)} so never below the exact one; Wasserstein within ±${bound(bounds.wasserstein)}; PSI and Jensen–Shannon exact`
  );
}
