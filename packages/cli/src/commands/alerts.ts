import type { Command } from 'commander';
import { loadConfig } from '../rules/config.js';
import { generateRuleGroups } from '../rules/generate.js';
import { grafanaAlertRules, grafanaContactPoints, grafanaNotificationPolicies } from '../rules/grafana.js';
import { writeFiles } from '../rules/write.js';
import type { Exit } from './options.js';

/** Writes Grafana alert provisioning: rules, an example contact point and a notification policy by severity. */
export function runGrafanaAlerts(options: { config: string; out: string }): string[] {
  const config = loadConfig(options.config);
  return writeFiles(options.out, {
    'modelwatch-alert-rules.yaml': grafanaAlertRules(config, generateRuleGroups(config), (line) =>
      process.stderr.write(`${line}\n`)
    ),
    'modelwatch-contact-points.yaml': grafanaContactPoints(),
    'modelwatch-notification-policies.yaml': grafanaNotificationPolicies(),
  });
}

/** `modelwatch alerts`. */
export function registerAlerts(program: Command, exit: Exit): void {
  program
    .command('alerts')
    .description('generate Grafana alert provisioning (rules, contact point, notification policy) from modelwatch.yaml')
    .requiredOption('--config <file>', 'modelwatch.yaml')
    .option('--grafana', 'Grafana file provisioning (the only format so far)', true)
    .requiredOption('--out <dir>', 'directory for the provisioning files')
    .action((flags: { config: string; out: string }) => {
      for (const file of runGrafanaAlerts(flags)) process.stderr.write(`wrote ${file}\n`);
      exit(0);
    });
}
