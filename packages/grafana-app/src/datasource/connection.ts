import type { TestDataSourceResponse } from '@grafana/data';
import { by, labelMatchers, re } from '@modelwatch/promql';
import { LABEL, METRICS, prometheusName, type Naming } from '@modelwatch/semconv';
import { oneLine } from './errors';
import type { PrometheusClient } from './prometheus/client';
import { samplesOf } from './processors/samples';

/** Every Prometheus name a naming produces (histograms as their series). */
function namesOf(naming: Naming): Set<string> {
  const names = new Set<string>();
  for (const spec of Object.values(METRICS)) {
    const name = prometheusName(spec, naming);
    for (const suffix of spec.kind === 'histogram' ? ['_bucket', '_count', '_sum'] : ['']) {
      names.add(name + suffix);
    }
  }
  return names;
}

const OTHER: Record<Naming, Naming> = { 'exporter-prometheus': 'otlp', otlp: 'exporter-prometheus' };
const NAMING_NAME: Record<Naming, string> = { 'exporter-prometheus': 'exporter-prometheus', otlp: 'OTLP' };

/** The number of Modelwatch series per metric name and model. */
const SERIES_COUNT = `count ${by([LABEL.metricName, LABEL.modelName])} (${labelMatchers({ [LABEL.metricName]: re('modelwatch_.+') })})`;

/**
 * Whether Prometheus answers and holds Modelwatch series under the configured naming: one line saying what
 * was found, or what is wrong and what to check.
 */
export async function testConnection(
  client: PrometheusClient | null,
  naming: Naming,
  now: number
): Promise<TestDataSourceResponse> {
  if (client === null) {
    return {
      status: 'error',
      message: 'No Prometheus configured: set the Prometheus URL or choose a Prometheus datasource in these settings',
    };
  }
  const where = client.target.description;
  let found;
  try {
    found = samplesOf(await client.instant(SERIES_COUNT, now, 'connection test'));
  } catch (error) {
    return { status: 'error', message: oneLine(error) };
  }
  if (found.length === 0) {
    return {
      status: 'error',
      message: `Prometheus at ${where} answers but has no modelwatch_* series: is the service instrumented with @modelwatch/otel and scraped by this Prometheus?`,
    };
  }
  const present = new Set(found.map((s) => s.labels[LABEL.metricName] ?? ''));
  const mine = namesOf(naming);
  const theirs = namesOf(OTHER[naming]);
  const onlyTheirs = [...present].filter((n) => theirs.has(n) && !mine.has(n));
  const onlyMine = [...present].filter((n) => mine.has(n) && !theirs.has(n));
  if (onlyTheirs.length > 0 && onlyMine.length === 0) {
    return {
      status: 'error',
      message: `Prometheus at ${where} has Modelwatch series with ${NAMING_NAME[OTHER[naming]]} names (such as ${onlyTheirs[0]}): set Metric naming to ${NAMING_NAME[OTHER[naming]]}`,
    };
  }
  const models = [...new Set(found.map((s) => s.labels[LABEL.modelName] ?? '').filter((m) => m !== ''))].sort();
  const series = found.reduce((sum, s) => sum + s.value, 0);
  const list = models.length > 5 ? `${models.slice(0, 5).join(', ')}, …` : models.join(', ');
  return {
    status: 'success',
    message: `Prometheus at ${where}: found ${models.length} Modelwatch model${models.length === 1 ? '' : 's'} (${list}) in ${series.toLocaleString('en-US')} series with ${NAMING_NAME[naming]} names`,
  };
}
