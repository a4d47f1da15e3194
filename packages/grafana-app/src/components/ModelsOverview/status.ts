import type { BadgeColor } from '@grafana/ui';
import type { ModelOverview, Status } from '../../shared/overview';

export const STATUS_LOOK: Record<Status, { label: string; color: BadgeColor }> = {
  ok: { label: 'OK', color: 'green' },
  warning: { label: 'Warning', color: 'orange' },
  critical: { label: 'Critical', color: 'red' },
  unknown: { label: 'No data', color: 'darkgrey' },
};

const SEVERITY: Record<Status, number> = { unknown: 0, ok: 1, warning: 2, critical: 3 };

/** The most severe of the statuses; `unknown` only when nothing is known at all. */
export function worstStatus(statuses: Status[]): Status {
  return statuses.reduce<Status>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'unknown');
}

export function modelStatus(model: ModelOverview): Status {
  return worstStatus([model.drift.status, model.performance.status, model.fairness.status, model.slo.status]);
}

/** Model name, then version, numbers in versions compared as numbers (1.10 after 1.9). */
export function byModelAndVersion(a: ModelOverview, b: ModelOverview): number {
  return a.model.localeCompare(b.model) || a.version.localeCompare(b.version, undefined, { numeric: true });
}
