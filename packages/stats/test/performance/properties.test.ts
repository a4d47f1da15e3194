import fc from 'fast-check';
import { rocAuc } from '../../src/performance/roc-auc.js';

const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 20 })), {
  minLength: 1,
  maxLength: 80,
});

describe('ROC AUC properties', () => {
  test('AUC of s equals 1 - AUC of 1 - s when both classes are present', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const actual = rs.map((r) => r[0]);
        const scores = rs.map((r) => r[1] / 20);
        const both = actual.includes(0) && actual.includes(1);
        const auc = rocAuc(actual, scores);
        const flipped = rocAuc(
          actual,
          scores.map((s) => 1 - s)
        );
        if (!both) {
          expect(auc).toBeNaN();
          return;
        }
        expect(Math.abs(auc - (1 - flipped))).toBeLessThanOrEqual(1e-12);
        expect(auc).toBeGreaterThanOrEqual(0);
        expect(auc).toBeLessThanOrEqual(1);
      })
    );
  });

  test('AUC equals the brute-force pair count', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const pos = rs.filter((r) => r[0] === 1).map((r) => r[1]);
        const neg = rs.filter((r) => r[0] === 0).map((r) => r[1]);
        fc.pre(pos.length > 0 && neg.length > 0);
        let wins = 0;
        for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
        const auc = rocAuc(
          rs.map((r) => r[0]),
          rs.map((r) => r[1])
        );
        expect(Math.abs(auc - wins / (pos.length * neg.length))).toBeLessThanOrEqual(1e-14);
      })
    );
  });
});
