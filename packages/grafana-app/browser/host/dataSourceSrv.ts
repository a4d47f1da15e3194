// Grafana's dataSourceSrv over the datasources of one harness run: instance settings as Grafana builds them for
// proxy access (url = /api/datasources/proxy/uid/<uid>), instances made from the loaded plugin's class.
import type {
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourcePlugin,
  DataSourcePluginMeta,
  DataSourceRef,
} from '@grafana/data';
import type { DataSourceSrv, GetDataSourceListFilters } from '@grafana/runtime';
import type { HostDatasource } from './api';

/** A datasource plugin as the host loaded it, with its plugin.json. */
export interface LoadedDatasourcePlugin {
  plugin: DataSourcePlugin<DataSourceApi>;
  meta: DataSourcePluginMeta;
}

export class HarnessDataSourceSrv implements DataSourceSrv {
  private readonly settings: DataSourceInstanceSettings[];
  private readonly instances = new Map<string, Promise<DataSourceApi>>();

  constructor(
    datasources: HostDatasource[],
    /** Plugin id → the loaded plugin and its plugin.json, for the types this harness can instantiate. */
    private readonly plugins: Map<string, LoadedDatasourcePlugin>
  ) {
    this.settings = datasources.map((ds, i) => ({
      id: i + 1,
      uid: ds.uid,
      type: ds.type,
      name: ds.name,
      url: `/api/datasources/proxy/uid/${ds.uid}`,
      access: 'proxy',
      readOnly: false,
      isDefault: ds.isDefault ?? false,
      jsonData: ds.jsonData,
      meta:
        plugins.get(ds.type)?.meta ??
        ({
          id: ds.type,
          name: ds.type,
          type: 'datasource',
          info: {},
          module: '',
          baseUrl: '',
        } as unknown as DataSourcePluginMeta),
    }));
  }

  private find(ref?: DataSourceRef | string | null): DataSourceInstanceSettings | undefined {
    if (ref === undefined || ref === null) {
      return this.settings.find((s) => s.isDefault);
    }
    const key = typeof ref === 'string' ? ref : ref.uid;
    return this.settings.find((s) => s.uid === key || s.name === key);
  }

  getInstanceSettings(ref?: DataSourceRef | string | null): DataSourceInstanceSettings | undefined {
    return this.find(ref);
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    const types = filters.type === undefined ? undefined : Array.isArray(filters.type) ? filters.type : [filters.type];
    return this.settings.filter(
      (s) =>
        (filters.pluginId === undefined || s.meta.id === filters.pluginId) &&
        (types === undefined || types.includes(s.type)) &&
        (filters.metrics !== true || s.meta.metrics === true) &&
        (filters.filter === undefined || filters.filter(s))
    );
  }

  get(ref?: DataSourceRef | string | null): Promise<DataSourceApi> {
    const settings = this.find(ref);
    if (!settings) {
      return Promise.reject(new Error(`Datasource ${JSON.stringify(ref)} was not found`));
    }
    let instance = this.instances.get(settings.uid);
    if (!instance) {
      const loaded = this.plugins.get(settings.type);
      if (!loaded) {
        return Promise.reject(new Error(`No plugin of type ${settings.type} is loaded in the harness`));
      }
      // As Grafana does: the instance gets the plugin's meta and components after construction.
      const ds = new loaded.plugin.DataSourceClass(settings);
      ds.meta = loaded.meta;
      ds.components = loaded.plugin.components;
      instance = Promise.resolve(ds);
      this.instances.set(settings.uid, instance);
    }
    return instance;
  }

  reload(): void {
    this.instances.clear();
  }

  registerRuntimeDataSource(): void {
    throw new Error('runtime datasources are not used by the Modelwatch plugins');
  }
}
