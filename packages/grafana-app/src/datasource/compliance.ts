import type { Naming } from '@modelwatch/semconv';
import type { ComplianceModel } from '../shared/compliance';
import { complianceOptions } from './options/resolve';
import type { PrometheusClient } from './prometheus/client';
import { complianceModels } from './processors/compliance';
import { complianceQuery, configuredPacksQuery, policyAlertsQuery } from './queries/compliance';

/**
 * The app's compliance view: every model version's policy-pack tables over `window`, read at `end` (unix seconds);
 * the packs its policy rules record, or every pack when none are.
 */
export async function modelCompliance(
  client: PrometheusClient,
  naming: Naming,
  window: string,
  end: number
): Promise<ComplianceModel[]> {
  const o = complianceOptions({ refId: 'compliance', queryType: 'compliance', window }, naming);
  const [predictions, configured, alerts, scored, aboveCut] = await Promise.all([
    client.instant(complianceQuery(o), end, 'group predictions'),
    client.instant(configuredPacksQuery(), end, 'recorded policy packs'),
    client.instant(policyAlertsQuery(), end, 'policy alerts'),
    client.instant(complianceQuery(o, 'groupScored'), end, 'group scored predictions'),
    client.instant(complianceQuery(o, 'groupScoredAboveCut'), end, 'group predictions scored above the cut'),
  ]);
  return complianceModels(o, predictions, configured, alerts, { scored, aboveCut });
}
