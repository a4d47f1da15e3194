import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Command } from 'commander';
import { InputError } from '../errors.js';
import { loadConfig, type ModelwatchConfig } from '../rules/config.js';
import { modelKeys, ruleGroupsByModel } from '../rules/generate.js';
import type { RuleGroup } from '../rules/rule-types.js';
import { ruleFileNames, writeNamedRuleFiles, writeRuleFiles } from '../rules/write.js';
import type { Exit } from './options.js';

export interface RulesOptions {
  config: string;
  out: string;
  recordingOnly?: boolean;
}

/** What a share of the fleet is: the options, and the entries' positions (`to` excluded). */
export interface RulesShare extends RulesOptions {
  from: number;
  to: number;
}

/** What a worker thread answers: nothing when its files are written, else the problem. */
export type ShareOutcome = { ok: true } | { ok: false; message: string; input: boolean };

const recordingOnly = (g: RuleGroup): RuleGroup => ({ ...g, rules: g.rules.filter((r) => 'record' in r) });

function* shareGroups(config: ModelwatchConfig, options: RulesOptions, from: number, to: number) {
  for (const { groups } of ruleGroupsByModel(config, from, to))
    yield { groups: options.recordingOnly ? groups.map(recordingOnly) : groups };
}

/**
 * Writes Prometheus rule files, one per model; returns the paths. `recordingOnly` leaves the alerting rules out,
 * for teams that alert from Grafana: its rules query the recorded series, so Prometheus still needs those.
 */
export function runRules(options: RulesOptions): string[] {
  const config = loadConfig(options.config);
  function* models() {
    for (const { model, groups } of ruleGroupsByModel(config))
      yield { model, groups: options.recordingOnly ? groups.map(recordingOnly) : groups };
  }
  return writeRuleFiles(options.out, models());
}

/** Writes one share of the fleet's rule files, named as the whole fleet names them. */
export function writeRulesShare(config: ModelwatchConfig, share: RulesShare): void {
  const names = ruleFileNames(modelKeys(config.models));
  writeNamedRuleFiles(share.out, shareGroups(config, share, share.from, share.to), names.slice(share.from, share.to));
}

/**
 * Config bytes per thread below which one thread is quicker: a thread reads the config again and loads the
 * generators (a few hundred milliseconds), which pays off from a few hundred model entries.
 */
const BYTES_PER_THREAD = 256 * 1024;
const MAX_THREADS = 4;

/** How many threads to share a config of `bytes` among: one per core, while each gets enough to do. */
export function ruleThreads(bytes: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, MAX_THREADS, Math.floor(bytes / BYTES_PER_THREAD)));
}

/**
 * runRules with the fleet shared among threads (worker threads each read the config and write a contiguous
 * share of the files): the files are the same, byte for byte, but a fleet of thousands of models is written in
 * a fraction of the time on several cores. The workers start before this thread reads the config, so all read
 * it at once; a config error is reported from this thread, as runRules reports it.
 */
export async function runRulesInParallel(options: RulesOptions): Promise<string[]> {
  let bytes = 0;
  try {
    bytes = statSync(options.config).size;
  } catch {
    // loadConfig gives the one-line message for a missing or unreadable file.
  }
  const threads = ruleThreads(bytes);
  if (threads === 1) return runRules(options);
  const workers = Array.from({ length: threads - 1 }, () => {
    const worker = new Worker(new URL('./rules-worker.js', import.meta.url), { workerData: options });
    const done = new Promise<ShareOutcome>((resolve) => {
      worker.once('message', (outcome: ShareOutcome) => resolve(outcome));
      worker.once('error', (e) => resolve({ ok: false, message: e.message, input: false }));
      worker.once('exit', (code) =>
        resolve({ ok: false, message: `rule writer thread exited with code ${code}`, input: false })
      );
    });
    return { worker, done };
  });
  try {
    const config = loadConfig(options.config);
    const count = config.models.length;
    const at = (t: number): number => Math.floor((count * t) / threads);
    workers.forEach(({ worker }, i) => worker.postMessage({ ...options, from: at(i + 1), to: at(i + 2) }));
    writeRulesShare(config, { ...options, from: 0, to: at(1) });
    for (const { done } of workers) {
      const outcome = await done;
      if (!outcome.ok) throw outcome.input ? new InputError(outcome.message) : new Error(outcome.message);
    }
    return ruleFileNames(modelKeys(config.models)).map((name) => join(options.out, name));
  } finally {
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }
}

/** `modelwatch rules`. */
export function registerRules(program: Command, exit: Exit): void {
  program
    .command('rules')
    .description('generate Prometheus recording and alerting rules from modelwatch.yaml')
    .requiredOption('--config <file>', 'modelwatch.yaml')
    .requiredOption('--out <dir>', 'directory for the rule files (one per model)')
    .option('--recording-only', 'leave the alerting rules out (when alerting from Grafana)', false)
    .action(async (flags: { config: string; out: string; recordingOnly: boolean }) => {
      for (const file of await runRulesInParallel(flags)) process.stderr.write(`wrote ${file}\n`);
      exit(0);
    });
}
