import type { TopLevelSpec } from 'vega-lite';
import type { CheckReport } from '../check/report.js';
import type { AuditReport } from './audit-input.js';
import type { ChartSpec } from './charts.js';
import type { EvidenceReport, LiveEvidence, StatisticOverTime } from './types.js';

const WIDTH = 620;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

type Row = Record<string, string | number | null>;

/** Chart ids, shared by the HTML sections that place the charts. */
export const CHART = {
  performance: 'chart-performance',
  drift: 'chart-drift',
  fairness: (attribute: string) => `chart-fairness-${slug(attribute)}`,
  policy: (index: number, attribute: string) => `chart-policy-${index}-${slug(attribute)}`,
  overTime: (section: string, name: string) => `chart-${section}-${slug(name)}`,
  groups: (attribute: string) => `chart-groups-${slug(attribute)}`,
  budget: 'chart-slo-budget',
} as const;

export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

/** Status colours, fixed so a chart reads the same whichever statuses it holds. */
const STATUS_COLOURS: Readonly<Record<string, string>> = {
  ok: '#4c78a8',
  drifted: '#e45756',
  included: '#4c78a8',
  excluded: '#bab0ac',
};

/** The colour scale of the statuses a chart holds, in the order they first appear. */
function statusScale(values: readonly Row[], field: string): { domain: string[]; range: string[] } {
  const domain = [...new Set(values.map((v) => String(v[field])))];
  return { domain, range: domain.map((d) => STATUS_COLOURS[d] ?? '#4c78a8') };
}

function bars(
  title: string,
  values: Row[],
  x: string,
  y: string,
  color: string,
  yTitle: string,
  status = false
): TopLevelSpec {
  const many = new Set(values.map((v) => v[x])).size > 8;
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: 220,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: x, type: 'nominal', sort: null, axis: { labelAngle: many ? -40 : 0, title: null } },
      xOffset: { field: color, type: 'nominal', sort: null },
      y: { field: y, type: 'quantitative', title: yTitle },
      color: {
        field: color,
        type: 'nominal',
        sort: null,
        title: null,
        ...(status ? { scale: statusScale(values, color) } : {}),
      },
    },
  };
}

/** A rate per category with its interval as a rule and an optional reference line. */
function rateWithInterval(title: string, values: Row[], yTitle: string, line?: number): TopLevelSpec {
  const layers: unknown[] = [
    {
      mark: { type: 'rule', strokeWidth: 2 },
      encoding: {
        x: { field: 'group', type: 'nominal', sort: null, axis: { labelAngle: 0, title: null } },
        y: { field: 'lower', type: 'quantitative', title: yTitle, scale: { domain: [0, 1] } },
        y2: { field: 'upper' },
      },
    },
    {
      mark: { type: 'point', filled: true, size: 60 },
      encoding: {
        x: { field: 'group', type: 'nominal', sort: null },
        y: { field: 'rate', type: 'quantitative' },
        color: { field: 'status', type: 'nominal', sort: null, title: null },
      },
    },
  ];
  if (line !== undefined) {
    layers.push({ mark: { type: 'rule', strokeDash: [4, 4], color: '#b00' }, encoding: { y: { datum: line } } });
  }
  return { $schema: SCHEMA, title, width: WIDTH, height: 180, data: { values }, layer: layers } as TopLevelSpec;
}

/** A time axis format that tells the points of the period apart: seconds for short periods, days for long ones. */
function timeFormat(seconds: number): string {
  if (seconds <= 2 * 3600) return '%H:%M:%S';
  if (seconds <= 2 * 86400) return '%m-%d %H:%M';
  return '%Y-%m-%d';
}

function linesOverTime(title: string, values: Row[], yTitle: string, span: number): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: 200,
    data: { values },
    mark: { type: 'line', point: false, interpolate: 'step-after' },
    encoding: {
      // UTC, so the charts do not depend on the time zone of the machine that draws them.
      x: { field: 't', type: 'temporal', scale: { type: 'utc' }, axis: { format: timeFormat(span), title: 'UTC' } },
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', sort: null, title: null },
    },
  };
}

function fileCharts(check: CheckReport): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const metrics = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc'];
  const perf: Row[] = [];
  for (const metric of metrics) {
    const sources: [string, Record<string, number | null> | undefined][] = [
      ['reference', check.referencePerformance],
      ['current', check.performance],
      ['estimated', check.estimatedPerformance],
    ];
    for (const [source, values] of sources) {
      const v = values?.[metric];
      if (typeof v === 'number') perf.push({ metric, source, value: v });
    }
  }
  if (perf.length > 0) {
    charts.push({
      id: CHART.performance,
      title: 'Performance: reference, current and estimated',
      spec: bars('Performance', perf, 'metric', 'value', 'source', 'value'),
    });
  }
  const drift: Row[] = Object.entries(check.drift)
    .filter(([, d]) => d.psi !== null)
    .map(([column, d]) => ({ column, psi: d.psi, status: d.drifted ? 'drifted' : 'ok' }));
  if (drift.length > 0) {
    charts.push({
      id: CHART.drift,
      title: 'Population stability index per column',
      spec: bars('PSI per column', drift, 'column', 'psi', 'status', 'PSI', true),
    });
  }
  for (const [attribute, f] of Object.entries(check.fairness ?? {})) {
    const values = Object.entries(f.groups).map(([group, g]) => ({
      group,
      rate: g.selectionRate,
      lower: g.intervals.selectionRate.lower,
      upper: g.intervals.selectionRate.upper,
      status: g.inconclusive ? `fewer than ${f.minGroupSize}` : 'judged',
    }));
    charts.push({
      id: CHART.fairness(attribute),
      title: `Selection rate by ${attribute}, ${Math.round(f.confidence * 100)}% Wilson intervals`,
      spec: rateWithInterval(`Selection rate by ${attribute}`, values, 'selection rate'),
    });
  }
  return charts;
}

function policyCharts(policies: readonly AuditReport[]): ChartSpec[] {
  const charts: ChartSpec[] = [];
  policies.forEach((p, i) => {
    for (const [attribute, a] of Object.entries(p.attributes)) {
      const values = Object.entries(a.categories).map(([category, c]) => ({
        category,
        impactRatio: c.impactRatio,
        status: c.excluded ? 'excluded' : 'included',
      }));
      const spec = bars(
        `Impact ratio by ${attribute}`,
        values,
        'category',
        'impactRatio',
        'status',
        'impact ratio',
        true
      );
      charts.push({ id: CHART.policy(i, attribute), title: `${p.policy}: impact ratio by ${attribute}`, spec });
    }
  });
  return charts;
}

/** Points of every series of a statistic, named by the labels that tell them apart. */
function overTimeRows(s: StatisticOverTime): Row[] {
  const rows: Row[] = [];
  for (const series of s.series) {
    const name = Object.values(series.labels).join(' · ') || s.statistic;
    for (const [t, value] of series.points) rows.push({ t: t * 1000, value, series: name });
  }
  return rows;
}

function liveCharts(live: LiveEvidence): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const span = live.period.to - live.period.from;
  const sections: [string, StatisticOverTime[]][] = [
    ['performance', live.performance],
    ['drift', live.drift],
    ['fairness', live.fairnessOverTime],
  ];
  for (const [section, statistics] of sections) {
    for (const s of statistics) {
      if (s.series.length === 0) continue;
      charts.push({
        id: CHART.overTime(section, s.name),
        title: `${s.statistic} over the period`,
        spec: linesOverTime(s.statistic, overTimeRows(s), s.statistic, span),
      });
    }
  }
  const attributes = [...new Set(live.fairness.map((g) => g.attribute))];
  for (const attribute of attributes) {
    const values = live.fairness
      .filter((g) => g.attribute === attribute)
      .map((g) => ({
        group: live.fairness.some((o) => o.attribute === attribute && o.version !== g.version)
          ? `${g.group} (${g.version})`
          : g.group,
        rate: g.selectionRate,
        lower: g.interval.lower,
        upper: g.interval.upper,
        status: g.inconclusive ? `fewer than ${live.minGroupSize}` : 'judged',
      }));
    charts.push({
      id: CHART.groups(attribute),
      title: `Selection rate by ${attribute} at the end of the period`,
      spec: rateWithInterval(`Selection rate by ${attribute}`, values, 'selection rate'),
    });
  }
  if (live.sloBudget && live.sloBudget.series.length > 0) {
    charts.push({
      id: CHART.budget,
      title: 'Error budget remaining',
      spec: linesOverTime('Error budget remaining', overTimeRows(live.sloBudget), 'budget remaining', span),
    });
  }
  return charts;
}

/** Every chart the report shows, in the order of its sections. */
export function chartsOf(report: EvidenceReport): ChartSpec[] {
  return [
    ...(report.check ? fileCharts(report.check) : []),
    ...(report.live ? liveCharts(report.live) : []),
    ...policyCharts(report.policies),
  ];
}
