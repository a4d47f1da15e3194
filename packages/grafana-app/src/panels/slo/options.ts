import type { PanelMigrationHandler } from '@grafana/data';

export interface SloOptions {
  /** A share of the budget (0..1): less left than this is a warning; none left (or overspent) is critical. */
  budgetWarning: number;
  showBudget: boolean;
  showWindows: boolean;
  showExhaustion: boolean;
}

export const DEFAULT_SLO_OPTIONS: SloOptions = {
  budgetWarning: 0.25,
  showBudget: true,
  showWindows: true,
  showExhaustion: true,
};

type SavedPanel = Parameters<PanelMigrationHandler<Partial<SloOptions>>>[0];

/** A share of the budget is at most 1, so a warning above 1 can only be a percentage (25 for 25%). */
const isPercent = (value: unknown): value is number => typeof value === 'number' && value > 1 && value <= 100;

/**
 * No earlier option shape exists. Saved options are checked all the same so a hand-edited or imported dashboard
 * with a percentage warning still warns where its author meant.
 */
export function migrateSloOptions(panel: SavedPanel): Partial<SloOptions> {
  const options = { ...(panel.options ?? {}) };
  if (isPercent(options.budgetWarning)) {
    options.budgetWarning = options.budgetWarning / 100;
  }
  return options;
}

export function needsSloMigration(options: unknown): boolean {
  return isPercent((options as Partial<SloOptions> | undefined)?.budgetWarning);
}
