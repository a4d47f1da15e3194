import type { BadgeColor } from '@grafana/ui';
import type { CategoryStatus } from '../../shared/compliance';

export const COMPLIANCE_LOOK: Record<CategoryStatus, { label: string; color: BadgeColor }> = {
  ok: { label: 'OK', color: 'green' },
  belowThreshold: { label: 'Below threshold', color: 'red' },
  insufficientSamples: { label: 'Insufficient samples', color: 'darkgrey' },
  excluded: { label: 'Excluded', color: 'blue' },
};
