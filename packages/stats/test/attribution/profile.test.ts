import { attributionProfile, parseProfile, ProfileError, PROFILE_VERSION } from '../../src/index';

const base = {
  profileVersion: PROFILE_VERSION,
  target: { label: null, positive: null, score: null, prediction: null, threshold: 0.5 },
  columns: { x: attributionProfile([1, 2, 3], 4096) },
};

describe('reference attributions in a profile', () => {
  const a = attributionProfile([-0.5, 0.5, 1, Number.NaN], 4096)!;

  it('keeps the finite attributions as a numeric column with their mean |value| (hand calculation)', () => {
    expect(a).toMatchObject({ type: 'numeric', count: 3, missing: 1, rows: 4, min: -0.5, max: 1 });
    expect(a.importance).toBeCloseTo(2 / 3, 15);
    expect(attributionProfile([Number.NaN], 4096)).toBeNull();
  });

  it('round-trips through JSON and parseProfile', () => {
    const parsed = parseProfile(JSON.parse(JSON.stringify({ ...base, attributions: { x: a } })));
    expect(parsed.attributions!.x).toEqual(a);
    expect(parseProfile(JSON.parse(JSON.stringify(base))).attributions).toBeUndefined();
  });

  it.each([
    [{ x: { ...a, importance: -0.1 } }, 'attributions.x.importance'],
    [{ x: { ...a, importance: 5 } }, 'attributions.x.importance'],
    [{ x: { ...a, importance: 'high' } }, 'attributions.x.importance: must be a finite number'],
    [
      { x: { type: 'categorical', rows: 1, missing: 0, count: 1, categories: { a: 1 }, distinct: 1 } },
      'attributions.x.type',
    ],
    [[1, 2], 'attributions: must be an object'],
  ])('refuses bad attributions with a message naming the path (%#)', (attributions, fragment) => {
    const json = { ...base, attributions };
    expect(() => parseProfile(json)).toThrow(ProfileError);
    expect(() => parseProfile(json)).toThrow(fragment);
  });
});
