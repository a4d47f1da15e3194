import { grafanaGroupInterval, notificationProblems, ruleProblems } from '../../src/rules/grafana-rules';

// Each Grafana provisioning rule: a document that breaks it gets one problem naming it, a valid one gets none.
const rule = (over: Record<string, unknown> = {}) => ({
  uid: 'mw-1',
  title: 'Drift',
  condition: 'B',
  for: '5m',
  data: [{ refId: 'A' }, { refId: 'B' }],
  ...over,
});
const group = (over: Record<string, unknown> = {}) => ({
  name: 'g',
  folder: 'Modelwatch',
  interval: '10s',
  rules: [rule()],
  ...over,
});
const problems = (...groups: object[]) => ruleProblems({ groups });

describe('grafanaGroupInterval', () => {
  it('rounds up to the next non-zero multiple of the base interval', () => {
    expect(grafanaGroupInterval('4s')).toBe('10s');
    expect(grafanaGroupInterval('10s')).toBe('10s');
    expect(grafanaGroupInterval('1m')).toBe('1m');
    expect(grafanaGroupInterval('61s')).toBe('70s');
    expect(grafanaGroupInterval('500ms', 30)).toBe('30s');
  });
});

describe('ruleProblems', () => {
  it('accepts a valid group', () => expect(problems(group())).toEqual([]));

  it.each([
    ['interval not a multiple of base_interval', group({ interval: '4s' }), /interval 4s .* use 10s/],
    ['zero interval', group({ interval: '0s' }), /interval 0s/],
    ['missing folder', group({ folder: undefined }), /folder is required/],
    ['missing group name', group({ name: '' }), /name is required/],
    ['uid longer than 40', group({ rules: [rule({ uid: 'a'.repeat(41) })] }), /uid must be/],
    ['uid with a bad character', group({ rules: [rule({ uid: 'mw.1' })] }), /uid must be/],
    ['missing title', group({ rules: [rule({ title: undefined })] }), /title is required/],
    ['title longer than 190', group({ rules: [rule({ title: 't'.repeat(191) })] }), /longer than 190/],
    ['missing condition', group({ rules: [rule({ condition: undefined })] }), /condition is required/],
    ['condition not among refIds', group({ rules: [rule({ condition: 'C' })] }), /condition C is not the refId/],
    ['empty data', group({ rules: [rule({ data: [] })] }), /at least one query/],
    ['missing for', group({ rules: [rule({ for: undefined })] }), /for must be a duration/],
  ])('rejects %s', (_name, g, message) => {
    const found = problems(g);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('rejects a title repeated in a folder, accepts it in another folder', () => {
    const a = group({ name: 'a', rules: [rule({ uid: 'u1' })] });
    expect(problems(a, group({ name: 'b', rules: [rule({ uid: 'u2' })] }))[0]).toMatch(/title repeated/);
    expect(problems(a, group({ name: 'b', folder: 'Other', rules: [rule({ uid: 'u2' })] }))).toEqual([]);
  });

  it('rejects a group name repeated in a folder, accepts it in another folder', () => {
    const a = group({ rules: [rule({ uid: 'u1', title: 'x' })] });
    expect(problems(a, group({ rules: [rule({ uid: 'u2', title: 'y' })] }))[0]).toMatch(/group name repeated/);
    expect(problems(a, group({ folder: 'Other', rules: [rule({ uid: 'u2', title: 'y' })] }))).toEqual([]);
  });

  it('rejects a repeated uid', () => {
    expect(problems(group({ rules: [rule(), rule({ title: 'Other' })] }))[0]).toMatch(/uid mw-1 repeated/);
  });
});

describe('notificationProblems', () => {
  const cp = (name: string, receiver: Record<string, unknown> = { uid: name, type: 'webhook' }) => ({
    name,
    receivers: [receiver],
  });
  it('accepts contact points and a policy routing to them', () => {
    expect(
      notificationProblems(
        { contactPoints: [cp('page'), cp('ticket')] },
        { policies: [{ receiver: 'ticket', routes: [{ receiver: 'page' }] }] }
      )
    ).toEqual([]);
  });
  it.each([
    [
      'a repeated contact point name',
      { contactPoints: [cp('a'), cp('a', { uid: 'b', type: 'webhook' })] },
      undefined,
      /name repeated/,
    ],
    ['a receiver without type', { contactPoints: [cp('a', { uid: 'a' })] }, undefined, /type is required/],
    [
      'a receiver uid over 40 characters',
      { contactPoints: [cp('a', { uid: 'u'.repeat(41), type: 'webhook' })] },
      undefined,
      /uid must be/,
    ],
    ['a contact point without receivers', { contactPoints: [{ name: 'a', receivers: [] }] }, undefined, /at least one/],
    [
      'a root policy without receiver',
      { contactPoints: [cp('a')] },
      { policies: [{ routes: [] }] },
      /root policy needs a receiver/,
    ],
    [
      'a route to an unknown contact point',
      { contactPoints: [cp('a')] },
      { policies: [{ receiver: 'a', routes: [{ receiver: 'x' }] }] },
      /receiver x is not/,
    ],
    [
      'a matcher that is not a triple',
      { contactPoints: [cp('a')] },
      { policies: [{ receiver: 'a', routes: [{ receiver: 'a', object_matchers: [['team', '=']] }] }] },
      /object_matchers\[0\]: must be \[label, operator, value\]/,
    ],
    [
      'a matcher with an unknown operator',
      { contactPoints: [cp('a')] },
      { policies: [{ receiver: 'a', routes: [{ receiver: 'a', object_matchers: [['team', '==', 'x']] }] }] },
      /operator == is not one of/,
    ],
  ])('rejects %s', (_name, contactPoints, policies, message) => {
    const found = notificationProblems(contactPoints, policies);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });
});
