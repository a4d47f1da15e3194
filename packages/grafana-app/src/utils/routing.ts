import { DASHBOARD_UIDS } from '../constants';

/** The bundled model dashboard, opened on one model version. */
export function modelDashboardUrl(model: string, version: string): string {
  const params = new URLSearchParams({ 'var-model': model, 'var-version': version });
  return `/d/${DASHBOARD_UIDS.model}?${params.toString()}`;
}
