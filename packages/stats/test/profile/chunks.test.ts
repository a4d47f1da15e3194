import { chunkLevel, chunkRows, learnedLevels, parseProfile, PROFILE_VERSION } from '../../src/index';

const base = {
  profileVersion: PROFILE_VERSION,
  source: { name: 't', rows: 4 },
  columns: {
    c: { type: 'categorical', role: 'feature', rows: 4, missing: 0, count: 4, categories: { a: 4 }, distinct: 1 },
  },
};

describe('reference chunks', () => {
  it('cut like NannyML with left-over rows appended to the last chunk', () => {
    expect(chunkRows(3000, { by: 'count', count: 6 })).toEqual([500, 500, 500, 500, 500, 500]);
    expect(chunkRows(3005, { by: 'count', count: 6 })).toEqual([500, 500, 500, 500, 500, 505]);
    expect(chunkRows(25, { by: 'size', size: 10 })).toEqual([10, 15]);
    expect(() => chunkRows(15, { by: 'size', size: 10 })).toThrow(/at least 2 chunks/);
    expect(() => chunkRows(3, { by: 'count', count: 4 })).toThrow(/at least 2 chunks/);
  });

  it('learn mean + 3 population standard deviations, skipping chunks without values', () => {
    // 1, 2, 3: mean 2, population std sqrt(2/3).
    const level = chunkLevel([1, null, 2, 3])!;
    expect(level.chunks).toBe(3);
    expect(level.mean).toBe(2);
    expect(level.std).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(level.level).toBeCloseTo(2 + 3 * Math.sqrt(2 / 3), 14);
    expect(chunkLevel([0.5, null])).toBeNull();
    expect(chunkLevel([1, 3], 1)!.level).toBe(3);
  });

  it('old profiles without chunks still load; chunked ones are checked', () => {
    expect(parseProfile(base).chunks).toBeUndefined();
    const chunks = { by: 'count', rows: [2, 2], bins: 10, columns: { c: { rules: { psi: [0, 0.2] }, check: {} } } };
    const p = parseProfile({ ...base, chunks });
    expect(learnedLevels(p.chunks!, 'rules').c!.psi!.level).toBeCloseTo(0.1 + 3 * 0.1, 15);
    expect(() => parseProfile({ ...base, chunks: { ...chunks, rows: [4] } })).toThrow(/chunks.rows/);
    expect(() =>
      parseProfile({ ...base, chunks: { ...chunks, columns: { c: { rules: { psi: [0] }, check: {} } } } })
    ).toThrow(/chunks.columns.c.rules.psi/);
    expect(() => parseProfile({ ...base, chunks: { ...chunks, columns: { zz: { rules: {}, check: {} } } } })).toThrow(
      /chunks.columns.zz/
    );
  });
});
