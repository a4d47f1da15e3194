// Host page bundle: the libraries Grafana shares with plugins, plus a small render helper.
// It is loaded BEFORE SystemJS so that UMD code (lodash) does not see SystemJS's AMD `define`.
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

const {
  standardEditorsRegistry,
  createTheme,
  toDataFrame,
  applyFieldOverrides,
  EventBusSrv,
  LoadingState,
  getDefaultTimeRange,
} = grafanaData;

// Grafana core fills the option-editor registry at start-up (its editors are not in the npm packages).
// PanelOptionsEditorBuilder.addNumberInput() etc. look editors up by id, so register inert stand-ins.
const EDITOR_IDS = ['boolean', 'color', 'dashboard-uid', 'field-name', 'multi-select', 'number', 'radio', 'select', 'slider', 'strings', 'text', 'timezone', 'unit'];
standardEditorsRegistry.setInit(() => EDITOR_IDS.map((id) => ({ id, name: id, editor: () => null })));

// Names exactly as the plugin's define([...]) lists them (webpack externals in .config/bundler/externals.ts).
export const sharedModules: Record<string, unknown> = {
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

type FrameInput = Parameters<typeof toDataFrame>[0];

export function renderPanel(
  plugin: grafanaData.PanelPlugin,
  container: HTMLElement,
  frames: FrameInput[],
  opts: { width: number; height: number; mode?: 'dark' | 'light'; options?: Record<string, unknown> }
) {
  const theme = createTheme({ colors: { mode: opts.mode ?? 'dark' } });
  const fieldConfig = plugin.fieldConfigDefaults;
  const replaceVariables = (s: string) => s;
  const timeRange = getDefaultTimeRange();
  // The same processing Grafana applies before a panel sees its data (display processors, field config).
  const series = applyFieldOverrides({
    data: frames.map((f) => toDataFrame(f)),
    fieldConfig,
    fieldConfigRegistry: plugin.fieldConfigRegistry,
    replaceVariables,
    theme,
    timeZone: 'utc',
  });
  const Panel = plugin.panel!;
  const props: grafanaData.PanelProps = {
    id: 1,
    data: { series, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options: { ...plugin.defaults, ...(opts.options ?? {}) },
    fieldConfig,
    transparent: false,
    width: opts.width,
    height: opts.height,
    renderCounter: 0,
    title: 'test panel',
    eventBus: new EventBusSrv(),
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    onChangeTimeRange: () => {},
    replaceVariables,
  };
  const root = createRoot(container);
  root.render(
    <grafanaUI.ThemeContext.Provider value={theme}>
      <grafanaUI.GlobalStyles />
      <div style={{ width: opts.width, height: opts.height }}>
        <Panel {...props} />
      </div>
    </grafanaUI.ThemeContext.Provider>
  );
  return root;
}

export function renderApp(plugin: grafanaData.AppPlugin, container: HTMLElement, url: string, mode: 'dark' | 'light' = 'dark') {
  const theme = createTheme({ colors: { mode } });
  const Root = plugin.root!;
  const meta = { id: 'modelwatch-ml-app', type: 'app', name: 'Ml', enabled: true, jsonData: {} } as any;
  const root = createRoot(container);
  root.render(
    <grafanaUI.ThemeContext.Provider value={theme}>
      <grafanaUI.GlobalStyles />
      <reactRouter.MemoryRouter initialEntries={[url]}>
        <Root meta={meta} basename="/a/modelwatch-ml-app" query={{}} path={url} onNavChanged={() => {}} />
      </reactRouter.MemoryRouter>
    </grafanaUI.ThemeContext.Provider>
  );
  return root;
}

(window as any).grafanaHost = { sharedModules, renderPanel, renderApp, grafanaData };
