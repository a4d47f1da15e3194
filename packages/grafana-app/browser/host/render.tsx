// Renders plugins as Grafana does: panels inside Grafana's PanelChrome with the field processing Grafana applies
// before a panel sees its data, the app's root page under its /a/<id> route, the app's configuration page.
import React, { useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import * as reactRouter from 'react-router';
import {
  EventBusSrv,
  LoadingState,
  applyFieldOverrides,
  type AppPlugin,
  type DataFrame,
  type GrafanaTheme2,
  type PanelPlugin,
  type PanelProps,
  type TimeRange,
} from '@grafana/data';
import { PanelChrome, ThemeContext } from '@grafana/ui';

const roots = new Map<string, Root>();

/** Unmounts the React tree rendered into the element with this id, and removes the element. */
export function unmount(id: string): void {
  roots.get(id)?.unmount();
  roots.delete(id);
  document.getElementById(id)?.remove();
}

/** A fresh element with this id at the end of the page. */
export function container(id: string): HTMLElement {
  unmount(id);
  const element = document.createElement('div');
  element.id = id;
  element.style.display = 'inline-block';
  element.style.margin = '8px';
  element.style.verticalAlign = 'top';
  document.getElementById('root')!.appendChild(element);
  return element;
}

/** Resolves once React has committed the tree (the effect runs after the first paint of the children). */
function mounted(render: (done: () => void) => React.ReactNode, element: HTMLElement): Promise<void> {
  const root = createRoot(element);
  roots.set(element.id, root);
  return new Promise((resolve) => root.render(<>{render(resolve)}</>));
}

function Committed({ onCommit, children }: { onCommit: () => void; children: React.ReactNode }) {
  useEffect(() => {
    requestAnimationFrame(() => requestAnimationFrame(onCommit));
  }, [onCommit]);
  return <>{children}</>;
}

export function renderPanel(
  plugin: PanelPlugin,
  theme: GrafanaTheme2,
  frames: DataFrame[],
  timeRange: TimeRange,
  element: HTMLElement,
  opts: { width: number; height: number; title: string; options?: Record<string, unknown> }
): Promise<void> {
  const fieldConfig = plugin.fieldConfigDefaults;
  const replaceVariables = (s: string) => s;
  const series = applyFieldOverrides({
    data: frames,
    fieldConfig,
    fieldConfigRegistry: plugin.fieldConfigRegistry,
    replaceVariables,
    theme,
    timeZone: 'utc',
  });
  const Panel = plugin.panel!;
  const eventBus = new EventBusSrv();
  return mounted(
    (done) => (
      <ThemeContext.Provider value={theme}>
        <Committed onCommit={done}>
          <div
            style={{
              width: opts.width,
              height: opts.height,
              background: theme.colors.background.canvas,
              padding: 4,
              boxSizing: 'content-box',
            }}
          >
            <PanelChrome title={opts.title} width={opts.width} height={opts.height}>
              {(innerWidth: number, innerHeight: number) => {
                const props: PanelProps = {
                  id: 1,
                  data: { series, state: LoadingState.Done, timeRange },
                  timeRange,
                  timeZone: 'utc',
                  options: { ...plugin.defaults, ...(opts.options ?? {}) },
                  fieldConfig,
                  transparent: false,
                  width: innerWidth,
                  height: innerHeight,
                  renderCounter: 0,
                  title: opts.title,
                  eventBus,
                  onOptionsChange: () => {},
                  onFieldConfigChange: () => {},
                  onChangeTimeRange: () => {},
                  replaceVariables,
                };
                return <Panel {...props} />;
              }}
            </PanelChrome>
          </div>
        </Committed>
      </ThemeContext.Provider>
    ),
    element
  );
}

export function renderApp(plugin: AppPlugin, theme: GrafanaTheme2, url: string, element: HTMLElement): Promise<void> {
  const Root = plugin.root!;
  const meta = plugin.meta;
  return mounted(
    (done) => (
      <ThemeContext.Provider value={theme}>
        <Committed onCommit={done}>
          <div
            style={{
              width: 1280,
              padding: 16,
              background: theme.colors.background.primary,
              color: theme.colors.text.primary,
            }}
          >
            <reactRouter.MemoryRouter initialEntries={[url]}>
              <reactRouter.Routes>
                <reactRouter.Route
                  path={`/a/${meta.id}/*`}
                  element={
                    <Root meta={meta} basename={`/a/${meta.id}`} query={{}} path={url} onNavChanged={() => {}} />
                  }
                />
              </reactRouter.Routes>
            </reactRouter.MemoryRouter>
          </div>
        </Committed>
      </ThemeContext.Provider>
    ),
    element
  );
}

export function renderAppConfig(plugin: AppPlugin, theme: GrafanaTheme2, element: HTMLElement): Promise<void> {
  const page = plugin.configPages?.[0];
  if (!page) {
    return Promise.reject(new Error('the app has no configuration page'));
  }
  const Body = page.body;
  return mounted(
    (done) => (
      <ThemeContext.Provider value={theme}>
        <Committed onCommit={done}>
          <div
            style={{
              width: 800,
              padding: 16,
              background: theme.colors.background.primary,
              color: theme.colors.text.primary,
            }}
          >
            <Body plugin={plugin} query={{}} />
          </div>
        </Committed>
      </ThemeContext.Provider>
    ),
    element
  );
}
