import { DEFAULT_OVERVIEW_WINDOW, OVERVIEW_WINDOWS, type OverviewWindow } from '../constants';

/** What the app's configuration page stores in the plugin settings' jsonData. */
export interface AppSettings {
  /** The Modelwatch datasource the overview opens with; the first one found when unset or gone. */
  defaultDatasourceUid?: string;
  overviewWindow?: OverviewWindow;
}

export function overviewWindowOf(settings: AppSettings | undefined): OverviewWindow {
  const chosen = settings?.overviewWindow;
  return chosen !== undefined && (OVERVIEW_WINDOWS as readonly string[]).includes(chosen)
    ? chosen
    : DEFAULT_OVERVIEW_WINDOW;
}
