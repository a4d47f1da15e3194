import type { DataFrame } from '@grafana/data';
import { metric } from '@modelwatch/promql';
import { ALERTS_SERIES } from '@modelwatch/semconv';
import type { ResolvedQuery, SloOptions } from '../options/resolve';
import type { PrometheusClient } from '../prometheus/client';
import { alertFrames } from '../processors/alerts';
import { complianceFramesOf, policySettings } from '../processors/compliance';
import { complianceOverWindows } from '../compliance';
import { driftBinsFrames, driftSeriesFrames } from '../processors/drift';
import { fairnessFrames } from '../processors/fairness';
import { performanceFrames } from '../processors/performance';
import { qualityFrames } from '../processors/quality';
import { attributionFrames } from '../processors/attributions';
import { attributionQueries } from '../queries/attributions';
import { regressionFrames } from '../processors/regression';
import { sloFrames, type SloWindowInput } from '../processors/slo';
import { firingAlertsQuery } from '../queries/alerts';
import { policySettingsQuery } from '../queries/compliance';
import { driftQueries } from '../queries/drift';
import { fairnessQueries } from '../queries/fairness';
import { performanceQueries } from '../queries/performance';
import { qualityQueries } from '../queries/quality';
import { regressionQueries } from '../queries/regression';
import { sloQueries, sloWindows } from '../queries/slo';
import { scopeOf } from '../queries/scope';

/**
 * Promise.all that waits for every request and, when several fail, reports the first in the order asked rather
 * than the first to fail: the same broken query always gives the same one-line error.
 */
async function allInOrder<T extends readonly unknown[]>(
  promises: readonly [...{ [K in keyof T]: Promise<T[K]> }]
): Promise<T> {
  const settled = await Promise.allSettled(promises as ReadonlyArray<Promise<unknown>>);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    throw failed.reason;
  }
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** When a query reads: a range with its step for series, its end for values "now". All unix seconds. */
export interface QueryTime {
  start: number;
  end: number;
  step: number;
}

async function sloInput(client: PrometheusClient, o: SloOptions, end: number): Promise<Record<string, SloWindowInput>> {
  const windows = sloWindows(o);
  const answers = await allInOrder(
    windows.map(async (w) => {
      const queries = sloQueries(o, w);
      const entries = await allInOrder(
        Object.entries(queries).map(
          async ([name, expr]) => [name, await client.instant(expr, end, `${o.kind} SLO ${name} over ${w}`)] as const
        )
      );
      return [w, Object.fromEntries(entries) as SloWindowInput] as const;
    })
  );
  return Object.fromEntries(answers);
}

/** The first point of a range grid that ends exactly at the range end. */
export function gridStart({ start, end, step }: QueryTime): number {
  return end - Math.floor((end - start) / step) * step;
}

/** Runs one resolved query: its PromQL over the raw series, then the statistics in TypeScript. */
export async function runQuery(client: PrometheusClient, o: ResolvedQuery, time: QueryTime): Promise<DataFrame[]> {
  const { end, step } = time;
  // The grid ends at the range end, so a series' last point is the value "now", the instant at which
  // driftBins, fairness and SLO queries read, and the instant a recording rule evaluated at that time records.
  const from = gridStart(time);
  switch (o.type) {
    case 'drift': {
      const q = driftQueries(o);
      const [counts, baseline] = await allInOrder([
        client.range(q.counts, from, end, step, 'drift bin counts'),
        client.range(q.baseline, from, end, step, `drift ${o.baseline} baseline`),
      ]);
      return driftSeriesFrames(o, { counts, baseline });
    }
    case 'driftBins': {
      const q = driftQueries(o);
      const [counts, baseline] = await allInOrder([
        client.instant(q.counts, end, 'drift bin counts'),
        client.instant(q.baseline, end, `drift ${o.baseline} baseline`),
      ]);
      return driftBinsFrames(o, { counts, baseline });
    }
    case 'quality': {
      const q = qualityQueries(o);
      const [issues, predictions] = await allInOrder([
        client.range(q.issues, from, end, step, 'data-quality issues'),
        client.range(q.predictions, from, end, step, 'prediction count'),
      ]);
      return qualityFrames(o, { issues, predictions });
    }
    case 'performance': {
      const q = performanceQueries(o);
      const [realized, estimated] = await allInOrder([
        client.range(q.realized, from, end, step, 'outcome cells'),
        q.estimated === undefined
          ? Promise.resolve(undefined)
          : client.range(q.estimated, from, end, step, 'estimated cells'),
      ]);
      return performanceFrames(o, { realized, estimated });
    }
    case 'regression': {
      const answers = await allInOrder(
        regressionQueries(o).map(async ({ metric, expr }) => ({
          metric,
          data: await client.range(expr, from, end, step, `regression ${metric}`),
        }))
      );
      return regressionFrames(o, answers);
    }
    case 'fairness': {
      const q = fairnessQueries(o);
      const [predictions, outcomes] = await allInOrder([
        client.instant(q.predictions, end, 'group predictions'),
        client.instant(q.outcomes, end, 'group outcomes'),
      ]);
      return fairnessFrames(o, { predictions, outcomes });
    }
    case 'slo':
      return sloFrames(o, { windows: await sloInput(client, o, end) }, metric(scopeOf(o), 'inferenceDuration'));
    case 'compliance': {
      const settings = policySettings(await client.instant(policySettingsQuery(), end, 'policy settings'));
      return complianceFramesOf(await complianceOverWindows(client, o, end, settings));
    }
    case 'attributions': {
      const q = attributionQueries(o);
      const [absoluteSums, counts, reference] = await allInOrder([
        client.range(q.absoluteSums, from, end, step, 'attribution sums'),
        client.range(q.counts, from, end, step, 'attribution counts'),
        client.instant(q.reference, end, 'reference importance'),
      ]);
      return attributionFrames(o, { absoluteSums, counts, reference });
    }
    case 'alerts':
      return alertFrames(await client.range(firingAlertsQuery(o), from, end, step, ALERTS_SERIES), step * 1000);
  }
}
