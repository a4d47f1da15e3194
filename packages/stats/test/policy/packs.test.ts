import fc from 'fast-check';
import {
  attributeCounts,
  fourFifths,
  impactRatios,
  intersectionValues,
  median,
  nycLl144,
  scoringSelections,
  type AttributeCounts,
} from '@modelwatch/stats';

const SEP = ' × ';

/** The rows of the hand-worked example in docs/statistics.md: [sex, race, rows, selected]. */
const CELLS: [string, string | null, number, number][] = [
  ['F', 'White', 20, 12],
  ['M', 'White', 30, 18],
  ['F', 'Black', 25, 9],
  ['M', 'Black', 15, 9],
  ['F', 'Asian', 4, 2],
  ['M', 'Asian', 4, 2],
  ['F', 'Native', 1, 1],
  ['M', null, 1, 0],
];

function rows(): { sex: (string | null)[]; race: (string | null)[]; selected: number[] } {
  const out = { sex: [] as (string | null)[], race: [] as (string | null)[], selected: [] as number[] };
  for (const [sex, race, n, s] of CELLS) {
    for (let i = 0; i < n; i++) {
      out.sex.push(sex);
      out.race.push(race);
      out.selected.push(i < s ? 1 : 0);
    }
  }
  return out;
}

const counts = (entries: [string, number, number][], unknown = 0): AttributeCounts => ({
  unknown,
  categories: new Map(entries.map(([name, count, selected]) => [name, { count, selected }])),
});

describe('nycLl144: selection rates, hand-worked', () => {
  const data = rows();
  const race = nycLl144(attributeCounts(data.race, data.selected));
  const sex = nycLl144(attributeCounts(data.sex, data.selected));
  const both = nycLl144(attributeCounts(intersectionValues([data.sex, data.race], SEP), data.selected));

  test('race: Native (1 of 100 rows) is excluded and is not the highest; one row unknown', () => {
    expect(race.rows).toBe(100);
    expect(race.unknown).toBe(1);
    expect(race.highest).toBe('White');
    expect([...race.categories.keys()]).toEqual(['Asian', 'Black', 'Native', 'White']);
    expect(race.categories.get('Native')).toEqual({
      count: 1,
      selected: 1,
      rate: 1,
      share: 0.01,
      impactRatio: null,
      excluded: true,
      belowThreshold: false,
    });
    expect(race.categories.get('Black')!.rate).toBeCloseTo(18 / 40, 15);
    expect(race.categories.get('Black')!.impactRatio).toBeCloseTo(0.45 / 0.6, 15);
    expect(race.categories.get('Black')!.belowThreshold).toBe(true);
    expect(race.categories.get('Asian')!.impactRatio).toBeCloseTo(0.5 / 0.6, 15);
    expect(race.categories.get('Asian')!.belowThreshold).toBe(false);
  });

  test('sex: 24/50 against 29/50', () => {
    expect(sex.unknown).toBe(0);
    expect(sex.highest).toBe('M');
    expect(sex.categories.get('F')!.impactRatio).toBeCloseTo(0.48 / 0.58, 15);
    expect(sex.categories.get('F')!.belowThreshold).toBe(false);
  });

  test('sex × race: unknown race makes the intersection unknown; ties go to the first name', () => {
    expect(both.unknown).toBe(1);
    expect(both.highest).toBe('F × White');
    expect(both.categories.get('F × Native')!.excluded).toBe(true);
    expect(both.categories.get('F × Black')!.impactRatio).toBeCloseTo(0.36 / 0.6, 15);
    expect(both.categories.get('M × Black')!.impactRatio).toBe(1);
    expect(both.categories.get('F × Asian')!.share).toBe(0.04);
    expect([...both.categories.values()].filter((c) => c.belowThreshold)).toHaveLength(1);
  });

  test('excludeBelow 0 keeps Native, which then sets the highest rate', () => {
    const all = nycLl144(attributeCounts(data.race, data.selected), { excludeBelow: 0 });
    expect(all.highest).toBe('Native');
    expect(all.categories.get('White')!.impactRatio).toBe(0.6);
  });
});

describe('scoring rates, hand-worked', () => {
  // 11 rows: group A scores 9, 8, 7, 2; group B 1, 3, 4, 5, 6, 10; one row of unknown group scores 5.
  const scores = [9, 8, 7, 2, 1, 3, 4, 5, 6, 10, 5];
  const group = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'B', null];

  test('the median is over the whole sample and a score at the median is not selected', () => {
    const { median: m, selected } = scoringSelections(scores);
    expect(m).toBe(5);
    expect([...selected]).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0]);
    const t = nycLl144(attributeCounts(group, selected));
    expect(t.unknown).toBe(1);
    expect(t.categories.get('A')!.rate).toBe(0.75);
    expect(t.categories.get('B')!.rate).toBeCloseTo(1 / 3, 15);
    expect(t.categories.get('B')!.impactRatio).toBeCloseTo(1 / 3 / 0.75, 15);
  });

  test('median: odd, even, empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('fourFifths, hand-worked', () => {
  const t = fourFifths(
    counts([
      ['M', 100, 60],
      ['F', 80, 36],
    ])
  );

  test('F: impact ratio 0.75, beyond two standard deviations, the z-test decides', () => {
    const f = t.categories.get('F')!;
    expect(t.highest).toBe('M');
    expect(f.impactRatio).toBeCloseTo(0.75, 15);
    expect(f.belowThreshold).toBe(true);
    expect(f.tests!.z).toBeCloseTo(-0.15 / Math.sqrt(0.0056), 12);
    expect(f.tests!.twoStandardDeviations).toBe(true);
    // min expected cell = 80 · 84 / 180
    expect(f.tests!.minExpected).toBeCloseTo((80 * 84) / 180, 12);
    expect(f.tests!.test).toBe('z');
    expect(f.tests!.pValue).toBe(f.tests!.zPValue);
    expect(f.tests!.significant).toBe(true);
    expect(t.categories.get('M')!.tests).toBeNull();
  });

  test("small groups: Fisher's exact test decides", () => {
    const small = fourFifths(
      counts([
        ['a', 10, 9],
        ['b', 10, 4],
      ])
    );
    const b = small.categories.get('b')!.tests!;
    expect(b.test).toBe('fisher');
    expect(b.pValue).toBe(b.fisherPValue);
    expect(b.significant).toBe(false);
    expect(b.twoStandardDeviations).toBe(true);
  });

  test('nothing is excluded by default; fractional counts get no Fisher test', () => {
    expect(
      fourFifths(
        counts([
          ['a', 100, 50],
          ['b', 1, 1],
        ])
      ).categories.get('b')!.excluded
    ).toBe(false);
    const live = fourFifths(
      counts([
        ['a', 100.5, 50.5],
        ['b', 40.25, 10],
      ])
    );
    expect(live.categories.get('b')!.tests!.fisherPValue).toBeNaN();
    expect(live.categories.get('b')!.tests!.test).toBe('z');
  });
});

describe('impactRatios', () => {
  test('names such as __proto__ are ordinary categories', () => {
    const t = impactRatios(
      counts([
        ['__proto__', 10, 5],
        ['constructor', 10, 10],
      ])
    );
    expect(t.categories.get('__proto__')!.impactRatio).toBe(0.5);
    expect(t.highest).toBe('constructor');
    const c = attributeCounts(['__proto__', 'toString', '__proto__'], [1, 0, 0]);
    expect(c.categories.get('__proto__')).toEqual({ count: 2, selected: 1 });
  });

  test('a highest rate of 0 leaves every ratio undefined (NaN), none below the threshold', () => {
    const t = impactRatios(
      counts([
        ['a', 10, 0],
        ['b', 5, 0],
      ])
    );
    expect(t.categories.get('a')!.impactRatio).toBeNaN();
    expect(t.categories.get('b')!.belowThreshold).toBe(false);
  });

  test('bad options and counts throw', () => {
    expect(() => impactRatios(counts([['a', 1, 2]]))).toThrow(/more selected/);
    expect(() => impactRatios(counts([]), { threshold: 0 })).toThrow(/threshold/);
    expect(() => impactRatios(counts([]), { excludeBelow: 1 })).toThrow(/excludeBelow/);
    expect(() => attributeCounts(['a'], [2])).toThrow(/0 or 1/);
    expect(() => intersectionValues([['a']], SEP)).toThrow(/two attributes/);
  });

  test('properties: the highest has ratio 1, every ratio in [0, 1], row order does not matter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', null), fc.constantFrom(0, 1)), { minLength: 1 }),
        (pairs) => {
          const values = pairs.map(([v]) => v);
          const selected = pairs.map(([, s]) => s);
          const t = nycLl144(attributeCounts(values, selected), { excludeBelow: 0.1 });
          if (t.highest !== null && t.highestRate > 0) expect(t.categories.get(t.highest)!.impactRatio).toBe(1);
          for (const c of t.categories.values()) {
            if (c.impactRatio !== null && !Number.isNaN(c.impactRatio)) {
              expect(c.impactRatio).toBeGreaterThanOrEqual(0);
              expect(c.impactRatio).toBeLessThanOrEqual(1);
            }
            expect(c.excluded).toBe(c.share < 0.1);
          }
          const reversed = nycLl144(attributeCounts([...values].reverse(), [...selected].reverse()), {
            excludeBelow: 0.1,
          });
          expect(reversed).toEqual(t);
        }
      )
    );
  });
});
