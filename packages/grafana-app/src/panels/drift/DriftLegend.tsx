import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { LEVEL_NAMES, levelColor } from '../common/colors';
import { formatNumber } from '../common/format';
import type { Level, Thresholds } from '../common/levels';

interface Props {
  statistic: string;
  /** Undefined when features use different levels: the legend then names the levels without numbers. */
  thresholds?: Thresholds;
  compact: boolean;
}

interface Item {
  level: Level;
  text: string;
}

/** The legend's entries; a warning equal to the critical level (a single migrated threshold) is left out. */
function legendItems(thresholds: Thresholds | undefined, compact: boolean): Item[] {
  if (!thresholds) {
    return [
      { level: 'ok', text: 'ok' },
      { level: 'warning', text: compact ? 'warn' : 'warning' },
      { level: 'critical', text: compact ? 'crit' : 'critical' },
      { level: 'none', text: compact ? 'none' : 'no data' },
    ];
  }
  const { warning, critical } = thresholds;
  const lowest = warning ?? critical;
  const items: Item[] = [];
  items.push({ level: 'ok', text: lowest === undefined ? 'ok' : `< ${formatNumber(lowest)}` });
  if (warning !== undefined && warning !== critical) {
    items.push({ level: 'warning', text: `≥ ${formatNumber(warning)}` });
  }
  if (critical !== undefined) {
    items.push({ level: 'critical', text: `≥ ${formatNumber(critical)}` });
  }
  items.push({ level: 'none', text: compact ? 'none' : 'no data' });
  return items;
}

export function DriftLegend({ statistic, thresholds, compact }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.legend} data-testid="drift-legend" aria-label={`${statistic} legend`}>
      <span className={styles.statistic} data-testid="drift-statistic">
        {statistic}
      </span>
      {!thresholds && !compact && <span className={styles.note}>levels per feature</span>}
      {legendItems(thresholds, compact).map((item) => (
        <span
          key={item.level}
          className={styles.item}
          data-testid={`drift-legend-${item.level}`}
          title={LEVEL_NAMES[item.level]}
        >
          <span className={styles.swatch} style={{ background: levelColor(theme, item.level) }} />
          {item.text}
        </span>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    minWidth: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
  }),
  statistic: css({
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    flexShrink: 1,
    minWidth: 24,
  }),
  note: css({ fontStyle: 'italic' }),
  item: css({ display: 'inline-flex', alignItems: 'center', gap: 3, flexShrink: 0 }),
  swatch: css({
    width: 10,
    height: 10,
    borderRadius: 2,
    border: `1px solid ${theme.colors.border.weak}`,
    display: 'inline-block',
  }),
});
