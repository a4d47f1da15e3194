import React, { useState } from 'react';
import { InlineField, Input } from '@grafana/ui';

export interface TextFieldProps {
  id: string;
  label: string;
  tooltip?: string;
  value?: string | number;
  placeholder?: string;
  type?: 'text' | 'number';
  /** Called on blur or Enter, with undefined for an empty field. */
  onCommit: (value: string | undefined) => void;
  width?: number;
  labelWidth?: number;
}

/** Text or a number, committed when the user leaves the field (so a query does not run on every key). */
export function TextField({
  id,
  label,
  tooltip,
  value,
  placeholder,
  type = 'text',
  onCommit,
  width = 12,
  labelWidth = 16,
}: TextFieldProps) {
  const shown = value === undefined ? '' : String(value);
  // What the user is typing, while the field has focus; otherwise the query's value shows.
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    const trimmed = (draft ?? shown).trim();
    setDraft(null);
    if (trimmed !== shown) {
      onCommit(trimmed === '' ? undefined : trimmed);
    }
  };
  return (
    <InlineField label={label} labelWidth={labelWidth} tooltip={tooltip} htmlFor={id}>
      <Input
        id={id}
        type={type}
        width={width}
        value={draft ?? shown}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            commit();
          }
        }}
      />
    </InlineField>
  );
}
