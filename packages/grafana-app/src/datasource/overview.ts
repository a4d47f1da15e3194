import type { TimeRange } from '@grafana/data';
import type { ModelOverview } from '../shared/overview';
import type { Naming } from '@modelwatch/semconv';
import { secondsWindow } from './options/duration';
import type { PromVector } from './prometheus/api';
import type { PrometheusClient } from './prometheus/client';
import { overviewRows, type OverviewInput } from './processors/overview';
import { overviewQueries, versionsMatch } from './queries/overview';

/** Every model version at a glance over a time range: the window is the range, read at its end. */
export async function modelOverview(
  client: PrometheusClient,
  naming: Naming,
  range: TimeRange
): Promise<ModelOverview[]> {
  const start = range.from.valueOf() / 1000;
  const end = range.to.valueOf() / 1000;
  const seconds = Math.max(1, Math.round(end - start));
  const queries = overviewQueries(naming, secondsWindow(seconds));
  const [versions, vectors] = await Promise.all([
    client.series(versionsMatch(naming), start, end, 'model versions'),
    Promise.all(Object.entries(queries).map(([name, expr]) => client.instant(expr, end, `overview ${name}`))),
  ]);
  const named = Object.fromEntries(Object.keys(queries).map((name, i) => [name, vectors[i]!])) as Record<
    string,
    PromVector
  >;
  return overviewRows({ ...(named as Omit<OverviewInput, 'versions'>), versions }, seconds);
}
