import pluginJson from './plugin.json';

export const APP_ID = pluginJson.id;

/** The nested datasource's plugin id: the overview looks its instances up by it. */
export const DATASOURCE_PLUGIN_ID = 'modelwatch-ml-datasource';

/**
 * The bundled dashboards' uids, as `modelwatch dashboards` writes them. The model dashboard takes the model and
 * version as the variables `model` and `version`.
 */
export const DASHBOARD_UIDS = {
  overview: 'modelwatch-overview',
  model: 'modelwatch-model',
} as const;

/** How far back the overview looks when the app's settings say nothing. */
export const DEFAULT_OVERVIEW_WINDOW = '1h';
export const OVERVIEW_WINDOWS = ['15m', '1h', '6h', '24h', '7d'] as const;
export type OverviewWindow = (typeof OVERVIEW_WINDOWS)[number];

/** Windows the compliance view offers; the default is the policy rules' window (DEFAULTS.policies in the contract). */
export const COMPLIANCE_WINDOWS = ['1h', '1d', '7d', '30d'] as const;
