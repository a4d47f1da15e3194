import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool, type ToolRun } from '@modelwatch/local-prometheus';

// Evaluates builder output with `promtool test rules`: each expression becomes a recording rule, the input is
// synthetic counters, and every expected sample is checked against a number computed in TypeScript. The files
// are written as JSON, which is YAML too, so no YAML library is involved in what promtool reads.

/** Floats are compared exactly by promtool: a check asks for |x − v| < 1e-9 instead. */
export const TOLERANCE = 1e-9;
/** Evaluation step and input sample spacing, and the instant every check is made at. */
export const STEP = '1m';
export const AT = '10m';

export type Labels = Record<string, string>;

export interface Sample {
  labels: Labels;
  /** NaN checks that the series exists with an undefined value (0/0), which promtool cannot compare. */
  value: number;
}

export interface Suite {
  /** Recording rules in evaluation order: a rule sees the results of the rules before it at the same instant. */
  rules: Record<string, string>;
  input: { series: string; values: string }[];
  /** Per recorded name, the exact set of series it must hold at AT ([] = none). */
  expect: Record<string, Sample[]>;
}

/**
 * A PromQL/Go string literal written independently of the builders' `quote`, so a test of quoting does not
 * check the function against itself. Only `\` and `"` need escaping; newlines are written as `\n`.
 */
export function goString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `name{k="v", …}` with the labels in the given order. */
export function selector(name: string, labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${goString(v)}`);
  return `${name}{${parts.join(', ')}}`;
}

/** A counter (or gauge) input series in promtool's expanding notation, e.g. `0+40x15`. */
export function input(name: string, labels: Labels, values: string): { series: string; values: string } {
  return { series: selector(name, labels), values };
}

/**
 * A counter growing by `perMinute` from 0 at t = 0, sampled every minute up to 15m: increase() over the 5m
 * window ending at 10m is exactly 5 × perMinute (no extrapolation: the samples span the whole window).
 */
export function steady(perMinute: number): string {
  return `0+${perMinute}x15`;
}

/** Minutes in the window the tests read (5m ending at AT): a `steady` counter adds WINDOW_MINUTES × perMinute. */
export const WINDOW_MINUTES = 5;

/** TOLERANCE, or 1e-12 of the value when that is larger: sums of huge terms (MAPE at y = 0) differ in their last bits. */
function tolerance(v: number): number {
  return Math.max(TOLERANCE, Math.abs(v) * 1e-12);
}

/** Runs promtool; a missing one fails the test with the package that installs it, never a skip. */
const promtool = (args: string[], cwd?: string): ToolRun => runTool('promtool', args, cwd);

/** promql_expr_tests that `record` holds exactly `samples` at AT. */
function checks(record: string, samples: Sample[]): { expr: string; eval_time: string; exp_samples: unknown[] }[] {
  const at = (expr: string, exp: unknown[]) => ({ expr, eval_time: AT, exp_samples: exp });
  if (samples.length === 0) return [at(record, [])];
  // The count proves there is no series beyond the expected ones (a label kept by mistake splits a series).
  const out = [at(`count(${record})`, [{ labels: '{}', value: samples.length }])];
  for (const s of samples) {
    const one = selector(record, s.labels);
    const expr = Number.isNaN(s.value)
      ? `${one} != bool ${one}`
      : `abs(${one} - ${formatNumber(s.value)}) < bool ${tolerance(s.value)}`;
    // Arithmetic drops the name: the result carries exactly the labels the record must have.
    out.push(at(expr, [{ labels: selector('', s.labels), value: 1 }]));
  }
  return out;
}

/** A float literal PromQL reads back to the same double. */
function formatNumber(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`cannot compare with ${v}`);
  return String(v);
}

/** Writes the suite, runs `promtool test rules` on it and fails with promtool's output. */
export function expectRules(suite: Suite): void {
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-promql-'));
  try {
    const rules = {
      groups: [
        {
          name: 'promql',
          interval: STEP,
          rules: Object.entries(suite.rules).map(([record, expr]) => ({ record, expr })),
        },
      ],
    };
    const tests = {
      rule_files: ['rules.yml'],
      evaluation_interval: STEP,
      tests: [
        {
          // Without `interval` promtool silently spaces the input samples by its default.
          interval: STEP,
          input_series: suite.input,
          promql_expr_test: Object.entries(suite.expect).flatMap(([record, samples]) => checks(record, samples)),
        },
      ],
    };
    writeFileSync(join(dir, 'rules.yml'), JSON.stringify(rules, null, 2));
    writeFileSync(join(dir, 'test.yml'), JSON.stringify(tests, null, 2));
    const r = promtool(['test', 'rules', 'test.yml'], dir);
    if (r.code !== 0 || !/SUCCESS/.test(r.output)) {
      throw new Error(`promtool test rules exited ${r.code}:\n${r.output}\nrules:\n${JSON.stringify(rules, null, 2)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
