import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { PickerField } from '../fields/PickerField';
import { forModel, type SectionProps } from './types';

/** The positive and negative class (taken from yes/no, 1/0, true/false when left empty). */
export function ClassFields({ query, update, lookup }: SectionProps) {
  const load = forModel(lookup, 'classes', (c, m, r) => c.classes(m, r));
  return (
    <InlineFieldRow>
      <PickerField
        id={`${query.refId}-positive`}
        label="Positive class"
        tooltip="The favourable class. Empty: taken from conventional labels (yes/no, 1/0, true/false)."
        value={query.positiveClass}
        placeholder="from the labels"
        load={load}
        onChange={(positiveClass) => update({ positiveClass })}
      />
      <PickerField
        id={`${query.refId}-negative`}
        label="Negative class"
        value={query.negativeClass}
        placeholder="the other class"
        load={load}
        onChange={(negativeClass) => update({ negativeClass })}
      />
    </InlineFieldRow>
  );
}
