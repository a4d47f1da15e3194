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

type Answer = Extract<OverviewState, { kind: 'error' | 'ready' }>;

/** Loads the overview of every model version from one datasource; `reload` changes to load again. */
export function useModelOverview(
  datasource: DataSourceInstanceSettings | undefined,
  timeWindow: OverviewWindow,
  reload: number
): OverviewState {
  // The answer remembers which request it answers, so a new choice shows "loading" until its own answer arrives.
  const request = `${datasource?.uid ?? ''}\u0000${timeWindow}\u0000${reload}`;
  const [answer, setAnswer] = useState<{ request: string; state: Answer }>();
  useEffect(() => {
    if (!datasource) {
      return;
    }
    // A slow answer for an earlier choice must not overwrite the current one.
    let current = true;
    const range = rangeUtil.convertRawToRange({ from: `now-${timeWindow}`, to: 'now' });
    overviewSourceOf(datasource)
      .then((source) => source.getModelOverview(range))
      .then(
        (models) => current && setAnswer({ request, state: { kind: 'ready', models, range } }),
        (error: unknown) => current && setAnswer({ request, state: { kind: 'error', message: errorMessage(error) } })
      );
    return () => {
      current = false;
    };
  }, [datasource, timeWindow, request]);

  if (!datasource) {
    return { kind: 'noDatasource' };
  }
  return answer?.request === request ? answer.state : { kind: 'loading' };
}
