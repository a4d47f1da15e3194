import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { DEFAULTS } from '../../defaults';
import { SLO_KINDS } from '../../statistics';
import type { SloKind } from '../../types';
import { ChoiceField } from '../fields/ChoiceField';
import { PickerField } from '../fields/PickerField';
import { TextField } from '../fields/TextField';
import { BurnWindowsField } from './BurnWindowsField';
import { ClassFields } from './ClassFields';
import { forModel, type SectionProps } from './types';

const toNumber = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));

const KIND_TEXT: Record<SloKind, { label: string; description: string }> = {
  availability: { label: 'Availability', description: 'Failed inferences over all attempts' },
  latency: { label: 'Latency', description: 'Inferences slower than the threshold' },
  quality: { label: 'Quality', description: 'Labelled predictions that were wrong' },
};
const KINDS = SLO_KINDS.map((value) => ({ ...KIND_TEXT[value], value }));

/** slo: the SLI, its objective and period, and the burn-rate windows. */
export function SloSection(props: SectionProps) {
  const { query, update, lookup } = props;
  const kind = query.sloKind ?? 'availability';
  return (
    <>
      <InlineFieldRow>
        <ChoiceField<SloKind> label="SLO" value={kind} options={KINDS} onChange={(sloKind) => update({ sloKind })} />
      </InlineFieldRow>
      <InlineFieldRow>
        <TextField
          id={`${query.refId}-objective`}
          label="Objective"
          tooltip="The share of good events, such as 0.999 (as in modelwatch.yaml)."
          type="number"
          value={query.objective}
          placeholder="0.999"
          onCommit={(v) => update({ objective: toNumber(v) })}
        />
        <TextField
          id={`${query.refId}-period`}
          label="Period"
          value={query.period}
          placeholder={DEFAULTS.period}
          onCommit={(period) => update({ period })}
          labelWidth={10}
        />
        {kind === 'latency' && (
          <PickerField
            id={`${query.refId}-threshold`}
            label="Threshold (s)"
            tooltip="A bucket boundary of the duration histogram."
            value={query.latencyThreshold === undefined ? undefined : String(query.latencyThreshold)}
            load={forModel(lookup, 'boundaries', (c, m, r) => c.boundaries(m, r))}
            onChange={(v) => update({ latencyThreshold: toNumber(v) })}
            width={14}
          />
        )}
      </InlineFieldRow>
      <BurnWindowsField
        refId={query.refId}
        value={query.burnWindows}
        onChange={(burnWindows) => update({ burnWindows })}
      />
      {kind === 'quality' && <ClassFields {...props} />}
    </>
  );
}
