import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { FRAME_KIND, framesOfKind } from '../../shared/frames';
import { PanelMessage, PanelNotice } from '../common/PanelMessage';
import { panelStatus } from '../common/panelStatus';
import { toDriftBins } from './binsModel';
import { rowName } from './describe';
import { DriftBins } from './DriftBins';
import { DriftHeatmap } from './DriftHeatmap';
import { DriftLegend } from './DriftLegend';
import { toDriftHeatmap } from './heatmapModel';
import { driftLayout, HEADER_HEIGHT } from './layout';
import type { DriftOptions } from './options';

const WORDING = {
  loading: 'Loading drift series…',
  empty: 'No Modelwatch drift series: choose the Modelwatch datasource and the Drift query type.',
};

/** The layout for the panel's size, the heatmap, and the bins of the selected row when there is one. */
function driftView(
  series: PanelProps['data']['series'],
  options: DriftOptions,
  size: { width: number; height: number },
  selectedKey: string | undefined
) {
  const driftFrames = framesOfKind(series, FRAME_KIND.drift).length;
  const layout = driftLayout(size.width, size.height, {
    rows: driftFrames,
    binsOpen: options.showBins && selectedKey !== undefined,
    showLatest: options.showLatest,
    showTimeAxis: options.showTimeAxis,
  });
  // Both are linear in the number of points, cheaper than a re-render's DOM work.
  const model = toDriftHeatmap(series, options, layout.maxColumns);
  const selectedRow = model.rows.find((r) => r.key === selectedKey);
  const bins = selectedRow ? toDriftBins(series, selectedRow.identity, options, options.statisticLabel) : undefined;
  return { driftFrames, layout, model, selectedRow, bins };
}

export function DriftPanel({ data, width, height, options, timeZone }: PanelProps<DriftOptions>) {
  const styles = useStyles2(getStyles);
  const [selectedKey, setSelectedKey] = useState<string | undefined>();
  const { driftFrames, layout, model, selectedRow, bins } = driftView(
    data.series,
    options,
    { width, height },
    selectedKey
  );

  const status = panelStatus(data, driftFrames, WORDING);
  if (status.kind !== 'ready') {
    return (
      <PanelMessage kind={status.kind} message={status.message} testIdPrefix="drift" width={width} height={height} />
    );
  }

  const placement = selectedRow ? layout.bins : 'none';
  const close = () => setSelectedKey(undefined);
  const toggle = (key: string) => setSelectedKey((current) => (current === key ? undefined : key));

  return (
    <div className={styles.root} style={{ width, height }} data-testid="drift-panel">
      <div className={styles.header} style={{ height: HEADER_HEIGHT }}>
        {options.showLegend ? (
          <DriftLegend statistic={model.statistic} thresholds={model.thresholds} compact={layout.compactLegend} />
        ) : (
          <span data-testid="drift-statistic">{model.statistic}</span>
        )}
        {status.notice && <PanelNotice message={status.notice} testId="drift-error" />}
      </div>
      <div className={placement === 'side' ? styles.side : styles.stack}>
        {placement !== 'instead' && (
          <DriftHeatmap
            model={model}
            width={layout.heatmap.width}
            height={layout.heatmap.height}
            labelWidth={layout.labelWidth}
            latestWidth={layout.latestWidth}
            rowHeight={layout.rowHeight}
            showTimeAxis={layout.showTimeAxis}
            timeZone={timeZone}
            selectedKey={selectedRow?.key}
            onSelect={options.showBins ? toggle : undefined}
          />
        )}
        {selectedRow && placement !== 'none' && (
          <DriftBins
            name={rowName(selectedRow)}
            model={bins}
            width={layout.binsBox.width}
            height={layout.binsBox.height}
            onClose={close}
            closeLabel={placement === 'instead' ? 'Back to heatmap' : 'Close bins'}
          />
        )}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
    padding: theme.spacing(1),
    boxSizing: 'border-box',
    color: theme.colors.text.primary,
  }),
  header: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    minWidth: 0,
    flexShrink: 0,
    overflow: 'hidden',
  }),
  side: css({ display: 'flex', gap: theme.spacing(1), minHeight: 0, flex: '1 1 auto' }),
  stack: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), minHeight: 0, flex: '1 1 auto' }),
});
