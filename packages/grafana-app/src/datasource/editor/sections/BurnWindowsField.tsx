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
        <InlineFieldRow key={i}>
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
              onChange={(severity) => set(i, { severity })}
            />
          </InlineField>
          <InlineField label="long" htmlFor={`${refId}-long-${i}`}>
            <Input
              id={`${refId}-long-${i}`}
              width={8}
              defaultValue={w.long}
              onBlur={(e) => e.currentTarget.value !== w.long && set(i, { long: e.currentTarget.value.trim() })}
            />
          </InlineField>
          <InlineField label="short" htmlFor={`${refId}-short-${i}`}>
            <Input
              id={`${refId}-short-${i}`}
              width={8}
              defaultValue={w.short}
              onBlur={(e) => e.currentTarget.value !== w.short && set(i, { short: e.currentTarget.value.trim() })}
            />
          </InlineField>
          <InlineField label="burn rate" htmlFor={`${refId}-rate-${i}`}>
            <Input
              id={`${refId}-rate-${i}`}
              type="number"
              width={8}
              defaultValue={w.burnRate}
              onBlur={(e) =>
                Number(e.currentTarget.value) !== w.burnRate && set(i, { burnRate: Number(e.currentTarget.value) })
              }
            />
          </InlineField>
          <IconButton
            name="trash-alt"
            tooltip="Remove this window pair"
            disabled={rows.length === 1}
            onClick={() => onChange(rows.filter((_, k) => k !== i))}
          />
        </InlineFieldRow>
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
