// The datasource, unmodified from dist/, answering every query type from the scenario's Prometheus through the
// harness' Grafana proxy: each number equal to what the recording rules recorded (same Prometheus, same data)
// and to `modelwatch check` or @modelwatch/stats on the fed events; its connection test and errors one line each.
import { alertIdentity, trackedColumns } from '@modelwatch/live-traffic';
import { wilsonInterval } from '@modelwatch/stats';
import type { QueryResult, TimeRangeMs } from '../../host/api';
import type { HostPage } from '../browser';
import { UID, hostConfig } from '../datasources';
import {
  NEGATIVE,
  MODEL,
  REGRESSION,
  POSITIVE,
  INTERSECTION,
  PROTECTED,
  SLO,
  VERSIONS,
  WINDOW,
  DI_LEVELS,
  MIN_GROUP_SIZE,
} from '../fixtures/scenario';
import type { World } from '../fixtures/world';
import type { Results } from '../results';
import { expectClose, expectCloseMaps, expectCommonFactor, expectEqual, expectTrue } from './expect';
import { column, framesOf, labelsOf, lastTime, lastValue, meta, query, rowsOf } from './frames';
import { recorded } from './scenario';
import type { VersionTruth } from './truth';

export interface DatasourceContext {
  host: HostPage;
  world: World;
  truth: VersionTruth[];
}

/** The queries the panels of the screenshots are drawn from, kept for them. */
export interface PanelFrames {
  range: TimeRangeMs;
  drift?: QueryResult;
  fairness?: QueryResult;
  slo?: QueryResult;
}

const CLASSES = { positiveClass: POSITIVE, negativeClass: NEGATIVE };
const FAIRNESS_METRICS = ['selectionRate', 'tpr', 'fpr', 'fnr', 'precision'] as const;

export const TARGETS = {
  drift: (statistic: string, version = '') => ({
    refId: 'drift',
    queryType: 'drift',
    model: MODEL,
    version,
    statistic,
    window: WINDOW,
    baseline: 'reference',
  }),
  driftBins: (version: string, feature = '') => ({
    refId: 'bins',
    queryType: 'driftBins',
    model: MODEL,
    version,
    feature,
    statistic: 'psi',
    window: WINDOW,
  }),
  performance: () => ({
    refId: 'performance',
    queryType: 'performance',
    model: MODEL,
    window: WINDOW,
    metrics: ['f1', 'accuracy'],
    ...CLASSES,
  }),
  fairness: (version: string, attribute: string) => ({
    refId: `fairness-${attribute}`,
    queryType: 'fairness',
    model: MODEL,
    version,
    attribute,
    window: WINDOW,
    minGroupSize: MIN_GROUP_SIZE,
    confidence: 0.95,
    fairnessMetrics: [...FAIRNESS_METRICS],
    levels: DI_LEVELS,
    ...CLASSES,
  }),
  slo: (version: string, sloKind: 'latency' | 'availability') => ({
    refId: `slo-${sloKind}`,
    queryType: 'slo',
    model: MODEL,
    version,
    sloKind,
    objective: SLO[sloKind].objective,
    ...(sloKind === 'latency' ? { latencyThreshold: SLO.latency.threshold } : {}),
    period: SLO.period,
    burnWindows: SLO.windows,
  }),
  quality: () => ({ refId: 'quality', queryType: 'quality', model: MODEL, window: WINDOW }),
  alerts: () => ({ refId: 'alerts', queryType: 'alerts', model: MODEL }),
};

/** A range ending now: the plateau of scenario.ts, where every window holds exactly the bursts. */
export function rangeNow(): TimeRangeMs {
  const to = Math.floor(Date.now() / 1000) * 1000;
  return { from: to - 5 * 60_000, to };
}

const versionOf = (labels: Record<string, string>): string => labels.model_version ?? '';

/**
 * Prometheus' own increase() of a version's prediction counter at the range end over the fed predictions: the
 * factor every count the datasource reads at that instant carries (see expectCommonFactor).
 */
async function extrapolation(world: World, version: string, at: number, fed: number): Promise<number> {
  const [answer] = await world.prometheus.client.query(
    `sum(increase(modelwatch_predictions_total{model_name="${MODEL}", model_version="${version}"}[${WINDOW}]))`,
    at
  );
  return answer!.value / fed;
}

export async function datasourceChecks(
  { host, world, truth }: DatasourceContext,
  results: Results
): Promise<PanelFrames> {
  const range = rangeNow();
  const keep: PanelFrames = { range };
  const tracked = trackedColumns(world.spec.profile).map(([n]) => n);
  const test = (uid: string) => host.page.evaluate((u) => window.modelwatchHost.testDatasource(u), uid);

  await results.check(
    'datasource: the connection test finds the model, through its own URL and through a Prometheus datasource',
    async () => {
      const direct = await test(UID.modelwatch);
      expectEqual('status', direct.status, 'success');
      expectTrue(
        'names the model and the naming',
        direct.message.includes(`found 2 Modelwatch models (${REGRESSION.model}, ${MODEL})`) &&
          direct.message.includes('exporter-prometheus'),
        direct.message
      );
      const via = await test(UID.viaPrometheus);
      expectEqual('status via Prometheus', via.status, 'success');
      expectTrue(
        'names the Prometheus datasource',
        via.message.includes("the Prometheus datasource 'Prometheus'"),
        via.message
      );
    }
  );

  await results.check(
    'datasource: the connection test fails in one clear line for an unreachable and for an empty Prometheus',
    async () => {
      host.expectFailures(/\/api\/datasources\/proxy\/uid\/modelwatch-unreachable\//);
      const down = await test(UID.unreachable);
      expectEqual('status', down.status, 'error');
      expectTrue(
        'one line naming the problem and the fix',
        !down.message.includes('\n') && /Cannot reach Prometheus/.test(down.message) && /check/.test(down.message),
        down.message
      );
      const empty = await test(UID.empty);
      expectEqual('status', empty.status, 'error');
      expectTrue(
        'says what is missing',
        !empty.message.includes('\n') && empty.message.includes('has no modelwatch_* series'),
        empty.message
      );
    }
  );

  await results.check(
    'datasource: PSI per feature and version, at the range end, equals the recorded PSI and modelwatch check',
    async () => {
      const result = await query(host, UID.modelwatch, [TARGETS.drift('psi')], range);
      keep.drift = result;
      const frames = framesOf(result, 'modelwatch.drift');
      expectEqual('frames', frames.length, truth.length * tracked.length);
      for (const t of truth) {
        const mine = frames.filter((f) => versionOf(labelsOf(f)) === t.version);
        expectTrue(
          'series end at the range end',
          mine.every((f) => lastTime(f) === range.to),
          `${mine.map(lastTime).slice(0, 3).join(', ')} vs ${range.to}`
        );
        const values = new Map(mine.map((f) => [labelsOf(f).feature!, lastValue(f)]));
        expectCloseMaps(`${t.version} PSI`, values, t.psi, 'modelwatch check');
        expectCloseMaps(
          `${t.version} PSI`,
          values,
          await recorded(world, `modelwatch:feature_psi:${WINDOW}`, t.version, ['feature'], ', baseline="reference"'),
          'the recording rule'
        );
        expectEqual('levels carried', meta(mine[0]!).levels, { warning: 0.1, critical: 0.2 });
      }
    }
  );

  await results.check(
    'datasource: Jensen–Shannon and binned KS equal the recorded values; Jensen–Shannon equals modelwatch check',
    async () => {
      const result = await query(
        host,
        UID.modelwatch,
        [TARGETS.drift('jensenShannon'), { ...TARGETS.drift('ks'), refId: 'ks' }],
        range
      );
      for (const t of truth) {
        const js = new Map(
          result.frames
            .filter((f) => f.refId === 'drift' && versionOf(labelsOf(f)) === t.version)
            .map((f) => [labelsOf(f).feature!, lastValue(f)])
        );
        expectCloseMaps(
          `${t.version} Jensen–Shannon`,
          js,
          await recorded(
            world,
            `modelwatch:feature_jensen_shannon:${WINDOW}`,
            t.version,
            ['feature'],
            ', baseline="reference"'
          ),
          'the recording rule'
        );
        const check = world.versions.find((v) => v.spec.version === t.version)!.check;
        expectCloseMaps(
          `${t.version} Jensen–Shannon`,
          js,
          new Map(tracked.map((f) => [f, check.drift[f]!.jensenShannon!])),
          'modelwatch check'
        );
        const ks = new Map(
          result.frames
            .filter((f) => f.refId === 'ks' && versionOf(labelsOf(f)) === t.version)
            .map((f) => [labelsOf(f).feature!, lastValue(f)])
        );
        expectCloseMaps(
          `${t.version} binned KS`,
          ks,
          await recorded(world, `modelwatch:feature_ks:${WINDOW}`, t.version, ['feature'], ', baseline="reference"'),
          'the recording rule'
        );
        const numeric = trackedColumns(world.spec.profile)
          .filter(([, c]) => c.type === 'numeric')
          .map(([n]) => n);
        expectEqual(`${t.version} KS only for numeric columns`, [...ks.keys()].sort(), [...numeric].sort());
      }
    }
  );

  await results.check(
    'datasource: the bins of a drifted numeric and a categorical feature: reference and current shares, PSI, count',
    async () => {
      const t = truth.find((x) => x.version === '2.0.0')!;
      const result = await query(host, UID.modelwatch, [TARGETS.driftBins(t.version)], range);
      const frames = framesOf(result, 'modelwatch.drift.bins');
      expectEqual(
        'one frame per tracked column',
        frames.map((f) => meta<{ feature: string }>(f).feature).sort(),
        [...tracked].sort()
      );
      const shares = await recorded(world, `modelwatch:feature_bin_share:ratio${WINDOW}`, t.version, [
        'feature',
        'bin',
      ]);
      const counts: Array<[number, number]> = [];
      for (const feature of ['pirat', 'mhist']) {
        const frame = frames.find((f) => meta<{ feature: string }>(f).feature === feature)!;
        const bins = column<string>(frame, 'bin');
        const reference = world.expected.referenceShares(world.spec.profile.columns[feature]!);
        const column_ = world.spec.profile.columns[feature]!;
        // The monitor's bin order: 0..B−1 for numbers, the kept categories, __other__ and __missing__ for categories.
        const labels =
          column_.type === 'numeric'
            ? reference.map((_, j) => String(j))
            : [...Object.keys(column_.categories), '__other__', '__missing__'];
        const order = bins.map((b) => labels.indexOf(b));
        expectCloseMaps(
          `${feature} reference shares`,
          new Map(bins.map((b, i) => [b, column<number>(frame, 'reference')[i]!])),
          new Map(bins.map((b, i) => [b, reference[order[i]!]!])),
          '@modelwatch/stats binning of the profile'
        );
        const current = new Map(bins.map((b, i) => [b, column<number>(frame, 'current')[i]!]));
        const recordedShares = new Map(
          [...shares].filter(([k]) => k.startsWith(`${feature} `)).map(([k, x]) => [k.slice(feature.length + 1), x])
        );
        expectCloseMaps(`${feature} current shares`, current, recordedShares, 'the recording rule');
        expectClose(
          `${feature} PSI in the meta`,
          meta<{ value: number }>(frame).value,
          t.psi.get(feature),
          'modelwatch check'
        );
        counts.push([meta<{ count: number }>(frame).count, t.predictions]);
      }
      expectCommonFactor('values counted', counts, await extrapolation(world, t.version, range.to, t.predictions));
    }
  );

  await results.check(
    'datasource: realized and estimated F1 and accuracy per version equal the recorded values and modelwatch check',
    async () => {
      const result = await query(host, UID.modelwatch, [TARGETS.performance()], range);
      const frames = framesOf(result, 'modelwatch.performance');
      for (const t of truth) {
        const check = world.versions.find((v) => v.spec.version === t.version)!.check;
        const mine = frames.filter((f) => versionOf(labelsOf(f)) === t.version);
        const value = (metric: string, source: string) =>
          lastValue(mine.find((f) => meta(f).metric === metric && meta(f).source === source)!);
        for (const metric of ['f1', 'accuracy'] as const) {
          expectClose(
            `${t.version} realized ${metric}`,
            value(metric, 'realized'),
            check.performance?.[metric],
            'modelwatch check'
          );
          expectClose(
            `${t.version} estimated ${metric}`,
            value(metric, 'estimated'),
            check.estimatedPerformance?.[metric],
            'modelwatch check'
          );
          const rule = await recorded(world, `modelwatch:model_${metric}:ratio${WINDOW}`, t.version, ['source']);
          expectCloseMaps(
            `${t.version} ${metric}`,
            new Map([
              ['realized', value(metric, 'realized')],
              ['estimated', value(metric, 'estimated')],
            ]),
            rule,
            'the recording rule'
          );
        }
        expectEqual(`${t.version} classes read`, meta(mine[0]!).classes, { positive: POSITIVE, negative: NEGATIVE });
      }
    }
  );

  await results.check(
    'datasource: per-group rates with Wilson intervals, ratios to the reference group and disparate impact',
    async () => {
      const result = await query(
        host,
        UID.modelwatch,
        VERSIONS.flatMap((v) =>
          PROTECTED.map((a) => ({ ...TARGETS.fairness(v.version, a), refId: `${v.version} ${a}` }))
        ),
        range
      );
      keep.fairness = await query(
        host,
        UID.modelwatch,
        PROTECTED.map((a) => TARGETS.fairness('2.0.0', a)),
        range
      );
      for (const t of truth) {
        const check = world.versions.find((v) => v.spec.version === t.version)!.check;
        for (const attribute of PROTECTED) {
          const frame = result.frames.find((f) => f.refId === `${t.version} ${attribute}`)!;
          const m = meta<{ disparateImpact: number; referenceGroup: string; levels: unknown }>(frame);
          expectClose(
            `${t.version} ${attribute} disparate impact`,
            m.disparateImpact,
            t.disparateImpact.get(attribute),
            'modelwatch check'
          );
          expectClose(
            `${t.version} ${attribute} disparate impact`,
            m.disparateImpact,
            (
              await recorded(world, `modelwatch:fairness_disparate_impact:${WINDOW}`, t.version, ['group_attribute'])
            ).get(attribute),
            'the recording rule'
          );
          expectEqual(`${t.version} ${attribute} levels`, m.levels, DI_LEVELS);
          const groups = check.fairness![attribute]!.groups;
          const largest = Object.entries(groups).sort((a, b) => b[1].count - a[1].count)[0]![0];
          expectEqual(`${t.version} ${attribute} reference group (the largest)`, m.referenceGroup, largest);
          const rows = rowsOf(frame);
          expectEqual(
            `${t.version} ${attribute} rows`,
            rows.length,
            Object.keys(groups).length * FAIRNESS_METRICS.length
          );
          const pairs: Array<[number, number]> = [];
          for (const row of rows) {
            const g = String(row.group);
            const metric = String(row.metric) as (typeof FAIRNESS_METRICS)[number];
            const fed = t.groups.get(`${attribute}=${g}`)!;
            const report = groups[g] as unknown as Record<string, number | null>;
            const what = `${t.version} ${attribute}=${g} ${metric}`;
            expectClose(`${what} value`, row.value as number, report[metric], 'modelwatch check');
            const { tp, fp, fn, tn } = fed.cells;
            const denominator = {
              selectionRate: tp + fp + fn + tn,
              tpr: tp + fn,
              fnr: tp + fn,
              fpr: fp + tn,
              precision: tp + fp,
            }[metric];
            pairs.push([row.count as number, denominator]);
            const wilson = wilsonInterval((row.value as number) * (row.count as number), row.count as number, 0.95);
            expectClose(
              `${what} lower`,
              row.lower as number,
              wilson.lower,
              "@modelwatch/stats' Wilson interval on the frame's count"
            );
            expectClose(
              `${what} upper`,
              row.upper as number,
              wilson.upper,
              "@modelwatch/stats' Wilson interval on the frame's count"
            );
            const referenceValue = groups[m.referenceGroup]![metric as 'selectionRate'] as number;
            expectClose(
              `${what} ratio`,
              row.ratio as number,
              (report[metric] as number) / referenceValue,
              'modelwatch check'
            );
            expectEqual(`${what} eligible`, row.eligible, !fed.inconclusive);
          }
          expectCommonFactor(
            `${t.version} ${attribute} group counts`,
            pairs,
            await extrapolation(world, t.version, range.to, t.predictions)
          );
        }
      }
    }
  );

  await results.check(
    'datasource: burn rates per window pair, firing state, budget left and time to exhaustion per SLO',
    async () => {
      const result = await query(
        host,
        UID.modelwatch,
        VERSIONS.flatMap((v) =>
          (['latency', 'availability'] as const).map((k) => ({
            ...TARGETS.slo(v.version, k),
            refId: `${v.version} ${k}`,
          }))
        ),
        range
      );
      keep.slo = await query(
        host,
        UID.modelwatch,
        (['latency', 'availability'] as const).map((k) => TARGETS.slo('2.0.0', k)),
        range
      );
      for (const t of truth) {
        for (const kind of ['latency', 'availability'] as const) {
          const frames = result.frames.filter((f) => f.refId === `${t.version} ${kind}`);
          const windows = rowsOf(framesOf({ ...result, frames }, 'modelwatch.slo.windows')[0]!);
          const budget = rowsOf(framesOf({ ...result, frames }, 'modelwatch.slo.budget')[0]!)[0]!;
          const burn = t.burn[kind];
          for (const [i, w] of SLO.windows.entries()) {
            const row = windows[i]!;
            expectEqual(
              `${t.version} ${kind} window ${i}`,
              [row.severity, row.long, row.short, row.threshold],
              [w.severity, w.long, w.short, w.burnRate]
            );
            for (const [field, window] of [
              ['longBurnRate', w.long],
              ['shortBurnRate', w.short],
            ] as const) {
              expectClose(
                `${t.version} ${kind} ${field} ${window}`,
                row[field] as number,
                burn,
                '@modelwatch/stats on the fed events'
              );
              expectClose(
                `${t.version} ${kind} ${field} ${window}`,
                row[field] as number,
                (await recorded(world, `modelwatch:slo_burn_rate:${window}`, t.version, ['slo'])).get(kind),
                'the recording rule'
              );
            }
            expectEqual(`${t.version} ${kind} ${w.long}/${w.short} firing`, row.firing, burn > w.burnRate);
          }
          expectClose(
            `${t.version} ${kind} budget left`,
            budget.budgetRemaining as number,
            t.budgetRemaining[kind],
            '1 − burn rate'
          );
          expectClose(
            `${t.version} ${kind} budget left`,
            budget.budgetRemaining as number,
            (await recorded(world, 'modelwatch:slo_error_budget_remaining:ratio', t.version, ['slo'])).get(kind),
            'the recording rule'
          );
          expectClose(
            `${t.version} ${kind} burn rate`,
            budget.burnRate as number,
            burn,
            '@modelwatch/stats on the fed events'
          );
          const left = t.budgetRemaining[kind];
          expectClose(
            `${t.version} ${kind} time to exhaustion`,
            budget.timeToExhaustion as number,
            left <= 0 ? 0 : (left * SLO.periodSeconds) / burn,
            'budget left × the period / burn rate'
          );
        }
      }
    }
  );

  await results.check(
    'datasource: data-quality issue rates per feature equal the recorded ratios and the fed values',
    async () => {
      const result = await query(host, UID.modelwatch, [TARGETS.quality()], range);
      for (const t of truth) {
        const values = new Map(
          framesOf(result, 'modelwatch.quality')
            .filter((f) => versionOf(labelsOf(f)) === t.version && labelsOf(f).issue !== 'unknown_feature')
            .map((f) => [`${labelsOf(f).feature} ${labelsOf(f).issue}`, lastValue(f)])
        );
        expectCloseMaps(`${t.version} issue rates`, values, t.issues, 'the fed values against the profile');
      }
    }
  );

  await results.check('datasource: the alerts query lists exactly the firing alerts, with their labels', async () => {
    const result = await query(host, UID.modelwatch, [TARGETS.alerts()], range);
    const rows = framesOf(result, 'modelwatch.alerts').flatMap(rowsOf);
    const seen = new Set(
      rows.map((r) => {
        const labels = Object.fromEntries(
          String(r.text)
            .split(' ')
            .map((p) => p.split('=') as [string, string])
        );
        return `${labels.model_version} ${alertIdentity(String(r.title), labels)}`;
      })
    );
    const expected = new Set(truth.flatMap((t) => [...t.alerts].map((a) => `${t.version} ${a}`)));
    expectEqual('alerts', [...seen].sort(), [...expected].sort());
  });

  await results.check(
    'datasource: template variables in queries and variable queries (models, versions, features, attributes, groups)',
    async () => {
      await host.page.evaluate(
        (c) => window.modelwatchHost.configure(c),
        hostConfig({ variables: { model: MODEL, version: '2.0.0' } })
      );
      const literal = await query(host, UID.modelwatch, [TARGETS.drift('psi', '2.0.0')], range);
      const templated = await query(
        host,
        UID.modelwatch,
        [{ ...TARGETS.drift('psi'), model: '$model', version: '${version}' }],
        range
      );
      const values = (r: QueryResult) => new Map(r.frames.map((f) => [labelsOf(f).feature!, lastValue(f)]));
      expectCloseMaps('templated PSI', values(templated), values(literal), 'the literal query');
      const find = (q: string) =>
        host.page.evaluate(([u, text, r]) => window.modelwatchHost.metricFindQuery(u, text, r), [
          UID.modelwatch,
          q,
          range,
        ] as const);
      expectEqual('models()', await find('models()'), [REGRESSION.model, MODEL]);
      expectEqual(
        'versions($model)',
        await find('versions($model)'),
        VERSIONS.map((v) => v.version)
      );
      expectEqual(
        'features($model): the tracked columns',
        [...(await find('features($model)'))].sort(),
        [...tracked].sort()
      );
      expectEqual('attributes($model)', await find('attributes($model)'), [...PROTECTED, INTERSECTION].sort());
      expectEqual('groups($model, afam)', await find('groups($model, afam)'), ['no', 'yes']);
    }
  );

  await results.check('datasource: through a Prometheus datasource it answers the same numbers', async () => {
    const direct = await query(host, UID.modelwatch, [TARGETS.drift('psi')], range);
    const via = await query(host, UID.viaPrometheus, [TARGETS.drift('psi')], range);
    const values = (r: QueryResult) =>
      new Map(r.frames.map((f) => [`${versionOf(labelsOf(f))} ${labelsOf(f).feature}`, lastValue(f)]));
    expectCloseMaps('PSI via the Prometheus datasource', values(via), values(direct), 'the direct query');
  });

  await results.check(
    'datasource: a bad query field and an unreachable Prometheus are one-line errors naming the fix',
    async () => {
      const bad = await query(
        host,
        UID.modelwatch,
        [{ ...TARGETS.drift('psi'), window: '3 minutes' }, TARGETS.quality()],
        range,
        true
      );
      expectEqual(
        'failed targets',
        bad.errors.map((e) => e.refId),
        ['drift']
      );
      const message = bad.errors[0]!.message ?? '';
      expectTrue(
        'names the field and the fix',
        message.startsWith('window:') && message.includes('3 minutes') && !message.includes('\n'),
        message
      );
      expectTrue(
        'the other target still answers',
        bad.frames.some((f) => f.refId === 'quality')
      );
      const down = await query(host, UID.unreachable, [TARGETS.drift('psi')], range, true);
      const line = down.errors[0]?.message ?? '';
      expectTrue('unreachable: one line', /Cannot reach Prometheus/.test(line) && !line.includes('\n'), line);
    }
  );

  return keep;
}
