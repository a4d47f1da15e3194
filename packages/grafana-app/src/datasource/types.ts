import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

export interface MlQuery extends DataQuery {
  model?: string;
  feature?: string;
}

export interface MlOptions extends DataSourceJsonData {
  prometheusUid?: string;
}
