// Windows judged by the generated rules: `modelwatch rules` writes the drift groups for a modelwatch.yaml, and
// `promtool test rules` evaluates them over the recorded counters at compressed time (one window per hour, the
// rules evaluated once per window, at its end). Prometheus 2.x ranges include both ends, so increase() over a
// window from one collection to the next is the window's own count, without extrapolation.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBinary } from '@modelwatch/local-prometheus';
import { DEFAULTS, LABEL, RECORD, RECORDED_DRIFT, RECORDED_DRIFT_KEYS, promLabel, ATTR } from '@modelwatch/semconv';
import type { SeriesHistory } from './recorder.js';

/** How drift alerts judge their levels: today's fixed levels, or material and significant (noise floor). */
export type ThresholdMode = 'fixed' | 'noise-floor';

/** The simulated window: one hour of compressed time, judged once at its end. */
export const WINDOW = '1h';

/** Whether this build's config knows `drift.thresholds` (before it did, every alert used fixed levels). */
export const THRESHOLD_MODES_SUPPORTED = 'thresholds' in DEFAULTS.drift;

/**
 * A modelwatch.yaml with the drift defaults except the window (one compressed hour) and `for: 0s`: each window is
 * judged once, so an alert that holds at a window's end is a firing feature-window.
 */
export function simulationConfig(models: readonly string[], mode: ThresholdMode): string {
  if (mode !== 'fixed' && !THRESHOLD_MODES_SUPPORTED) throw new Error(`this build has no drift.thresholds: ${mode}`);
  const lines = ['naming: exporter-prometheus', `interval: ${WINDOW}`, 'models:'];
  for (const name of models) {
    lines.push(`  - name: ${name}`, '    drift:', `      window: ${WINDOW}`, '      for: 0s');
    if (THRESHOLD_MODES_SUPPORTED) lines.push(`      thresholds: ${mode}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `modelwatch rules` for the config; returns the rule files. */
export function generateRules(cliBin: string, dir: string, config: string): string[] {
  const configFile = join(dir, 'modelwatch.yaml');
  writeFileSync(configFile, config);
  const out = join(dir, 'rules');
  mkdirSync(out, { recursive: true });
  const r = spawnSync(process.execPath, [cliBin, 'rules', '--config', configFile, '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`modelwatch rules failed: ${r.stderr}`);
  return readdirSync(out)
    .filter((f) => f.endsWith('.rules.yml'))
    .map((f) => join(out, f));
}

/** Per model and feature: windows the rules judged and windows in which any drift alert fired. */
export interface FeatureWindows {
  model: string;
  feature: string;
  judged: number;
  fired: number;
}

/** Firing windows per model, alert and severity. */
export interface AlertWindows {
  model: string;
  alert: string;
  severity: string;
  fired: number;
}

export interface RuleVerdicts {
  features: FeatureWindows[];
  alerts: AlertWindows[];
}

const DRIFT_ALERTS = RECORDED_DRIFT_KEYS.map((k) => RECORDED_DRIFT[k].alert!).join('|');
const MODEL = promLabel(ATTR.modelName);

/** The queries read at the last window's end, over every window. */
function queries(windows: number): Record<'judged' | 'fired' | 'alerts', string> {
  const range = `${windows}h`;
  const firing = `ALERTS{alertstate="firing", alertname=~"${DRIFT_ALERTS}"}`;
  return {
    // Windows whose count the rules recorded (every window has one unless the traffic never reached the rules).
    judged: `sum by (${MODEL}, ${LABEL.feature}) (count_over_time(${RECORD.featureCount(WINDOW)}[${range}]))`,
    // Windows in which at least one drift alert (any statistic, any severity) fired for the feature.
    fired: `sum by (${MODEL}, ${LABEL.feature}) (count_over_time((max by (${MODEL}, ${LABEL.feature}) (${firing}))[${range}:${WINDOW}]))`,
    alerts: `sum by (${MODEL}, alertname, ${LABEL.severity}) (count_over_time(${firing}[${range}]))`,
  };
}

/** A promtool unit-test file: the recorded series as input, every query expected empty (promtool then prints what it got). */
function unitTest(ruleFiles: readonly string[], history: SeriesHistory, windows: number): string {
  const input = [...history.series()].map(([series, values]) => ({
    series,
    // One collection per window end, from time 0; '_' where the series was not exposed yet.
    values: values.map((v) => (v === undefined ? '_' : String(v))).join(' '),
  }));
  const q = queries(windows);
  const test = {
    rule_files: ruleFiles,
    evaluation_interval: WINDOW,
    tests: [
      {
        interval: WINDOW,
        input_series: input,
        promql_expr_test: Object.values(q).map((expr) => ({ expr, eval_time: `${windows}h`, exp_samples: [] })),
      },
    ],
  };
  // JSON is YAML: promtool reads it as is.
  return JSON.stringify(test);
}

/** `{a="x", b="y"} 2E+00, {…} 3E+00` → labels and values. */
function parseGot(line: string): { labels: Record<string, string>; value: number }[] {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const m of line.matchAll(/\{([^}]*)\} (\S+?)(?:,|$)/g)) {
    const labels: Record<string, string> = {};
    for (const l of m[1]!.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ labels, value: Number(m[2]) });
  }
  return out;
}

/** What promtool got per query (an expression missing from its report returned nothing). */
function parseReport(output: string): Map<string, ReturnType<typeof parseGot>> {
  const got = new Map<string, ReturnType<typeof parseGot>>();
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^\s*expr: (".*"), time: /.exec(lines[i]!);
    if (!head) continue;
    const expr = JSON.parse(head[1]!) as string;
    const gotLine = lines.slice(i + 1, i + 4).find((l) => /^\s*got: /.test(l));
    if (gotLine === undefined) throw new Error(`promtool printed no result for ${expr}`);
    got.set(expr, parseGot(gotLine.replace(/^\s*got: /, '')));
  }
  return got;
}

function run(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(requireBinary('promtool'), ['test', 'rules', file]);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Evaluates the generated rules over the windows of `history` with promtool and counts what fired. */
export async function judgeWindows(
  dir: string,
  ruleFiles: readonly string[],
  history: SeriesHistory,
  windows: number
): Promise<RuleVerdicts> {
  const file = join(dir, 'windows.test.yml');
  writeFileSync(file, unitTest(ruleFiles, history, windows));
  const output = await run(file);
  if (/could not|error|parse/i.test(output) && !/FAILED/.test(output))
    throw new Error(`promtool test rules: ${output.slice(0, 2000)}`);
  const report = parseReport(output);
  const q = queries(windows);
  const key = (l: Record<string, string>): string => `${l[MODEL]}\u0000${l[LABEL.feature]}`;
  const fired = new Map((report.get(q.fired) ?? []).map((s) => [key(s.labels), s.value]));
  const features = (report.get(q.judged) ?? []).map((s) => ({
    model: s.labels[MODEL]!,
    feature: s.labels[LABEL.feature]!,
    judged: s.value,
    fired: fired.get(key(s.labels)) ?? 0,
  }));
  if (features.length === 0) throw new Error(`promtool judged no window:\n${output.slice(0, 2000)}`);
  const alerts = (report.get(q.alerts) ?? []).map((s) => ({
    model: s.labels[MODEL]!,
    alert: s.labels.alertname!,
    severity: s.labels[LABEL.severity]!,
    fired: s.value,
  }));
  return { features, alerts };
}
