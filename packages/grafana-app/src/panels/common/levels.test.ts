import { levelOf, thresholdsFromLevels } from './levels';

test('above: a value at a level has crossed it', () => {
  const t = { warning: 0.1, critical: 0.2 };
  expect([0.099, 0.1, 0.19, 0.2, 3].map((v) => levelOf(v, t, 'above'))).toEqual([
    'ok',
    'warning',
    'warning',
    'critical',
    'critical',
  ]);
});

test('below: a value at a level satisfies it (four-fifths: less than 0.8 violates)', () => {
  const t = { warning: 0.8, critical: 0.6 };
  expect([0.8, 0.79, 0.6, 0.59].map((v) => levelOf(v, t, 'below'))).toEqual(['ok', 'warning', 'warning', 'critical']);
});

test('missing values have no level; missing thresholds are never crossed', () => {
  expect([null, undefined, NaN].map((v) => levelOf(v, { warning: 0.1 }, 'above'))).toEqual(['none', 'none', 'none']);
  expect(levelOf(5, {}, 'above')).toBe('ok');
  expect(levelOf(0.15, { critical: 0.2 }, 'above')).toBe('ok');
});

test('frame levels: null, missing and non-finite levels are dropped', () => {
  expect(thresholdsFromLevels({ warning: 0.1, critical: null })).toEqual({ warning: 0.1 });
  expect(thresholdsFromLevels({ warning: NaN })).toEqual({});
  expect(thresholdsFromLevels(undefined)).toEqual({});
});
