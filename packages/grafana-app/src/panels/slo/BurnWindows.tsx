import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { levelTextColor } from '../common/colors';
import { formatNumber } from '../common/format';
import type { BurnWindowRow, WindowState } from './sloModel';

interface Props {
  windows: BurnWindowRow[];
  width: number;
}

const rate = (value: number | null) => (value === null ? formatNumber(value) : `${formatNumber(value)}×`);

/** One row per multiwindow alert: both burn rates against the pair's threshold, and whether the alert fires. */
export function BurnWindows({ windows, width }: Props) {
  const styles = useStyles2(getStyles);
  const showSeverity = width >= 360;
  const template = `${showSeverity ? '52px ' : ''}minmax(56px, 1fr) repeat(3, minmax(40px, 1fr)) 64px`;
  return (
    <div className={styles.table} role="table" aria-label="Burn rates">
      <HeaderRow template={template} showSeverity={showSeverity} />
      {windows.map((w) => (
        <WindowRow key={`${w.long}-${w.short}`} window={w} template={template} showSeverity={showSeverity} />
      ))}
    </div>
  );
}

interface RowProps {
  template: string;
  showSeverity: boolean;
}

function HeaderRow({ template, showSeverity }: RowProps) {
  const styles = useStyles2(getStyles);
  return (
    <div role="row" className={cx(styles.row, styles.head)} style={{ gridTemplateColumns: template }}>
      {showSeverity && <span role="columnheader">severity</span>}
      <span role="columnheader">windows</span>
      <span role="columnheader" className={styles.number} title="Burn-rate threshold of the pair">
        {showSeverity ? 'threshold' : 'limit'}
      </span>
      <span role="columnheader" className={styles.number}>
        long
      </span>
      <span role="columnheader" className={styles.number}>
        short
      </span>
      <span role="columnheader" className={styles.number}>
        alert
      </span>
    </div>
  );
}

function WindowRow({ window: w, template, showSeverity }: RowProps & { window: BurnWindowRow }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const stateColor = (state: WindowState) =>
    levelTextColor(theme, state === 'firing' ? 'critical' : state === 'ok' ? 'ok' : 'none');
  const rateColor = (above: boolean) => (above ? theme.colors.error.text : theme.colors.text.primary);
  return (
    <div
      role="row"
      className={styles.row}
      style={{ gridTemplateColumns: template }}
      data-testid={`slo-window-${w.long}-${w.short}`}
      data-state={w.state}
      title={`${w.severity}: fires when the ${w.long} and the ${w.short} burn rates both exceed ${formatNumber(w.threshold)}×`}
    >
      {showSeverity && <span role="cell">{w.severity}</span>}
      <span role="cell" className={styles.ellipsis}>
        {w.long} / {w.short}
      </span>
      <span role="cell" className={styles.number} data-testid="slo-window-threshold">
        {rate(w.threshold)}
      </span>
      <span
        role="cell"
        className={styles.number}
        style={{ color: rateColor(w.longAbove) }}
        data-testid="slo-window-long"
        data-above={w.longAbove}
      >
        {rate(w.longBurnRate)}
      </span>
      <span
        role="cell"
        className={styles.number}
        style={{ color: rateColor(w.shortAbove) }}
        data-testid="slo-window-short"
        data-above={w.shortAbove}
      >
        {rate(w.shortBurnRate)}
      </span>
      <span
        role="cell"
        className={cx(styles.number, w.state === 'firing' && styles.firing)}
        style={{ color: stateColor(w.state) }}
        data-testid="slo-window-state"
      >
        {w.state}
      </span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  row: css({
    display: 'grid',
    columnGap: theme.spacing(0.5),
    alignItems: 'center',
    minHeight: 20,
    fontSize: theme.typography.bodySmall.fontSize,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  head: css({ color: theme.colors.text.secondary }),
  number: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', overflow: 'hidden' }),
  ellipsis: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  firing: css({ fontWeight: theme.typography.fontWeightBold, textTransform: 'uppercase' }),
});
