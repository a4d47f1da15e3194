import type { Command } from 'commander';
import { loadConfig } from '../rules/config.js';
import { ruleGroupsByModel } from '../rules/generate.js';
import type { RuleGroup } from '../rules/rule-types.js';
import { writeRuleFiles } from '../rules/write.js';
import type { Exit } from './options.js';

/**
 * Writes Prometheus rule files, one per model; returns the paths. `recordingOnly` leaves the alerting rules out,
 * for teams that alert from Grafana: its rules query the recorded series, so Prometheus still needs those.
 */
export function runRules(options: { config: string; out: string; recordingOnly?: boolean }): string[] {
  const config = loadConfig(options.config);
  const recordingOnly = (g: RuleGroup): RuleGroup => ({ ...g, rules: g.rules.filter((r) => 'record' in r) });
  function* models() {
    for (const { model, groups } of ruleGroupsByModel(config))
      yield { model, groups: options.recordingOnly ? groups.map(recordingOnly) : groups };
  }
  return writeRuleFiles(options.out, models());
}

/** `modelwatch rules`. */
export function registerRules(program: Command, exit: Exit): void {
  program
    .command('rules')
    .description('generate Prometheus recording and alerting rules from modelwatch.yaml')
    .requiredOption('--config <file>', 'modelwatch.yaml')
    .requiredOption('--out <dir>', 'directory for the rule files (one per model)')
    .option('--recording-only', 'leave the alerting rules out (when alerting from Grafana)', false)
    .action((flags: { config: string; out: string; recordingOnly: boolean }) => {
      for (const file of runRules(flags)) process.stderr.write(`wrote ${file}\n`);
      exit(0);
    });
}
