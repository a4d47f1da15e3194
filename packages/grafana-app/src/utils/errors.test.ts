import { errorMessage } from './errors';

describe('errorMessage', () => {
  it('keeps the first line of an Error or a string, never a stack', () => {
    const error = new Error('Cannot reach Prometheus at http://p:9090\n    at fetch (x.js:1:2)');
    expect(errorMessage(error)).toBe('Cannot reach Prometheus at http://p:9090');
    expect(errorMessage('one\ntwo')).toBe('one');
  });

  it('reads a FetchError from backendSrv: the status with the message of its body', () => {
    expect(errorMessage({ status: 502, statusText: 'Bad Gateway', data: { message: 'Bad Gateway' } })).toBe(
      'HTTP 502: Bad Gateway'
    );
    expect(errorMessage({ status: 400, data: { error: 'parse error at char 3' } })).toBe(
      'HTTP 400: parse error at char 3'
    );
    expect(errorMessage({ status: 500, data: {} })).toBe('HTTP 500');
  });

  it('says so when it cannot tell', () => {
    expect(errorMessage(undefined)).toBe('Unknown error');
    expect(errorMessage({})).toBe('Unknown error');
  });
});
