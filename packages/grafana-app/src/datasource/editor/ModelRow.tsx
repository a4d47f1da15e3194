import React from 'react';
import { InlineFieldRow } from '@grafana/ui';
import { LABEL } from '@modelwatch/semconv';
import type { MlQuery } from '../types';
import { PickerField } from './fields/PickerField';
import { forModel, type Lookup } from './sections/types';

export interface ModelRowProps {
  query: MlQuery;
  update: (change: Partial<MlQuery>) => void;
  lookup: Lookup;
  /** Alert queries may leave the model empty (every model). */
  optionalModel: boolean;
}

/** The model and version pickers every query starts with. */
export function ModelRow({ query, update, lookup, optionalModel }: ModelRowProps) {
  return (
    <InlineFieldRow>
      <PickerField
        id={`${query.refId}-model`}
        label="Model"
        tooltip={optionalModel ? 'Empty: every model.' : `The ${LABEL.modelName} of the Modelwatch series.`}
        value={query.model}
        placeholder={optionalModel ? 'all models' : 'choose a model'}
        load={() => lookup.cached('models', () => lookup.catalog.models(lookup.range))}
        onChange={(model) => update({ model, version: undefined })}
      />
      <PickerField
        id={`${query.refId}-version`}
        label="Version"
        tooltip={`A ${LABEL.modelVersion}, or an RE2 regex over it. Empty: every version, split by version.`}
        value={query.version}
        placeholder="all versions"
        load={forModel(lookup, 'versions', (c, m, r) => c.versions(m, r))}
        onChange={(version) => update({ version })}
        labelWidth={10}
        width={20}
      />
    </InlineFieldRow>
  );
}
