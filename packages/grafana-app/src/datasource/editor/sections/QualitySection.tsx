import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { ISSUES } from '@modelwatch/semconv';
import { DEFAULTS } from '../../defaults';
import { PickerField } from '../fields/PickerField';
import { TextField } from '../fields/TextField';
import { forModel, type SectionProps } from './types';

/** quality: issue rates per feature and issue. */
export function QualitySection({ query, update, lookup }: SectionProps) {
  return (
    <InlineFieldRow>
      <PickerField
        id={`${query.refId}-feature`}
        label="Feature"
        value={query.feature}
        placeholder="all features"
        load={forModel(lookup, 'features', (c, m, r) => c.features(m, r))}
        onChange={(feature) => update({ feature })}
      />
      <PickerField
        id={`${query.refId}-issue`}
        label="Issue"
        value={query.issue}
        placeholder="all issues"
        load={async () => [...ISSUES]}
        onChange={(issue) => update({ issue })}
        labelWidth={10}
        width={22}
      />
      <TextField
        id={`${query.refId}-window`}
        label="Window"
        value={query.window}
        placeholder={DEFAULTS.qualityWindow}
        onCommit={(window) => update({ window })}
        labelWidth={10}
      />
    </InlineFieldRow>
  );
}
