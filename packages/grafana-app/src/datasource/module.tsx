import React from 'react';
import { DataSourcePlugin, type DataSourcePluginOptionsEditorProps, type QueryEditorProps } from '@grafana/data';
import { Field, Input } from '@grafana/ui';
import { MlDataSource } from './datasource';
import type { MlOptions, MlQuery } from './types';

function ConfigEditor({ options, onOptionsChange }: DataSourcePluginOptionsEditorProps<MlOptions>) {
  return (
    <Field label="Prometheus datasource UID">
      <Input
        value={options.jsonData.prometheusUid ?? ''}
        onChange={(e) => onOptionsChange({ ...options, jsonData: { ...options.jsonData, prometheusUid: e.currentTarget.value } })}
      />
    </Field>
  );
}

function QueryEditor({ query, onChange }: QueryEditorProps<MlDataSource, MlQuery, MlOptions>) {
  return (
    <Field label="Model">
      <Input value={query.model ?? ''} onChange={(e) => onChange({ ...query, model: e.currentTarget.value })} />
    </Field>
  );
}

export const plugin = new DataSourcePlugin<MlDataSource, MlQuery, MlOptions>(MlDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
