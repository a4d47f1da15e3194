import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { levelColor, levelTextColor } from '../common/colors';
import { formatNumber } from '../common/format';
import { axisTimeFormat, formatTime } from '../common/time';
import { cellTitle, levelText, rowName } from './describe';
import type { DriftHeatmapModel, DriftRow } from './heatmapModel';

interface Props {
  model: DriftHeatmapModel;
  width: number;
  height: number;
  labelWidth: number;
  latestWidth: number;
  rowHeight: number;
  showTimeAxis: boolean;
  timeZone?: string;
  selectedKey?: string;
  /** Undefined when selection is switched off in the options. */
  onSelect?: (key: string) => void;
}

/** Features × time: one row per series, one coloured cell per column; the row's name selects it. */
export function DriftHeatmap(props: Props) {
  const { model, width, height, labelWidth, latestWidth, showTimeAxis, timeZone } = props;
  const styles = useStyles2(getStyles);
  const columns = model.columns.length;
  const template = `${labelWidth}px repeat(${Math.max(1, columns)}, minmax(0, 1fr))${latestWidth ? ` ${latestWidth}px` : ''}`;
  const first = model.columns[0];
  const last = model.columns[columns - 1];
  const format = first && last ? axisTimeFormat(first.start, last.end) : 'HH:mm';

  return (
    <div className={styles.root} style={{ width, height }} data-testid="drift-heatmap">
      <div className={styles.scroll} role="list" aria-label={`${model.statistic} by feature over time`}>
        {model.rows.map((row) => (
          <HeatmapRow key={row.key} {...props} row={row} template={template} />
        ))}
      </div>
      {showTimeAxis && first && last && (
        <div
          className={styles.axis}
          style={{ paddingLeft: labelWidth, paddingRight: latestWidth }}
          data-testid="drift-time-axis"
        >
          <span>{formatTime(first.start, timeZone, format)}</span>
          <span>{formatTime(last.end, timeZone, format)}</span>
        </div>
      )}
    </div>
  );
}

type RowProps = Pick<Props, 'model' | 'latestWidth' | 'rowHeight' | 'timeZone' | 'selectedKey' | 'onSelect'> & {
  row: DriftRow;
  template: string;
};

function HeatmapRow({ model, row, template, latestWidth, rowHeight, timeZone, selectedKey, onSelect }: RowProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const selected = row.key === selectedKey;
  const name = rowName(row);
  return (
    <div
      role="listitem"
      className={styles.row}
      style={{ gridTemplateColumns: template, height: rowHeight }}
      data-testid={`drift-row-${row.key}`}
      data-selected={selected}
    >
      <RowLabel row={row} name={name} selected={selected} onSelect={onSelect} />
      {row.cells.map((cell, i) => (
        <div
          key={i}
          className={cx(styles.cell, onSelect && styles.clickable)}
          style={{ background: levelColor(theme, cell.level) }}
          title={cellTitle(row, model.columns[i]!, cell, timeZone)}
          data-testid={`drift-cell-${row.key}-${i}`}
          data-level={cell.level}
          onClick={onSelect ? () => onSelect(row.key) : undefined}
        />
      ))}
      {latestWidth > 0 && (
        <span
          className={styles.latest}
          style={{ color: levelTextColor(theme, row.latestLevel) }}
          title={`${name}: latest ${row.statistic} ${formatNumber(row.latest)} · ${levelText(row.latestLevel, row.thresholds)}`}
          data-testid={`drift-latest-${row.key}`}
          data-level={row.latestLevel}
        >
          {formatNumber(row.latest)}
        </span>
      )}
    </div>
  );
}

interface RowLabelProps {
  row: DriftRow;
  name: string;
  selected: boolean;
  onSelect?: (key: string) => void;
}

/** A button that selects the row when selection is on, plain text otherwise. */
function RowLabel({ row, name, selected, onSelect }: RowLabelProps) {
  const styles = useStyles2(getStyles);
  if (!onSelect) {
    return (
      <span className={styles.label} title={name}>
        {name}
      </span>
    );
  }
  return (
    <button
      type="button"
      className={cx(styles.label, styles.button, selected && styles.selected)}
      onClick={() => onSelect(row.key)}
      aria-pressed={selected}
      title={`${name}: show reference vs current bins`}
      data-testid={`drift-select-${row.key}`}
    >
      {name}
    </button>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', minWidth: 0, overflow: 'hidden' }),
  // Shrinks to its rows so the time axis sits right under them; scrolls when they do not fit.
  scroll: css({ flex: '0 1 auto', overflowY: 'auto', overflowX: 'hidden', minHeight: 0 }),
  row: css({ display: 'grid', columnGap: 1, alignItems: 'stretch', paddingBottom: 1 }),
  label: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.primary,
    textAlign: 'left',
    paddingRight: theme.spacing(0.5),
    alignSelf: 'center',
  }),
  button: css({
    background: 'none',
    border: 'none',
    padding: `0 ${theme.spacing(0.5)} 0 0`,
    cursor: 'pointer',
    '&:hover': { color: theme.colors.text.link },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  selected: css({ fontWeight: theme.typography.fontWeightBold, color: theme.colors.text.link }),
  cell: css({ minWidth: 0, borderRadius: 1 }),
  clickable: css({ cursor: 'pointer' }),
  latest: css({
    fontSize: theme.typography.bodySmall.fontSize,
    fontVariantNumeric: 'tabular-nums',
    textAlign: 'right',
    alignSelf: 'center',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  }),
  axis: css({
    display: 'flex',
    justifyContent: 'space-between',
    height: 16,
    flexShrink: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  }),
});
