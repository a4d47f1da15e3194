import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { DEFAULTS } from '../../defaults';
import type { DriftBaseline, DriftStatistic } from '../../types';
import { ChoiceField } from '../fields/ChoiceField';
import { PickerField } from '../fields/PickerField';
import { TextField } from '../fields/TextField';
import { forModel, type SectionProps } from './types';

const STATISTICS: Array<{ label: string; value: DriftStatistic; description: string }> = [
  { label: 'PSI', value: 'psi', description: 'Population stability index (empty shares count as 1e-4)' },
  { label: 'Jensen–Shannon', value: 'jensenShannon', description: 'Jensen–Shannon distance, natural log' },
  { label: 'KS', value: 'ks', description: 'Largest gap between the binned CDFs (numeric features)' },
  { label: 'Chi-square', value: 'chiSquare', description: 'Chi-square statistic against the reference shares' },
];

/** drift and driftBins: the feature, the statistic, the window and the baseline. */
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
          options={[
            { label: 'Reference', value: 'reference', description: 'The reference profile' },
            { label: 'Last week', value: 'lastWeek', description: 'The same window one offset earlier' },
          ]}
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
