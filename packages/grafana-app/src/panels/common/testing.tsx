// Test helpers shared by the panels' tests: props shaped as Grafana passes them, and rendering inside a theme.
import React from 'react';
import { render } from '@testing-library/react';
import {
  createTheme,
  EventBusSrv,
  getDefaultTimeRange,
  LoadingState,
  standardEditorsRegistry,
  type DataFrame,
  type DataQueryError,
  type PanelProps,
} from '@grafana/data';
import { ThemeContext } from '@grafana/ui';

export interface PropsOverrides {
  width?: number;
  height?: number;
  state?: LoadingState;
  errors?: DataQueryError[];
}

export function panelProps<T>(options: T, series: DataFrame[], overrides: PropsOverrides = {}): PanelProps<T> {
  const timeRange = getDefaultTimeRange();
  return {
    id: 1,
    data: {
      series,
      state: overrides.state ?? LoadingState.Done,
      timeRange,
      ...(overrides.errors ? { errors: overrides.errors } : {}),
    },
    timeRange,
    timeZone: 'utc',
    options,
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: overrides.width ?? 800,
    height: overrides.height ?? 400,
    renderCounter: 0,
    title: 'test panel',
    eventBus: new EventBusSrv(),
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    onChangeTimeRange: () => {},
    replaceVariables: (s: string) => s,
  };
}

export function renderInTheme(ui: React.ReactElement, mode: 'dark' | 'light' = 'dark') {
  const theme = createTheme({ colors: { mode } });
  return { theme, ...render(<ThemeContext.Provider value={theme}>{ui}</ThemeContext.Provider>) };
}

/** A colour as jsdom serialises it in an element's style, to compare with what a component set. */
export function cssColor(color: string): string {
  const probe = document.createElement('div');
  probe.style.background = color;
  return probe.style.background;
}

/**
 * Grafana core registers the option editors at start-up (they are not in the npm packages); the options builder
 * looks them up by id, so computing a plugin's defaults needs them registered. The editors are never rendered.
 */
export function registerOptionEditors() {
  const ids = ['boolean', 'color', 'multi-select', 'number', 'radio', 'select', 'slider', 'strings', 'text', 'unit'];
  standardEditorsRegistry.setInit(() => ids.map((id) => ({ id, name: id, editor: () => null })));
}
