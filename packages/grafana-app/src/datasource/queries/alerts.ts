import { quote } from '@modelwatch/promql';
import type { AlertsOptions } from '../options/resolve';

/** Every alert the generated rules define is named Modelwatch…. */
export const MODELWATCH_ALERTS = 'alertname=~"Modelwatch.*"';

/** Firing Modelwatch alerts of one model (or all), from Prometheus' ALERTS series. */
export function alertsQuery(o: Pick<AlertsOptions, 'model' | 'version'>, state: 'firing' | 'any' = 'firing'): string {
  const parts = [MODELWATCH_ALERTS];
  if (state === 'firing') {
    parts.push('alertstate="firing"');
  }
  if (o.model !== undefined) {
    parts.push(`model_name=${quote(o.model)}`);
  }
  if (o.version !== undefined) {
    parts.push(`model_version=~${quote(o.version)}`);
  }
  return `ALERTS{${parts.join(', ')}}`;
}
