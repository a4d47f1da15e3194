import {
  DataSourceApi,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type LegacyMetricFindQueryOptions,
  type MetricFindValue,
  type ScopedVars,
  type TestDataSourceResponse,
  type TimeRange,
} from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import type { Naming } from '@modelwatch/semconv';
import type { ComplianceModel } from '../shared/compliance';
import type { ModelOverview } from '../shared/overview';
import { alertAnnotations } from './annotations';
import { AnnotationEditor } from './editor/AnnotationEditor';
import { Catalog, type CatalogSource, type SecondsRange } from './catalog';
import { testConnection } from './connection';
import { ModelwatchError, oneLine } from './errors';
import { resolveQuery } from './options/resolve';
import { modelOverview } from './overview';
import { modelCompliance } from './compliance';
import { PrometheusClient, stepFor, type PrometheusTarget } from './prometheus/client';
import { runQuery } from './run/run-query';
import { hasTemplateVariables, interpolateQuery, templateReplace } from './template';
import type { MlOptions, MlQuery } from './types';
import { parseVariableQuery, runVariableQuery } from './variables';

/** The Prometheus a datasource reads: another Prometheus datasource (through its proxy), or its own URL. */
export function prometheusTarget(settings: DataSourceInstanceSettings<MlOptions>): PrometheusTarget | null {
  const uid = settings.jsonData?.prometheusUid?.trim();
  if (uid) {
    let name = uid;
    try {
      name = getDataSourceSrv().getInstanceSettings(uid)?.name ?? uid;
    } catch {
      // No datasource service outside Grafana (tests): the uid names the datasource well enough.
    }
    return {
      base: `/api/datasources/proxy/uid/${encodeURIComponent(uid)}`,
      description: `the Prometheus datasource '${name}'`,
    };
  }
  const url = settings.url?.trim();
  return url ? { base: url, description: url } : null;
}

function rangeSeconds(range: TimeRange): SecondsRange {
  return { start: range.from.valueOf() / 1000, end: range.to.valueOf() / 1000 };
}

/**
 * Modelwatch's statistics over the raw series in Prometheus: the same PromQL the recording rules evaluate,
 * then the statistics of @modelwatch/stats in the browser, so a panel shows the number the rules record.
 */
export class MlDataSource extends DataSourceApi<MlQuery, MlOptions> {
  readonly naming: Naming;
  readonly target: PrometheusTarget | null;
  readonly catalog: CatalogSource;
  private prometheusClient: PrometheusClient | null;

  constructor(settings: DataSourceInstanceSettings<MlOptions>) {
    super(settings);
    this.naming = settings.jsonData?.naming === 'otlp' ? 'otlp' : 'exporter-prometheus';
    this.target = prometheusTarget(settings);
    this.prometheusClient = this.target ? new PrometheusClient(this.target) : null;
    this.catalog = new Catalog(() => this.client(), this.naming);
    this.annotations = { ...alertAnnotations, QueryEditor: AnnotationEditor };
  }

  /** The Prometheus client; a one-line error when the settings name no Prometheus. */
  client(): PrometheusClient {
    if (this.prometheusClient === null) {
      throw new ModelwatchError(
        `Datasource ${this.name}: no Prometheus configured; set its URL or choose a Prometheus datasource in its settings`
      );
    }
    return this.prometheusClient;
  }

  getDefaultQuery(): Partial<MlQuery> {
    return { queryType: 'drift' };
  }

  filterQuery(query: MlQuery): boolean {
    return !query.hide;
  }

  applyTemplateVariables(query: MlQuery, scopedVars: ScopedVars): MlQuery {
    return interpolateQuery(query, templateReplace(), scopedVars);
  }

  interpolateVariablesInQueries(queries: MlQuery[], scopedVars: ScopedVars): MlQuery[] {
    return queries.map((q) => ({ ...this.applyTemplateVariables(q, scopedVars), datasource: this.getRef() }));
  }

  targetContainsTemplate(query: MlQuery): boolean {
    return hasTemplateVariables(query);
  }

  /**
   * Every target in parallel. A target that fails adds one line to `errors` (the first also to `error`) and
   * the others still return their frames.
   */
  async query(request: DataQueryRequest<MlQuery>): Promise<DataQueryResponse> {
    const start = request.range.from.valueOf() / 1000;
    const end = request.range.to.valueOf() / 1000;
    const time = { start, end, step: stepFor(start, end, request.intervalMs) };
    const targets = request.targets.filter((t) => this.filterQuery(t));
    const results = await Promise.all(
      targets.map(async (target): Promise<DataFrame[] | DataQueryError> => {
        try {
          const resolved = resolveQuery(this.applyTemplateVariables(target, request.scopedVars), this.naming);
          const frames = await runQuery(this.client(), resolved, time);
          return frames.map((f) => ({ ...f, refId: target.refId }));
        } catch (error) {
          return { refId: target.refId, message: oneLine(error) };
        }
      })
    );
    const data = results.filter((r): r is DataFrame[] => Array.isArray(r)).flat();
    const errors = results.filter((r): r is DataQueryError => !Array.isArray(r));
    return errors.length ? { data, error: errors[0], errors } : { data };
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    return testConnection(this.prometheusClient, this.naming, Date.now() / 1000);
  }

  /** Template variables: models(), versions(<model>), features(<model>), attributes(<model>), groups(<model>, <attribute>)… */
  async metricFindQuery(
    query: string | { query?: string },
    options?: LegacyMetricFindQueryOptions
  ): Promise<MetricFindValue[]> {
    const text = templateReplace()(typeof query === 'string' ? query : (query.query ?? ''), options?.scopedVars);
    return runVariableQuery(
      this.catalog,
      parseVariableQuery(text),
      options?.range ? rangeSeconds(options.range) : undefined
    );
  }

  /**
   * Every model's policy-pack tables over the window ending now ('' for each model's rules' window), judged with
   * the pack settings its rules record, else the defaults (see shared/compliance.ts).
   */
  async getCompliance(window: string, end: number = Date.now() / 1000): Promise<ComplianceModel[]> {
    return modelCompliance(this.client(), this.naming, window === '' ? undefined : window, end);
  }

  /** The app's models overview over a time range (see shared/overview.ts). */
  async getModelOverview(range: TimeRange): Promise<ModelOverview[]> {
    return modelOverview(this.client(), this.naming, range);
  }
}
