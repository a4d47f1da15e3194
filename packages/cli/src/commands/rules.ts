import { writeFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { configJsonSchema, loadConfig } from '../rules/config.js';
import { generateRuleGroups } from '../rules/generate.js';
import { grafanaAlertRules, grafanaContactPoints, grafanaNotificationPolicies } from '../rules/grafana.js';
import { ruleFiles, writeFiles } from '../rules/write.js';

/**
 * Writes Prometheus rule files, one per model; returns the paths. `recordingOnly` leaves the alerting rules out,
 * for teams that alert from Grafana: its rules query the recorded series, so Prometheus still needs those.
 */
export function runRules(options: { config: string; out: string; recordingOnly?: boolean }): string[] {
  const config = loadConfig(options.config);
  const models = generateRuleGroups(config).map(({ model, groups, ...rest }) => ({
    ...rest,
    model,
    groups: options.recordingOnly ? groups.map((g) => ({ ...g, rules: g.rules.filter((r) => 'record' in r) })) : groups,
  }));
  return writeFiles(options.out, ruleFiles(models));
}

/** Writes Grafana alert provisioning: rules, an example contact point and a notification policy by severity. */
export function runGrafanaAlerts(options: { config: string; out: string }): string[] {
  const config = loadConfig(options.config);
  return writeFiles(options.out, {
    'modelwatch-alert-rules.yaml': grafanaAlertRules(config, generateRuleGroups(config)),
    'modelwatch-contact-points.yaml': grafanaContactPoints(),
    'modelwatch-notification-policies.yaml': grafanaNotificationPolicies(),
  });
}

/** Writes the JSON Schema of modelwatch.yaml (for editor completion). */
export function runSchema(options: { out?: string }): string {
  const text = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
  if (options.out) {
    try {
      writeFileSync(options.out, text);
    } catch (e) {
      throw new InputError(`${options.out}: cannot write the schema (${e instanceof Error ? e.message : String(e)})`);
    }
  } else {
    process.stdout.write(text);
  }
  return text;
}
