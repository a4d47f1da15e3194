import React from 'react';
import type { AnnotationQueryEditorProps } from '../annotations';
import type { MlDataSource } from '../datasource';
import { ModelRow } from './ModelRow';
import { useLookup } from './useLookup';

/** Annotations show the Modelwatch alerts that fired: the only choice is whose (a model, a version, or all). */
export function AnnotationEditor({ datasource, query, onChange, onRunQuery, range }: AnnotationQueryEditorProps) {
  const lookup = useLookup(query.model, (datasource as MlDataSource).catalog, range);
  const update = (change: Partial<typeof query>) => {
    onChange({ ...query, ...change, queryType: 'alerts' });
    onRunQuery();
  };
  return <ModelRow query={query} update={update} lookup={lookup} optionalModel />;
}
