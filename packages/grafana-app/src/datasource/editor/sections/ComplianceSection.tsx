import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { POLICY, POLICY_NAMES, policyByName, type PolicyName } from '@modelwatch/semconv';
import { DEFAULTS } from '../../defaults';
import { ChoiceField } from '../fields/ChoiceField';
import { ListField } from '../fields/ListField';
import { PickerField } from '../fields/PickerField';
import { TextField } from '../fields/TextField';
import { ClassFields } from './ClassFields';
import { forModel, type SectionProps } from './types';

const PACKS = POLICY_NAMES.map((value) => ({ label: policyByName(value)!.displayName, value }));

const toNumber = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));

/** compliance: each policy pack's impact-ratio table per attribute and intersection. */
export function ComplianceSection({ query, update, lookup }: SectionProps) {
  return (
    <>
      <InlineFieldRow>
        <ListField
          id={`${query.refId}-policies`}
          label="Packs"
          value={query.policies ?? [...POLICY_NAMES]}
          options={PACKS}
          onChange={(policies) => update({ policies: policies as PolicyName[] })}
        />
        <PickerField
          id={`${query.refId}-attribute`}
          label="Attribute"
          tooltip="A protected attribute or an intersection; empty: every one, a table each."
          value={query.attribute}
          placeholder="all attributes"
          load={forModel(lookup, 'attributes', (c, m, r) => c.attributes(m, r))}
          onChange={(attribute) => update({ attribute })}
        />
        <TextField
          id={`${query.refId}-window`}
          label="Window"
          value={query.window}
          placeholder={DEFAULTS.policies.window}
          onCommit={(window) => update({ window })}
          labelWidth={10}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <TextField
          id={`${query.refId}-threshold`}
          label="Threshold"
          tooltip={`Impact ratios below it fail; for ${POLICY.nycLl144.name} the organisation's policy, as the law sets none.`}
          type="number"
          value={query.threshold}
          placeholder={String(DEFAULTS.policies.threshold)}
          onCommit={(v) => update({ threshold: toNumber(v) })}
        />
        <TextField
          id={`${query.refId}-exclude-below`}
          label="Exclude below"
          tooltip={`${POLICY.nycLl144.name}: categories under this share of the rows are reported but not judged.`}
          type="number"
          value={query.excludeBelow}
          placeholder={String(DEFAULTS.policies.excludeBelow)}
          onCommit={(v) => update({ excludeBelow: toNumber(v) })}
        />
        <TextField
          id={`${query.refId}-min-group-size`}
          label="Min group size"
          tooltip="Categories with fewer predictions are shown but not judged."
          type="number"
          value={query.minGroupSize}
          placeholder={String(DEFAULTS.minGroupSize)}
          onCommit={(v) => update({ minGroupSize: toNumber(v) })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <ChoiceField
          label="Selected"
          tooltip="The predicted class counted as selected: the favourable decision (negative when positive means deny), as favourable in modelwatch.yaml."
          value={query.favourable ?? 'positive'}
          options={[
            { label: 'Positive class', value: 'positive' },
            { label: 'Negative class', value: 'negative' },
          ]}
          onChange={(favourable) => update({ favourable })}
        />
      </InlineFieldRow>
      <ClassFields query={query} update={update} lookup={lookup} />
    </>
  );
}
