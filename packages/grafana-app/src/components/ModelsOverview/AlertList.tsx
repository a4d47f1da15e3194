import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2 } from '@grafana/ui';
import type { ModelOverview } from '../../shared/overview';
import { testIds } from '../testIds';

type Alert = ModelOverview['alerts'][number];

/** One badge per alert name and state; an alert firing for several features or groups shows its count. */
export function AlertList({ alerts }: { alerts: Alert[] }): ReactNode {
  const styles = useStyles2(getStyles);
  const groups = new Map<string, { alert: Alert; count: number }>();
  for (const alert of alerts) {
    const key = `${alert.state} ${alert.name}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
    } else {
      groups.set(key, { alert, count: 1 });
    }
  }
  const sorted = [...groups.values()].sort(
    (a, b) =>
      Number(b.alert.state === 'firing') - Number(a.alert.state === 'firing') ||
      a.alert.name.localeCompare(b.alert.name)
  );
  const firing = alerts.filter((a) => a.state === 'firing').length;
  return (
    <td
      data-testid={testIds.models.cell.alerts}
      data-status={firing > 0 ? 'critical' : alerts.length > 0 ? 'warning' : 'ok'}
      className={styles.cell}
    >
      {sorted.length === 0 ? (
        <span className={styles.none}>none</span>
      ) : (
        <div className={styles.list}>
          {sorted.map(({ alert, count }) => (
            <Badge
              key={`${alert.state} ${alert.name}`}
              color={alert.state === 'firing' ? 'red' : 'orange'}
              icon={alert.state === 'firing' ? 'fire' : 'hourglass'}
              text={`${alert.name}${count > 1 ? ` ×${count}` : ''}${alert.state === 'pending' ? ' (pending)' : ''}`}
              tooltip={alert.severity ? `severity ${alert.severity}` : undefined}
            />
          ))}
        </div>
      )}
    </td>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  cell: css({ padding: theme.spacing(1), verticalAlign: 'top' }),
  list: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) }),
  none: css({ color: theme.colors.text.secondary }),
});
