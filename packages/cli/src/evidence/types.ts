import type { CheckReport, Violation } from '../check/report.js';
import type { AuditReport } from './audit-input.js';
import type { ModelCard } from './model-card.js';

/** One input of a report and the SHA-256 of its bytes, so an auditor can tell it is the one that was used. */
export interface InputHash {
  /** What the input is to the report: reference, current, config, model card, audit, queries. */
  role: string;
  /** The file's name (without its directory, so a report does not change when its inputs move). */
  name: string;
  sha256: string;
}

/** One query the live report sent to Prometheus, exactly as sent. */
export interface QueryRecord {
  /** What the answer is used for. */
  purpose: string;
  kind: 'range' | 'instant';
  query: string;
  /** Seconds since the epoch: the range's start and end, or the instant. */
  start?: number;
  end: number;
  /** Seconds; range queries only. */
  step?: number;
}

/** A time series as the report shows it: its distinguishing labels and [seconds since the epoch, value] points. */
export interface SeriesJson {
  labels: Record<string, string>;
  points: [number, number | null][];
}

/** A recorded statistic over the period, with its series. */
export interface StatisticOverTime {
  statistic: string;
  /** The recorded series' name. */
  name: string;
  series: SeriesJson[];
}

/** A group's selection rate at the end of the period and its Wilson interval. */
export interface LiveGroupJson {
  attribute: string;
  group: string;
  version: string;
  /** Predictions of the group in the fairness window (an increase, so possibly fractional). */
  count: number;
  selectionRate: number | null;
  interval: { lower: number | null; upper: number | null };
  /** count < minGroupSize: reported, never judged. */
  inconclusive: boolean;
}

export interface SloJson {
  slo: string;
  version: string;
  objective: number;
  period: string;
  /** 1 − error ratio over the SLO period, at the end of the report's period. */
  attainment: number | null;
  budgetRemaining: number | null;
}

/** One alert that fired in the period: from its first to its last firing sample. */
export interface AlertJson {
  alertname: string;
  severity: string;
  labels: Record<string, string>;
  /** Seconds since the epoch. */
  start: number;
  end: number;
  /** Still firing at the end of the period. */
  ongoing: boolean;
}

/** The numbers read from Prometheus for the period. */
export interface LiveEvidence {
  prometheus: string;
  period: { from: number; to: number; step: number };
  windows: { performance: string | null; drift: string | null; fairness: string | null; slo: string | null };
  performance: StatisticOverTime[];
  drift: StatisticOverTime[];
  fairnessOverTime: StatisticOverTime[];
  fairness: LiveGroupJson[];
  minGroupSize: number;
  confidence: number;
  slos: SloJson[];
  sloBudget: StatisticOverTime | null;
  alerts: AlertJson[];
  queries: QueryRecord[];
}

/** The evidence report: the JSON format is this object; the HTML and PDF formats render it. */
export interface EvidenceReport {
  report: 'modelwatch evidence report';
  generator: { name: string; version: string };
  source: 'files' | 'prometheus';
  model: { name: string; version: string | null };
  /** Violations of `check` and of the policy packs, or the alerts that fired: what the reader looks at first. */
  summary: { violations: number; alerts: number; policies: number };
  modelCard: ModelCard | null;
  /** From files: the very report `modelwatch check` gives on the same inputs. */
  check: CheckReport | null;
  live: LiveEvidence | null;
  /** Results of policy packs (`modelwatch audit` JSON) given with --audit. */
  policies: AuditReport[];
  /** Every violation of check and of the policy packs, in that order. */
  violations: Violation[];
  inputs: InputHash[];
}
