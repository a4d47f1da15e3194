import React from 'react';
import { InlineField, MultiCombobox } from '@grafana/ui';

export interface ListFieldProps<T extends string> {
  id: string;
  label: string;
  tooltip?: string;
  value: T[];
  options: Array<{ label: string; value: T }>;
  onChange: (value: T[]) => void;
  labelWidth?: number;
  width?: number;
}

/** Several of a fixed set (metrics). */
export function ListField<T extends string>({
  id,
  label,
  tooltip,
  value,
  options,
  onChange,
  labelWidth = 16,
  width = 40,
}: ListFieldProps<T>) {
  return (
    <InlineField label={label} labelWidth={labelWidth} tooltip={tooltip} htmlFor={id}>
      <MultiCombobox<T>
        id={id}
        width={width}
        value={value}
        options={options}
        onChange={(selected) => onChange(selected.map((o) => o.value))}
      />
    </InlineField>
  );
}
