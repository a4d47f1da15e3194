import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { config } from '@grafana/runtime';
import { LinkButton, useStyles2, useTheme2 } from '@grafana/ui';
import type { ModelOverview } from '../../shared/overview';
import { formatNumber, formatPercent, formatRate } from '../../utils/format';
import { modelDashboardUrl } from '../../utils/routing';
import { testIds } from '../testIds';
import { AlertList } from './AlertList';
import { StatusCell } from './StatusCell';
import { byModelAndVersion, modelStatus } from './status';

const { cell } = testIds.models;

/** Every model version in one row: traffic, the four statuses with their key numbers, alerts, a link to details. */
export function ModelsTable({ models }: { models: ModelOverview[] }): ReactNode {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table} data-testid={testIds.models.table}>
      <thead>
        <tr>
          <th>Model</th>
          <th>Version</th>
          <th>Traffic</th>
          <th>Drift</th>
          <th>Performance</th>
          <th>Fairness</th>
          <th>SLO</th>
          <th>Alerts</th>
          <th aria-label="Details" />
        </tr>
      </thead>
      <tbody>
        {[...models].sort(byModelAndVersion).map((m) => (
          <ModelRow key={`${m.model}\u0000${m.version}`} model={m} />
        ))}
      </tbody>
    </table>
  );
}

/** The colour of the row's left edge: its worst status. */
function edgeColor(theme: GrafanaTheme2, status: ReturnType<typeof modelStatus>): string {
  return status === 'critical'
    ? theme.colors.error.main
    : status === 'warning'
      ? theme.colors.warning.main
      : status === 'ok'
        ? theme.colors.success.main
        : theme.colors.border.medium;
}

function ModelRow({ model: m }: { model: ModelOverview }): ReactNode {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const status = modelStatus(m);
  const url = `${config.appSubUrl ?? ''}${modelDashboardUrl(m.model, m.version)}`;
  return (
    <tr
      data-testid={testIds.models.row}
      data-model={m.model}
      data-version={m.version}
      data-status={status}
      className={styles.row}
    >
      <td className={styles.name} style={{ borderLeftColor: edgeColor(theme, status) }}>
        <a href={url} className={styles.link}>
          {m.model}
        </a>
      </td>
      <td className={styles.plain}>{m.version}</td>
      <td data-testid={cell.traffic} className={styles.plain}>
        <div className={styles.number}>{formatRate(m.predictionRate)}</div>
        <div className={styles.detail}>errors {formatPercent(m.errorRatio, 2)}</div>
      </td>
      <StatusCells model={m} />
      <AlertList alerts={m.alerts} />
      <td className={styles.plain}>
        <LinkButton data-testid={testIds.models.details} href={url} size="sm" variant="secondary" icon="arrow-right">
          Details
        </LinkButton>
      </td>
    </tr>
  );
}

/**
 * A classifier's realized against estimated F1 (or accuracy); a regression model's MAE with its RMSE, MAPE and
 * bias (signed: + over-predicts), which have no label-free estimate.
 */
function performanceText(p: ModelOverview['performance']): { value: string; detail: string } {
  if (p.regression) {
    const { mae, rmse, mape, bias } = p.regression;
    const sign = bias > 0 ? '+' : '';
    return {
      value: `MAE ${formatNumber(mae)}`,
      detail: `RMSE ${formatNumber(rmse)} · MAPE ${formatPercent(mape)} · bias ${sign}${formatNumber(bias)}`,
    };
  }
  return {
    value: `${p.metric === 'f1' ? 'F1' : 'accuracy'} ${formatNumber(p.realized)}`,
    detail: `estimated ${formatNumber(p.estimated)}`,
  };
}

/** The worst feature, and the explanation nDCG of models that record attributions. */
function driftDetail(d: ModelOverview['drift']): string | undefined {
  if (d.explanationNdcg === undefined) {
    return d.worstFeature;
  }
  const ndcg = `explanation nDCG ${formatNumber(d.explanationNdcg)}`;
  return d.worstFeature ? `${d.worstFeature} · ${ndcg}` : ndcg;
}

/** Drift, performance, fairness and SLO: each status with its key number. */
function StatusCells({ model: m }: { model: ModelOverview }): ReactNode {
  return (
    <>
      <StatusCell
        testId={cell.drift}
        status={m.drift.status}
        value={`PSI ${formatNumber(m.drift.worstPsi)}`}
        detail={driftDetail(m.drift)}
      />
      <StatusCell testId={cell.performance} status={m.performance.status} {...performanceText(m.performance)} />
      <StatusCell
        testId={cell.fairness}
        status={m.fairness.status}
        value={`DI ${formatNumber(m.fairness.disparateImpact)}`}
        detail={m.fairness.attribute}
      />
      <StatusCell
        testId={cell.slo}
        status={m.slo.status}
        value={`budget ${formatPercent(m.slo.budgetRemaining)}`}
        detail={m.slo.budgetRemaining <= 0 ? 'error budget spent' : 'error budget left'}
      />
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': { textAlign: 'left' },
    th: {
      padding: theme.spacing(1),
      color: theme.colors.text.secondary,
      fontWeight: theme.typography.fontWeightMedium,
      borderBottom: `1px solid ${theme.colors.border.medium}`,
      whiteSpace: 'nowrap',
    },
  }),
  row: css({
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    '&:hover': { background: theme.colors.action.hover },
  }),
  name: css({
    padding: theme.spacing(1),
    verticalAlign: 'top',
    borderLeft: '4px solid transparent',
    fontWeight: theme.typography.fontWeightMedium,
    whiteSpace: 'nowrap',
  }),
  link: css({ color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } }),
  plain: css({ padding: theme.spacing(1), verticalAlign: 'top', whiteSpace: 'nowrap' }),
  number: css({ fontVariantNumeric: 'tabular-nums' }),
  detail: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    marginTop: theme.spacing(0.5),
  }),
});
