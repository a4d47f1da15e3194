// What the demo builds before anything runs, with the real `modelwatch` CLI: the reference profile, and the
// Prometheus rules of the demo's config at the run's speed.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runToEnd } from '@modelwatch/local-prometheus';
import { PATHS, modelwatchBin } from '../lending-paths.js';
import { profileCommand } from '../service/reference-profile.js';
import { writeReferenceAttributions } from '../service/reference-attributions.js';
import { demoWindows, loadDemoConfig, scaleConfig, writeConfig, type DemoWindows } from '../timescale/demo-config.js';

export interface Artifacts {
  windows: DemoWindows;
  /** The modelwatch.yaml the rules were generated from (scaled to the run's speed). */
  configFile: string;
  profileFile: string;
  ruleFiles: string[];
}

export async function buildArtifacts(
  speed: number,
  dir: string,
  say: (line: string) => void,
  shown: (path: string) => string
): Promise<Artifacts> {
  const config = scaleConfig(loadDemoConfig(PATHS.demoConfig), speed);
  const windows = demoWindows(config);
  let configFile = PATHS.demoConfig;
  if (speed !== 1) {
    configFile = join(dir, 'modelwatch.yaml');
    writeConfig(config, configFile);
  }
  const bin = modelwatchBin();
  const modelwatch = (args: string[]): Promise<string> =>
    runToEnd(process.execPath, [bin, ...args], `modelwatch ${args[0]}`);

  const profileFile = join(dir, 'profile.json');
  // The service records each prediction's exact SHAP values; the profile carries the reference ones.
  const attributions = join(dir, 'reference-attributions.csv');
  writeReferenceAttributions(PATHS.model, PATHS.reference, attributions);
  await modelwatch(profileCommand(PATHS.reference, profileFile, attributions));
  say(
    `  reference profile   modelwatch ${profileCommand(shown(PATHS.reference), shown(profileFile), shown(attributions)).join(' ')}`
  );

  const rulesDir = join(dir, 'rules');
  mkdirSync(rulesDir);
  await modelwatch(['rules', '--config', configFile, '--out', rulesDir]);
  const ruleFiles = readdirSync(rulesDir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join(rulesDir, f));
  const ruleCount = ruleFiles.reduce(
    (n, f) => n + (readFileSync(f, 'utf8').match(/^\s+- (record|alert): /gm)?.length ?? 0),
    0
  );
  say(
    `  alert rules         modelwatch rules --config ${shown(configFile)} --out ${shown(rulesDir)}   (${ruleCount} rules; drift window ${windows.drift})`
  );
  return { windows, configFile, profileFile, ruleFiles };
}
