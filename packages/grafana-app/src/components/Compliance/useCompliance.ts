import { useEffect, useState } from 'react';
import type { DataSourceInstanceSettings } from '@grafana/data';
import type { ComplianceModel } from '../../shared/compliance';
import { complianceSourceOf } from '../../utils/datasources';
import { errorMessage } from '../../utils/errors';

export type ComplianceState =
  | { kind: 'loading' }
  | { kind: 'noDatasource' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; models: ComplianceModel[] };

type Answer = Extract<ComplianceState, { kind: 'error' | 'ready' }>;

/** Loads every model's policy-pack tables from one datasource; `reload` changes to load again. */
export function useCompliance(
  datasource: DataSourceInstanceSettings | undefined,
  timeWindow: string,
  reload: number
): ComplianceState {
  // The answer remembers its request, so a new choice shows "loading" until its own answer arrives.
  const request = `${datasource?.uid ?? ''}\u0000${timeWindow}\u0000${reload}`;
  const [answer, setAnswer] = useState<{ request: string; state: Answer }>();
  useEffect(() => {
    if (!datasource) {
      return;
    }
    let current = true;
    complianceSourceOf(datasource)
      .then((source) => source.getCompliance(timeWindow))
      .then(
        (models) => current && setAnswer({ request, state: { kind: 'ready', models } }),
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
