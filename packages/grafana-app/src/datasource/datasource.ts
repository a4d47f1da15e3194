import {
  DataSourceApi,
  FieldType,
  createDataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type TestDataSourceResponse,
} from '@grafana/data';
import type { MlOptions, MlQuery } from './types';

export class MlDataSource extends DataSourceApi<MlQuery, MlOptions> {
  constructor(settings: DataSourceInstanceSettings<MlOptions>) {
    super(settings);
  }

  async query(request: DataQueryRequest<MlQuery>): Promise<DataQueryResponse> {
    const data = request.targets.map((target) =>
      createDataFrame({
        refId: target.refId,
        fields: [
          { name: 'bin', type: FieldType.string, values: ['a', 'b', 'c'] },
          { name: 'reference', type: FieldType.number, values: [10, 20, 30] },
          { name: 'current', type: FieldType.number, values: [12, 18, 30] },
        ],
      })
    );
    return { data };
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    return { status: 'success', message: 'Modelwatch datasource is configured' };
  }
}
