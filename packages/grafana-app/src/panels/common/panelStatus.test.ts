import { getDefaultTimeRange, LoadingState, type DataQueryError, type PanelData } from '@grafana/data';
import { panelStatus } from './panelStatus';

const wording = { loading: 'Loading…', empty: 'Nothing: choose the datasource.' };
const data = (state: LoadingState, extra: Partial<PanelData> = {}): PanelData => ({
  state,
  series: [],
  timeRange: getDefaultTimeRange(),
  ...extra,
});

test('usable frames: ready, with a failed query reported as a notice', () => {
  expect(panelStatus(data(LoadingState.Done), 2, wording)).toEqual({ kind: 'ready' });
  expect(
    panelStatus(data(LoadingState.Error, { errors: [{ refId: 'B', message: 'bad window' }] }), 1, wording)
  ).toEqual({
    kind: 'ready',
    notice: 'Query B failed: bad window',
  });
});

test('nothing usable: the error, else loading, else what to choose', () => {
  expect(panelStatus(data(LoadingState.Loading), 0, wording)).toEqual({ kind: 'loading', message: 'Loading…' });
  expect(panelStatus(data(LoadingState.Done), 0, wording)).toEqual({
    kind: 'empty',
    message: 'Nothing: choose the datasource.',
  });
  expect(panelStatus(data(LoadingState.Streaming), 0, wording).kind).toBe('empty');
});

test('errors: one line with the query, the first line of the message, and how many more there are', () => {
  const errors = [
    { refId: 'A', message: 'model: no series for "lendng"; check the name\n    at stack frame' },
    { refId: 'B', message: 'other' },
  ];
  expect(panelStatus(data(LoadingState.Error, { errors }), 0, wording)).toEqual({
    kind: 'error',
    message: 'Query A failed: model: no series for "lendng"; check the name (and 1 more)',
  });
  expect(panelStatus(data(LoadingState.Error, { errors: [{ refId: 'C' }] }), 0, wording)).toEqual({
    kind: 'error',
    message: 'Query C failed without a message: check the query and the Modelwatch datasource settings',
  });
});

test('the legacy single error field is read too', () => {
  // Older Grafana versions fill `error` instead of `errors`.
  const legacy: { error: DataQueryError } = { error: { message: 'Bad Gateway' } };
  expect(panelStatus({ ...data(LoadingState.Error), ...legacy }, 0, wording)).toEqual({
    kind: 'error',
    message: 'The query failed: Bad Gateway',
  });
});
