import { alertsQuery } from '@modelwatch/promql';
import type { AlertsOptions } from '../options/resolve';

/** Firing Modelwatch alerts of one model (or all), from Prometheus' ALERTS series. */
export function firingAlertsQuery(o: Pick<AlertsOptions, 'model' | 'version'>): string {
  return alertsQuery({ model: o.model, version: o.version, state: 'firing' });
}
