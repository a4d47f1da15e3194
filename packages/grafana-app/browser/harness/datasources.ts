// The datasources of the harness' Grafana, and where its proxy sends each one's requests.
import { freePort } from '@modelwatch/local-prometheus';
import type { HostConfig, HostDatasource } from '../host/api';
import type { HarnessServer } from './server';

export const DATASOURCE_TYPE = 'modelwatch-ml-datasource';

export const UID = {
  /** The Modelwatch datasource on the scenario's Prometheus (through its own URL). */
  modelwatch: 'modelwatch',
  /** A Modelwatch datasource that queries through the Prometheus datasource below. */
  viaPrometheus: 'modelwatch-via-prometheus',
  /** Points at a Prometheus without any Modelwatch series. */
  empty: 'modelwatch-empty',
  /** Points at a port nothing listens on. */
  unreachable: 'modelwatch-unreachable',
  prometheus: 'prometheus',
} as const;

export const DATASOURCES: HostDatasource[] = [
  {
    uid: UID.modelwatch,
    name: 'Modelwatch',
    type: DATASOURCE_TYPE,
    jsonData: { naming: 'exporter-prometheus' },
    isDefault: true,
  },
  {
    uid: UID.viaPrometheus,
    name: 'Modelwatch via Prometheus',
    type: DATASOURCE_TYPE,
    jsonData: { naming: 'exporter-prometheus', prometheusUid: UID.prometheus },
  },
  {
    uid: UID.empty,
    name: 'Modelwatch (empty Prometheus)',
    type: DATASOURCE_TYPE,
    jsonData: { naming: 'exporter-prometheus' },
  },
  {
    uid: UID.unreachable,
    name: 'Modelwatch (unreachable)',
    type: DATASOURCE_TYPE,
    jsonData: { naming: 'exporter-prometheus' },
  },
  { uid: UID.prometheus, name: 'Prometheus', type: 'prometheus', jsonData: {} },
];

/** The proxy's upstreams; the unreachable one gets a port that was free a moment ago and that nothing binds. */
export async function routeDatasources(
  server: HarnessServer,
  prometheus: string,
  emptyPrometheus: string
): Promise<void> {
  server.upstreams.set(UID.modelwatch, prometheus);
  server.upstreams.set(UID.prometheus, prometheus);
  server.upstreams.set(UID.empty, emptyPrometheus);
  server.upstreams.set(UID.unreachable, `http://127.0.0.1:${await freePort()}`);
}

export function hostConfig(overrides: Partial<HostConfig> = {}): HostConfig {
  return {
    datasources: DATASOURCES,
    variables: {},
    appSettings: { defaultDatasourceUid: UID.modelwatch },
    ...overrides,
  };
}
