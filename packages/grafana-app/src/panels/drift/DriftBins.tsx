import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2, useTheme2 } from '@grafana/ui';
import { levelTextColor } from '../common/colors';
import { formatCount, formatNumber, formatPercent } from '../common/format';
import type { DriftBinsModel } from './binsModel';
import { levelText } from './describe';

interface Props {
  /** The selected row's name, used when no bins frame matches it. */
  name: string;
  model?: DriftBinsModel;
  width: number;
  height: number;
  onClose: () => void;
  /** Label of the close button: "Back to heatmap" when the bins replace the heatmap. */
  closeLabel: string;
}

/** Reference and current shares of every bin side by side, with the statistic they give. */
export function DriftBins({ name, model, width, height, onClose, closeLabel }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.root} style={{ width, height }} data-testid="drift-bins" aria-label={`Bins of ${name}`}>
      <BinsHeader name={name} model={model} onClose={onClose} closeLabel={closeLabel} />
      {!model ? (
        <div className={styles.missing} data-testid="drift-bins-missing">
          No bin shares for {name}: add a Modelwatch query of type Drift bins for this feature to the panel.
        </div>
      ) : (
        <BinsBody model={model} showPercents={width >= 240} />
      )}
    </section>
  );
}

function BinsHeader({ name, model, onClose, closeLabel }: Omit<Props, 'width' | 'height'>) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.header}>
      <span className={styles.title} title={name}>
        {name}
      </span>
      {model && (
        <span
          className={styles.value}
          style={{ color: levelTextColor(theme, model.level) }}
          data-testid="drift-bins-value"
          data-level={model.level}
          title={levelText(model.level, model.thresholds)}
        >
          {model.statistic} {formatNumber(model.value)}
        </span>
      )}
      <IconButton
        name="times"
        size="sm"
        tooltip={closeLabel}
        aria-label={closeLabel}
        onClick={onClose}
        data-testid="drift-bins-close"
      />
    </div>
  );
}

function BinsBody({ model, showPercents }: { model: DriftBinsModel; showPercents: boolean }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const reference = theme.colors.text.disabled;
  const current = theme.colors.primary.main;
  // Against last week, the baseline bars are last week's shares, not the reference profile's.
  const baselineName = model.identity.baseline === 'lastWeek' ? 'last week' : 'reference';
  return (
    <>
      <div className={styles.sub} data-testid="drift-bins-summary">
        <span>{levelText(model.level, model.thresholds)}</span>
        {model.count !== null && <span>n = {formatCount(model.count)}</span>}
        {model.window && <span>window {model.window}</span>}
        <span className={styles.key}>
          <span className={styles.swatch} style={{ background: reference }} /> {baselineName}
        </span>
        <span className={styles.key}>
          <span className={styles.swatch} style={{ background: current }} /> current
        </span>
      </div>
      <div className={styles.bins} role="list">
        {model.bins.map((bin, i) => {
          const title = `${bin.label}: ${baselineName} ${formatPercent(bin.reference)}, current ${formatPercent(bin.current)}`;
          return (
            <div key={i} className={styles.bin} role="listitem" title={title} data-testid={`drift-bin-${i}`}>
              <span className={styles.binLabel}>{bin.label}</span>
              <div className={styles.bars}>
                <div
                  className={styles.bar}
                  style={{ width: share(bin.reference, model.maxShare), background: reference }}
                />
                <div
                  className={styles.bar}
                  style={{ width: share(bin.current, model.maxShare), background: current }}
                />
              </div>
              {showPercents && (
                <span className={styles.percents}>
                  {formatPercent(bin.reference)} → {formatPercent(bin.current)}
                </span>
              )}
            </div>
          );
        })}
      </div>
    </>
  );
}

function share(value: number | null, max: number): string {
  return max > 0 && value !== null ? `${(Math.max(0, value) / max) * 100}%` : '0%';
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    overflow: 'hidden',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  header: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), minWidth: 0, flexShrink: 0 }),
  title: css({
    fontWeight: theme.typography.fontWeightMedium,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    flex: '1 1 auto',
    minWidth: 0,
  }),
  value: css({ fontWeight: theme.typography.fontWeightBold, whiteSpace: 'nowrap', flexShrink: 0 }),
  sub: css({
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(1),
    color: theme.colors.text.secondary,
    flexShrink: 0,
  }),
  key: css({ display: 'inline-flex', alignItems: 'center', gap: 3 }),
  swatch: css({ width: 10, height: 10, borderRadius: 2, display: 'inline-block' }),
  missing: css({ color: theme.colors.text.secondary, overflowWrap: 'anywhere', paddingTop: theme.spacing(1) }),
  bins: css({ flex: '1 1 auto', overflowY: 'auto', minHeight: 0, paddingTop: theme.spacing(0.5) }),
  bin: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    minHeight: 18,
    marginBottom: 2,
  }),
  binLabel: css({
    width: '28%',
    maxWidth: 120,
    flexShrink: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    color: theme.colors.text.secondary,
  }),
  bars: css({ flex: '1 1 auto', display: 'flex', flexDirection: 'column', gap: 1, minWidth: 0 }),
  bar: css({ height: 7, borderRadius: 1, minWidth: 1 }),
  percents: css({
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
    flexShrink: 0,
    color: theme.colors.text.secondary,
  }),
});
