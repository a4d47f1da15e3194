import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { FairnessCell } from './fairnessModel';

interface Props {
  cell: FairnessCell;
  color: string;
  /** The reference group's value of the same metric, drawn as a faint line to compare against. */
  reference: number | null;
  showInterval: boolean;
}

const percent = (value: number) => `${Math.min(1, Math.max(0, value)) * 100}%`;

/** A rate on a 0–1 track: its confidence interval as a whisker and the value as a dot; hollow when inconclusive. */
export function Whisker({ cell, color, reference, showInterval }: Props) {
  const styles = useStyles2(getStyles);
  const { value, lower, upper } = cell;
  return (
    <div className={styles.track} aria-hidden>
      {reference !== null && <div className={styles.reference} style={{ left: percent(reference) }} />}
      {showInterval && lower !== null && upper !== null && (
        <div
          className={cx(styles.interval, !cell.eligible && styles.dashed)}
          style={{ left: percent(lower), width: percent(upper - lower), color }}
        />
      )}
      {value !== null && (
        <div
          className={styles.dot}
          style={{ left: percent(value), ...(cell.eligible ? { background: color } : { borderColor: color }) }}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  track: css({
    position: 'relative',
    height: 12,
    flex: '1 1 auto',
    minWidth: 24,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  reference: css({
    position: 'absolute',
    top: 0,
    bottom: 0,
    borderLeft: `1px dotted ${theme.colors.text.secondary}`,
  }),
  interval: css({
    position: 'absolute',
    top: 2,
    height: 8,
    boxSizing: 'border-box',
    borderLeft: '2px solid currentColor',
    borderRight: '2px solid currentColor',
    // The horizontal stroke of the whisker.
    background: 'linear-gradient(currentColor, currentColor) center / 100% 2px no-repeat',
  }),
  dashed: css({ borderStyle: 'dashed', opacity: 0.7 }),
  dot: css({
    position: 'absolute',
    top: 2,
    width: 8,
    height: 8,
    borderRadius: '50%',
    transform: 'translateX(-4px)',
    border: '2px solid transparent',
    boxSizing: 'border-box',
  }),
});
