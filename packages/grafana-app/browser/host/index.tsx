// The host page: the libraries Grafana shares with plugins (registered with SystemJS by host.html under the
// names of the plugins' define([...])), Grafana's runtime services wired to the harness server, and the API the
// Node side drives (window.modelwatchHost). Loaded BEFORE SystemJS so UMD code (lodash) does not see its `define`.
import React from 'react';
import ReactDOM from 'react-dom';
import { createRoot } from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';
import * as grafanaData from '@grafana/data';
import * as grafanaUI from '@grafana/ui';
import * as grafanaRuntime from '@grafana/runtime';
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import lodash from 'lodash';
import * as rxjs from 'rxjs';
import i18next from 'i18next';
import * as reactRouter from 'react-router';
import type {
  AppPlugin,
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourcePlugin,
  DataSourcePluginMeta,
  PanelPlugin,
} from '@grafana/data';
import type { FrameSummary, HostApi, HostConfig, PluginKinds, PluginModules, TimeRangeMs } from './api';
import { HarnessBackendSrv } from './backendSrv';
import { HarnessDataSourceSrv, type LoadedDatasourcePlugin } from './dataSourceSrv';
import { HarnessTemplateSrv } from './templateSrv';
import { container, renderApp, renderAppConfig, renderPanel, unmount } from './render';

const { standardEditorsRegistry, createTheme, dateTime, rangeUtil, toDataFrame } = grafanaData;

// Grafana core fills the option-editor registry at start-up (its editors are not in the npm packages).
// PanelOptionsEditorBuilder.addNumberInput() etc. look editors up by id, so register inert stand-ins.
const EDITOR_IDS = [
  'boolean',
  'color',
  'dashboard-uid',
  'field-name',
  'multi-select',
  'number',
  'radio',
  'select',
  'slider',
  'strings',
  'text',
  'timezone',
  'unit',
];
standardEditorsRegistry.setInit(() => EDITOR_IDS.map((id) => ({ id, name: id, editor: () => null })));

// Names exactly as the plugin's define([...]) lists them (webpack externals in .config/bundler/externals.ts).
const sharedModules: Record<string, unknown> = {
  react: React,
  'react-dom': ReactDOM,
  'react/jsx-runtime': jsxRuntime,
  'react/jsx-dev-runtime': jsxRuntime,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUI,
  '@grafana/runtime': grafanaRuntime,
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  lodash,
  rxjs,
  i18next,
  'react-router': reactRouter,
};

const mode = new URLSearchParams(window.location.search).get('theme') === 'light' ? 'light' : 'dark';
const theme = createTheme({ colors: { mode } });
grafanaRuntime.config.theme2 = theme;

interface SystemJs {
  import(url: string): Promise<{ plugin?: unknown }>;
}
const system = (): SystemJs => (window as unknown as { System: SystemJs }).System;

async function pluginAt<T>(module: string): Promise<T> {
  const exports = await system().import(module);
  if (!exports.plugin) {
    throw new Error(`${module} exports no plugin`);
  }
  return exports.plugin as T;
}

/** plugin.json as Grafana's backend hands it to the frontend: URLs under public/plugins/<id>/. */
async function pluginMeta<T>(pluginJson: string): Promise<T> {
  const meta = await json<{ id: string; info: { logos: { small: string; large: string } } }>(pluginJson);
  const base = `public/plugins/${meta.id}`;
  const logos = { small: `${base}/${meta.info.logos.small}`, large: `${base}/${meta.info.logos.large}` };
  return { ...meta, baseUrl: base, module: `${base}/module.js`, info: { ...meta.info, logos } } as unknown as T;
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

const backendSrv = new HarnessBackendSrv();
const frames = new Map<string, DataFrame[]>();
let app: AppPlugin | undefined;
const panels = new Map<string, PanelPlugin>();
let kinds: PluginKinds = { app: false, datasource: false, panels: {} };
let frameCounter = 0;

function timeRange(range: TimeRangeMs) {
  const from = dateTime(range.from);
  const to = dateTime(range.to);
  return { from, to, raw: { from, to } };
}

function summary(frame: DataFrame): FrameSummary {
  const meta = frame.meta as FrameSummary['meta'] | undefined;
  return {
    refId: frame.refId,
    name: frame.name,
    meta: meta ? { custom: meta.custom, notices: meta.notices } : undefined,
    length: frame.length,
    fields: frame.fields.map((f) => ({
      name: f.name,
      type: f.type,
      labels: f.labels,
      values: [...f.values],
      config: { ...f.config },
    })),
  };
}

let datasourcePlugins = new Map<string, LoadedDatasourcePlugin>();

async function load(modules: PluginModules): Promise<void> {
  const { AppPlugin, DataSourcePlugin, PanelPlugin } = grafanaData;
  const loadedApp = await pluginAt<AppPlugin>(modules.app);
  loadedApp.meta = {
    ...(await pluginMeta<AppPlugin['meta']>(modules.app.replace(/module\.js$/, 'plugin.json'))),
    enabled: true,
    jsonData: {},
  };
  app = loadedApp;
  kinds = { app: loadedApp instanceof AppPlugin, datasource: false, panels: {} };
  datasourcePlugins = new Map();
  for (const ds of modules.datasources) {
    const plugin = await pluginAt<DataSourcePlugin<DataSourceApi>>(ds.module);
    const meta = await pluginMeta<DataSourcePluginMeta>(ds.pluginJson);
    plugin.meta = meta;
    datasourcePlugins.set(ds.id, { plugin, meta });
    kinds.datasource = plugin instanceof DataSourcePlugin;
  }
  for (const p of modules.panels) {
    const plugin = await pluginAt<PanelPlugin>(p.module);
    plugin.meta = await pluginMeta<PanelPlugin['meta']>(p.pluginJson);
    panels.set(p.id, plugin);
    kinds.panels[p.id] = plugin instanceof PanelPlugin;
  }
}

const api: HostApi = {
  async setup(modules) {
    await load(modules);
    grafanaRuntime.setBackendSrv(backendSrv);
    // Grafana's global styles (body font, colours) once per page, in the page's theme.
    createRoot(container('global-styles')).render(
      <grafanaUI.ThemeContext.Provider value={theme}>
        <grafanaUI.GlobalStyles />
      </grafanaUI.ThemeContext.Provider>
    );
  },

  async configure(config: HostConfig) {
    grafanaRuntime.setTemplateSrv(new HarnessTemplateSrv(config.variables));
    grafanaRuntime.setDataSourceSrv(new HarnessDataSourceSrv(config.datasources, datasourcePlugins));
    if (app) {
      app.meta.jsonData = config.appSettings;
    }
  },

  async clear(id) {
    unmount(id);
  },

  async pluginKinds() {
    return kinds;
  },

  async testDatasource(uid) {
    const ds = await grafanaRuntime.getDataSourceSrv().get(uid);
    const result = await ds.testDatasource();
    return { status: String(result.status), message: String(result.message) };
  },

  async query(uid, targets, range) {
    const ds = await grafanaRuntime.getDataSourceSrv().get(uid);
    const tr = timeRange(range);
    const maxDataPoints = 300;
    const { interval, intervalMs } = rangeUtil.calculateInterval(tr, maxDataPoints);
    const request: DataQueryRequest = {
      requestId: `harness-${++frameCounter}`,
      app: 'dashboard',
      range: tr,
      rangeRaw: tr.raw,
      interval,
      intervalMs,
      maxDataPoints,
      scopedVars: {},
      targets: targets.map((t) => ({ refId: 'A', datasource: { uid: ds.uid, type: ds.type }, ...t })),
      timezone: 'utc',
      startTime: Date.now(),
    };
    const answer = ds.query(request);
    const response: DataQueryResponse = rxjs.isObservable(answer) ? await rxjs.lastValueFrom(answer) : await answer;
    const data = (response.data ?? []).map((d: unknown) => toDataFrame(d));
    const key = `frames-${frameCounter}`;
    frames.set(key, data);
    // `error` repeats the first of `errors` when a datasource sets both; Grafana reads `errors` first.
    const errors = (response.errors ?? (response.error ? [response.error] : [])).map((e) => ({
      refId: e.refId,
      message: e.message,
    }));
    return { frames: data.map(summary), errors, key };
  },

  async modelOverview(uid, range) {
    const ds = (await grafanaRuntime.getDataSourceSrv().get(uid)) as unknown as {
      getModelOverview?: (r: unknown) => Promise<unknown[]>;
    };
    if (typeof ds.getModelOverview !== 'function') {
      throw new Error('the datasource has no getModelOverview');
    }
    return ds.getModelOverview(timeRange(range));
  },

  async metricFindQuery(uid, query, range) {
    const ds = await grafanaRuntime.getDataSourceSrv().get(uid);
    if (!ds.metricFindQuery) {
      throw new Error('the datasource has no metricFindQuery');
    }
    const values = await ds.metricFindQuery(query, { range: timeRange(range), scopedVars: {} });
    return values.map((v) => String(v.value ?? v.text));
  },

  async renderPanel(panelId, framesKey, range, opts) {
    const plugin = panels.get(panelId);
    if (!plugin) {
      throw new Error(`panel ${panelId} is not loaded`);
    }
    const data = frames.get(framesKey);
    if (!data) {
      throw new Error(`no frames under ${framesKey}`);
    }
    await renderPanel(plugin, theme, data, timeRange(range), container(opts.id), opts);
  },

  async renderApp(url, id) {
    await renderApp(app!, theme, url, container(id));
  },

  async renderAppConfig(id) {
    await renderAppConfig(app!, theme, container(id));
  },

  requests() {
    return backendSrv.log;
  },
};

(window as unknown as { grafanaShared: Record<string, unknown> }).grafanaShared = sharedModules;
window.modelwatchHost = api;
