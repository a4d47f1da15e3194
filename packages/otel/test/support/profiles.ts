// Small reference profiles written out by hand, so every bin a test expects can be worked out on paper.
import { PROFILE_VERSION } from '@modelwatch/stats';

/**
 * A binary classifier (label `deny`, positive `yes`, threshold 0.5) with:
 * - `income`: numeric, knots 1, 2, 3 with counts 1, 3, 1 (m = 5). With 4 bins, bin j holds ranks·4 in
 *   [5j, 5j + 5]; the value 2 spans ranks 1..4, i.e. [4, 16], so it splits 1/12, 5/12, 5/12, 1/12.
 * - `region`: categorical, north 6, south 3, one other value, 2 missing of 12 rows.
 * - `afam`: protected, no 8, yes 2, nothing else (a new value is an unseen category).
 * - `score`: knots 0.1, 0.3, 0.4, 0.9 (one each): 3 of 4 reference scores are below 0.5, so the
 *   reference predicts `yes` for 1/4 and `no` for 3/4.
 */
export function classificationProfile(): Record<string, unknown> {
  return {
    profileVersion: PROFILE_VERSION,
    createdAt: '2026-11-23T00:00:00.000Z',
    source: { name: 'hand-written', rows: 12 },
    options: { maxKnots: 4096, maxCategories: 50 },
    target: {
      label: 'deny',
      positive: 'yes',
      score: 'score',
      prediction: null,
      threshold: 0.5,
      performance: null,
      calibration: null,
    },
    protected: ['afam'],
    columns: {
      income: {
        type: 'numeric',
        role: 'feature',
        rows: 5,
        missing: 0,
        count: 5,
        min: 1,
        max: 3,
        mean: 2,
        std: Math.sqrt(0.4),
        distinct: 3,
        exact: true,
        knots: { values: [1, 2, 3], counts: [1, 3, 1] },
      },
      region: {
        type: 'categorical',
        role: 'feature',
        rows: 12,
        missing: 2,
        count: 10,
        categories: { north: 6, south: 3 },
        otherCount: 1,
        distinct: 3,
      },
      afam: {
        type: 'categorical',
        role: 'protected',
        rows: 10,
        missing: 0,
        count: 10,
        categories: { no: 8, yes: 2 },
        otherCount: 0,
        distinct: 2,
      },
      score: {
        type: 'numeric',
        role: 'score',
        rows: 4,
        missing: 0,
        count: 4,
        min: 0.1,
        max: 0.9,
        mean: 0.425,
        std: 0.3,
        distinct: 4,
        exact: true,
        knots: { values: [0.1, 0.3, 0.4, 0.9], counts: [1, 1, 1, 1] },
      },
      deny: {
        type: 'categorical',
        role: 'label',
        rows: 10,
        missing: 0,
        count: 10,
        categories: { no: 7, yes: 3 },
        otherCount: 0,
        distinct: 2,
      },
    },
  };
}

/** A regression model: one numeric feature `size` (knots 10..40) and the predicted value as `score`. */
export function regressionProfile(): Record<string, unknown> {
  return {
    profileVersion: PROFILE_VERSION,
    createdAt: '2026-11-23T00:00:00.000Z',
    source: { name: 'hand-written', rows: 4 },
    options: { maxKnots: 4096, maxCategories: 50 },
    target: {
      label: 'price',
      positive: null,
      score: 'predicted',
      prediction: null,
      threshold: 0.5,
      performance: null,
      calibration: null,
    },
    protected: [],
    columns: {
      size: {
        type: 'numeric',
        role: 'feature',
        rows: 4,
        missing: 0,
        count: 4,
        min: 10,
        max: 40,
        mean: 25,
        std: Math.sqrt(125),
        distinct: 4,
        exact: true,
        knots: { values: [10, 20, 30, 40], counts: [1, 1, 1, 1] },
      },
      predicted: {
        type: 'numeric',
        role: 'score',
        rows: 4,
        missing: 0,
        count: 4,
        min: 100,
        max: 400,
        mean: 250,
        std: Math.sqrt(12500),
        distinct: 4,
        exact: true,
        knots: { values: [100, 200, 300, 400], counts: [1, 1, 1, 1] },
      },
      price: {
        type: 'numeric',
        role: 'label',
        rows: 4,
        missing: 0,
        count: 4,
        min: 100,
        max: 400,
        mean: 250,
        std: Math.sqrt(12500),
        distinct: 4,
        exact: true,
        knots: { values: [100, 200, 300, 400], counts: [1, 1, 1, 1] },
      },
    },
  };
}
