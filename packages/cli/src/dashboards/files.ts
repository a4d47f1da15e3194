import type { ModelwatchConfig } from '../rules/config.js';
import { fleetDashboard } from './fleet.js';
import { dashboardJson } from './json.js';
import { modelDashboard } from './model.js';
import { modelGroups } from './models.js';
import { pluginModelDashboard, pluginOverviewDashboard } from './plugin.js';

/** `<uid>.json`: the uid is unique and file-safe, so it names the file too. */
function byUid(dashboards: { uid?: string }[], json: string[]): Record<string, string> {
  return Object.fromEntries(dashboards.map((d, i) => [`${d.uid}.json`, json[i]!]));
}

/** The fleet dashboard and one dashboard per model of the config, as file name → JSON text. */
export function configDashboardFiles(config: ModelwatchConfig): Record<string, string> {
  const dashboards = [fleetDashboard(config), ...modelGroups(config).map((g) => modelDashboard(config, g))];
  return byUid(dashboards, dashboards.map(dashboardJson));
}

/** The app plugin's bundled dashboards, under the names its plugin.json includes. */
export function pluginDashboardFiles(): Record<string, string> {
  return {
    'modelwatch-overview.json': dashboardJson(pluginOverviewDashboard()),
    'modelwatch-model.json': dashboardJson(pluginModelDashboard()),
  };
}
