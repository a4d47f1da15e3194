import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { levelColor, levelTextColor } from '../common/colors';
import { formatNumber, formatPercent } from '../common/format';
import type { SloBudget } from './sloModel';

interface Props {
  budget: SloBudget;
  period: string;
  showExhaustion: boolean;
}

/**
 * The share of the period's error budget left as a bar. An overspent budget fills the track in the critical
 * colour with hatching, and the number stays negative: how far over it is matters.
 */
export function BudgetGauge({ budget, period, showExhaustion }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const { remaining, level } = budget;
  const overspent = remaining !== null && remaining < 0;
  const fill = remaining === null ? 0 : overspent ? 1 : Math.min(1, remaining);
  const color = levelColor(theme, level);
  return (
    <div className={styles.root}>
      <div className={styles.line}>
        <span className={styles.label}>Error budget left{period ? ` (${period})` : ''}</span>
        <strong
          className={styles.value}
          style={{ color: levelTextColor(theme, level) }}
          data-testid="slo-budget"
          data-level={level}
        >
          {formatPercent(remaining)}
          {overspent && <span className={styles.note}> overspent</span>}
        </strong>
      </div>
      <div
        className={styles.track}
        role="meter"
        aria-label="Error budget left"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={remaining === null ? undefined : Math.round(remaining * 1000) / 10}
        data-testid="slo-budget-bar"
      >
        <div
          className={styles.fill}
          style={{
            width: `${fill * 100}%`,
            background: overspent
              ? `repeating-linear-gradient(135deg, ${color} 0 6px, ${theme.colors.background.primary} 6px 8px)`
              : color,
          }}
        />
      </div>
      {showExhaustion && (
        <div className={styles.line}>
          <span className={styles.label}>
            Burn rate <span data-testid="slo-burn-rate">{formatNumber(budget.burnRate)}×</span>
          </span>
          <span className={styles.label}>
            {budget.exhaustion === 'not burning' || budget.exhaustion === 'exhausted' || budget.exhaustion === 'no data'
              ? ''
              : 'exhausted in '}
            <strong data-testid="slo-exhaustion" style={{ color: levelTextColor(theme, level) }}>
              {budget.exhaustion}
            </strong>
          </span>
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 }),
  line: css({
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    minWidth: 0,
    whiteSpace: 'nowrap',
  }),
  label: css({
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  value: css({ fontSize: theme.typography.h4.fontSize, fontVariantNumeric: 'tabular-nums', flexShrink: 0 }),
  note: css({ fontSize: theme.typography.bodySmall.fontSize, fontWeight: theme.typography.fontWeightRegular }),
  track: css({
    height: 10,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    overflow: 'hidden',
  }),
  fill: css({ height: '100%' }),
});
