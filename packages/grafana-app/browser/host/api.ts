// What the host page offers the Node side (window.modelwatchHost), in types both sides share. Everything that
// crosses page.evaluate is plain data: frames travel as FrameSummary, plugins stay in the page.
import type { DataSourceJsonData } from '@grafana/schema';

export type ThemeMode = 'dark' | 'light';

/** A datasource the host's dataSourceSrv knows; `proxy` is where the harness server forwards its requests. */
export interface HostDatasource {
  uid: string;
  name: string;
  type: string;
  jsonData: DataSourceJsonData & Record<string, unknown>;
  isDefault?: boolean;
}

/** The plugins of dist/, as the Node side lists them from the built plugin.json files. */
export interface PluginModules {
  app: string;
  datasources: Array<{ id: string; module: string; pluginJson: string }>;
  panels: Array<{ id: string; module: string; pluginJson: string }>;
}

/** Grafana's state around the plugins: its datasources, the dashboard's variables, the app's settings. */
export interface HostConfig {
  datasources: HostDatasource[];
  /** Dashboard variables the templateSrv replaces ($model, ${version}, [[x]]). */
  variables: Record<string, string>;
  /** The app's settings (plugin meta jsonData), as Grafana would hand them to the app. */
  appSettings: Record<string, unknown>;
}

export interface PluginKinds {
  app: boolean;
  datasource: boolean;
  panels: Record<string, boolean>;
}

export interface FieldSummary {
  name: string;
  type: string;
  labels?: Record<string, string>;
  values: unknown[];
  /** Display names and colours as Grafana's field processing shows them are not needed; raw values are. */
  config: Record<string, unknown>;
}

export interface FrameSummary {
  refId?: string;
  name?: string;
  meta?: { custom?: Record<string, unknown>; notices?: Array<{ severity: string; text: string }> };
  length: number;
  fields: FieldSummary[];
}

export interface QueryResult {
  frames: FrameSummary[];
  /** Errors the datasource reported in the response (not thrown). */
  errors: Array<{ refId?: string; message?: string }>;
  /** The page-side key under which the frames are kept for rendering. */
  key: string;
}

export interface TimeRangeMs {
  from: number;
  to: number;
}

export interface RenderOptions {
  width: number;
  height: number;
  title: string;
  options?: Record<string, unknown>;
  /** The element id to render into (created by the host). */
  id: string;
}

export interface HostApi {
  /** Loads the plugins through SystemJS (once per page). */
  setup(modules: PluginModules): Promise<void>;
  /** Wires Grafana's runtime services to the plugins and the harness server; may be called again to change them. */
  configure(config: HostConfig): Promise<void>;
  /** Unmounts what was rendered into the element with this id and removes it. */
  clear(id: string): Promise<void>;
  pluginKinds(): Promise<PluginKinds>;
  testDatasource(uid: string): Promise<{ status: string; message: string }>;
  query(uid: string, targets: Array<Record<string, unknown>>, range: TimeRangeMs): Promise<QueryResult>;
  modelOverview(uid: string, range: TimeRangeMs): Promise<unknown[]>;
  /** A template-variable query, as Grafana runs one for a dashboard variable. */
  metricFindQuery(uid: string, query: string, range: TimeRangeMs): Promise<string[]>;
  renderPanel(panelId: string, framesKey: string, range: TimeRangeMs, options: RenderOptions): Promise<void>;
  renderApp(url: string, id: string): Promise<void>;
  renderAppConfig(id: string): Promise<void>;
  /** Requests the page made through backendSrv, for checks on what the plugin asked. */
  requests(): Array<{ method: string; url: string; status: number }>;
}

declare global {
  interface Window {
    modelwatchHost: HostApi;
  }
}
