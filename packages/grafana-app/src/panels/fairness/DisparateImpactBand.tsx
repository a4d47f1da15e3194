import React from 'react';
import { css } from '@emotion/css';
import { colorManipulator, type GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { levelColor, levelTextColor } from '../common/colors';
import { formatNumber, formatRate } from '../common/format';
import { disparateImpactVerdict, policyName } from './describe';
import type { FairnessSection } from './fairnessModel';

interface Props {
  section: FairnessSection;
  compact: boolean;
}

const percent = (value: number) => `${Math.min(1, Math.max(0, value)) * 100}%`;

/**
 * Disparate impact on its 0–1 scale: the zones below the critical level and below the policy line, the policy
 * line itself, and a marker at the value.
 */
export function DisparateImpactBand({ section, compact }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const line = section.thresholds.warning;
  const di = section.disparateImpact;
  return (
    <div className={styles.root} data-testid="fairness-band">
      <div className={styles.label}>
        <span>Disparate impact</span>{' '}
        <strong
          style={{ color: levelTextColor(theme, section.level) }}
          data-testid="fairness-di"
          data-level={section.level}
        >
          {formatRate(di)}
        </strong>{' '}
        {!compact && <span className={styles.verdict}>{disparateImpactVerdict(section)}</span>}
      </div>
      <Track section={section} />
      {!compact && (
        <div className={styles.scale}>
          <span>0</span>
          {line !== undefined && (
            <span className={styles.lineLabel} style={{ left: percent(line) }}>
              {formatNumber(line)}
            </span>
          )}
          <span>1</span>
        </div>
      )}
    </div>
  );
}

function Track({ section }: { section: FairnessSection }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const { warning: line, critical } = section.thresholds;
  const di = section.disparateImpact;
  return (
    <div className={styles.track} title={`Disparate impact ${formatRate(di)}: ${disparateImpactVerdict(section)}`}>
      {critical !== undefined && (
        <Zone from={0} to={critical} color={theme.colors.error.main} testId="fairness-zone-critical" />
      )}
      {line !== undefined && (
        <Zone from={critical ?? 0} to={line} color={theme.colors.warning.main} testId="fairness-zone-warning" />
      )}
      <Zone from={line ?? critical ?? 0} to={1} color={theme.colors.success.main} testId="fairness-zone-ok" />
      {line !== undefined && (
        <div
          className={styles.line}
          style={{ left: percent(line) }}
          data-testid="fairness-policy-line"
          data-value={line}
          title={policyName(line)}
        />
      )}
      {critical !== undefined && (
        <div
          className={styles.line}
          style={{ left: percent(critical), borderColor: theme.colors.error.main }}
          data-testid="fairness-critical-line"
          data-value={critical}
          title={`critical level ${formatNumber(critical)}`}
        />
      )}
      {di !== null && (
        <div className={styles.marker} style={{ left: percent(di), background: levelColor(theme, section.level) }} />
      )}
    </div>
  );
}

function Zone({ from, to, color, testId }: { from: number; to: number; color: string; testId: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div
      className={styles.zone}
      data-testid={testId}
      style={{ left: percent(from), width: percent(to - from), background: colorManipulator.alpha(color, 0.25) }}
    />
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ marginBottom: theme.spacing(1), minWidth: 0 }),
  label: css({
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  verdict: css({ color: theme.colors.text.secondary }),
  track: css({
    position: 'relative',
    height: 12,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
    marginTop: 2,
  }),
  zone: css({ position: 'absolute', top: 0, bottom: 0 }),
  line: css({
    position: 'absolute',
    top: -2,
    bottom: -2,
    width: 0,
    borderLeft: `2px dashed ${theme.colors.text.primary}`,
    transform: 'translateX(-1px)',
  }),
  marker: css({
    position: 'absolute',
    top: -3,
    bottom: -3,
    width: 6,
    borderRadius: 2,
    transform: 'translateX(-3px)',
    boxShadow: `0 0 0 1px ${theme.colors.background.primary}`,
  }),
  scale: css({
    position: 'relative',
    display: 'flex',
    justifyContent: 'space-between',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    height: 16,
  }),
  lineLabel: css({ position: 'absolute', transform: 'translateX(-50%)' }),
});
