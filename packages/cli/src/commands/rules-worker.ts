// A worker thread of runRulesInParallel: reads the config as soon as it starts, while the main thread reads it
// too, then writes the share of the rule files it is sent and answers with the outcome.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { loadConfig, type ModelwatchConfig } from '../rules/config.js';
import { writeRulesShare, type RulesOptions, type RulesShare, type ShareOutcome } from './rules.js';

const failed = (e: unknown): ShareOutcome => ({
  ok: false,
  message: e instanceof Error ? e.message : String(e),
  input: e instanceof InputError,
});

let config: ModelwatchConfig | ShareOutcome;
try {
  config = loadConfig((workerData as RulesOptions).config);
} catch (e) {
  // The main thread reads the same config and reports the problem; this answer is only a fallback.
  config = failed(e);
}

const port = parentPort!;
port.once('message', (share: RulesShare) => {
  let outcome: ShareOutcome;
  if ('ok' in config) outcome = config;
  else {
    try {
      writeRulesShare(config, share);
      outcome = { ok: true };
    } catch (e) {
      outcome = failed(e);
    }
  }
  port.postMessage(outcome);
});
