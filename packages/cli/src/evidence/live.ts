import { wilsonInterval } from '@modelwatch/stats';
import { alertsQuery, eq, labelMatchers, modelMatch, regexProblem } from '@modelwatch/promql';
import {
  BIN,
  BINARY_METRICS,
  BASELINE,
  DEFAULTS,
  FAIRNESS,
  FAIRNESS_KEYS,
  LABEL,
  RECORD,
  RECORDED_DRIFT,
  RECORDED_DRIFT_KEYS,
  suppressedText,
} from '@modelwatch/semconv';
import { InputError } from '../errors.js';
import { durationSeconds } from '../rules/duration.js';
import type { ModelConfig, ModelwatchConfig } from '../rules/config.js';
import type { AuditReport } from './audit-input.js';
import { sha256 } from './hashes.js';
import { livePolicies } from './live-policies.js';
import { PrometheusApi, type PromSeries } from './prometheus-api.js';
import type {
  AlertJson,
  InputHash,
  LiveEvidence,
  LiveGroupJson,
  QueryRecord,
  SeriesJson,
  SloJson,
  StatisticOverTime,
} from './types.js';

export interface LiveOptions {
  url: string;
  config: ModelwatchConfig;
  model: string;
  /** RE2 regex over model_version; null = every version. */
  version: string | null;
  /** Seconds since the epoch. */
  from: number;
  to: number;
  /** Seconds; null = the period / 240. */
  step: number | null;
}

/** Charts hold about this many points per series whatever the period. */
const POINTS = 240;

/** Labels that name the series of one answer apart; the model name and the series name are the same for all. */
function keptLabels(labels: Record<string, string>, keep: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keep) if (labels[k] !== undefined) out[k] = labels[k]!;
  return out;
}

const byLabels = (a: { labels: Record<string, string> }, b: { labels: Record<string, string> }): number => {
  const x = JSON.stringify(a.labels);
  const y = JSON.stringify(b.labels);
  return x < y ? -1 : x > y ? 1 : 0;
};

function entryOf(config: ModelwatchConfig, model: string, version: string | null): ModelConfig {
  const entries = config.models.filter((m) => m.name === model);
  if (entries.length === 0) {
    const known = [...new Set(config.models.map((m) => m.name))].join(', ');
    throw new InputError(`--model: '${model}' is not in the config (its models: ${known})`);
  }
  return entries.find((m) => version !== null && m.version === version) ?? entries[0]!;
}

/** Reads one model's monitoring history through the range API, recording every query it sends. */
class Reader {
  readonly queries: QueryRecord[] = [];
  private readonly api: PrometheusApi;
  private readonly match: Record<string, string>;

  constructor(
    private readonly options: LiveOptions,
    readonly step: number
  ) {
    this.api = new PrometheusApi(options.url);
    this.match = modelMatch({ model: options.model, version: options.version ?? undefined });
  }

  /** `name{model_name="…", model_version=~"…", extra…}` */
  sel(name: string, extra: Record<string, string> = {}): string {
    const match = { ...this.match };
    for (const [k, v] of Object.entries(extra)) match[k] = eq(v);
    return `${name}${labelMatchers(match)}`;
  }

  async range(purpose: string, query: string): Promise<PromSeries[]> {
    const { from, to } = this.options;
    this.queries.push({ purpose, kind: 'range', query, start: from, end: to, step: this.step });
    return (await this.api.range(query, from, to, this.step)).sort(byLabels);
  }

  async instant(purpose: string, query: string): Promise<PromSeries[]> {
    this.queries.push({ purpose, kind: 'instant', query, end: this.options.to });
    return (await this.api.instant(query, this.options.to)).sort(byLabels);
  }

  async overTime(
    purpose: string,
    statistic: string,
    name: string,
    keep: readonly string[],
    extra: Record<string, string> = {}
  ): Promise<StatisticOverTime> {
    const answer = await this.range(purpose, this.sel(name, extra));
    const series: SeriesJson[] = answer.map((s) => ({ labels: keptLabels(s.labels, keep), points: s.points }));
    return { statistic, name, series: series.sort(byLabels) };
  }
}

async function performanceOf(r: Reader, m: ModelConfig): Promise<StatisticOverTime[]> {
  const p = m.performance;
  if (!p || m.task !== 'classification') return [];
  const out: StatisticOverTime[] = [];
  for (const metric of BINARY_METRICS) {
    const name = RECORD.performance(metric, p.window);
    out.push(await r.overTime(`performance: ${metric}`, metric, name, [LABEL.modelVersion, LABEL.source]));
  }
  return out;
}

async function driftOf(r: Reader, m: ModelConfig): Promise<StatisticOverTime[]> {
  const d = m.drift;
  if (!d) return [];
  const out: StatisticOverTime[] = [];
  for (const key of RECORDED_DRIFT_KEYS) {
    const spec = RECORDED_DRIFT[key];
    const name = spec.record!(d.window);
    const extra = { [LABEL.baseline]: BASELINE.reference };
    const s = await r.overTime(`drift: ${key}`, spec.displayName, name, [LABEL.modelVersion, LABEL.feature], extra);
    if (s.series.length > 0) out.push(s);
  }
  return out;
}

async function fairnessOf(
  r: Reader,
  m: ModelConfig
): Promise<{ groups: LiveGroupJson[]; overTime: StatisticOverTime[]; minGroupSize: number }> {
  const f = m.fairness;
  if (!f || m.task !== 'classification') return { groups: [], overTime: [], minGroupSize: DEFAULTS.minGroupSize };
  const w = f.window;
  const sizes = await r.instant('fairness: group sizes', r.sel(RECORD.groupSize(w)));
  const rates = await r.instant('fairness: group selection rates', r.sel(RECORD.groupRate('selectionRate', w)));
  const key = (l: Record<string, string>): string =>
    JSON.stringify([l[LABEL.modelVersion], l[LABEL.groupAttribute], l[LABEL.groupValue]]);
  const rateOf = new Map(rates.map((s) => [key(s.labels), s.points[0]?.[1] ?? null]));
  const groups: LiveGroupJson[] = [];
  for (const s of sizes) {
    const count = s.points[0]?.[1] ?? null;
    if (count === null) continue;
    const attribute = s.labels[LABEL.groupAttribute] ?? '';
    const rate = rateOf.get(key(s.labels)) ?? null;
    const interval =
      rate === null || count <= 0
        ? { lower: null, upper: null }
        : wilsonInterval(Math.min(count, rate * count), count, DEFAULTS.confidence);
    const min = f.attributes[attribute]?.minGroupSize ?? f.minGroupSize;
    const value = s.labels[LABEL.groupValue] ?? '';
    // The pooled small values are shown by what they are, and never judged (inconclusive, whatever their count).
    const suppressed = value === BIN.suppressed;
    groups.push({
      attribute,
      group: suppressed ? suppressedText(f.minCellSize) : value,
      version: s.labels[LABEL.modelVersion] ?? '',
      count,
      selectionRate: rate,
      interval,
      inconclusive: suppressed || count < min,
    });
  }
  const overTime: StatisticOverTime[] = [];
  for (const k of FAIRNESS_KEYS) {
    const spec = FAIRNESS[k];
    const s = await r.overTime(`fairness: ${k}`, spec.displayName, spec.record!(w), [
      LABEL.modelVersion,
      LABEL.groupAttribute,
    ]);
    if (s.series.length > 0) overTime.push(s);
  }
  return { groups, overTime, minGroupSize: f.minGroupSize };
}

async function slosOf(r: Reader, m: ModelConfig): Promise<{ slos: SloJson[]; budget: StatisticOverTime | null }> {
  const s = m.slos;
  if (!s) return { slos: [], budget: null };
  const errors = await r.instant('slo: error ratio over the period', r.sel(RECORD.sloError(s.period)));
  const budgets = await r.instant('slo: error budget remaining', r.sel(RECORD.budgetRemaining));
  const key = (l: Record<string, string>): string => JSON.stringify([l[LABEL.modelVersion], l[LABEL.slo]]);
  const budgetOf = new Map(budgets.map((b) => [key(b.labels), b.points[0]?.[1] ?? null]));
  const slos: SloJson[] = errors.map((e) => {
    const error = e.points[0]?.[1] ?? null;
    return {
      slo: e.labels[LABEL.slo] ?? '',
      version: e.labels[LABEL.modelVersion] ?? '',
      objective: Number(e.labels[LABEL.objective]),
      period: s.period,
      attainment: error === null ? null : 1 - error,
      budgetRemaining: budgetOf.get(key(e.labels)) ?? null,
    };
  });
  const budget = await r.overTime('slo: error budget over time', 'error budget remaining', RECORD.budgetRemaining, [
    LABEL.modelVersion,
    LABEL.slo,
  ]);
  return { slos, budget };
}

/** Labels an alert's row shows: what tells it apart, not what every alert of the model carries. */
const HIDDEN = new Set<string>([LABEL.metricName, LABEL.alertName, LABEL.alertState, LABEL.severity, LABEL.modelName]);

/**
 * Alerts from the raw samples of Prometheus' ALERTS series (a range selector at the end of the period), so
 * starts and ends are evaluation times, not steps. A firing alert writes a sample at every evaluation of its
 * group; a gap longer than two evaluation intervals ends one firing and starts the next.
 */
async function alertsOf(r: Reader, o: LiveOptions): Promise<AlertJson[]> {
  const { config, model, version, from, to } = o;
  const range = Math.max(1, Math.ceil(to - from));
  const firing = alertsQuery({ model, version: version ?? undefined, state: 'firing' });
  const query = `${firing}[${range}s]`;
  const answer = await r.instant('alerts that fired', query);
  const gap = 2 * durationSeconds(config.interval);
  const alerts: AlertJson[] = [];
  for (const s of answer) {
    const times = s.points.map((p) => p[0]).filter((t) => t >= from);
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.labels)) if (!HIDDEN.has(k)) labels[k] = v;
    let start: number | null = null;
    let last = 0;
    const close = (): void => {
      if (start !== null)
        alerts.push({
          alertname: s.labels[LABEL.alertName] ?? '',
          severity: s.labels[LABEL.severity] ?? '',
          labels,
          start,
          end: last,
          ongoing: to - last <= gap,
        });
    };
    for (const t of times) {
      if (start !== null && t - last > gap) {
        close();
        start = null;
      }
      if (start === null) start = t;
      last = t;
    }
    close();
  }
  return alerts.sort((a, b) => a.start - b.start || a.alertname.localeCompare(b.alertname));
}

/** The live sections of the report, and the hash of the exact queries and period that produced them. */
export async function liveEvidence(
  options: LiveOptions
): Promise<{ evidence: LiveEvidence; policies: AuditReport[]; queriesHash: InputHash }> {
  const problem = options.version === null ? null : regexProblem(options.version);
  if (problem)
    throw new InputError(`--model-version: '${options.version}' is not a regex Prometheus accepts (${problem})`);
  const m = entryOf(options.config, options.model, options.version);
  const step = options.step ?? Math.max(1, Math.ceil((options.to - options.from) / POINTS));
  const r = new Reader(options, step);
  const performance = await performanceOf(r, m);
  const drift = await driftOf(r, m);
  const fairness = await fairnessOf(r, m);
  const slo = await slosOf(r, m);
  const policies = await livePolicies(r, m, options.to);
  const alerts = await alertsOf(r, options);
  const evidence: LiveEvidence = {
    prometheus: options.url,
    period: { from: options.from, to: options.to, step },
    windows: {
      performance: m.performance?.window ?? null,
      drift: m.drift?.window ?? null,
      fairness: m.fairness?.window ?? null,
      slo: m.slos?.period ?? null,
    },
    performance,
    drift,
    fairnessOverTime: fairness.overTime,
    fairness: fairness.groups,
    minGroupSize: fairness.minGroupSize,
    confidence: DEFAULTS.confidence,
    slos: slo.slos,
    sloBudget: slo.budget,
    alerts,
    queries: r.queries,
  };
  const text = JSON.stringify({ prometheus: options.url, queries: r.queries });
  return { evidence, policies, queriesHash: { role: 'queries', name: 'queries and period', sha256: sha256(text) } };
}
