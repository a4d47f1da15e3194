import type { PanelMigrationHandler } from '@grafana/data';

export interface FairnessPolicyOptions {
  /** `frame`: the levels the query returns (its warning is the policy line), the values below where it has none. */
  source: 'frame' | 'panel';
  /** Disparate impact below it violates the policy; 0.8 is the four-fifths rule (29 CFR 1607.4(D)). */
  line: number;
  /** Disparate impact below it is critical; 0 draws no critical level. */
  critical: number;
}

export interface FairnessOptions {
  policy: FairnessPolicyOptions;
  showBand: boolean;
  showIntervals: boolean;
  /** Each group's selection rate relative to the reference group. */
  showRatio: boolean;
}

export const DEFAULT_FAIRNESS_OPTIONS: FairnessOptions = {
  policy: { source: 'frame', line: 0.8, critical: 0 },
  showBand: true,
  showIntervals: true,
  showRatio: true,
};

type SavedPanel = Parameters<PanelMigrationHandler<Partial<FairnessOptions>>>[0];

/** A disparate impact is at most 1, so a level above 1 can only be a percentage (80 for 80%). */
const isPercent = (value: unknown): value is number => typeof value === 'number' && value > 1 && value <= 100;

/**
 * No earlier option shape exists. Saved options are checked all the same so a hand-edited or imported dashboard
 * with percentage levels still draws them where its author meant.
 */
export function migrateFairnessOptions(panel: SavedPanel): Partial<FairnessOptions> {
  const options = { ...(panel.options ?? {}) };
  const policy = options.policy;
  if (policy && (isPercent(policy.line) || isPercent(policy.critical))) {
    options.policy = {
      ...policy,
      line: isPercent(policy.line) ? policy.line / 100 : policy.line,
      critical: isPercent(policy.critical) ? policy.critical / 100 : policy.critical,
    };
  }
  return options;
}

export function needsFairnessMigration(options: unknown): boolean {
  const policy = (options as Partial<FairnessOptions> | undefined)?.policy;
  return isPercent(policy?.line) || isPercent(policy?.critical);
}
