import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';

interface Props {
  group: string;
  reason: string;
  compact: boolean;
}

/** Marks a group too small to judge; hovering or focusing it says why. */
export function InconclusiveMark({ group, reason, compact }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <Tooltip content={reason} placement="top">
      <span className={styles.mark} tabIndex={0} aria-label={reason} data-testid={`fairness-inconclusive-${group}`}>
        <Icon name="info-circle" size="xs" />
        {!compact && ' inconclusive'}
      </span>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  mark: css({
    color: theme.colors.warning.text,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    cursor: 'help',
    flexShrink: 0,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}` },
  }),
});
