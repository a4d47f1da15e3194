import React, { useState } from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2, useTheme2 } from '@grafana/ui';
import { levelTextColor } from '../common/colors';
import { formatRate } from '../common/format';
import { cellTitle, ratioTitle } from './describe';
import type { FairnessGroup, FairnessSection } from './fairnessModel';
import { InconclusiveMark } from './InconclusiveMark';
import { metricName } from './metrics';
import { Whisker } from './Whisker';

interface Props {
  section: FairnessSection;
  width: number;
  showIntervals: boolean;
  showRatio: boolean;
}

const MIN_METRIC_WIDTH = 110;
const WIDE_METRIC_WIDTH = 220;
const RATIO_WIDTH = 56;

/**
 * Groups × metrics. When the metrics do not fit side by side, one is shown at a time with buttons to step
 * through them, so a narrow panel stays readable instead of squeezing every column.
 */
export function GroupTable({ section, width, showIntervals, showRatio }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const [picked, setPicked] = useState(0);
  const labelWidth = Math.round(Math.min(170, Math.max(80, width * 0.26)));
  const ratioWidth = showRatio && section.metrics.includes('selectionRate') && width >= 420 ? RATIO_WIDTH : 0;
  const available = width - labelWidth - ratioWidth;
  const fitsAll = available / Math.max(1, section.metrics.length) >= MIN_METRIC_WIDTH;
  const index = Math.min(picked, section.metrics.length - 1);
  const shown = fitsAll ? section.metrics : section.metrics.slice(index, index + 1);
  const metricWidth = available / Math.max(1, shown.length);
  const showNumbers = metricWidth >= WIDE_METRIC_WIDTH;
  const template = `${labelWidth}px repeat(${shown.length}, minmax(0, 1fr))${ratioWidth ? ` ${ratioWidth}px` : ''}`;
  const compactMarks = labelWidth < 120;
  const step = (delta: number) => setPicked((index + delta + section.metrics.length) % section.metrics.length);

  const referenceValue = (metric: string) => section.groups.find((g) => g.isReference)?.cells[metric]?.value ?? null;

  const dotColor = (group: FairnessGroup, metric: string) =>
    metric === 'selectionRate' && group.selectionRatioLevel !== 'none' && group.selectionRatioLevel !== 'ok'
      ? levelTextColor(theme, group.selectionRatioLevel)
      : theme.colors.primary.main;

  return (
    <div className={styles.table} role="table" aria-label={`${section.attribute} by group`}>
      <div className={cx(styles.row, styles.head)} role="row" style={{ gridTemplateColumns: template }}>
        <span role="columnheader" className={styles.ellipsis}>
          {section.attribute}
        </span>
        {fitsAll ? (
          shown.map((metric) => (
            <span
              key={metric}
              role="columnheader"
              className={styles.ellipsis}
              data-testid={`fairness-metric-${metric}`}
            >
              {metricName(metric)}
            </span>
          ))
        ) : (
          <span role="columnheader" className={styles.picker} data-testid="fairness-metric-picker">
            <IconButton
              name="angle-left"
              size="sm"
              aria-label="Previous metric"
              tooltip="Previous metric"
              onClick={() => step(-1)}
            />
            <span className={styles.ellipsis} data-testid={`fairness-metric-${shown[0]}`}>
              {metricName(shown[0] ?? '')}
            </span>
            <IconButton
              name="angle-right"
              size="sm"
              aria-label="Next metric"
              tooltip="Next metric"
              onClick={() => step(1)}
            />
          </span>
        )}
        {ratioWidth > 0 && (
          <span role="columnheader" className={styles.number} title={`Selection rate over ${section.referenceGroup}'s`}>
            vs ref
          </span>
        )}
      </div>
      {section.groups.map((group) => (
        <div
          key={group.group}
          role="row"
          className={cx(styles.row, group.inconclusive && styles.inconclusive)}
          style={{ gridTemplateColumns: template }}
          data-testid={`fairness-row-${group.group}`}
          data-reference={group.isReference}
          data-inconclusive={group.inconclusive}
        >
          <span role="rowheader" className={styles.groupCell}>
            <span className={styles.ellipsis} title={group.group}>
              {group.group}
            </span>
            {group.isReference && (
              <span
                className={styles.reference}
                title="Reference group: ratios and differences compare with it"
                data-testid={`fairness-reference-${group.group}`}
              >
                ref
              </span>
            )}
            {group.inconclusive && group.reason && (
              <InconclusiveMark group={group.group} reason={group.reason} compact={compactMarks} />
            )}
          </span>
          {shown.map((metric) => {
            const cell = group.cells[metric];
            if (!cell) {
              return <span key={metric} role="cell" />;
            }
            return (
              <span
                key={metric}
                role="cell"
                className={styles.metricCell}
                title={cellTitle(group.group, metric, cell, section.confidence)}
                data-testid={`fairness-cell-${group.group}-${metric}`}
                data-inconclusive={!cell.eligible}
              >
                <Whisker
                  cell={cell}
                  color={dotColor(group, metric)}
                  reference={group.isReference ? null : referenceValue(metric)}
                  showInterval={showIntervals}
                />
                <span className={cx(styles.value, !cell.eligible && styles.muted)}>
                  {formatRate(cell.value)}
                  {showNumbers && showIntervals && (
                    <span className={styles.interval}>
                      {' '}
                      [{formatRate(cell.lower)}, {formatRate(cell.upper)}]
                    </span>
                  )}
                </span>
              </span>
            );
          })}
          {ratioWidth > 0 && (
            <span
              role="cell"
              className={styles.number}
              style={{ color: levelTextColor(theme, group.selectionRatioLevel) }}
              title={ratioTitle(
                group.group,
                section.referenceGroup,
                group.selectionRatio,
                group.selectionRatioLevel,
                section.thresholds
              )}
              data-testid={`fairness-ratio-${group.group}`}
              data-level={group.selectionRatioLevel}
            >
              {formatRate(group.selectionRatio, 2)}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  row: css({
    display: 'grid',
    columnGap: theme.spacing(1),
    alignItems: 'center',
    minHeight: 24,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  head: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium }),
  inconclusive: css({
    background: `repeating-linear-gradient(135deg, transparent 0 6px, ${theme.colors.action.hover} 6px 8px)`,
  }),
  ellipsis: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }),
  picker: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), minWidth: 0 }),
  groupCell: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), minWidth: 0 }),
  reference: css({
    fontSize: 10,
    padding: '0 4px',
    borderRadius: theme.shape.radius.default,
    border: `1px solid ${theme.colors.border.medium}`,
    color: theme.colors.text.secondary,
    flexShrink: 0,
  }),
  metricCell: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), minWidth: 0 }),
  value: css({ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', flexShrink: 0 }),
  interval: css({ color: theme.colors.text.secondary }),
  muted: css({ color: theme.colors.text.secondary }),
  number: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }),
});
