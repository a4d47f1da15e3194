import { useCallback } from 'react';
import type { DataSourceInstanceSettings } from '@grafana/data';
import type { ComplianceModel } from '../../shared/compliance';
import { complianceSourceOf } from '../../utils/datasources';
import { useDatasourceAnswer, type AnswerState } from '../../utils/useDatasourceAnswer';

export type ComplianceState = AnswerState<{ models: ComplianceModel[] }>;

/** Loads every model's policy-pack tables from one datasource; `reload` changes to load again. */
export function useCompliance(
  datasource: DataSourceInstanceSettings | undefined,
  timeWindow: string,
  reload: number
): ComplianceState {
  const load = useCallback(
    async (ds: DataSourceInstanceSettings) => ({
      models: await (await complianceSourceOf(ds)).getCompliance(timeWindow),
    }),
    [timeWindow]
  );
  return useDatasourceAnswer(datasource, `${timeWindow}\u0000${reload}`, load);
}
