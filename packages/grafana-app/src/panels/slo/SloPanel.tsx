import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { FRAME_KIND, framesOfKind } from '../../shared/frames';
import { PanelMessage, PanelNotice } from '../common/PanelMessage';
import { panelStatus } from '../common/panelStatus';
import { BudgetGauge } from './BudgetGauge';
import { BurnWindows } from './BurnWindows';
import type { SloOptions } from './options';
import { formatObjective, toSloModel } from './sloModel';

const WORDING = {
  loading: 'Loading SLO burn rates…',
  empty: 'No Modelwatch SLO data: choose the Modelwatch datasource and the SLO query type.',
};

const PADDING = 8;
const SCROLLBAR = 12;
/** From this width the budget and the windows sit side by side. */
const SIDE_BY_SIDE = 560;

export function SloPanel({ data, width, height, options }: PanelProps<SloOptions>) {
  const styles = useStyles2(getStyles);
  const usable =
    framesOfKind(data.series, FRAME_KIND.sloWindows).length + framesOfKind(data.series, FRAME_KIND.sloBudget).length;
  const status = panelStatus(data, usable, WORDING);
  if (status.kind !== 'ready') {
    return (
      <PanelMessage kind={status.kind} message={status.message} testIdPrefix="slo" width={width} height={height} />
    );
  }
  const model = toSloModel(data.series, options);
  const inner = Math.max(0, width - 2 * PADDING - SCROLLBAR);
  const side = width >= SIDE_BY_SIDE && options.showBudget && options.showWindows;
  const budgetWidth = side ? Math.floor(inner * 0.4) : inner;
  const windowsWidth = side ? inner - budgetWidth - PADDING : inner;

  return (
    <div className={styles.root} style={{ width, height }} data-testid="slo-panel">
      {status.notice && <PanelNotice message={status.notice} testId="slo-error" />}
      {model.sections.map((section) => (
        <section
          key={section.key}
          className={styles.section}
          data-testid={`slo-${section.key}`}
          data-firing={section.firing}
        >
          <div className={styles.header}>
            <strong>{[section.title, ...section.tags].join(' · ')}</strong>
            <span className={styles.objective}>
              {formatObjective(section.objective)}
              {section.period ? ` over ${section.period}` : ''}
            </span>
          </div>
          <div className={side ? styles.side : styles.stack}>
            {options.showBudget && (
              <div style={{ width: budgetWidth }}>
                {section.budget ? (
                  <BudgetGauge
                    budget={section.budget}
                    period={section.period}
                    showExhaustion={options.showExhaustion}
                  />
                ) : (
                  <span className={styles.missing} data-testid="slo-budget-missing">
                    No error budget in the response: the SLO query returns it with the burn rates.
                  </span>
                )}
              </div>
            )}
            {options.showWindows && section.windows.length > 0 && (
              <div style={{ width: windowsWidth }}>
                <BurnWindows windows={section.windows} width={windowsWidth} />
              </div>
            )}
          </div>
        </section>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    overflowY: 'auto',
    overflowX: 'hidden',
    padding: PADDING,
    boxSizing: 'border-box',
    color: theme.colors.text.primary,
  }),
  section: css({ marginBottom: theme.spacing(1.5), minWidth: 0 }),
  header: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'baseline',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    marginBottom: theme.spacing(0.5),
  }),
  objective: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  side: css({ display: 'flex', gap: PADDING, alignItems: 'flex-start' }),
  stack: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  missing: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
