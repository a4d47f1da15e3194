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

interface Layout {
  template: string;
  /** The metrics shown: all of them, or the one picked when they do not fit side by side. */
  shown: string[];
  fitsAll: boolean;
  ratioWidth: number;
  showNumbers: boolean;
  compactMarks: boolean;
  step: (delta: number) => void;
}

function useLayout(section: FairnessSection, width: number, showRatio: boolean): Layout {
  const [picked, setPicked] = useState(0);
  const labelWidth = Math.round(Math.min(170, Math.max(80, width * 0.26)));
  const ratioWidth = showRatio && section.metrics.includes('selectionRate') && width >= 420 ? RATIO_WIDTH : 0;
  const available = width - labelWidth - ratioWidth;
  const fitsAll = available / Math.max(1, section.metrics.length) >= MIN_METRIC_WIDTH;
  const index = Math.min(picked, section.metrics.length - 1);
  const shown = fitsAll ? section.metrics : section.metrics.slice(index, index + 1);
  const metricWidth = available / Math.max(1, shown.length);
  return {
    template: `${labelWidth}px repeat(${shown.length}, minmax(0, 1fr))${ratioWidth ? ` ${ratioWidth}px` : ''}`,
    shown,
    fitsAll,
    ratioWidth,
    showNumbers: metricWidth >= WIDE_METRIC_WIDTH,
    compactMarks: labelWidth < 120,
    step: (delta: number) => setPicked((index + delta + section.metrics.length) % section.metrics.length),
  };
}

/**
 * Groups × metrics. When the metrics do not fit side by side, one is shown at a time with buttons to step
 * through them, so a narrow panel stays readable instead of squeezing every column.
 */
export function GroupTable({ section, width, showIntervals, showRatio }: Props) {
  const styles = useStyles2(getStyles);
  const layout = useLayout(section, width, showRatio);
  return (
    <div className={styles.table} role="table" aria-label={`${section.attribute} by group`}>
      <HeaderRow section={section} layout={layout} />
      {section.groups.map((group) => (
        <GroupRow key={group.group} section={section} group={group} layout={layout} showIntervals={showIntervals} />
      ))}
    </div>
  );
}

function HeaderRow({ section, layout }: { section: FairnessSection; layout: Layout }) {
  const styles = useStyles2(getStyles);
  const { shown } = layout;
  return (
    <div className={cx(styles.row, styles.head)} role="row" style={{ gridTemplateColumns: layout.template }}>
      <span role="columnheader" className={styles.ellipsis}>
        {section.attribute}
      </span>
      {layout.fitsAll ? (
        shown.map((metric) => (
          <span key={metric} role="columnheader" className={styles.ellipsis} data-testid={`fairness-metric-${metric}`}>
            {metricName(metric)}
          </span>
        ))
      ) : (
        <MetricPicker metric={shown[0]} step={layout.step} />
      )}
      {layout.ratioWidth > 0 && (
        <span role="columnheader" className={styles.number} title={`Selection rate over ${section.referenceGroup}'s`}>
          vs ref
        </span>
      )}
    </div>
  );
}

function MetricPicker({ metric, step }: { metric: string | undefined; step: (delta: number) => void }) {
  const styles = useStyles2(getStyles);
  return (
    <span role="columnheader" className={styles.picker} data-testid="fairness-metric-picker">
      <IconButton
        name="angle-left"
        size="sm"
        aria-label="Previous metric"
        tooltip="Previous metric"
        onClick={() => step(-1)}
      />
      <span className={styles.ellipsis} data-testid={`fairness-metric-${metric}`}>
        {metricName(metric ?? '')}
      </span>
      <IconButton name="angle-right" size="sm" aria-label="Next metric" tooltip="Next metric" onClick={() => step(1)} />
    </span>
  );
}

interface GroupRowProps {
  section: FairnessSection;
  group: FairnessGroup;
  layout: Layout;
  showIntervals: boolean;
}

function GroupRow({ section, group, layout, showIntervals }: GroupRowProps) {
  const styles = useStyles2(getStyles);
  return (
    <div
      role="row"
      className={cx(styles.row, group.inconclusive && styles.inconclusive)}
      style={{ gridTemplateColumns: layout.template }}
      data-testid={`fairness-row-${group.group}`}
      data-reference={group.isReference}
      data-inconclusive={group.inconclusive}
    >
      <GroupNameCell group={group} compact={layout.compactMarks} />
      {layout.shown.map((metric) => (
        <MetricCell
          key={metric}
          section={section}
          group={group}
          metric={metric}
          showIntervals={showIntervals}
          showNumbers={layout.showNumbers}
        />
      ))}
      {layout.ratioWidth > 0 && <RatioCell section={section} group={group} />}
    </div>
  );
}

function GroupNameCell({ group, compact }: { group: FairnessGroup; compact: boolean }) {
  const styles = useStyles2(getStyles);
  return (
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
        <InconclusiveMark group={group.group} reason={group.reason} compact={compact} />
      )}
    </span>
  );
}

interface MetricCellProps {
  section: FairnessSection;
  group: FairnessGroup;
  metric: string;
  showIntervals: boolean;
  showNumbers: boolean;
}

function MetricCell({ section, group, metric, showIntervals, showNumbers }: MetricCellProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const cell = group.cells[metric];
  if (!cell) {
    return <span role="cell" />;
  }
  const dotColor =
    metric === 'selectionRate' && group.selectionRatioLevel !== 'none' && group.selectionRatioLevel !== 'ok'
      ? levelTextColor(theme, group.selectionRatioLevel)
      : theme.colors.primary.main;
  const referenceValue = section.groups.find((g) => g.isReference)?.cells[metric]?.value ?? null;
  return (
    <span
      role="cell"
      className={styles.metricCell}
      title={cellTitle(group.group, metric, cell, section.confidence)}
      data-testid={`fairness-cell-${group.group}-${metric}`}
      data-inconclusive={!cell.eligible}
    >
      <Whisker
        cell={cell}
        color={dotColor}
        reference={group.isReference ? null : referenceValue}
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
}

function RatioCell({ section, group }: { section: FairnessSection; group: FairnessGroup }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  return (
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
