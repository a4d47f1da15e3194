import { useCallback } from 'react';
import { rangeUtil, type DataSourceInstanceSettings, type TimeRange } from '@grafana/data';
import type { OverviewWindow } from '../../constants';
import type { ModelOverview } from '../../shared/overview';
import { overviewSourceOf } from '../../utils/datasources';
import { useDatasourceAnswer, type AnswerState } from '../../utils/useDatasourceAnswer';

export type OverviewState = AnswerState<{ models: ModelOverview[]; range: TimeRange }>;

/** Loads the overview of every model version from one datasource; `reload` changes to load again. */
export function useModelOverview(
  datasource: DataSourceInstanceSettings | undefined,
  timeWindow: OverviewWindow,
  reload: number
): OverviewState {
  const load = useCallback(
    async (ds: DataSourceInstanceSettings) => {
      const range = rangeUtil.convertRawToRange({ from: `now-${timeWindow}`, to: 'now' });
      return { models: await (await overviewSourceOf(ds)).getModelOverview(range), range };
    },
    [timeWindow]
  );
  return useDatasourceAnswer(datasource, `${timeWindow}\u0000${reload}`, load);
}
