import { scopedTemplateSrv } from './testing/template-srv';
import { hasTemplateVariables, interpolateQuery } from './template';

const srv = scopedTemplateSrv({
  model: 'credit',
  versions: ['v1.2', 'v2'],
  metric: ['f1', 'recall'],
  window: '30m',
  group: 'F',
});
const replace = srv.replace.bind(srv);

describe('template variables in queries', () => {
  test('every string field is replaced; version as a regex, lists take every value', () => {
    const query = interpolateQuery(
      {
        refId: 'A',
        queryType: 'performance',
        model: '$model',
        version: '${versions}',
        window: '$window',
        referenceGroup: '$group',
        metrics: ['$metric' as never, 'accuracy'],
        burnWindows: [{ severity: 'page', long: '$window', short: '5m', burnRate: 14.4 }],
        levels: { warning: 0.5 },
      },
      replace
    );
    expect(query).toEqual({
      refId: 'A',
      queryType: 'performance',
      model: 'credit',
      version: '(v1\\.2|v2)',
      window: '30m',
      referenceGroup: 'F',
      metrics: ['f1', 'recall', 'accuracy'],
      burnWindows: [{ severity: 'page', long: '30m', short: '5m', burnRate: 14.4 }],
      levels: { warning: 0.5 },
    });
  });

  test('scoped variables (repeated panels) win over dashboard variables', () => {
    const query = interpolateQuery({ refId: 'A', model: '$model' }, replace, {
      model: { text: 'churn', value: 'churn' },
    });
    expect(query.model).toBe('churn');
  });

  test('queries with variables are told apart', () => {
    expect(hasTemplateVariables({ refId: 'A', model: '$model' })).toBe(true);
    expect(
      hasTemplateVariables({
        refId: 'A',
        model: 'credit',
        burnWindows: [{ severity: 'page', long: '${w}', short: '5m', burnRate: 1 }],
      })
    ).toBe(true);
    expect(hasTemplateVariables({ refId: 'A', model: 'credit' })).toBe(false);
  });
});
