import fc from 'fast-check';
import {
  ColumnAccumulator,
  EmpiricalDistribution,
  OTHER_CATEGORY,
  ProfileError,
  alignCategories,
  categoricalColumnProfile,
  ksStatistic,
  numericColumnProfile,
  parseProfile,
  referenceDistribution,
} from '../../src/index';

function accumulate(cells: string[], forceCategorical = false): ColumnAccumulator {
  const a = new ColumnAccumulator(forceCategorical);
  for (const c of cells) a.add(c);
  return a;
}

describe('column type inference', () => {
  it('is numeric when every value parses and there are more than 5 distinct values', () => {
    expect(accumulate(['1', '2', '3', '4', '5', '6']).isNumeric).toBe(true);
    expect(accumulate(['1', '2', '3', '4', '5', '5']).isNumeric).toBe(false);
    expect(accumulate(['1', '2', '3', '4', '5', 'x', '7']).isNumeric).toBe(false);
    expect(accumulate(['1', '2', '3', '4', '5', '6'], true).isNumeric).toBe(false);
  });

  it('treats empty cells and NA as missing', () => {
    const a = accumulate(['1', '', 'NA', '2', '3', '4', '5', '6']);
    expect(a.missing).toBe(2);
    expect(a.count).toBe(6);
    expect(a.isNumeric).toBe(true);
  });

  it('accepts only plain decimal numbers', () => {
    for (const text of ['0x10', 'Infinity', '1,5', '1e', '--1']) {
      expect(accumulate(['1', '2', '3', '4', '5', '6', text]).isNumeric).toBe(false);
    }
    expect(accumulate(['1e3', '-2.5', '.5', '+3', '4.', '6E-2', '7']).isNumeric).toBe(true);
  });

  it('recovers category counts of a long numeric run that ends in text', () => {
    const cells = Array.from({ length: 200 }, (_, i) => String(i % 100));
    cells.push('unknown');
    const a = accumulate(cells);
    expect(a.isNumeric).toBe(false);
    const counts = a.categoryCounts();
    expect(counts.get('7')).toBe(2);
    expect(counts.get('unknown')).toBe(1);
    expect(counts.size).toBe(101);
  });
});

describe('numeric column profiles', () => {
  it('keep every distinct value when under the knot bound', () => {
    const p = numericColumnProfile([3, 1, 2, 2], 1, 'feature', 4096);
    expect(p).toMatchObject({ exact: true, count: 4, rows: 5, missing: 1, min: 1, max: 3, mean: 2, distinct: 3 });
    expect(p.knots).toEqual({ values: [1, 2, 3], counts: [1, 2, 1] });
    expect(p.std).toBeCloseTo(Math.sqrt(0.5), 15);
  });

  it('compress to a quantile summary whose CDF is within 1/maxKnots of the data, keeping the mean', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 50, maxLength: 2000 }),
        fc.integer({ min: 2, max: 64 }),
        (values, maxKnots) => {
          const p = numericColumnProfile(values, 0, 'feature', maxKnots);
          expect(p.knots.values.length).toBeLessThanOrEqual(Math.max(maxKnots, 1) * 2);
          const summary = referenceDistribution(p);
          const full = EmpiricalDistribution.fromValues(values);
          expect(summary.size).toBe(values.length);
          expect(ksStatistic(full, summary)).toBeLessThanOrEqual(
            Math.ceil(values.length / maxKnots) / values.length + 1e-12
          );
          expect(summary.mean).toBeCloseTo(full.mean, 6);
        }
      )
    );
  });
});

describe('categorical column profiles', () => {
  it('keep the most frequent categories by name and count the rest as other', () => {
    const p = categoricalColumnProfile(
      new Map([
        ['a', 5],
        ['b', 3],
        ['c', 3],
        ['d', 1],
      ]),
      2,
      'feature',
      2
    );
    expect({ ...p.categories }).toEqual({ a: 5, b: 3 });
    expect(p.otherCount).toBe(4);
    expect(p.count).toBe(12);
    expect(p.distinct).toBe(4);
  });

  it('map current categories the profile did not keep to other, and unseen ones stay new when nothing was other', () => {
    const withOther = categoricalColumnProfile(
      new Map([
        ['a', 5],
        ['b', 3],
        ['c', 1],
      ]),
      0,
      'feature',
      2
    );
    expect(
      alignCategories(
        withOther,
        new Map([
          ['a', 1],
          ['c', 2],
          ['z', 3],
        ])
      )
    ).toEqual(
      new Map([
        ['a', 1],
        [OTHER_CATEGORY, 5],
      ])
    );
    const complete = categoricalColumnProfile(
      new Map([
        ['a', 5],
        ['b', 3],
      ]),
      0,
      'feature',
      50
    );
    expect(
      alignCategories(
        complete,
        new Map([
          ['a', 1],
          ['z', 3],
        ])
      )
    ).toEqual(
      new Map([
        ['a', 1],
        ['z', 3],
      ])
    );
  });

  it('treat prototype names as ordinary categories', () => {
    const p = categoricalColumnProfile(
      new Map([
        ['__proto__', 2],
        ['constructor', 1],
      ]),
      0,
      'feature',
      50
    );
    expect(Object.keys(p.categories).sort()).toEqual(['__proto__', 'constructor']);
  });
});

describe('profile validation', () => {
  const valid = {
    profileVersion: 1,
    columns: {
      x: {
        type: 'numeric',
        role: 'feature',
        rows: 3,
        missing: 0,
        count: 3,
        min: 1,
        max: 3,
        mean: 2,
        std: 0.8,
        distinct: 3,
        exact: true,
        knots: { values: [1, 2, 3], counts: [1, 1, 1] },
      },
      g: {
        type: 'categorical',
        role: 'protected',
        rows: 3,
        missing: 0,
        count: 3,
        categories: { a: 2, b: 1 },
        otherCount: 0,
        distinct: 2,
      },
    },
    protected: ['g'],
    target: { label: null, positive: null, score: null, prediction: null, threshold: 0.5 },
  };

  it('accepts a valid profile and survives a JSON round trip', () => {
    const p = parseProfile(JSON.parse(JSON.stringify(valid)));
    expect(p.columns.x!.type).toBe('numeric');
    expect(parseProfile(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  it.each([
    [{ ...valid, profileVersion: 2 }, 'profileVersion'],
    [{ hello: 'world' }, 'not a Modelwatch reference profile'],
    [{ ...valid, columns: {} }, 'columns'],
    [{ ...valid, protected: ['nope'] }, "names 'nope'"],
    [
      {
        ...valid,
        columns: { ...valid.columns, x: { ...valid.columns.x, knots: { values: [1, 1, 3], counts: [1, 1, 1] } } },
      },
      'columns.x.knots.values[1]',
    ],
    [
      {
        ...valid,
        columns: { ...valid.columns, x: { ...valid.columns.x, knots: { values: [1, 2, 3], counts: [1, 0, 1] } } },
      },
      'columns.x.knots.counts[1]',
    ],
    [{ ...valid, columns: { ...valid.columns, x: { ...valid.columns.x, count: 9 } } }, 'but count is 9'],
    [{ ...valid, columns: { ...valid.columns, x: { ...valid.columns.x, type: 'text' } } }, 'columns.x.type'],
    [{ ...valid, target: { ...valid.target, score: 'missing' } }, 'target.score'],
    // Inconsistent profiles: each field alone is well-formed, together they cannot describe one data set.
    [{ ...valid, target: { ...valid.target, threshold: 1.5 } }, 'target.threshold: is 1.5'],
    [{ ...valid, target: { ...valid.target, threshold: -0.1 } }, 'target.threshold: is -0.1'],
    [
      { ...valid, target: { ...valid.target, calibration: { method: 'isotonic', x: [0, 1], y: [0.2] } } },
      'target.calibration',
    ],
    [{ ...valid, target: { ...valid.target, calibration: { method: 'magic' } } }, 'target.calibration'],
    [{ ...valid, target: { ...valid.target, calibration: 'yes' } }, 'target.calibration'],
    [
      { ...valid, columns: { ...valid.columns, x: { ...valid.columns.x, min: 4 } } },
      'columns.x.min: is 4, above max 3',
    ],
    [{ ...valid, columns: { ...valid.columns, x: { ...valid.columns.x, max: 2.5 } } }, 'columns.x.knots.values[2]'],
    [{ ...valid, columns: { ...valid.columns, x: { ...valid.columns.x, mean: 7 } } }, 'columns.x.mean'],
    [{ ...valid, columns: { ...valid.columns, x: { ...valid.columns.x, std: -1 } } }, 'columns.x.std'],
    [{ ...valid, columns: { ...valid.columns, x: { ...valid.columns.x, distinct: 4 } } }, 'columns.x.distinct'],
    [{ ...valid, columns: { ...valid.columns, x: { ...valid.columns.x, rows: 2 } } }, 'columns.x.rows'],
    [
      { ...valid, columns: { ...valid.columns, g: { ...valid.columns.g, categories: { a: 20, b: 1 } } } },
      'columns.g.categories',
    ],
    [{ ...valid, columns: { ...valid.columns, g: { ...valid.columns.g, distinct: 5 } } }, 'columns.g.distinct'],
    [{ ...valid, columns: { ...valid.columns, g: { ...valid.columns.g, missing: 1 } } }, 'columns.g.rows'],
  ])('rejects a bad profile with a message naming the path (%#)', (json, fragment) => {
    expect(() => parseProfile(json)).toThrow(ProfileError);
    expect(() => parseProfile(json)).toThrow(fragment as string);
  });
});
