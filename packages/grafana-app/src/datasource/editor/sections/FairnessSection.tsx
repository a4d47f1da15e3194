import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { DEFAULTS } from '../../defaults';
import { FAIRNESS_METRICS } from '../../statistics';
import type { FairnessMetric } from '../../types';
import { ListField } from '../fields/ListField';
import { PickerField } from '../fields/PickerField';
import { TextField } from '../fields/TextField';
import { ClassFields } from './ClassFields';
import { forModel, type SectionProps } from './types';

const LABELS: Record<FairnessMetric, string> = {
  selectionRate: 'Selection rate',
  tpr: 'TPR',
  fpr: 'FPR',
  fnr: 'FNR',
  precision: 'Precision',
  accuracy: 'Accuracy',
};
const METRICS = FAIRNESS_METRICS.map((value) => ({ label: LABELS[value], value }));

const toNumber = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));

/** fairness: per-group rates of one protected attribute (or all) against a reference group. */
export function FairnessSection(props: SectionProps) {
  return (
    <>
      <GroupFields {...props} />
      <InlineFieldRow>
        <ListField
          id={`${props.query.refId}-fairness-metrics`}
          label="Metrics"
          value={props.query.fairnessMetrics ?? DEFAULTS.fairnessMetrics}
          options={METRICS}
          onChange={(fairnessMetrics) => props.update({ fairnessMetrics })}
        />
        <TextField
          id={`${props.query.refId}-window`}
          label="Window"
          value={props.query.window}
          placeholder={DEFAULTS.fairnessWindow}
          onCommit={(window) => props.update({ window })}
          labelWidth={10}
        />
      </InlineFieldRow>
      <SignificanceFields {...props} />
      <ClassFields {...props} />
    </>
  );
}

/** The attribute and the reference group, whose choices depend on the attribute. */
function GroupFields({ query, update, lookup }: SectionProps) {
  return (
    <InlineFieldRow>
      <PickerField
        id={`${query.refId}-attribute`}
        label="Attribute"
        tooltip="The protected attribute; empty: every attribute, one table each."
        value={query.attribute}
        placeholder="all attributes"
        load={forModel(lookup, 'attributes', (c, m, r) => c.attributes(m, r))}
        onChange={(attribute) => update({ attribute, referenceGroup: undefined })}
      />
      <PickerField
        id={`${query.refId}-reference`}
        label="Reference group"
        tooltip="Ratios and differences are taken against it; empty: the largest group with at least the minimum size."
        value={query.referenceGroup}
        placeholder="largest group"
        load={forModel(lookup, `groups ${query.attribute}`, (c, m, r) =>
          query.attribute ? c.groups(m, query.attribute, r) : Promise.resolve([])
        )}
        onChange={(referenceGroup) => update({ referenceGroup })}
      />
    </InlineFieldRow>
  );
}

/** When a group is too small to judge, and the level of the intervals. */
function SignificanceFields({ query, update }: SectionProps) {
  return (
    <InlineFieldRow>
      <TextField
        id={`${query.refId}-min-group-size`}
        label="Min group size"
        tooltip="Smaller groups are shown but inconclusive: they never count in the disparities."
        type="number"
        value={query.minGroupSize}
        placeholder={String(DEFAULTS.minGroupSize)}
        onCommit={(v) => update({ minGroupSize: toNumber(v) })}
      />
      <TextField
        id={`${query.refId}-confidence`}
        label="Confidence"
        tooltip="Level of the Wilson intervals."
        type="number"
        value={query.confidence}
        placeholder={String(DEFAULTS.confidence)}
        onCommit={(v) => update({ confidence: toNumber(v) })}
      />
    </InlineFieldRow>
  );
}
