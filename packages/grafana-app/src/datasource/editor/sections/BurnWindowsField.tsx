import React from 'react';
import { Button, IconButton, InlineField, InlineFieldRow, Input, RadioButtonGroup, Stack } from '@grafana/ui';
import { SEVERITY } from '@modelwatch/semconv';
import { DEFAULTS } from '../../defaults';
import { BURN_SEVERITIES } from '../../statistics';
import type { BurnWindow } from '../../types';

const SEVERITIES = BURN_SEVERITIES.map((value) => ({ label: value, value }));

export interface BurnWindowsFieldProps {
  refId: string;
  value: BurnWindow[] | undefined;
  onChange: (value: BurnWindow[] | undefined) => void;
}

/**
 * The multiwindow burn-rate alerts, one row each (severity, long and short window, threshold). Left alone it
 * shows the generator's four; any edit stores the whole list; "Defaults" clears it again.
 */
export function BurnWindowsField({ refId, value, onChange }: BurnWindowsFieldProps) {
  const rows = value ?? DEFAULTS.burnWindows;
  const set = (i: number, change: Partial<BurnWindow>) =>
    onChange(rows.map((w, k) => (k === i ? { ...w, ...change } : w)));
  return (
    <Stack direction="column" gap={0}>
      {rows.map((w, i) => (
        <BurnWindowRow
          key={i}
          refId={refId}
          index={i}
          window={w}
          removable={rows.length > 1}
          onSet={(change) => set(i, change)}
          onRemove={() => onChange(rows.filter((_, k) => k !== i))}
        />
      ))}
      <Stack gap={1}>
        <Button
          size="sm"
          variant="secondary"
          icon="plus"
          onClick={() => onChange([...rows, { severity: SEVERITY.ticket, long: '1d', short: '2h', burnRate: 3 }])}
        >
          Add window pair
        </Button>
        {value !== undefined && (
          <Button size="sm" variant="secondary" fill="text" onClick={() => onChange(undefined)}>
            Defaults
          </Button>
        )}
      </Stack>
    </Stack>
  );
}

interface BurnWindowRowProps {
  refId: string;
  index: number;
  window: BurnWindow;
  removable: boolean;
  onSet: (change: Partial<BurnWindow>) => void;
  onRemove: () => void;
}

function BurnWindowRow({ refId, index: i, window: w, removable, onSet, onRemove }: BurnWindowRowProps) {
  return (
    <InlineFieldRow>
      <InlineField
        label={i === 0 ? 'Burn windows' : ''}
        labelWidth={16}
        tooltip={i === 0 ? 'Long and short window and burn-rate threshold of each multiwindow alert.' : undefined}
      >
        <RadioButtonGroup<BurnWindow['severity']>
          aria-label={`severity ${i + 1}`}
          size="sm"
          options={SEVERITIES}
          value={w.severity}
          onChange={(severity) => onSet({ severity })}
        />
      </InlineField>
      <InlineField label="long" htmlFor={`${refId}-long-${i}`}>
        <Input
          id={`${refId}-long-${i}`}
          width={8}
          defaultValue={w.long}
          onBlur={(e) => e.currentTarget.value !== w.long && onSet({ long: e.currentTarget.value.trim() })}
        />
      </InlineField>
      <InlineField label="short" htmlFor={`${refId}-short-${i}`}>
        <Input
          id={`${refId}-short-${i}`}
          width={8}
          defaultValue={w.short}
          onBlur={(e) => e.currentTarget.value !== w.short && onSet({ short: e.currentTarget.value.trim() })}
        />
      </InlineField>
      <InlineField label="burn rate" htmlFor={`${refId}-rate-${i}`}>
        <Input
          id={`${refId}-rate-${i}`}
          type="number"
          width={8}
          defaultValue={w.burnRate}
          onBlur={(e) =>
            Number(e.currentTarget.value) !== w.burnRate && onSet({ burnRate: Number(e.currentTarget.value) })
          }
        />
      </InlineField>
      <IconButton name="trash-alt" tooltip="Remove this window pair" disabled={!removable} onClick={onRemove} />
    </InlineFieldRow>
  );
}
