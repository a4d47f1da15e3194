// The shapes callers see: what to start Prometheus with, and what its HTTP API answers, with values as numbers
// and timestamps in milliseconds so callers never convert.

/** The programs of Debian's `prometheus` and `prometheus-alertmanager` packages. */
export type BinaryName = 'prometheus' | 'promtool' | 'amtool';

export interface ScrapeJob {
  job: string;
  /** host:port */
  targets: readonly string[];
}

/** What goes into prometheus.yml; intervals in milliseconds. */
export interface PrometheusConfig {
  scrapeIntervalMs?: number;
  /** Defaults to 80% of the scrape interval (at least 100 ms) when a scrape interval is given. */
  scrapeTimeoutMs?: number;
  evaluationIntervalMs?: number;
  /** Paths or globs. */
  ruleFiles?: readonly string[];
  scrape?: readonly ScrapeJob[];
}

export interface StartOptions {
  config: PrometheusConfig;
  /** Holds prometheus.yml and, unless `storage` is given, the TSDB. A temporary one, removed on stop, by default. */
  dir?: string;
  /** An existing TSDB (e.g. backfilled with promtool): used as is and never removed. */
  storage?: string;
  /** --storage.tsdb.retention.time, e.g. '60d' for backfilled data older than the default 15 days. */
  retention?: string;
  /** Found on PATH or in /usr/bin by default. */
  binary?: string;
  /** Default 60 s. */
  readyTimeoutMs?: number;
  /** Its own process group, so a Ctrl-C in the terminal reaches only the caller, which then stops it. */
  detached?: boolean;
}

/** One series of an instant vector. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** One series with its samples. */
export interface Series {
  labels: Record<string, string>;
  /** [milliseconds since the epoch, value] */
  samples: [number, number][];
}

export interface ActiveAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
  value?: string;
}

export interface Rule {
  type: 'recording' | 'alerting';
  name: string;
  query: string;
  health: 'ok' | 'err' | 'unknown';
  lastError?: string;
  labels?: Record<string, string>;
  /** Seconds. */
  evaluationTime: number;
  lastEvaluation: string;
}

export interface RuleGroup {
  name: string;
  file: string;
  rules: Rule[];
  /** Seconds. */
  evaluationTime: number;
  lastEvaluation: string;
}

export interface WaitOptions {
  /** Default 30 s. */
  timeoutMs?: number;
  /** Default 250 ms. */
  intervalMs?: number;
  /** How many series the query must return; default 1. */
  series?: number;
  /** Ends the wait early, without an error. */
  signal?: AbortSignal;
}
