import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ALERT_FILES } from '@modelwatch/semconv';
import { InputError } from '../errors.js';
import { loadConfig } from '../rules/config.js';
import { ruleGroupsByModel } from '../rules/generate.js';
import { grafanaAlertRuleChunks } from '../rules/grafana.js';
import { alertmanagerSnippet } from '../rules/routing/alertmanager.js';
import { grafanaContactPoints, grafanaPolicyTree, grafanaRoutesSnippet } from '../rules/routing/grafana.js';
import { writeChunks, writeFiles } from '../rules/write.js';
import type { Exit } from './options.js';

export interface AlertsOptions {
  config: string;
  out: string;
  /** Grafana alert rules, contact points and routes snippet. With neither target set, both are written. */
  grafana?: boolean;
  /** The Alertmanager routes and receivers snippet. */
  alertmanager?: boolean;
  /** Also the Grafana policy file that replaces the organisation's whole notification policy tree. */
  replacePolicyTree?: boolean;
}

/**
 * Writes alert provisioning: Grafana alert rules, example contact points and the routes to paste under an
 * existing policy tree, and the routes and receivers to merge into an Alertmanager config. Returns the files.
 */
export function runAlerts(options: AlertsOptions): string[] {
  const both = !options.grafana && !options.alertmanager;
  const grafana = both || options.grafana === true;
  const alertmanager = both || options.alertmanager === true;
  if (options.replacePolicyTree && !grafana)
    throw new InputError('--replace-policy-tree: it replaces the Grafana policy tree; add --grafana or drop it');
  const config = loadConfig(options.config);
  const files: Record<string, string> = {};
  const written: string[] = [];
  if (grafana) {
    // A fleet's alert rules run to hundreds of megabytes: written group by group, never held as one text.
    const chunks = grafanaAlertRuleChunks(config, ruleGroupsByModel(config), (line) =>
      process.stderr.write(`${line}\n`)
    );
    written.push(writeChunks(options.out, ALERT_FILES.grafanaRules, chunks));
    files[ALERT_FILES.grafanaContactPoints] = grafanaContactPoints(config);
    files[ALERT_FILES.grafanaRoutesSnippet] = grafanaRoutesSnippet(config);
    if (options.replacePolicyTree) files[ALERT_FILES.grafanaPolicyTree] = grafanaPolicyTree(config);
  }
  if (alertmanager) files[ALERT_FILES.alertmanagerSnippet] = alertmanagerSnippet(config);
  written.push(...writeFiles(options.out, files));
  // Earlier versions wrote the whole tree by default: one left in a provisioned folder goes on replacing the tree.
  const stale = join(options.out, ALERT_FILES.grafanaPolicyTree);
  if (grafana && !options.replacePolicyTree && existsSync(stale))
    process.stderr.write(
      `${stale}: left from an earlier run; it still replaces Grafana's whole notification policy tree. Delete it and paste ${ALERT_FILES.grafanaRoutesSnippet} into your tree, or pass --replace-policy-tree to keep it current\n`
    );
  return written;
}

/**
 * @deprecated Use `runAlerts({ ...options, grafana: true, replacePolicyTree: true })`, or leave out
 * `replacePolicyTree` to merge the routes into your own policy tree. Kept for callers of earlier versions: it
 * writes what it wrote then, the Grafana files with the whole policy tree (and now the routes snippet too).
 */
export function runGrafanaAlerts(options: { config: string; out: string }): string[] {
  return runAlerts({ ...options, grafana: true, replacePolicyTree: true });
}

/** `modelwatch alerts`. */
export function registerAlerts(program: Command, exit: Exit): void {
  program
    .command('alerts')
    .description(
      'generate alert routing from modelwatch.yaml: Grafana alert rules, contact points and routes, and Alertmanager routes and receivers'
    )
    .requiredOption('--config <file>', 'modelwatch.yaml')
    .requiredOption('--out <dir>', 'directory for the generated files')
    .option('--grafana', 'Grafana: alert rules, contact points and a routes snippet (with neither flag: both)')
    .option('--alertmanager', 'Alertmanager: a routes and receivers snippet (with neither flag: both)')
    .option(
      '--replace-policy-tree',
      "also write a Grafana notification policy file; it REPLACES the org's whole policy tree and locks it in the UI"
    )
    .action((flags: AlertsOptions) => {
      for (const file of runAlerts(flags)) process.stderr.write(`wrote ${file}\n`);
      exit(0);
    });
}
