import { ALERT_NAME_MATCHER, ALERT_STATE, ALERTS_SERIES, LABEL } from '@modelwatch/semconv';
import { eq, labelMatchers, modelMatch, re } from './selector.js';

/** Which Modelwatch alerts to read from Prometheus' ALERTS series. */
export interface AlertsSelection {
  /** One model, or every model. */
  model?: string;
  /** A model-name regex (a dashboard's `$model` variable), instead of one model. */
  modelPattern?: string;
  /** A version regex; omitted = every version. */
  version?: string;
  /** Firing alerts only, or pending ones too. */
  state?: 'firing' | 'any';
}

/** `ALERTS{alertname=~"Modelwatch.*", …}`: the Modelwatch alerts of one model (or all) in one state (or any). */
export function alertsQuery(selection: AlertsSelection = {}): string {
  const match: Record<string, string> = {};
  if (selection.state === 'firing') match[LABEL.alertState] = eq(ALERT_STATE.firing);
  if (selection.model !== undefined) Object.assign(match, modelMatch({ model: selection.model }));
  else if (selection.modelPattern !== undefined) match[LABEL.modelName] = re(selection.modelPattern);
  if (selection.version !== undefined) match[LABEL.modelVersion] = re(selection.version);
  const rest = Object.keys(match).length ? `, ${labelMatchers(match).slice(1, -1)}` : '';
  return `${ALERTS_SERIES}{${ALERT_NAME_MATCHER}${rest}}`;
}
