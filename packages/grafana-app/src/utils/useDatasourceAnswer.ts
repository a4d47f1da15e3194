import { useEffect, useState } from 'react';
import type { DataSourceInstanceSettings } from '@grafana/data';
import { errorMessage } from './errors';

/** What an app page shows while it asks one datasource: `T` holds the fields of a ready answer. */
export type AnswerState<T extends object> =
  { kind: 'loading' } | { kind: 'noDatasource' } | { kind: 'error'; message: string } | ({ kind: 'ready' } & T);

type Answer<T extends object> = Extract<AnswerState<T>, { kind: 'error' | 'ready' }>;

/**
 * Asks `datasource` through `load` whenever it or `choice` (the page's other inputs, a reload count among them)
 * changes. `load` must be stable between choices (`useCallback`), or every render asks again.
 */
export function useDatasourceAnswer<T extends object>(
  datasource: DataSourceInstanceSettings | undefined,
  choice: string,
  load: (datasource: DataSourceInstanceSettings) => Promise<T>
): AnswerState<T> {
  // The answer remembers which request it answers, so a new choice shows "loading" until its own answer arrives.
  const request = `${datasource?.uid ?? ''}\u0000${choice}`;
  const [answer, setAnswer] = useState<{ request: string; state: Answer<T> }>();
  useEffect(() => {
    if (!datasource) {
      return;
    }
    // A slow answer for an earlier choice must not overwrite the current one.
    let current = true;
    load(datasource).then(
      (ready) => current && setAnswer({ request, state: { kind: 'ready', ...ready } as Answer<T> }),
      (error: unknown) => current && setAnswer({ request, state: { kind: 'error', message: errorMessage(error) } })
    );
    return () => {
      current = false;
    };
  }, [datasource, request, load]);

  if (!datasource) {
    return { kind: 'noDatasource' };
  }
  return answer?.request === request ? answer.state : { kind: 'loading' };
}
