import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { DEFAULTS } from '../../defaults';
import { DRIFT_BASELINES, DRIFT_STATISTICS } from '../../statistics';
import type { DriftBaseline, DriftStatistic } from '../../types';
import { ChoiceField } from '../fields/ChoiceField';
import { PickerField } from '../fields/PickerField';
import { TextField } from '../fields/TextField';
import { forModel, type SectionProps } from './types';

const STATISTIC_TEXT: Record<DriftStatistic, { label: string; description: string }> = {
  psi: { label: 'PSI', description: 'Population stability index (empty shares count as 1e-4)' },
  jensenShannon: { label: 'Jensen–Shannon', description: 'Jensen–Shannon distance, natural log' },
  ks: { label: 'KS', description: 'Largest gap between the binned CDFs (numeric features)' },
  chiSquare: { label: 'Chi-square', description: 'Chi-square statistic against the reference shares' },
};
const STATISTICS = DRIFT_STATISTICS.map((value) => ({ ...STATISTIC_TEXT[value], value }));

const BASELINE_TEXT: Record<DriftBaseline, { label: string; description: string }> = {
  reference: { label: 'Reference', description: 'The reference profile' },
  lastWeek: { label: 'Last week', description: 'The same window one offset earlier' },
};
const BASELINES = DRIFT_BASELINES.map((value) => ({ ...BASELINE_TEXT[value], value }));

/** drift and driftBins: the feature, the segment, the statistic, the window and the baseline. */
export function DriftSection({ query, update, lookup }: SectionProps) {
  const baseline = query.baseline ?? 'reference';
  return (
    <>
      <InlineFieldRow>
        <PickerField
          id={`${query.refId}-feature`}
          label="Feature"
          tooltip="Empty: every feature, one series (or set of bins) each."
          value={query.feature}
          placeholder="all features"
          load={forModel(lookup, 'features', (c, m, r) => c.features(m, r))}
          onChange={(feature) => update({ feature })}
        />
        <TextField
          id={`${query.refId}-window`}
          label="Window"
          tooltip="Range of the counts, as in the drift rules."
          value={query.window}
          placeholder={DEFAULTS.driftWindow}
          onCommit={(window) => update({ window })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <PickerField
          id={`${query.refId}-segment`}
          label="Segment"
          tooltip="Drift per value of a segment, each against the whole reference: one series (or set of bins) per value. Only the features and segments the monitor's segmentDrift option lists are counted per segment."
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
            tooltip="Empty: every value of the segment."
            value={query.segmentValue}
            placeholder="all values"
            load={forModel(lookup, `segment values ${query.segmentName}`, (c, m, r) =>
              c.segmentValues(m, query.segmentName!, r)
            )}
            onChange={(segmentValue) => update({ segmentValue })}
            labelWidth={10}
          />
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        <ChoiceField
          label="Statistic"
          value={query.statistic ?? DEFAULTS.statistic}
          options={STATISTICS}
          onChange={(statistic) => update({ statistic })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <ChoiceField<DriftBaseline>
          label="Baseline"
          value={baseline}
          options={BASELINES}
          onChange={(value) => update({ baseline: value })}
        />
        {baseline === 'lastWeek' && (
          <TextField
            id={`${query.refId}-offset`}
            label="Offset"
            value={query.baselineOffset}
            placeholder={DEFAULTS.baselineOffset}
            onCommit={(baselineOffset) => update({ baselineOffset })}
            labelWidth={10}
          />
        )}
      </InlineFieldRow>
    </>
  );
}
