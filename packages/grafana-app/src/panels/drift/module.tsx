import React from 'react';
import { css } from '@emotion/css';
import { PanelPlugin, FieldType, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { Badge, useStyles2, useTheme2 } from '@grafana/ui';
import { psi, toShares } from '@modelwatch/stats';

interface DriftOptions {
  threshold: number;
}

export function DriftPanel({ data, width, height, options }: PanelProps<DriftOptions>) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const frame = data.series[0];
  const labels = frame?.fields.find((f) => f.type === FieldType.string)?.values ?? [];
  const numeric = frame?.fields.filter((f) => f.type === FieldType.number) ?? [];
  if (!frame || numeric.length < 2) {
    return <div data-testid="drift-empty">Needs a frame with reference and current counts</div>;
  }
  const reference = numeric[0]!.values as number[];
  const current = numeric[1]!.values as number[];
  const value = psi(toShares(reference), toShares(current));
  const drifted = value >= options.threshold;
  const max = Math.max(1, ...reference, ...current);
  return (
    <div className={styles.root} style={{ width, height }} data-testid="drift-panel">
      <div className={styles.header}>
        <span data-testid="drift-psi">PSI {value.toFixed(4)}</span>
        <Badge text={drifted ? 'drift' : 'stable'} color={drifted ? 'red' : 'green'} />
      </div>
      {reference.map((r, i) => (
        <div key={i} className={styles.row}>
          <span className={styles.label}>{String(labels[i] ?? i)}</span>
          <div className={styles.bar} style={{ width: `${(r / max) * 45}%`, background: theme.colors.primary.main }} />
          <div className={styles.bar} style={{ width: `${(current[i]! / max) * 45}%`, background: theme.visualization.getColorByName('orange') }} />
        </div>
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ padding: theme.spacing(1), color: theme.colors.text.primary, background: theme.colors.background.primary, fontFamily: theme.typography.fontFamily }),
  header: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', marginBottom: theme.spacing(1), fontSize: theme.typography.h4.fontSize }),
  row: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), height: 20, marginBottom: 4 }),
  label: css({ width: 60 }),
  bar: css({ height: 16, borderRadius: theme.shape.radius.default }),
});

export const plugin = new PanelPlugin<DriftOptions>(DriftPanel).setPanelOptions((builder) =>
  builder.addNumberInput({ path: 'threshold', name: 'PSI threshold', defaultValue: 0.2 })
);
