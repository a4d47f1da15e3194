import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2 } from '@grafana/ui';
import type { Status } from '../../shared/overview';
import { STATUS_LOOK } from './status';

interface Props {
  testId: string;
  status: Status;
  /** The key number, e.g. "PSI 0.251". */
  value: string;
  /** What the number is about, e.g. the feature. */
  detail?: string;
}

export function StatusCell({ testId, status, value, detail }: Props): ReactNode {
  const styles = useStyles2(getStyles);
  const look = STATUS_LOOK[status];
  return (
    <td data-testid={testId} data-status={status} className={styles.cell}>
      <div className={styles.line}>
        <Badge color={look.color} text={look.label} />
        <span className={styles.value}>{value}</span>
      </div>
      {detail !== undefined && <div className={styles.detail}>{detail}</div>}
    </td>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  cell: css({ padding: theme.spacing(1), verticalAlign: 'top' }),
  line: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), whiteSpace: 'nowrap' }),
  value: css({ fontVariantNumeric: 'tabular-nums' }),
  detail: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    marginTop: theme.spacing(0.5),
  }),
});
