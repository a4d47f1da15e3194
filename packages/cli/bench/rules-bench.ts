// npm run bench: what the generated rules cost a real Prometheus (Debian's 2.42) for 20 models x 50 features.
// `modelwatch rules` writes the groups for a synthetic modelwatch.yaml. The series @modelwatch/otel would export
// for those models are loaded as they would be after running a while: BENCH_RULES_HISTORY_MINUTES (default 65)
// of history at one sample per 30 s, backfilled with `promtool tsdb create-blocks-from openmetrics`, so the 1 h
// drift and data-quality windows hold the samples a 30 s scrape gives them; Prometheus then scrapes the same
// counters, still growing, from a loopback exposition every 15 s and evaluates the groups every 30 s (the
// fleet's interval; Prometheus spreads the groups over it). For BENCH_RULES_SECONDS (default 100) the bench
// reads each evaluation's time (prometheus_rule_group_last_duration_seconds, which is the rules API's
// evaluationTime) and reports, per kind of group and over all, the median and the largest. The naive way, in the same Prometheus: a group that computes
// one model's PSI and Jensen-Shannon distance straight from the raw counters, and the PSI query from the raw
// counters against reading the recorded series. Target: every group evaluates in at most 0.2 s; a missed target
// or a failed evaluation exits 1. The machine's load moves every wall time; what does not move with it is printed
// too: the samples each of model-00's drift rules reads, and with BENCH_RULES_COMPARE_CLI (another build's
// bin.js) that build's drift rules for model-00 timed interleaved with this build's.
//
// The performance (1 d) and SLO (up to 3 d) windows hold only the backfilled hour: their series are a few per
// model, so their cost is the joins, not the samples; the drift groups, over 500 bin counters per model, are the
// ones the samples per window make expensive.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PrometheusClient,
  requireBinary,
  sleep,
  startPrometheus,
  type PrometheusServer,
} from '@modelwatch/local-prometheus';
import { binCounts, binShares, jensenShannon, psi, referenceShares, type Scope } from '@modelwatch/promql';
import {
  ATTR,
  DEFAULT_DURATION_BUCKETS,
  METRICS,
  prometheusName,
  promLabel,
  type MetricKey,
} from '@modelwatch/semconv';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const MODELS = 20;
const FEATURES = 50;
const BINS = 10;
const GROUPS = ['a', 'b', 'c'];
const CLASSES = ['yes', 'no'];
const SECONDS = Number(process.env.BENCH_RULES_SECONDS ?? 100);
const HISTORY_MINUTES = Number(process.env.BENCH_RULES_HISTORY_MINUTES ?? 65);
const HISTORY_STEP_SECONDS = 30;
/** The fleet's usual interval: Prometheus spreads the groups' evaluations over it. */
const EVALUATION_INTERVAL = '30s';
const SCRAPE_INTERVAL_MS = 15_000;
const TARGET_SECONDS = 0.2;
const NAIVE_GROUP = 'naive-drift-from-raw-counters';
const QUERY_REPEATS = 5;

const modelName = (m: number): string => `model-${String(m).padStart(2, '0')}`;
const featureName = (f: number): string => `f${String(f).padStart(2, '0')}`;

function syntheticConfig(): string {
  const lines = [
    '# 20 models x 50 features, every statistic and alert the generator writes, default windows.',
    'naming: exporter-prometheus',
    `interval: ${EVALUATION_INTERVAL}`,
    'models:',
  ];
  for (let m = 0; m < MODELS; m++) {
    lines.push(
      `  - name: ${modelName(m)}`,
      '    classes: { positive: "yes", negative: "no" }',
      '    drift:',
      '      baseline: { reference: true, lastWeek: true, offset: 1w }',
      '      psi: { warning: 0.1, critical: 0.2 }',
      '      jensenShannon: { warning: 0.1 }',
      '      chiSquare: { warning: 100 }',
      '      ks: { warning: 0.1 }',
      '    dataQuality: {}',
      '    performance:',
      '      realized: { f1: { warning: 0.5, critical: 0.4 }, accuracy: { warning: 0.8 } }',
      '      estimated: { f1: { warning: 0.5 } }',
      '    fairness:',
      '      attributes:',
      '        group: { disparateImpact: { warning: 0.8, critical: 0.6 }, fnrDifference: { warning: 0.1 }, equalizedOddsDifference: { warning: 0.2 } }',
      '    slos:',
      '      latency: { objective: 0.99, threshold: 0.25 }',
      '      availability: { objective: 0.999 }',
      '      quality: { objective: 0.85 }'
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The series @modelwatch/otel exports for the synthetic models, with counters that grow on every scrape. */
class SyntheticExposition {
  private scrapes = 0;
  private state = 0x9e3779b9;
  /** Cumulative values of the counters, in the order render() writes them. */
  private readonly totals: number[] = [];
  private next = 0;

  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** The next counter's value after one more scrape interval of ~`perScrape` events (varying, never decreasing). */
  private counter(perScrape: number): string {
    const value = (this.totals[this.next] ?? 0) + perScrape * (0.5 + this.random());
    this.totals[this.next++] = value;
    return value.toFixed(3);
  }

  render(): string {
    return `${this.lines().join('\n')}\n`;
  }

  /** One scrape's exposition lines (TYPE lines, then samples), the counters one interval further on. */
  lines(): string[] {
    this.scrapes++;
    this.next = 0;
    const out: string[] = [];
    const name = (key: MetricKey): string => prometheusName(METRICS[key], 'exporter-prometheus');
    const labels = (model: string, extra: Record<string, string>): string => {
      const all = {
        [promLabel(ATTR.modelName)]: model,
        [promLabel(ATTR.modelVersion)]: '1.0.0',
        ...extra,
        otel_scope_name: '@modelwatch/otel',
      };
      return `{${Object.entries(all)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',')}}`;
    };
    const family = (key: MetricKey, type: string): void => {
      out.push(`# TYPE ${name(key)} ${type}`);
    };
    const models = Array.from({ length: MODELS }, (_, m) => modelName(m));

    family('featureValues', 'counter');
    for (const model of models) {
      for (let f = 0; f < FEATURES; f++) {
        for (let b = 0; b < BINS; b++) {
          out.push(
            `${name('featureValues')}${labels(model, { feature: featureName(f), feature_role: 'feature', bin: String(b) })} ${this.counter(10)}`
          );
        }
      }
    }
    family('featureReferenceShare', 'gauge');
    for (const model of models) {
      for (let f = 0; f < FEATURES; f++) {
        for (let b = 0; b < BINS; b++)
          out.push(
            `${name('featureReferenceShare')}${labels(model, { feature: featureName(f), feature_role: 'feature', bin: String(b) })} 0.1`
          );
      }
    }
    family('featureIssues', 'counter');
    for (const model of models) {
      for (let f = 0; f < FEATURES; f++) {
        for (const issue of ['missing', 'out_of_range', 'invalid_type', 'unseen_category', 'unknown_feature']) {
          out.push(`${name('featureIssues')}${labels(model, { feature: featureName(f), issue })} ${this.counter(0.5)}`);
        }
      }
    }
    family('predictions', 'counter');
    for (const model of models)
      for (const c of CLASSES)
        out.push(`${name('predictions')}${labels(model, { prediction_class: c })} ${this.counter(50)}`);
    family('errors', 'counter');
    for (const model of models)
      out.push(`${name('errors')}${labels(model, { error_type: 'timeout' })} ${this.counter(0.1)}`);
    for (const key of ['outcomes', 'estimatedOutcomes'] as const) {
      family(key, 'counter');
      for (const model of models) {
        for (const p of CLASSES)
          for (const a of CLASSES)
            out.push(`${name(key)}${labels(model, { prediction_class: p, actual_class: a })} ${this.counter(20)}`);
      }
    }
    family('groupPredictions', 'counter');
    for (const model of models) {
      for (const g of GROUPS)
        for (const c of CLASSES)
          out.push(
            `${name('groupPredictions')}${labels(model, { group_attribute: 'group', group_value: g, prediction_class: c })} ${this.counter(15)}`
          );
    }
    family('groupOutcomes', 'counter');
    for (const model of models) {
      for (const g of GROUPS) {
        for (const p of CLASSES)
          for (const a of CLASSES)
            out.push(
              `${name('groupOutcomes')}${labels(model, { group_attribute: 'group', group_value: g, prediction_class: p, actual_class: a })} ${this.counter(5)}`
            );
      }
    }
    const duration = name('inferenceDuration');
    out.push(`# TYPE ${duration} histogram`);
    for (const model of models) {
      const total = this.scrapes * 100;
      DEFAULT_DURATION_BUCKETS.forEach((le, i) =>
        out.push(
          `${duration}_bucket${labels(model, { le: String(le) })} ${Math.round((total * (i + 1)) / DEFAULT_DURATION_BUCKETS.length)}`
        )
      );
      out.push(`${duration}_bucket${labels(model, { le: '+Inf' })} ${total}`);
      out.push(`${duration}_sum${labels(model, {})} ${(total * 0.05).toFixed(3)}`);
      out.push(`${duration}_count${labels(model, {})} ${total}`);
    }
    return out;
  }
}

/**
 * `minutes` of history, one sample per HISTORY_STEP_SECONDS up to now, as promtool's backfill reads it
 * (OpenMetrics, each series' samples together in time order), turned into TSDB blocks in `storage`. The
 * exposition's counters go on from where the history ends, so the scrapes continue them.
 */
function backfill(
  exposition: SyntheticExposition,
  dir: string,
  storage: string,
  minutes: number,
  target: string
): number {
  const steps = Math.floor((minutes * 60) / HISTORY_STEP_SECONDS);
  const referenceShare = `${prometheusName(METRICS.featureReferenceShare, 'exporter-prometheus')}{`;
  const now = Math.floor(Date.now() / 1000) - HISTORY_STEP_SECONDS;
  let series: string[] = [];
  const values: string[][] = [];
  for (let k = 0; k < steps; k++) {
    // The reference shares are constant gauges read at one instant: the scrapes give them.
    const samples = exposition.lines().filter((l) => !l.startsWith('#') && !l.startsWith(referenceShare));
    // The labels the scrape adds, so the history and the scraped samples are one series.
    if (k === 0) series = samples.map((l) => l.slice(0, l.lastIndexOf('}')) + `,job="synthetic",instance="${target}"}`);
    values.push(samples.map((l) => l.slice(l.lastIndexOf(' ') + 1)));
  }
  const file = join(dir, 'history.om');
  const fd = openSync(file, 'w');
  let chunk: string[] = [];
  const flush = (): void => {
    writeSync(fd, `${chunk.join('\n')}\n`);
    chunk = [];
  };
  series.forEach((name, i) => {
    for (let k = 0; k < steps; k++)
      chunk.push(`${name} ${values[k]![i]} ${now - (steps - 1 - k) * HISTORY_STEP_SECONDS}`);
    if (chunk.length > 50_000) flush();
  });
  chunk.push('# EOF');
  flush();
  closeSync(fd);
  const r = spawnSync(requireBinary('promtool'), ['tsdb', 'create-blocks-from', 'openmetrics', file, storage], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`promtool backfill failed: ${r.stderr.slice(0, 500)}`);
  rmSync(file);
  return series.length * steps;
}

/** Median wall time of a query over QUERY_REPEATS runs (after one warm-up run), and the series it returns. */
async function timeQuery(client: PrometheusClient, expr: string): Promise<{ ms: number; series: number }> {
  const first = await client.query(expr);
  const times: number[] = [];
  for (let i = 0; i < QUERY_REPEATS; i++) {
    const started = process.hrtime.bigint();
    await client.query(expr);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, series: first.length };
}

/** The fastest of QUERY_REPEATS runs of an instant query, and the samples it reads (Prometheus' stats=all). */
async function queryCost(url: string, expr: string, repeats = QUERY_REPEATS): Promise<{ ms: number; samples: number }> {
  let ms = Infinity;
  let samples = 0;
  for (let i = 0; i < repeats; i++) {
    const started = process.hrtime.bigint();
    const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expr, stats: 'all' })}`);
    const body = (await response.json()) as { data?: { stats?: { samples?: { totalQueryableSamples?: number } } } };
    ms = Math.min(ms, Number(process.hrtime.bigint() - started) / 1e6);
    samples = body.data?.stats?.samples?.totalQueryableSamples ?? 0;
  }
  return { ms, samples };
}

/** The expressions of a rule file's drift group's recording rules. */
function driftRecordings(file: string): string[] {
  const groups = (
    parseYaml(readFileSync(file, 'utf8')) as { groups: { name: string; rules: { record?: string; expr: string }[] }[] }
  ).groups;
  return (groups.find((g) => g.name.endsWith('-drift'))?.rules ?? []).filter((r) => r.record).map((r) => r.expr);
}

/** Values of a metric family in Prometheus' own /metrics, by the label that names the rule group. */
function readGauge(metrics: string, family: string): Map<string, number> {
  const out = new Map<string, number>();
  const pattern = new RegExp(`^${family}\\{[^}]*rule_group="([^"]+)"[^}]*\\} (\\S+)$`, 'gm');
  for (const m of metrics.matchAll(pattern)) out.set(m[1]!, Number(m[2]));
  return out;
}

interface Running {
  prometheus?: PrometheusServer;
  exposition?: Server;
  dir?: string;
}

const running: Running = {};

function cleanUp(): void {
  running.prometheus?.child.kill();
  running.exposition?.close();
  if (running.dir) rmSync(running.dir, { recursive: true, force: true });
}

async function startBenchPrometheus(
  dir: string,
  storage: string,
  targetPort: number,
  ruleFiles: string[]
): Promise<PrometheusClient> {
  running.prometheus = await startPrometheus({
    dir,
    storage,
    config: {
      scrapeIntervalMs: SCRAPE_INTERVAL_MS,
      scrapeTimeoutMs: SCRAPE_INTERVAL_MS,
      evaluationIntervalMs: 30_000,
      ruleFiles,
      scrape: [{ job: 'synthetic', targets: [`127.0.0.1:${targetPort}`] }],
    },
  });
  // The naive queries take longer than the default per-request timeout.
  return new PrometheusClient(running.prometheus.url, { timeoutMs: 60_000 });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The naive way in one group: one model's PSI and JS distance against the reference, from the raw counters. */
function naiveRuleFile(scope: Scope): string {
  const counts = binCounts(scope, '1h');
  const rules = [
    { record: 'naive:feature_psi:1h', expr: psi(binShares(counts), referenceShares(scope)) },
    { record: 'naive:feature_jensen_shannon:1h', expr: jensenShannon(binShares(counts), referenceShares(scope)) },
  ];
  // JSON is YAML: the expressions need no quoting rules of their own.
  return JSON.stringify({ groups: [{ name: NAIVE_GROUP, interval: EVALUATION_INTERVAL, rules }] });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-rules-bench-'));
  running.dir = dir;
  const configFile = join(dir, 'modelwatch.yaml');
  writeFileSync(configFile, syntheticConfig());
  const ruleDir = join(dir, 'rules');
  mkdirSync(ruleDir);
  const generated = spawnSync(
    process.execPath,
    [join(root, 'packages/cli/dist/bin.js'), 'rules', '--config', configFile, '--out', ruleDir],
    { encoding: 'utf8' }
  );
  if (generated.status !== 0) throw new Error(`modelwatch rules failed: ${generated.stderr}`);
  const scope: Scope = { model: modelName(0), naming: 'exporter-prometheus' };
  const naiveFile = join(dir, 'naive.rules.yml');
  writeFileSync(naiveFile, naiveRuleFile(scope));

  const exposition = new SyntheticExposition();
  const storage = join(dir, 'tsdb');
  mkdirSync(storage);
  const server = createServer((_, response) => {
    const text = exposition.render();
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    response.end(text);
  });
  running.exposition = server;
  const targetPort = await new Promise<number>((resolvePort) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolvePort(typeof address === 'object' && address !== null ? address.port : 0);
    })
  );
  const backfillStarted = Date.now();
  const samples = backfill(exposition, dir, storage, HISTORY_MINUTES, `127.0.0.1:${targetPort}`);
  const backfillSeconds = (Date.now() - backfillStarted) / 1000;
  const ruleFiles = readdirSync(ruleDir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join(ruleDir, f));
  const client = await startBenchPrometheus(dir, storage, targetPort, [...ruleFiles, naiveFile]);

  // Each group's evaluation times, one per evaluation: its last duration, read every few seconds, kept when its
  // last evaluation's timestamp is new.
  const seen = new Map<string, number[]>();
  const evaluated = new Map<string, number>();
  const started = Date.now();
  while (Date.now() - started < SECONDS * 1000) {
    await sleep(5_000);
    const metrics = await client.metrics();
    const at = readGauge(metrics, 'prometheus_rule_group_last_evaluation_timestamp_seconds');
    for (const [group, seconds] of readGauge(metrics, 'prometheus_rule_group_last_duration_seconds')) {
      const when = at.get(group) ?? 0;
      // A group not evaluated yet reports 0.
      if (seconds > 0 && when !== evaluated.get(group)) {
        evaluated.set(group, when);
        seen.set(group, [...(seen.get(group) ?? []), seconds]);
      }
    }
  }
  const metrics = await client.metrics();
  const last = readGauge(metrics, 'prometheus_rule_group_last_duration_seconds');
  const rules = readGauge(metrics, 'prometheus_rule_group_rules');
  const missed = [...readGauge(metrics, 'prometheus_rule_group_iterations_missed_total').values()].reduce(
    (a, b) => a + b,
    0
  );
  const failures = [...metrics.matchAll(/^prometheus_rule_evaluation_failures_total\{[^}]*\} (\S+)$/gm)].reduce(
    (a, m) => a + Number(m[1]),
    0
  );

  const count = async (expr: string): Promise<number> => (await client.query(`count(${expr})`))[0]?.value ?? 0;
  const recorded = await count('{__name__=~"modelwatch:.*"}');
  const raw = await count('{__name__=~"modelwatch_.*"}');
  const alerts = await count('ALERTS');
  const byName = (await client.query('sort_desc(count by (__name__) ({__name__=~"modelwatch:.*"}))'))
    .slice(0, 6)
    .map((r) => `${r.labels.__name__} ${r.value.toLocaleString('en')}`);

  // PSI against the reference over the drift window: the naive query recomputes increase() over every raw
  // bin counter (several times, since shares and PSI use them more than once); the recorded one reads a series.
  const naive = psi(binShares(binCounts(scope, '1h')), referenceShares(scope));
  const naiveOne = await timeQuery(client, naive);
  const recordedOne = await timeQuery(
    client,
    `modelwatch:feature_psi:1h{model_name="${modelName(0)}", baseline="reference"}`
  );
  const recordedAll = await timeQuery(client, 'modelwatch:feature_psi:1h{baseline="reference"}');

  // model-00's groups alone: their rules as instant queries one after another, without the other groups
  // evaluating at the same time; the difference from the figures above is contention, not the rules.
  const alone: { group: string; ms: number }[] = [];
  for (const g of (await client.rules()).filter((g) => g.name.startsWith(`modelwatch-${modelName(0)}-`))) {
    const started = process.hrtime.bigint();
    for (const r of g.rules) await client.query(r.query);
    alone.push({ group: g.name, ms: Number(process.hrtime.bigint() - started) / 1e6 });
  }

  // model-00's drift rules alone, each the fastest of a few instant queries (the least disturbed by the other
  // groups), and the samples each one reads (the query's own count, which the machine's load does not change).
  const driftRules: { name: string; ms: number; samples: number }[] = [];
  for (const r of (await client.rules()).find((g) => g.name === `modelwatch-${modelName(0)}-drift`)?.rules ?? []) {
    if (r.type !== 'recording') continue;
    const name = `${r.name}${r.labels?.baseline ? `{baseline="${r.labels.baseline}"}` : ''}`;
    driftRules.push({ name, ...(await queryCost(running.prometheus!.url, r.query)) });
  }
  driftRules.sort((x, y) => y.ms - x.ms);

  // BENCH_RULES_COMPARE_CLI (another build's bin.js): its drift recording rules for model-00, run as instant
  // queries interleaved with this build's, so both see the same load; the ratio of the two sums is the gain.
  const compareCli = process.env.BENCH_RULES_COMPARE_CLI;
  let comparison = '';
  if (compareCli) {
    const otherDir = join(dir, 'compare');
    mkdirSync(otherDir);
    const other = spawnSync(process.execPath, [compareCli, 'rules', '--config', configFile, '--out', otherDir], {
      encoding: 'utf8',
    });
    if (other.status !== 0) throw new Error(`${compareCli} rules failed: ${other.stderr}`);
    const theirs = driftRecordings(join(otherDir, `${modelName(0)}.rules.yml`));
    const ours = driftRecordings(join(ruleDir, `${modelName(0)}.rules.yml`));
    let [a, b] = [0, 0];
    for (let round = 0; round < QUERY_REPEATS; round++) {
      for (const e of theirs) a += (await queryCost(running.prometheus!.url, e, 1)).ms;
      for (const e of ours) b += (await queryCost(running.prometheus!.url, e, 1)).ms;
    }
    comparison = `  ${modelName(0)}'s drift recording rules, interleaved over ${QUERY_REPEATS} rounds: ${compareCli} ${theirs.length} rules ${(a / QUERY_REPEATS).toFixed(1)} ms, this build ${ours.length} rules ${(b / QUERY_REPEATS).toFixed(1)} ms (${(a / b).toFixed(2)}x)`;
  }

  const groupName = (group: string): string => group.split(';').pop() ?? group;
  const naiveSeen = [...seen].find(([group]) => groupName(group) === NAIVE_GROUP)?.[1] ?? [];
  const generatedSeen = [...seen].filter(([group]) => groupName(group) !== NAIVE_GROUP);
  const worstOf = new Map(generatedSeen.map(([group, values]) => [group, Math.max(...values)]));

  // The rules that cost most in the slowest group, from the rules API (each rule's last evaluation).
  const groups = await client.rules();
  const slowestName = groupName([...worstOf].sort((a, b) => b[1] - a[1])[0]![0]);
  const slowest = groups.find((g) => g.name === slowestName);
  const expensive = (slowest?.rules ?? [])
    .map((r) => ({
      name: `${r.name}${r.labels?.baseline ? `{baseline="${r.labels.baseline}"}` : ''}`,
      seconds: r.evaluationTime,
    }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 5);

  // Groups by kind (drift, data-quality, …): the median and the worst evaluation of any group of the kind.
  const kinds = new Map<string, { groups: number; rules: number; all: number[]; worst: number; worstGroup: string }>();
  for (const [group, values] of generatedSeen) {
    const kind = /-(drift|data-quality|performance|fairness|slo)$/.exec(group)?.[1] ?? group;
    const k = kinds.get(kind) ?? { groups: 0, rules: 0, all: [], worst: 0, worstGroup: '' };
    k.groups++;
    k.rules += rules.get(group) ?? 0;
    k.all.push(...values);
    const worst = Math.max(...values);
    if (worst >= k.worst) Object.assign(k, { worst, worstGroup: groupName(group) });
    kinds.set(kind, k);
  }
  const ok = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
  const ms = (s: number): string => `${(s * 1000).toFixed(1)} ms`;
  const everything = generatedSeen.flatMap(([, values]) => values);
  const allWorst = Math.max(...everything);
  const met = everything.length > 0 && allWorst <= TARGET_SECONDS && failures === 0;
  const driftOfModel0 = generatedSeen.find(([group]) => groupName(group) === `modelwatch-${modelName(0)}-drift`);

  console.log(
    `modelwatch rules on Prometheus 2.42: ${MODELS} models x ${FEATURES} features, ${worstOf.size} groups, ${[...rules.values()].reduce((a, b) => a + b, 0)} rules, evaluated every ${EVALUATION_INTERVAL} for ${SECONDS} s`
  );
  console.log(
    `  history: ${HISTORY_MINUTES} min at one sample per ${HISTORY_STEP_SECONDS} s backfilled (${samples.toLocaleString('en')} samples, ${backfillSeconds.toFixed(0)} s), then scraped every ${SCRAPE_INTERVAL_MS / 1000} s`
  );
  console.log(
    `  evaluation time per group (prometheus_rule_group_last_duration_seconds, ${everything.length} evaluations read):`
  );
  for (const [kind, k] of kinds) {
    console.log(
      `    ${kind.padEnd(13)} ${String(k.groups).padStart(3)} groups, ${String(Math.round(k.rules / k.groups)).padStart(3)} rules each: median ${ms(median(k.all)).padStart(9)}, max ${ms(k.worst).padStart(9)} (${k.worstGroup})  ${ok(k.worst <= TARGET_SECONDS)}`
    );
  }
  console.log(`    all groups:   median ${ms(median(everything))}, max ${ms(allWorst)}`);
  console.log(
    `  costliest rules of ${slowestName} (last evaluation): ${expensive.map((r) => `${r.name} ${ms(r.seconds)}`).join(', ')}`
  );
  console.log(
    `  sum over all groups of the last evaluation: ${ms([...last.values()].reduce((a, b) => a + b, 0))}; missed iterations ${missed}; evaluation failures ${failures}`
  );
  console.log(
    `  series: ${raw.toLocaleString('en')} raw (modelwatch_*), ${recorded.toLocaleString('en')} recorded (modelwatch:*), ${alerts} ALERTS`
  );
  console.log(`  most recorded series: ${byName.join(', ')}`);
  console.log(
    `  the naive way, one model's PSI and JS from the raw counters in one group: median ${ms(median(naiveSeen))}, max ${ms(Math.max(...naiveSeen))}; the generated drift group of that model (${rules.get([...rules.keys()].find((g) => groupName(g) === `modelwatch-${modelName(0)}-drift`) ?? '') ?? 0} rules, every statistic, baseline and alert): median ${ms(median(driftOfModel0?.[1] ?? []))}`
  );
  console.log(
    `  ${modelName(0)}'s groups alone (each rule as an instant query, one after another): ${alone.map((a) => `${a.group.replace(`modelwatch-${modelName(0)}-`, '')} ${a.ms.toFixed(1)} ms`).join(', ')}`
  );
  const total = (key: 'ms' | 'samples'): number => driftRules.reduce((t, r) => t + r[key], 0);
  console.log(
    `  ${modelName(0)}'s drift recording rules alone (fastest of ${QUERY_REPEATS} instant queries; samples read): all ${driftRules.length} ${total('ms').toFixed(1)} ms, ${total('samples').toLocaleString('en')} samples; costliest ${driftRules
      .slice(0, 6)
      .map((r) => `${r.name} ${r.ms.toFixed(1)} ms (${r.samples.toLocaleString('en')})`)
      .join(', ')}`
  );
  if (comparison) console.log(comparison);
  console.log(
    `  PSI against the reference over 1h for one model (${FEATURES} features), median of ${QUERY_REPEATS} queries: naive (raw counters) ${naiveOne.ms.toFixed(1)} ms, recorded ${recordedOne.ms.toFixed(1)} ms (${(naiveOne.ms / recordedOne.ms).toFixed(1)}x); all ${MODELS} models recorded ${recordedAll.ms.toFixed(1)} ms; ${naiveOne.series} / ${recordedOne.series} / ${recordedAll.series} series`
  );
  console.log(
    `  target: every group evaluates in at most ${ms(TARGET_SECONDS)} ${ok(met)} (max ${ms(allWorst)}, ${failures} evaluation failures)`
  );
  // A missed target fails `npm run bench`, so a regression cannot pass unnoticed in a log.
  if (!met) process.exitCode = 1;
}

const stop = (): void => {
  cleanUp();
  process.exit(130);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
try {
  await main();
} finally {
  cleanUp();
}
