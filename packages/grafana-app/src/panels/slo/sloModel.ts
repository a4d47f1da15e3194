import type { DataFrame } from '@grafana/data';
import {
  FRAME_KIND,
  frameKind,
  metaOf,
  SLO_BUDGET_FIELDS as B,
  SLO_WINDOW_FIELDS as W,
  type SloMeta,
} from '../../shared/frames';
import { modelVersionOf, numberOrNull, stringOf, valuesOf, varyingDimensions, versionTag } from '../common/frameFields';
import { formatDuration, formatNumber } from '../common/format';
import type { Level } from '../common/levels';
import type { SloOptions } from './options';

export type WindowState = 'firing' | 'ok' | 'no data';

export interface BurnWindowRow {
  severity: string;
  long: string;
  short: string;
  /** Burn-rate threshold of the pair. */
  threshold: number | null;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  longAbove: boolean;
  shortAbove: boolean;
  /** Both windows above the threshold: the alert condition holds. */
  state: WindowState;
}

export interface SloBudget {
  /** Share of the period's budget left; below 0 when overspent; null without data. */
  remaining: number | null;
  level: Level;
  /** Burn rate over the shortest long window. */
  burnRate: number | null;
  /** Seconds; Infinity when not burning, 0 when spent, null without data. */
  timeToExhaustion: number | null;
  /** "3 d 4 h", "not burning", "exhausted" or "no data". */
  exhaustion: string;
}

export interface SloSection {
  /** The SLO kind, then `@<model>` / `@<version>` when those differ between sections. */
  key: string;
  sloKind: string;
  title: string;
  objective: number | null;
  period: string;
  tags: string[];
  budget?: SloBudget;
  windows: BurnWindowRow[];
  firing: boolean;
}

export interface SloModel {
  sections: SloSection[];
}

const KIND_ORDER = ['availability', 'latency', 'quality'];

/** "99.9%", "99%", "85%": the objective without binary noise or trailing zeros. */
export function formatObjective(objective: number | null): string {
  return objective === null ? '' : `${Number((objective * 100).toPrecision(6))}%`;
}

export function sloTitle(meta: Pick<SloMeta, 'sloKind' | 'latencyThreshold'>): string {
  switch (meta.sloKind) {
    case 'availability':
      return 'Availability';
    case 'latency':
      return meta.latencyThreshold !== undefined
        ? `Latency ≤ ${meta.latencyThreshold < 1 ? `${Number((meta.latencyThreshold * 1000).toPrecision(6))} ms` : `${formatNumber(meta.latencyThreshold)} s`}`
        : 'Latency';
    case 'quality':
      return 'Model quality';
    default:
      return String(meta.sloKind);
  }
}

/** How long the budget lasts at the current burn rate, in words. */
export function exhaustionText(seconds: number | null): string {
  if (seconds === null) {
    return 'no data';
  }
  if (seconds === Infinity) {
    return 'not burning';
  }
  if (seconds <= 0) {
    return 'exhausted';
  }
  return formatDuration(seconds);
}

export function budgetLevel(remaining: number | null, warning: number): Level {
  if (remaining === null) {
    return 'none';
  }
  if (remaining <= 0) {
    return 'critical';
  }
  return remaining < warning ? 'warning' : 'ok';
}

function windowsOf(frame: DataFrame): BurnWindowRow[] {
  const column = (name: string) => valuesOf(frame, name) ?? [];
  const [severities, longs, shorts, thresholds, longRates, shortRates, firings] = [
    W.severity,
    W.long,
    W.short,
    W.threshold,
    W.longBurnRate,
    W.shortBurnRate,
    W.firing,
  ].map(column);
  return longs!.map((long, i) => {
    const threshold = numberOrNull(thresholds![i]);
    const longBurnRate = numberOrNull(longRates![i]);
    const shortBurnRate = numberOrNull(shortRates![i]);
    const above = (rate: number | null) => rate !== null && threshold !== null && rate > threshold;
    const longAbove = above(longBurnRate);
    const shortAbove = above(shortBurnRate);
    // The datasource states the alert condition; a frame without it gets the same rule: both windows above.
    const firing = typeof firings![i] === 'boolean' ? (firings![i] as boolean) : longAbove && shortAbove;
    const state: WindowState = firing ? 'firing' : longBurnRate === null && shortBurnRate === null ? 'no data' : 'ok';
    return {
      severity: stringOf(severities![i]),
      long: stringOf(long),
      short: stringOf(shorts![i]),
      threshold,
      longBurnRate,
      shortBurnRate,
      longAbove,
      shortAbove,
      state,
    };
  });
}

function budgetOf(frame: DataFrame, options: SloOptions): SloBudget {
  const first = (name: string) => (valuesOf(frame, name) ?? [])[0];
  const remaining = numberOrNull(first(B.budgetRemaining));
  const timeToExhaustion = numberOrNull(first(B.timeToExhaustion));
  return {
    remaining,
    level: budgetLevel(remaining, options.budgetWarning),
    burnRate: numberOrNull(first(B.burnRate)),
    timeToExhaustion,
    exhaustion: exhaustionText(timeToExhaustion),
  };
}

interface Parsed {
  frame: DataFrame;
  meta: SloMeta;
  model: string;
  version: string;
}

/** Frames of kinds `modelwatch.slo.windows` and `modelwatch.slo.budget`, paired per SLO and model version. */
export function toSloModel(frames: DataFrame[], options: SloOptions): SloModel {
  const parsed = frames
    .filter((f) => frameKind(f) === FRAME_KIND.sloWindows || frameKind(f) === FRAME_KIND.sloBudget)
    .map((frame): Parsed => {
      const meta = metaOf<SloMeta>(frame);
      return { frame, meta, ...modelVersionOf(frame, meta) };
    });
  const dimensions = varyingDimensions(parsed, ['model', 'version'] as const);
  const sections = new Map<string, SloSection>();
  for (const p of parsed) {
    const key = [p.meta.sloKind, ...dimensions.map((d) => p[d])].join('@');
    const section = sections.get(key) ?? {
      key,
      sloKind: p.meta.sloKind,
      title: sloTitle(p.meta),
      objective: numberOrNull(p.meta.objective),
      period: p.meta.period ?? '',
      tags: dimensions.map((d) => (d === 'version' ? versionTag(p.version) : p.model)),
      windows: [],
      firing: false,
    };
    if (p.meta.kind === FRAME_KIND.sloWindows) {
      section.windows.push(...windowsOf(p.frame));
      section.firing = section.windows.some((w) => w.state === 'firing');
    } else {
      section.budget = budgetOf(p.frame, options);
    }
    sections.set(key, section);
  }
  const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
  return {
    sections: [...sections.values()].sort((a, b) => rank(a.sloKind) - rank(b.sloKind) || a.key.localeCompare(b.key)),
  };
}
