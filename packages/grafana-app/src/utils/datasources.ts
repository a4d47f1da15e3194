import type { DataSourceInstanceSettings, TimeRange } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { DATASOURCE_PLUGIN_ID } from '../constants';
import type { ComplianceModel } from '../shared/compliance';
import type { ModelOverview } from '../shared/overview';

/** What the overview needs from a Modelwatch datasource instance. */
export interface ModelOverviewSource {
  getModelOverview(range: TimeRange): Promise<ModelOverview[]>;
}

export function listModelwatchDatasources(): DataSourceInstanceSettings[] {
  return getDataSourceSrv().getList({ pluginId: DATASOURCE_PLUGIN_ID });
}

/** The preferred datasource when it still exists, else the first one. */
export function pickDatasource(
  list: DataSourceInstanceSettings[],
  preferredUid: string | undefined
): DataSourceInstanceSettings | undefined {
  return list.find((ds) => ds.uid === preferredUid) ?? list[0];
}

export async function overviewSourceOf(settings: DataSourceInstanceSettings): Promise<ModelOverviewSource> {
  const instance: unknown = await getDataSourceSrv().get({ uid: settings.uid, type: settings.type });
  if (!hasOverview(instance)) {
    throw new Error(
      `The datasource "${settings.name}" cannot list models: update the Modelwatch plugin to a version that matches this app`
    );
  }
  return instance;
}

function hasOverview(instance: unknown): instance is ModelOverviewSource {
  return typeof (instance as Partial<ModelOverviewSource> | null)?.getModelOverview === 'function';
}

/** What the compliance view needs from a Modelwatch datasource instance. */
export interface ComplianceSource {
  /** window: '' for each model's rules' window. */
  getCompliance(window: string): Promise<ComplianceModel[]>;
}

export async function complianceSourceOf(settings: DataSourceInstanceSettings): Promise<ComplianceSource> {
  const instance: unknown = await getDataSourceSrv().get({ uid: settings.uid, type: settings.type });
  if (typeof (instance as Partial<ComplianceSource> | null)?.getCompliance !== 'function') {
    throw new Error(
      `The datasource "${settings.name}" cannot compute policy packs: update the Modelwatch plugin to a version that matches this app`
    );
  }
  return instance as ComplianceSource;
}
