import { DataSourcePlugin } from '@grafana/data';
import { MlDataSource } from './datasource';
import { ConfigEditor } from './editor/ConfigEditor';
import { QueryEditor } from './editor/QueryEditor';
import type { MlOptions, MlQuery } from './types';

export const plugin = new DataSourcePlugin<MlDataSource, MlQuery, MlOptions>(MlDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
