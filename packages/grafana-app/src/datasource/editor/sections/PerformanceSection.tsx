import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { DEFAULTS } from '../../defaults';
import { PERFORMANCE_METRICS } from '../../statistics';
import type { PerformanceMetric } from '../../types';
import { ListField } from '../fields/ListField';
import { PickerField } from '../fields/PickerField';
import { TextField } from '../fields/TextField';
import { ClassFields } from './ClassFields';
import { forModel, type SectionProps } from './types';

const LABELS: Record<PerformanceMetric, string> = {
  accuracy: 'Accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  fpr: 'FPR',
  fnr: 'FNR',
  selectionRate: 'Selection rate',
};
/** The default metrics first, then the others. */
const METRICS = [...new Set([...DEFAULTS.performanceMetrics, ...PERFORMANCE_METRICS])].map((value) => ({
  label: LABELS[value],
  value,
}));

/** performance: realized and estimated metrics over a window, optionally in one segment. */
export function PerformanceSection(props: SectionProps) {
  const { query, update, lookup } = props;
  return (
    <>
      <InlineFieldRow>
        <ListField
          id={`${query.refId}-metrics`}
          label="Metrics"
          value={query.metrics ?? DEFAULTS.performanceMetrics}
          options={METRICS}
          onChange={(metrics) => update({ metrics })}
        />
        <TextField
          id={`${query.refId}-window`}
          label="Window"
          value={query.window}
          placeholder={DEFAULTS.performanceWindow}
          onCommit={(window) => update({ window })}
          labelWidth={10}
        />
      </InlineFieldRow>
      <ClassFields {...props} />
      <InlineFieldRow>
        <PickerField
          id={`${query.refId}-segment`}
          label="Segment"
          tooltip="Realized performance in one segment value (estimates are not recorded per segment)."
          value={query.segmentName}
          placeholder="whole model"
          load={forModel(lookup, 'segments', (c, m, r) => c.segments(m, r))}
          onChange={(segmentName) =>
            update({ segmentName, segmentValue: segmentName ? query.segmentValue : undefined })
          }
        />
        {query.segmentName && (
          <PickerField
            id={`${query.refId}-segment-value`}
            label="Value"
            value={query.segmentValue}
            load={forModel(lookup, `segment values ${query.segmentName}`, (c, m, r) =>
              c.segmentValues(m, query.segmentName!, r)
            )}
            onChange={(segmentValue) => update({ segmentValue })}
            labelWidth={10}
          />
        )}
      </InlineFieldRow>
    </>
  );
}
