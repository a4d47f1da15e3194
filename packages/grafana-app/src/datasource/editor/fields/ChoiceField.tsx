import React from 'react';
import { InlineField, RadioButtonGroup } from '@grafana/ui';

export interface ChoiceFieldProps<T extends string> {
  label: string;
  tooltip?: string;
  value: T;
  options: Array<{ label: string; value: T; description?: string }>;
  onChange: (value: T) => void;
  labelWidth?: number;
}

/** One of a few fixed choices. */
export function ChoiceField<T extends string>({
  label,
  tooltip,
  value,
  options,
  onChange,
  labelWidth = 16,
}: ChoiceFieldProps<T>) {
  return (
    <InlineField label={label} labelWidth={labelWidth} tooltip={tooltip}>
      <RadioButtonGroup<T> aria-label={label} options={options} value={value} onChange={onChange} />
    </InlineField>
  );
}
