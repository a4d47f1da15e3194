import { useEffect, useState } from 'react';
import { rangeUtil, type DataSourceInstanceSettings, type TimeRange } from '@grafana/data';
import type { OverviewWindow } from '../../constants';
import type { ModelOverview } from '../../shared/overview';
import { overviewSourceOf } from '../../utils/datasources';
import { errorMessage } from '../../utils/errors';

export type OverviewState =
  | { kind: 'loading' }
  | { kind: 'noDatasource' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; models: ModelOverview[]; range: TimeRange };

/** Loads the overview of every model version from one datasource; `reload` changes to load again. */
export function useModelOverview(
  datasource: DataSourceInstanceSettings | undefined,
  timeWindow: OverviewWindow,
  reload: number
): OverviewState {
  const [state, setState] = useState<OverviewState>({ kind: 'loading' });
  useEffect(() => {
    if (!datasource) {
      setState({ kind: 'noDatasource' });
      return;
    }
    // A slow answer for an earlier choice must not overwrite the current one.
    let current = true;
    setState({ kind: 'loading' });
    const range = rangeUtil.convertRawToRange({ from: `now-${timeWindow}`, to: 'now' });
    overviewSourceOf(datasource)
      .then((source) => source.getModelOverview(range))
      .then(
        (models) => current && setState({ kind: 'ready', models, range }),
        (error: unknown) => current && setState({ kind: 'error', message: errorMessage(error) })
      );
    return () => {
      current = false;
    };
  }, [datasource, timeWindow, reload]);
  return state;
}
