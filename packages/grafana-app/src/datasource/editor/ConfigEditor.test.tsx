import React, { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DataSourceInstanceSettings, DataSourceSettings } from '@grafana/data';
import { setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';
import type { MlOptions } from '../types';
import { ConfigEditor } from './ConfigEditor';
import { fixedLayout } from './testing/jsdom-layout';

const installed = (uid: string, name: string, type: string) =>
  ({
    uid,
    name,
    type,
    meta: { id: type, info: { logos: { small: '' } } },
    jsonData: {},
    access: 'proxy',
    readOnly: false,
  }) as unknown as DataSourceInstanceSettings;

/** Grafana's list of installed datasources, as the picker reads it. */
function datasources(list: DataSourceInstanceSettings[]): DataSourceSrv {
  return {
    getList: (filters: { type?: string | string[] } = {}) =>
      list.filter((ds) => filters.type === undefined || [filters.type].flat().includes(ds.type)),
    getInstanceSettings: (ref: unknown) =>
      list.find((ds) => ds.uid === ref || ds.name === ref || (ref as { uid?: string } | null)?.uid === ds.uid),
    get: () => Promise.reject(new Error('not needed')),
    reload: () => Promise.resolve(),
    registerRuntimeDataSource: () => {},
  } as unknown as DataSourceSrv;
}

let restore: () => void;
beforeAll(() => {
  restore = fixedLayout();
  setDataSourceSrv(
    datasources([
      installed('prom-eu', 'Prometheus EU', 'prometheus'),
      installed('loki', 'Logs', 'loki'),
      installed('prom-us', 'Prometheus US', 'prometheus'),
    ])
  );
});
afterAll(() => restore());

function Harness({
  initial,
  changes,
}: {
  initial: Partial<DataSourceSettings<MlOptions>>;
  changes: Array<DataSourceSettings<MlOptions>>;
}) {
  const [options, setOptions] = useState({
    id: 1,
    uid: 'mw',
    name: 'Modelwatch',
    type: 'modelwatch-ml-datasource',
    url: '',
    access: 'proxy',
    jsonData: {},
    ...initial,
  } as DataSourceSettings<MlOptions>);
  return (
    <ConfigEditor
      options={options}
      onOptionsChange={(o) => {
        changes.push(o);
        setOptions(o);
      }}
    />
  );
}

describe('config editor', () => {
  test('the Prometheus datasource picker lists Prometheus datasources only and stores the uid', async () => {
    const changes: Array<DataSourceSettings<MlOptions>> = [];
    render(<Harness initial={{}} changes={changes} />);
    await userEvent.click(screen.getByLabelText('Prometheus datasource'));
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Prometheus EU', 'Prometheus US']);
    await userEvent.click(screen.getByRole('option', { name: 'Prometheus US' }));
    expect(changes[changes.length - 1]).toMatchObject({ url: '', jsonData: { prometheusUid: 'prom-us' } });
  });

  test('or a URL, proxied by Grafana; choosing it drops the datasource', async () => {
    const changes: Array<DataSourceSettings<MlOptions>> = [];
    render(<Harness initial={{ jsonData: { prometheusUid: 'prom-eu' } }} changes={changes} />);
    expect(screen.getByText('Prometheus EU')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'URL' }));
    await userEvent.type(screen.getByLabelText('Prometheus URL'), 'http://prometheus:9090');
    const last = changes[changes.length - 1]!;
    expect(last.url).toBe('http://prometheus:9090');
    expect(last.access).toBe('proxy');
    expect(last.jsonData.prometheusUid).toBeUndefined();
  });

  test('an existing URL opens in URL mode; the metric naming switches to OTLP', async () => {
    const changes: Array<DataSourceSettings<MlOptions>> = [];
    render(<Harness initial={{ url: 'http://prom:9090' }} changes={changes} />);
    expect(screen.getByLabelText('Prometheus URL')).toHaveValue('http://prom:9090');
    expect(screen.getByRole('radio', { name: 'exporter-prometheus' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'OTLP' }));
    expect(changes[changes.length - 1]!.jsonData.naming).toBe('otlp');
  });
});
