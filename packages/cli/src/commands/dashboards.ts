import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { configDashboards, pluginDashboardFiles } from '../dashboards/files.js';
import { loadConfig } from '../rules/config.js';
import { writeEach, writeFiles } from '../rules/write.js';
import type { Exit } from './options.js';

export interface DashboardsOptions {
  /** modelwatch.yaml: the fleet dashboard and one per model, on the Prometheus datasource of `grafana.datasourceUid`. */
  config?: string;
  /** The Grafana app's bundled dashboards instead (generic, on the Modelwatch datasource). */
  plugin?: boolean;
  out: string;
}

/** Writes Grafana dashboards as JSON files, one per dashboard; returns the paths. */
export function runDashboards(options: DashboardsOptions): string[] {
  if (options.plugin && options.config) {
    throw new InputError(
      "--plugin and --config exclude each other: --plugin writes the app's generic dashboards, --config the dashboards of one modelwatch.yaml"
    );
  }
  if (!options.plugin && !options.config) {
    throw new InputError(
      "say what to build: --config modelwatch.yaml for its fleet and model dashboards, or --plugin for the app's bundled dashboards"
    );
  }
  if (options.plugin) return writeFiles(options.out, pluginDashboardFiles());
  return writeEach(options.out, configDashboards(loadConfig(options.config!)));
}

/** `modelwatch dashboards`. */
export function registerDashboards(program: Command, exit: Exit): void {
  program
    .command('dashboards')
    .description("generate Grafana dashboards (JSON) from modelwatch.yaml, or the app plugin's bundled dashboards")
    .option('--config <file>', 'modelwatch.yaml: a fleet dashboard and one per model, with its windows and levels')
    .option('--plugin', "the Grafana app's generic dashboards on the Modelwatch datasource instead", false)
    .requiredOption('--out <dir>', 'directory for the dashboard files')
    .action((flags: { config?: string; plugin: boolean; out: string }) => {
      for (const file of runDashboards(flags)) process.stderr.write(`wrote ${file}\n`);
      exit(0);
    });
}
