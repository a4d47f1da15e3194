import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { ModelOverview } from '../../shared/overview';
import { testIds } from '../testIds';
import { modelStatus } from './status';

/** One line above the table: how many versions need attention. */
export function OverviewSummary({ models }: { models: ModelOverview[] }): ReactNode {
  const styles = useStyles2(getStyles);
  const statuses = models.map(modelStatus);
  const critical = statuses.filter((s) => s === 'critical').length;
  const warning = statuses.filter((s) => s === 'warning').length;
  const firing = models.reduce((n, m) => n + m.alerts.filter((a) => a.state === 'firing').length, 0);
  return (
    <div className={styles.summary} data-testid={testIds.models.summary}>
      <span>
        {models.length} model {models.length === 1 ? 'version' : 'versions'}
      </span>
      <span className={critical > 0 ? styles.critical : styles.quiet}>{critical} critical</span>
      <span className={warning > 0 ? styles.warning : styles.quiet}>{warning} warning</span>
      <span className={firing > 0 ? styles.critical : styles.quiet}>
        {firing} firing {firing === 1 ? 'alert' : 'alerts'}
      </span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  summary: css({ display: 'flex', gap: theme.spacing(2), margin: theme.spacing(1, 0, 2) }),
  critical: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
  warning: css({ color: theme.colors.warning.text, fontWeight: theme.typography.fontWeightMedium }),
  quiet: css({ color: theme.colors.text.secondary }),
});
