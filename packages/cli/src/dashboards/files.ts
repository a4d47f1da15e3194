import type { ModelwatchConfig } from '../rules/config.js';
import { fleetDashboard } from './fleet.js';
import { dashboardJson } from './json.js';
import { modelDashboard } from './model.js';
import { modelGroups } from './models.js';
import { pluginModelDashboard, pluginOverviewDashboard } from './plugin.js';

/** Files are named `<uid>.json`: the uid is unique and file-safe, so it names the file too. */
/** The fleet dashboard and one dashboard per model of the config, as file name → JSON text. */
export function configDashboardFiles(config: ModelwatchConfig): Record<string, string> {
  return Object.fromEntries(configDashboards(config));
}

/**
 * The same files one at a time, fleet first, so a writer can let each go once written: a fleet of thousands of
 * models has thousands of dashboards.
 */
export function* configDashboards(config: ModelwatchConfig): Generator<[file: string, json: string]> {
  const fleet = fleetDashboard(config);
  yield [`${fleet.uid}.json`, dashboardJson(fleet)];
  for (const group of modelGroups(config)) {
    const dashboard = modelDashboard(config, group);
    yield [`${dashboard.uid}.json`, dashboardJson(dashboard)];
  }
}

/** The app plugin's bundled dashboards, under the names its plugin.json includes. */
export function pluginDashboardFiles(): Record<string, string> {
  return {
    'modelwatch-overview.json': dashboardJson(pluginOverviewDashboard()),
    'modelwatch-model.json': dashboardJson(pluginModelDashboard()),
  };
}
