import fc from 'fast-check';
import { lnGamma } from '../../src/special/gamma.js';
import { fisherExactTest, twoProportionZTest } from '../../src/policy/tests.js';
import { expectClose, fixture } from '../performance/close.js';

interface Case {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
  z: number | null;
  zPValue: number | null;
  fisherPValue: number;
}

const ref = fixture<{ provenance: string; cases: Case[] }>('scipy-adverse-impact.json');

describe('twoProportionZTest', () => {
  test("matches statsmodels' proportions_ztest (pooled, two-sided)", () => {
    expect(ref.cases.length).toBeGreaterThan(50);
    for (const c of ref.cases) {
      const r = twoProportionZTest(c.x1, c.n1, c.x2, c.n2);
      const label = `${c.x1}/${c.n1} vs ${c.x2}/${c.n2}`;
      expectClose(r.z, c.z, 1e-12, `${label} z`);
      expectClose(r.pValue, c.zPValue, 1e-12, `${label} p`);
    }
  });

  test('hand-worked: 36/80 against 60/100', () => {
    // pooled 96/180, se = sqrt(96/180 · 84/180 · (1/80 + 1/100)) = sqrt(0.0056), z = −0.15 / se.
    const r = twoProportionZTest(36, 80, 60, 100);
    expect(r.z).toBeCloseTo(-0.15 / Math.sqrt(0.0056), 12);
    expect(r.z).toBeLessThan(-2);
  });

  test('undefined without variance or rows; bad counts throw', () => {
    expect(twoProportionZTest(0, 5, 0, 7).z).toBeNaN();
    expect(twoProportionZTest(0, 0, 3, 7).pValue).toBeNaN();
    expect(() => twoProportionZTest(6, 5, 1, 2)).toThrow(RangeError);
    expect(() => twoProportionZTest(-1, 5, 1, 2)).toThrow(RangeError);
  });
});

describe('fisherExactTest', () => {
  test("matches SciPy's fisher_exact (two-sided)", () => {
    for (const c of ref.cases) {
      const p = fisherExactTest(c.x1, c.n1 - c.x1, c.x2, c.n2 - c.x2).pValue;
      expectClose(p, c.fisherPValue, 1e-10, `${c.x1}/${c.n1} vs ${c.x2}/${c.n2}`);
    }
  });

  test('hand-worked: [[1, 2], [3, 0]]', () => {
    // Margins 3/3 and 4/2: tables with a = 1, 2, 3 have weights C(3,a)·C(3,4−a) = 3, 9, 3 of 15.
    // The observed (a = 1, 3/15) and the equally likely a = 3 make p = 6/15.
    expect(fisherExactTest(1, 2, 3, 0).pValue).toBeCloseTo(6 / 15, 14);
  });

  test('far tails keep their relative precision', () => {
    // Only the observed table and its mirror image are as unlikely: p = 2 / C(600, 300) ≈ 1e-179.
    const p = fisherExactTest(0, 300, 300, 0).pValue;
    const expected = Math.log(2) - (lnGamma(601) - 2 * lnGamma(301));
    expectClose(Math.log(p), expected, 1e-12, 'ln p');
    expect(fisherExactTest(0, 500, 450, 50).pValue).toBeLessThan(fisherExactTest(10, 490, 450, 50).pValue);
  });

  test('properties: in (0, 1], symmetric under swapping rows and columns', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.nat(40), fc.nat(40), (a, b, c, d) => {
        const p = fisherExactTest(a, b, c, d).pValue;
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(1);
        expectClose(fisherExactTest(c, d, a, b).pValue, p, 1e-12, 'rows swapped');
        expectClose(fisherExactTest(b, a, d, c).pValue, p, 1e-12, 'columns swapped');
      })
    );
  });

  test('needs whole counts', () => {
    expect(() => fisherExactTest(1.5, 2, 3, 4)).toThrow(/whole/);
    expect(() => fisherExactTest(-1, 2, 3, 4)).toThrow(RangeError);
  });
});
