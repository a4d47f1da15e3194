import type { GrafanaTheme2 } from '@grafana/data';
import type { Level } from './levels';

/** Theme colours per level, so dark and light themes both keep their contrast. */
export function levelColor(theme: GrafanaTheme2, level: Level): string {
  switch (level) {
    case 'critical':
      return theme.colors.error.main;
    case 'warning':
      return theme.colors.warning.main;
    case 'ok':
      return theme.colors.success.main;
    case 'none':
      return theme.colors.background.secondary;
  }
}

export function levelTextColor(theme: GrafanaTheme2, level: Level): string {
  switch (level) {
    case 'critical':
      return theme.colors.error.text;
    case 'warning':
      return theme.colors.warning.text;
    case 'ok':
      return theme.colors.success.text;
    case 'none':
      return theme.colors.text.secondary;
  }
}

export const LEVEL_NAMES: Record<Level, string> = {
  ok: 'ok',
  warning: 'warning',
  critical: 'critical',
  none: 'no data',
};
