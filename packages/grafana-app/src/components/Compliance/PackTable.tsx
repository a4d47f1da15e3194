import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2 } from '@grafana/ui';
import type { ComplianceTable } from '../../shared/compliance';
import { formatNumber, formatPercent, NOT_AVAILABLE } from '../../utils/format';
import { testIds } from '../testIds';
import { COMPLIANCE_LOOK } from './status';

const count = (n: number): string => (Number.isFinite(n) ? String(Math.round(n)) : NOT_AVAILABLE);

/** Where the threshold comes from: the law's own pass level, or the organisation's policy where the law sets none. */
export function thresholdNote(t: ComplianceTable): string {
  return t.thresholdSource === 'organisation'
    ? `Threshold ${t.threshold}: the organisation's policy; the law sets no pass level and requires the impact ratios to be reported.`
    : `Threshold ${t.threshold}: the pass level the rule sets.`;
}

/** One pack's table on one attribute or intersection, as `modelwatch audit` prints it, with its status. */
export function PackTable({ table: t }: { table: ComplianceTable }): ReactNode {
  const styles = useStyles2(getStyles);
  const look = COMPLIANCE_LOOK[t.status];
  const tests = t.categories.some((c) => c.test !== null);
  return (
    <section
      className={styles.section}
      data-testid={testIds.compliance.table}
      data-policy={t.policy}
      data-threshold={t.threshold}
      data-exclude-below={t.excludeBelow}
      data-min-group-size={t.minGroupSize}
      data-attribute={t.attribute}
      data-rate-kind={t.rate}
      data-status={t.status}
    >
      <div className={styles.heading}>
        <Badge color={look.color} text={look.label} />
        <strong>{t.attribute}</strong>
        <span className={styles.muted}>
          {t.intersection ? 'intersection' : 'attribute'}
          {t.rate === 'scoring' ? ', scoring rate (scores above the reference median score)' : ''}
        </span>
      </div>
      <div className={styles.muted}>
        {count(t.rows)} {t.rate === 'scoring' ? 'scored predictions' : 'predictions'}, {count(t.unknown)} with an
        unknown category
        {t.excludeBelow > 0 ? `; categories under ${formatPercent(t.excludeBelow)} of the rows are excluded` : ''}
        {`; ratios judged on at least ${t.minGroupSize} predictions per category`}.
      </div>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Category</th>
            <th data-numeric>{t.rate === 'scoring' ? 'Scored' : 'Predictions'}</th>
            <th data-numeric>{t.rate === 'scoring' ? 'Above median' : 'Selected'}</th>
            <th data-numeric>{t.rate === 'scoring' ? 'Scoring rate' : 'Selection rate'}</th>
            <th data-numeric>Share</th>
            <th data-numeric>Impact ratio</th>
            {tests && <th data-numeric>p-value</th>}
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {t.categories.map((c) => (
            <tr
              key={c.name}
              data-testid={testIds.compliance.row}
              data-category={c.name}
              data-status={c.status}
              data-count={c.count}
              data-rate={c.rate}
              data-impact-ratio={c.impactRatio ?? ''}
              data-alert={c.alert ?? ''}
            >
              <td>{c.name}</td>
              <td data-numeric>{count(c.count)}</td>
              <td data-numeric>{count(c.selected)}</td>
              <td data-numeric>{formatNumber(c.rate)}</td>
              <td data-numeric>{formatPercent(c.share)}</td>
              <td data-numeric>{c.impactRatio === null ? NOT_AVAILABLE : formatNumber(c.impactRatio)}</td>
              {tests && (
                <td data-numeric>
                  {c.test === null ? NOT_AVAILABLE : `${formatNumber(c.test.pValue, 4)} (${c.test.test})`}
                </td>
              )}
              <td>
                <Badge color={COMPLIANCE_LOOK[c.status].color} text={COMPLIANCE_LOOK[c.status].label} />{' '}
                {c.alert !== undefined && (
                  <Badge
                    color={c.alert === 'firing' ? 'red' : 'orange'}
                    icon="bell"
                    text={c.alert === 'firing' ? 'Alert firing' : 'Alert pending'}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginBottom: theme.spacing(2) }),
  heading: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), marginBottom: theme.spacing(0.5) }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  table: css({
    width: '100%',
    marginTop: theme.spacing(1),
    borderCollapse: 'collapse',
    'th, td': { padding: theme.spacing(0.5, 1), borderBottom: `1px solid ${theme.colors.border.weak}` },
    th: { textAlign: 'left', color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
    '[data-numeric]': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  }),
});
