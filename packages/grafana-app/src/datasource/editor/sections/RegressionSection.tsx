import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { REGRESSION_PERFORMANCE } from '@modelwatch/semconv';
import { DEFAULTS } from '../../defaults';
import { REGRESSION_METRICS } from '../../statistics';
import { ListField } from '../fields/ListField';
import { TextField } from '../fields/TextField';
import type { SectionProps } from './types';

const METRICS = REGRESSION_METRICS.map((value) => ({ label: REGRESSION_PERFORMANCE[value].displayName, value }));

/** regression: MAE, RMSE, MAPE and bias over a window. */
export function RegressionSection({ query, update }: SectionProps) {
  return (
    <InlineFieldRow>
      <ListField
        id={`${query.refId}-regression-metrics`}
        label="Metrics"
        value={query.regressionMetrics ?? DEFAULTS.regressionMetrics}
        options={METRICS}
        onChange={(regressionMetrics) => update({ regressionMetrics })}
      />
      <TextField
        id={`${query.refId}-window`}
        label="Window"
        value={query.window}
        placeholder={DEFAULTS.regressionWindow}
        onCommit={(window) => update({ window })}
        labelWidth={10}
      />
    </InlineFieldRow>
  );
}
