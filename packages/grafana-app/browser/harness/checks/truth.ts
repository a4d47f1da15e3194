// What every number of the scenario must be, from sources independent of the plugin: `modelwatch check` on the
// same rows, and @modelwatch/stats on the exact counts of the events each version was fed (the live test's
// account). Prometheus' recording rules are compared with these first (scenario.ts), then the datasource,
// panels and overview with both.
import {
  type Counts,
  alertIdentity,
  key,
  predictedClass,
  trackedColumns,
  type LiveEvent,
} from '@modelwatch/live-traffic';
import { INTERSECTION_SEPARATOR } from '@modelwatch/semconv';
import { fairnessFromCounts, type ColumnProfile } from '@modelwatch/stats';
import { DI_LEVELS, DRIFT_LEVELS, F1_LEVELS, MIN_GROUP_SIZE, POSITIVE, PROTECTED, SLO } from '../fixtures/scenario';
import type { World } from '../fixtures/world';

export type Level = 'ok' | 'warning' | 'critical';

export interface Cells {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface GroupTruth {
  count: number;
  /** The group's confusion cells, counted from the fed events. */
  cells: Cells;
  selectionRate: number;
  lower: number;
  upper: number;
  inconclusive: boolean;
}

export interface VersionTruth {
  version: string;
  predictions: number;
  errors: number;
  /** Tracked column → PSI against the reference, from @modelwatch/stats on the fed counts. */
  psi: Map<string, number>;
  /** The same from `modelwatch check` where it reports the column (it skips no tracked column here). */
  checkPsi: Map<string, number>;
  f1: number;
  accuracy: number;
  estimatedF1: number;
  /** Protected attribute → disparate impact over its eligible groups (1 with one: nothing to compare it with). */
  disparateImpact: Map<string, number>;
  /** `${attribute}=${group}` → selection rate with its Wilson interval. */
  groups: Map<string, GroupTruth>;
  /** The intersection of the protected attributes: category → selection rate, from the fed events. */
  intersectionRates: Map<string, number>;
  /** Its disparate impact over the categories with at least the minimum group size (the overview counts it too). */
  intersectionDisparateImpact: number;
  burn: { latency: number; availability: number };
  budgetRemaining: { latency: number; availability: number };
  /** `${feature} ${issue}` → issues per prediction. */
  issues: Map<string, number>;
  /** The alerts that must be firing, as `alertname{label="value", …}` over the identifying labels. */
  alerts: Set<string>;
}

/** A statistic against warning and critical levels, rising (drift) or falling (floors). */
export function levelOf(
  value: number,
  levels: { warning: number; critical: number },
  direction: 'above' | 'below'
): Level {
  if (Number.isNaN(value)) {
    return 'ok';
  }
  const past = (limit: number) => (direction === 'above' ? value >= limit : value < limit);
  return past(levels.critical) ? 'critical' : past(levels.warning) ? 'warning' : 'ok';
}

function columnValue(name: string, column: ColumnProfile, event: LiveEvent): unknown {
  return column.role === 'score'
    ? event.score
    : column.role === 'protected'
      ? event.attributes?.[name]
      : event.features?.[name];
}

/** Issues per prediction, as the monitor counts them: outside the reference range, missing, unseen categories. */
function issueRatios(world: World, events: LiveEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  let predictions = 0;
  for (const e of events) {
    if (e.error !== undefined) {
      continue;
    }
    predictions++;
    for (const [name, c] of trackedColumns(world.spec.profile)) {
      const v = columnValue(name, c, e);
      const issue =
        v === null || v === undefined
          ? 'missing'
          : c.type === 'numeric'
            ? (v as number) < c.min || (v as number) > c.max
              ? 'out_of_range'
              : null
            : !Object.hasOwn(c.categories, v as string) && c.otherCount === 0
              ? 'unseen_category'
              : null;
      for (const i of ['missing', 'out_of_range', 'invalid_type', 'unseen_category']) {
        counts.set(`${name} ${i}`, (counts.get(`${name} ${i}`) ?? 0) + (i === issue ? 1 : 0));
      }
    }
  }
  return new Map([...counts].map(([k, n]) => [k, n / predictions]));
}

function cellsOf(world: World, events: LiveEvent[], attribute: string, group: string): Cells {
  const cells: Cells = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const e of events) {
    if (e.error !== undefined || e.attributes?.[attribute] !== group) {
      continue;
    }
    const predicted = predictedClass(world.spec, e) === POSITIVE;
    const actual = e.actual === POSITIVE;
    cells[predicted ? (actual ? 'tp' : 'fp') : actual ? 'fn' : 'tn']++;
  }
  return cells;
}

/** Predictions and positive ones per intersectional category of the fed events (none is missing in the data). */
function intersectionCounts(world: World, events: LiveEvent[]): Map<string, { count: number; selected: number }> {
  const out = new Map<string, { count: number; selected: number }>();
  for (const e of events) {
    if (e.error !== undefined) {
      continue;
    }
    const category = PROTECTED.map((a) => e.attributes![a]!).join(INTERSECTION_SEPARATOR);
    const c = out.get(category) ?? { count: 0, selected: 0 };
    c.count++;
    c.selected += predictedClass(world.spec, e) === POSITIVE ? 1 : 0;
    out.set(category, c);
  }
  return out;
}

export function truthOf(world: World): VersionTruth[] {
  return world.versions.map((v) => {
    const counts: Counts = v.counts;
    const check = v.check;
    const tracked = trackedColumns(world.spec.profile).map(([n]) => n);
    const psi = new Map(tracked.map((f) => [f, world.expected.psi(counts, f)]));
    const checkPsi = new Map(
      tracked.filter((f) => typeof check.drift[f]?.psi === 'number').map((f) => [f, check.drift[f]!.psi!])
    );
    const disparateImpact = new Map(
      PROTECTED.map((a) => [a, check.fairness?.[a]?.eligible.disparateImpact ?? Number.NaN])
    );
    const groups = new Map<string, GroupTruth>();
    for (const a of PROTECTED) {
      for (const [g, s] of Object.entries(check.fairness?.[a]?.groups ?? {})) {
        groups.set(`${a}=${g}`, {
          count: s.count,
          cells: cellsOf(world, v.events, a, g),
          selectionRate: s.selectionRate ?? Number.NaN,
          lower: s.intervals?.selectionRate?.lower ?? Number.NaN,
          upper: s.intervals?.selectionRate?.upper ?? Number.NaN,
          inconclusive: s.inconclusive,
        });
      }
    }
    const intersection = intersectionCounts(world, v.events);
    const intersectionRates = new Map([...intersection].map(([k, c]) => [k, c.selected / c.count]));
    const intersectionDisparateImpact = fairnessFromCounts(Object.fromEntries(intersection), {
      minGroupSize: MIN_GROUP_SIZE,
    }).eligible.disparateImpact;
    const burn = {
      latency: world.expected.latencyBurn(counts, SLO.latency.objective),
      availability: world.expected.availabilityBurn(counts, SLO.availability.objective),
    };
    const issues = issueRatios(world, v.events);
    const t: VersionTruth = {
      version: v.spec.version,
      predictions: counts.get(key.predictions) ?? 0,
      errors: counts.get(key.errors) ?? 0,
      psi,
      checkPsi,
      f1: check.performance?.f1 ?? Number.NaN,
      accuracy: check.performance?.accuracy ?? Number.NaN,
      estimatedF1: check.estimatedPerformance?.f1 ?? Number.NaN,
      disparateImpact,
      groups,
      intersectionRates,
      intersectionDisparateImpact,
      burn,
      // Every window and the SLO period hold the same events, so the period's error ratio is the window's.
      budgetRemaining: { latency: 1 - burn.latency, availability: 1 - burn.availability },
      issues,
      alerts: new Set(),
    };
    t.alerts = expectedAlerts(t);
    return t;
  });
}

function expectedAlerts(t: VersionTruth): Set<string> {
  const out = new Set<string>();
  for (const [feature, value] of t.psi) {
    const level = levelOf(value, DRIFT_LEVELS, 'above');
    if (level !== 'ok') {
      out.add(
        alertIdentity('ModelwatchFeatureDriftPSI', {
          severity: level,
          statistic: 'psi',
          baseline: 'reference',
          feature,
        })
      );
    }
  }
  for (const [source, value] of [
    ['realized', t.f1],
    ['estimated', t.estimatedF1],
  ] as const) {
    const level = levelOf(value, F1_LEVELS, 'below');
    if (level !== 'ok') {
      out.add(alertIdentity('ModelwatchPerformanceBelowFloor', { severity: level, metric: 'f1', source }));
    }
  }
  for (const [attribute, value] of t.disparateImpact) {
    const level = levelOf(value, DI_LEVELS, 'below');
    if (level !== 'ok') {
      out.add(
        alertIdentity('ModelwatchFairness', {
          severity: level,
          statistic: 'disparate_impact',
          group_attribute: attribute,
        })
      );
    }
  }
  for (const w of SLO.windows) {
    for (const slo of ['latency', 'availability'] as const) {
      if (t.burn[slo] > w.burnRate) {
        out.add(
          alertIdentity('ModelwatchSLOBurnRate', {
            severity: w.severity,
            slo,
            long_window: w.long,
            short_window: w.short,
          })
        );
      }
    }
  }
  // The lending policy's data-quality levels (the generator's defaults, which the test config keeps).
  const quality: Record<string, { warning: number; critical?: number }> = {
    missing: { warning: 0.05, critical: 0.2 },
    out_of_range: { warning: 0.05 },
    invalid_type: { warning: 0.01 },
    unseen_category: { warning: 0.05 },
  };
  for (const [k, ratio] of t.issues) {
    const [feature, issue] = k.split(' ') as [string, string];
    const l = quality[issue]!;
    const severity =
      l.critical !== undefined && ratio >= l.critical ? 'critical' : ratio >= l.warning ? 'warning' : null;
    if (severity) {
      out.add(alertIdentity('ModelwatchDataQuality', { severity, issue, feature }));
    }
  }
  return out;
}
