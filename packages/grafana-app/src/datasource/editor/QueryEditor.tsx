import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { InlineFieldRow, Stack } from '@grafana/ui';
import type { MlDataSource } from '../datasource';
import type { MlOptions, MlQuery, QueryType } from '../types';
import { ChoiceField } from './fields/ChoiceField';
import { ModelRow } from './ModelRow';
import { AttributionSection } from './sections/AttributionSection';
import { ComplianceSection } from './sections/ComplianceSection';
import { DriftSection } from './sections/DriftSection';
import { FairnessSection } from './sections/FairnessSection';
import { PerformanceSection } from './sections/PerformanceSection';
import { QualitySection } from './sections/QualitySection';
import { RegressionSection } from './sections/RegressionSection';
import { SloSection } from './sections/SloSection';
import type { SectionProps } from './sections/types';
import { useLookup } from './useLookup';

const QUERY_TYPES: Array<{ label: string; value: QueryType; description: string }> = [
  { label: 'Drift', value: 'drift', description: 'A drift statistic per feature over time' },
  {
    label: 'Drift bins',
    value: 'driftBins',
    description: 'Reference and current shares per bin at the end of the range',
  },
  { label: 'Performance', value: 'performance', description: 'Realized and estimated metrics over time' },
  { label: 'Regression', value: 'regression', description: 'MAE, RMSE, MAPE and bias of a regression model over time' },
  { label: 'Fairness', value: 'fairness', description: 'Per-group rates with intervals at the end of the range' },
  { label: 'SLO', value: 'slo', description: 'Burn rates and error budget at the end of the range' },
  { label: 'Data quality', value: 'quality', description: 'Issue rates per feature over time' },
  {
    label: 'Explanation drift',
    value: 'attributions',
    description:
      'nDCG of the attribution-importance ranking against the reference, or importance per feature, over time',
  },
  { label: 'Alerts', value: 'alerts', description: 'Firing Modelwatch alerts (for annotations)' },
  {
    label: 'Compliance',
    value: 'compliance',
    description: 'Each policy pack’s impact ratios per attribute and intersection at the end of the range',
  },
];

const SECTIONS: Partial<Record<QueryType, (props: SectionProps) => React.JSX.Element>> = {
  drift: DriftSection,
  driftBins: DriftSection,
  performance: PerformanceSection,
  regression: RegressionSection,
  fairness: FairnessSection,
  slo: SloSection,
  quality: QualitySection,
  compliance: ComplianceSection,
  attributions: AttributionSection,
};

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
  const lookup = useLookup(query.model, datasource.catalog, range);
  const Section = SECTIONS[type];
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <ChoiceField label="Query" value={type} options={QUERY_TYPES} onChange={(queryType) => update({ queryType })} />
      </InlineFieldRow>
      <ModelRow
        query={query}
        update={update}
        lookup={lookup}
        optionalModel={type === 'alerts' || type === 'compliance'}
      />
      {Section && <Section query={query} update={update} lookup={lookup} />}
    </Stack>
  );
}
