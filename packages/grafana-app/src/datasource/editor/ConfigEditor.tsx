import React, { useState } from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup, Stack, Text } from '@grafana/ui';
import type { MlOptions } from '../types';

type Connection = 'datasource' | 'url';

type Props = DataSourcePluginOptionsEditorProps<MlOptions>;

const CONNECTIONS = [
  {
    label: 'Datasource',
    value: 'datasource' as const,
    description: 'Use the URL and authentication of an existing Prometheus datasource',
  },
  { label: 'URL', value: 'url' as const, description: 'Grafana proxies requests to this URL' },
];

/**
 * Where Prometheus is (an existing Prometheus datasource, or a URL Grafana proxies to) and how the pipeline
 * names the metrics.
 */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  const [connection, setConnection] = useState<Connection>(
    jsonData.prometheusUid || !options.url ? 'datasource' : 'url'
  );
  const choose = (value: Connection) => {
    setConnection(value);
    // One way at a time: a stale uid would win over the URL the user is typing.
    onOptionsChange(
      value === 'url' ? { ...options, jsonData: { ...jsonData, prometheusUid: undefined } } : { ...options, url: '' }
    );
  };
  return (
    <Stack direction="column" gap={1}>
      <Text element="h3">Prometheus</Text>
      <InlineFieldRow>
        <InlineField label="Connect through" labelWidth={20}>
          <RadioButtonGroup<Connection>
            aria-label="Connect through"
            options={CONNECTIONS}
            value={connection}
            onChange={choose}
          />
        </InlineField>
      </InlineFieldRow>
      {connection === 'datasource' ? (
        <PrometheusDatasourceField options={options} onOptionsChange={onOptionsChange} />
      ) : (
        <PrometheusUrlField options={options} onOptionsChange={onOptionsChange} />
      )}
      <NamingField options={options} onOptionsChange={onOptionsChange} />
    </Stack>
  );
}

function PrometheusDatasourceField({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  return (
    <InlineField
      label="Prometheus datasource"
      labelWidth={20}
      htmlFor="modelwatch-prometheus-datasource"
      tooltip="The Prometheus that scrapes the services instrumented with @modelwatch/otel."
    >
      <DataSourcePicker
        inputId="modelwatch-prometheus-datasource"
        type="prometheus"
        noDefault
        width={40}
        current={jsonData.prometheusUid ?? null}
        onChange={(ds) => onOptionsChange({ ...options, url: '', jsonData: { ...jsonData, prometheusUid: ds.uid } })}
      />
    </InlineField>
  );
}

function PrometheusUrlField({ options, onOptionsChange }: Props) {
  return (
    <InlineField
      label="Prometheus URL"
      labelWidth={20}
      htmlFor="modelwatch-prometheus-url"
      tooltip="Prometheus' base URL, without /api/v1."
    >
      <Input
        id="modelwatch-prometheus-url"
        width={40}
        placeholder="http://prometheus:9090"
        value={options.url}
        onChange={(e) =>
          onOptionsChange({
            ...options,
            url: e.currentTarget.value,
            access: 'proxy',
            jsonData: { ...options.jsonData, prometheusUid: undefined },
          })
        }
      />
    </InlineField>
  );
}

function NamingField({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  return (
    <InlineField
      label="Metric naming"
      labelWidth={20}
      tooltip="exporter-prometheus: names as @opentelemetry/exporter-prometheus writes them. OTLP: through the Collector or Prometheus' OTLP receiver, which append units (_seconds, _ratio)."
    >
      <RadioButtonGroup<'exporter-prometheus' | 'otlp'>
        aria-label="Metric naming"
        options={[
          { label: 'exporter-prometheus', value: 'exporter-prometheus' },
          { label: 'OTLP', value: 'otlp' },
        ]}
        value={jsonData.naming ?? 'exporter-prometheus'}
        onChange={(naming) => onOptionsChange({ ...options, jsonData: { ...jsonData, naming } })}
      />
    </InlineField>
  );
}
