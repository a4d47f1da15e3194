import { MODEL_LABELS, type Naming } from '@modelwatch/semconv';
import type { ComplianceModel } from '../shared/compliance';
import { complianceOptions, type ComplianceOptions } from './options/resolve';
import type { PrometheusClient } from './prometheus/client';
import type { PromVector } from './prometheus/api';
import { complianceModels, judgedWindow, policySettings, type PolicySettings } from './processors/compliance';
import { compareNatural, keyOf } from './processors/samples';
import { complianceQuery, configuredPacksQuery, policyAlertsQuery, policySettingsQuery } from './queries/compliance';

/**
 * Every model version's tables, each over the window it is judged over (its rules' window unless the query sets
 * one): the counters are read once per distinct window, and each model kept from the read of its own.
 */
export async function complianceOverWindows(
  client: PrometheusClient,
  o: ComplianceOptions,
  end: number,
  settings: Map<string, PolicySettings>,
  extra: { configured?: PromVector; alerts?: PromVector } = {}
): Promise<ComplianceModel[]> {
  const recorded = o.explicit.has('window') ? [] : [...settings.values()].map((s) => s.window);
  const windows = [...new Set([o.window, ...recorded])];
  const perWindow = await Promise.all(
    windows.map(async (window) => {
      const w = { ...o, window };
      const [predictions, scored, aboveCut] = await Promise.all([
        client.instant(complianceQuery(w), end, 'group predictions'),
        client.instant(complianceQuery(w, 'groupScored'), end, 'group scored predictions'),
        client.instant(complianceQuery(w, 'groupScoredAboveCut'), end, 'group predictions scored above the cut'),
      ]);
      return complianceModels(w, predictions, extra.configured, extra.alerts, { scored, aboveCut }, settings).filter(
        (m) => judgedWindow(o, settings.get(modelKey(m))) === window
      );
    })
  );
  return perWindow.flat().sort((a, b) => compareNatural(modelKey(a), modelKey(b)));
}

const modelKey = (m: ComplianceModel): string =>
  keyOf({ [MODEL_LABELS[0]]: m.model, [MODEL_LABELS[1]]: m.version }, MODEL_LABELS);

/**
 * The app's compliance view: every model version's policy-pack tables, read at `end` (unix seconds), judged with
 * the pack settings its rules record (else the defaults); over `window` when given, else over each model's rules'
 * window. The packs its policy rules record, or every pack when none are.
 */
export async function modelCompliance(
  client: PrometheusClient,
  naming: Naming,
  window: string | undefined,
  end: number
): Promise<ComplianceModel[]> {
  const o = complianceOptions({ refId: 'compliance', queryType: 'compliance', window }, naming);
  const [settings, configured, alerts] = await Promise.all([
    client.instant(policySettingsQuery(), end, 'policy settings'),
    client.instant(configuredPacksQuery(), end, 'recorded policy packs'),
    client.instant(policyAlertsQuery(), end, 'policy alerts'),
  ]);
  return complianceOverWindows(client, o, end, policySettings(settings), { configured, alerts });
}
