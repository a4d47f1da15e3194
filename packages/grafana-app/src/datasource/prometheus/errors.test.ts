import { requestError } from './errors';

const WHERE = 'http://prometheus:9090';

describe('one line per failed request', () => {
  test('Prometheus’ own error names the request and keeps only the first line', () => {
    const error = requestError(
      {
        status: 422,
        statusText: 'Unprocessable Entity',
        data: {
          status: 'error',
          errorType: 'execution',
          error: 'query processing would load too many samples into memory\nin query execution',
        },
      },
      WHERE,
      'drift bin counts'
    );
    expect(error.message).toBe(
      `Prometheus at ${WHERE} rejected the drift bin counts query (execution): query processing would load too many samples into memory`
    );
  });

  test.each([
    [
      { status: 502, statusText: 'Bad Gateway', data: { message: 'Bad Gateway' } },
      `Cannot reach Prometheus at ${WHERE} (502 Bad Gateway): check the URL or the Prometheus datasource in the Modelwatch datasource settings, and that Prometheus is running`,
    ],
    [
      { status: 0, statusText: 'Network error', data: { message: 'TypeError: Failed to fetch' } },
      `Cannot reach Prometheus at ${WHERE} (TypeError: Failed to fetch): check the URL or the Prometheus datasource in the Modelwatch datasource settings, and that Prometheus is running`,
    ],
    [
      { status: 404, statusText: 'Not Found', data: '404 page not found' },
      `Prometheus at ${WHERE} answered 404 to the ks query: the URL must be Prometheus' base URL (such as http://prometheus:9090, without /api/v1)`,
    ],
    [
      { status: 403, statusText: 'Forbidden', data: { message: 'Permission denied' } },
      `Prometheus at ${WHERE} refused the ks query (403 Permission denied): check the datasource's authentication settings`,
    ],
    [
      { status: 500, statusText: 'Internal Server Error', data: null },
      `Prometheus at ${WHERE} failed the ks query (500 Internal Server Error)`,
    ],
    [
      new Error('socket hang up'),
      `Cannot reach Prometheus at ${WHERE} (socket hang up): check the URL or the Prometheus datasource in the Modelwatch datasource settings, and that Prometheus is running`,
    ],
  ])('%j', (failure, message) => {
    expect(requestError(failure, WHERE, 'ks').message).toBe(message);
  });
});
