// npm run bench: what the generated rules cost a real Prometheus (Debian's 2.42) for 20 models x 50 features.
// `modelwatch rules` writes the groups for a synthetic modelwatch.yaml; Prometheus scrapes, every second, a
// loopback exposition of the series @modelwatch/otel would export for those models (counters growing on every
// scrape) and evaluates the groups every 5 s. After BENCH_RULES_SECONDS (default 30) the bench reads each group's
// evaluation time (prometheus_rule_group_last_duration_seconds, the largest value seen while polling) and the
// series the recording rules create, then times the naive way of getting PSI, computing it from the raw counters
// at query time, against reading the recorded series. Target: every group evaluates in under 1 s.
//
// Windows are the defaults (1 h drift, 1 d performance, SLO windows up to 3 d): with 30 s of data every range
// holds at most ~30 samples per series, so the figures show the cost of the rules' joins and aggregations over
// this many series; longer ranges add the per-sample work of increase(), linear in the samples a window holds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrometheusClient, sleep, startPrometheus, type PrometheusServer } from '@modelwatch/local-prometheus';
import { binCounts, binShares, psi, referenceShares, type Scope } from '@modelwatch/promql';
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
const SECONDS = Number(process.env.BENCH_RULES_SECONDS ?? 30);
const EVALUATION_INTERVAL = '5s';
const TARGET_SECONDS = 1;
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
    return `${out.join('\n')}\n`;
  }
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

async function startBenchPrometheus(dir: string, targetPort: number, ruleDir: string): Promise<PrometheusClient> {
  const ruleFiles = readdirSync(ruleDir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join(ruleDir, f));
  running.prometheus = await startPrometheus({
    dir,
    config: {
      scrapeIntervalMs: 1000,
      scrapeTimeoutMs: 1000,
      evaluationIntervalMs: 5000,
      ruleFiles,
      scrape: [{ job: 'synthetic', targets: [`127.0.0.1:${targetPort}`] }],
    },
  });
  // The naive queries over 1,000 features take longer than the default per-request timeout.
  return new PrometheusClient(running.prometheus.url, { timeoutMs: 60_000 });
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

  const exposition = new SyntheticExposition();
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
  const client = await startBenchPrometheus(dir, targetPort, ruleDir);

  // The largest last-duration seen per group while the data accumulates (one poll per evaluation interval).
  const worst = new Map<string, number>();
  const started = Date.now();
  while (Date.now() - started < SECONDS * 1000) {
    await sleep(5_000);
    const metrics = await client.metrics();
    for (const [group, seconds] of readGauge(metrics, 'prometheus_rule_group_last_duration_seconds'))
      worst.set(group, Math.max(worst.get(group) ?? 0, seconds));
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
  const scope: Scope = { model: modelName(0), naming: 'exporter-prometheus' };
  const naive = psi(binShares(binCounts(scope, '1h')), referenceShares(scope));
  const naiveOne = await timeQuery(client, naive);
  const recordedOne = await timeQuery(
    client,
    `modelwatch:feature_psi:1h{model_name="${modelName(0)}", baseline="reference"}`
  );
  const naiveAll = await timeQuery(client, naive.replaceAll(`model_name="${modelName(0)}"`, 'model_name=~"model-.*"'));
  const recordedAll = await timeQuery(client, 'modelwatch:feature_psi:1h{baseline="reference"}');

  // The rules that cost most in the slowest group, from the rules API (each rule's last evaluation).
  const groups = await client.rules();
  const slowestName = [...worst]
    .sort((a, b) => b[1] - a[1])[0]![0]
    .split(';')
    .pop()!;
  const slowest = groups.find((g) => g.name === slowestName);
  const expensive = (slowest?.rules ?? [])
    .map((r) => ({
      name: `${r.name}${r.labels?.baseline ? `{baseline="${r.labels.baseline}"}` : ''}`,
      seconds: r.evaluationTime,
    }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 5);

  // Groups by kind (drift, data-quality, …): the worst model of each, since all models are alike.
  const kinds = new Map<string, { groups: number; rules: number; worst: number; worstGroup: string }>();
  for (const [group, seconds] of worst) {
    const kind = /-(drift|data-quality|performance|fairness|slo)$/.exec(group)?.[1] ?? group;
    const k = kinds.get(kind) ?? { groups: 0, rules: 0, worst: 0, worstGroup: '' };
    k.groups++;
    k.rules += rules.get(group) ?? 0;
    if (seconds >= k.worst) Object.assign(k, { worst: seconds, worstGroup: group.split(';').pop() ?? group });
    kinds.set(kind, k);
  }
  const ok = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
  const ms = (s: number): string => `${(s * 1000).toFixed(1)} ms`;
  const allWorst = Math.max(...worst.values());
  const met = allWorst < TARGET_SECONDS && failures === 0;

  console.log(
    `modelwatch rules on Prometheus 2.42: ${MODELS} models x ${FEATURES} features, ${last.size} groups, ${[...rules.values()].reduce((a, b) => a + b, 0)} rules, evaluated every ${EVALUATION_INTERVAL} for ${SECONDS} s`
  );
  console.log('  evaluation time per group (prometheus_rule_group_last_duration_seconds, worst seen):');
  for (const [kind, k] of kinds) {
    console.log(
      `    ${kind.padEnd(13)} ${String(k.groups).padStart(3)} groups, ${String(Math.round(k.rules / k.groups)).padStart(3)} rules each: worst ${ms(k.worst).padStart(9)} (${k.worstGroup})  ${ok(k.worst < TARGET_SECONDS)}`
    );
  }
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
    `  PSI against the reference over 1h, naive (from raw counters at query time) vs recorded (median of ${QUERY_REPEATS}):`
  );
  console.log(
    `    one model (${FEATURES} features): naive ${naiveOne.ms.toFixed(1)} ms, recorded ${recordedOne.ms.toFixed(1)} ms (${(naiveOne.ms / recordedOne.ms).toFixed(1)}x); ${naiveOne.series} / ${recordedOne.series} series`
  );
  console.log(
    `    all ${MODELS} models (${MODELS * FEATURES} features): naive ${naiveAll.ms.toFixed(1)} ms, recorded ${recordedAll.ms.toFixed(1)} ms (${(naiveAll.ms / recordedAll.ms).toFixed(1)}x); ${naiveAll.series} / ${recordedAll.series} series`
  );
  console.log(
    `  target: every group under ${TARGET_SECONDS} s ${ok(met)} (worst ${(allWorst * 1000).toFixed(3)} ms, ${failures} evaluation failures)`
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
