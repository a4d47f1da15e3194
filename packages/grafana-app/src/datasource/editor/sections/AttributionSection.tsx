import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { ATTRIBUTION_QUERY } from '@modelwatch/semconv';
import { DEFAULTS } from '../../defaults';
import { PickerField } from '../fields/PickerField';
import { TextField } from '../fields/TextField';
import type { SectionProps } from './types';

/** attributions: the importance ranking's nDCG against the reference, or the importance of each feature. */
export function AttributionSection({ query, update }: SectionProps) {
  return (
    <InlineFieldRow>
      <PickerField
        id={`${query.refId}-attribution-statistic`}
        label="Statistic"
        value={query.attributionStatistic}
        placeholder="ndcg"
        load={async () => [...ATTRIBUTION_QUERY.statistics]}
        onChange={(value) =>
          update({ attributionStatistic: value as (typeof ATTRIBUTION_QUERY.statistics)[number] | undefined })
        }
      />
      <TextField
        id={`${query.refId}-window`}
        label="Window"
        value={query.window}
        placeholder={DEFAULTS.attributionWindow}
        onCommit={(window) => update({ window })}
        labelWidth={10}
      />
    </InlineFieldRow>
  );
}
