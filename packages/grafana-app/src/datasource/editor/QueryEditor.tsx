import React, { useState } from 'react';
import type { QueryEditorProps, TimeRange } from '@grafana/data';
import { InlineFieldRow, Stack } from '@grafana/ui';
import type { MlDataSource } from '../datasource';
import { templateReplace } from '../template';
import type { MlOptions, MlQuery, QueryType } from '../types';
import { ChoiceField } from './fields/ChoiceField';
import { PickerField } from './fields/PickerField';
import { DriftSection } from './sections/DriftSection';
import { FairnessSection } from './sections/FairnessSection';
import { PerformanceSection } from './sections/PerformanceSection';
import { QualitySection } from './sections/QualitySection';
import { SloSection } from './sections/SloSection';
import { forModel, lookupFor, type Lookup, type SectionProps } from './sections/types';

const QUERY_TYPES: Array<{ label: string; value: QueryType; description: string }> = [
  { label: 'Drift', value: 'drift', description: 'A drift statistic per feature over time' },
  {
    label: 'Drift bins',
    value: 'driftBins',
    description: 'Reference and current shares per bin at the end of the range',
  },
  { label: 'Performance', value: 'performance', description: 'Realized and estimated metrics over time' },
  { label: 'Fairness', value: 'fairness', description: 'Per-group rates with intervals at the end of the range' },
  { label: 'SLO', value: 'slo', description: 'Burn rates and error budget at the end of the range' },
  { label: 'Data quality', value: 'quality', description: 'Issue rates per feature over time' },
  { label: 'Alerts', value: 'alerts', description: 'Firing Modelwatch alerts (for annotations)' },
];

const SECTIONS: Partial<Record<QueryType, (props: SectionProps) => React.JSX.Element>> = {
  drift: DriftSection,
  driftBins: DriftSection,
  performance: PerformanceSection,
  fairness: FairnessSection,
  slo: SloSection,
  quality: QualitySection,
};

function rangeOf(range: TimeRange | undefined): { start: number; end: number } | undefined {
  return range ? { start: range.from.valueOf() / 1000, end: range.to.valueOf() / 1000 } : undefined;
}

/** The Modelwatch query: type, model and version, then the options of the type. */
export function QueryEditor({
  datasource,
  query,
  onChange,
  onRunQuery,
  range,
}: QueryEditorProps<MlDataSource, MlQuery, MlOptions>) {
  const type = query.queryType ?? 'drift';
  const update = (change: Partial<MlQuery>) => {
    onChange({ ...query, ...change });
    onRunQuery();
  };
  const model = query.model ? templateReplace()(query.model) : undefined;
  const catalog = datasource.catalog;
  // Label values hardly change within a dashboard's range: answers are kept until the model changes.
  const [lookup, setLookup] = useState<Lookup>(() => lookupFor(model, catalog, rangeOf(range)));
  if (lookup.model !== model || lookup.catalog !== catalog) {
    setLookup(lookupFor(model, catalog, rangeOf(range)));
  }
  const Section = SECTIONS[type];
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <ChoiceField label="Query" value={type} options={QUERY_TYPES} onChange={(queryType) => update({ queryType })} />
      </InlineFieldRow>
      <InlineFieldRow>
        <PickerField
          id={`${query.refId}-model`}
          label="Model"
          tooltip={type === 'alerts' ? 'Empty: alerts of every model.' : 'The model_name of the Modelwatch series.'}
          value={query.model}
          placeholder={type === 'alerts' ? 'all models' : 'choose a model'}
          load={() => lookup.cached('models', () => catalog.models(lookup.range))}
          onChange={(value) => update({ model: value, version: undefined })}
        />
        <PickerField
          id={`${query.refId}-version`}
          label="Version"
          tooltip="A model_version, or an RE2 regex over it. Empty: every version, split by version."
          value={query.version}
          placeholder="all versions"
          load={forModel(lookup, 'versions', (c, m, r) => c.versions(m, r))}
          onChange={(version) => update({ version })}
          labelWidth={10}
          width={20}
        />
      </InlineFieldRow>
      {Section && <Section query={query} update={update} lookup={lookup} />}
    </Stack>
  );
}
