import React, { useState } from 'react';
import { Combobox, InlineField, type ComboboxOption } from '@grafana/ui';
import { oneLine } from '../../errors';
import { templateVariableNames } from './templateVariables';

export interface PickerFieldProps {
  id: string;
  label: string;
  tooltip?: string;
  value?: string;
  placeholder?: string;
  /** The values to offer, read when the list opens or the text changes (the caller caches them). */
  load: () => Promise<string[]>;
  onChange: (value: string | undefined) => void;
  width?: number;
  labelWidth?: number;
}

/**
 * A value from Prometheus' label values (or a template variable, or anything typed), clearable. A failed
 * lookup shows its one line under the field instead of an empty list.
 */
export function PickerField({
  id,
  label,
  tooltip,
  value,
  placeholder,
  load,
  onChange,
  width = 28,
  labelWidth = 16,
}: PickerFieldProps) {
  const [error, setError] = useState<string | undefined>();
  const options = async (input: string): Promise<Array<ComboboxOption<string>>> => {
    let values: string[] = [];
    try {
      values = await load();
      setError(undefined);
    } catch (e) {
      setError(oneLine(e));
    }
    const needle = input.toLowerCase();
    return [...templateVariableNames(), ...values]
      .filter((v) => v.toLowerCase().includes(needle))
      .map((v) => ({ value: v, label: v }));
  };
  return (
    <InlineField
      label={label}
      labelWidth={labelWidth}
      tooltip={tooltip}
      htmlFor={id}
      invalid={error !== undefined}
      error={error}
    >
      <Combobox
        id={id}
        width={width}
        value={value ?? null}
        placeholder={placeholder}
        options={options}
        createCustomValue
        isClearable
        onChange={(option) => onChange(option?.value || undefined)}
      />
    </InlineField>
  );
}
