// Synthetic reference profiles and prediction inputs for the hot-path benchmark: seeded, so every run
// measures the same work.
import {
  PROFILE_VERSION,
  seededRandom,
  categoricalColumnProfile,
  numericColumnProfile,
  type ColumnProfile,
  type ReferenceProfile,
} from '@modelwatch/stats';
import type { PredictionRecord } from '@modelwatch/otel';

export const LABEL = 'label';
export const SCORE = 'score';
export const GROUP = 'group';
export const POSITIVE = 'yes';
const GROUPS = ['g0', 'g1', 'g2', 'g3', 'g4'];

export const rng = seededRandom;

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/**
 * Four shapes in turn (normal, log-normal, uniform, and an exponential rounded to 0.01 so that values tie
 * with the reference and take the fractional path), each a little shifted when `shift` > 0.
 */
function numericValue(j: number, u: () => number, shift: number): number {
  switch (j % 4) {
    case 0:
      return j + (1 + j / 10) * normal(u) + shift;
    case 1:
      return 10 * Math.exp(0.5 * normal(u) + shift / 10);
    case 2:
      return 100 * u() + 10 * shift;
    default:
      return Math.round(-Math.log(1 - u()) * (20 + 5 * shift) * 100) / 100;
  }
}

/** Category k of 10 with Zipf-like weights 1/(k+1). */
function categoryValue(u: () => number, categories: number): string {
  let total = 0;
  for (let k = 0; k < categories; k++) total += 1 / (k + 1);
  let x = u() * total;
  for (let k = 0; k < categories; k++) {
    x -= 1 / (k + 1);
    if (x <= 0) return `k${k}`;
  }
  return `k${categories - 1}`;
}

function scoreValue(u: () => number, shift: number): number {
  const latent = normal(u) * 1.5 - 1.2 + shift;
  return 1 / (1 + Math.exp(-latent));
}

export const numericName = (j: number): string => `num_${String(j).padStart(2, '0')}`;
export const categoricalName = (j: number): string => `cat_${j}`;

export interface SyntheticShape {
  numeric: number;
  categorical: number;
  /** Categories per categorical feature. */
  categories: number;
  /** Reference rows per column. */
  rows: number;
  maxKnots: number;
}

/** A profile as `modelwatch profile` writes it: numeric knots from the same code path, label, score, one protected attribute. */
export function syntheticProfile(shape: SyntheticShape, seed = 1): ReferenceProfile {
  const u = rng(seed);
  const columns: Record<string, ColumnProfile> = {};
  const values = new Float64Array(shape.rows);
  for (let j = 0; j < shape.numeric; j++) {
    for (let i = 0; i < shape.rows; i++) values[i] = numericValue(j, u, 0);
    columns[numericName(j)] = numericColumnProfile(values, 0, 'feature', shape.maxKnots);
  }
  const tally = (draw: () => string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (let i = 0; i < shape.rows; i++) {
      const v = draw();
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return counts;
  };
  for (let j = 0; j < shape.categorical; j++) {
    columns[categoricalName(j)] = categoricalColumnProfile(
      tally(() => categoryValue(u, shape.categories)),
      0,
      'feature',
      50
    );
  }
  for (let i = 0; i < shape.rows; i++) values[i] = scoreValue(u, 0);
  columns[SCORE] = numericColumnProfile(values, 0, 'score', shape.maxKnots);
  columns[GROUP] = categoricalColumnProfile(
    tally(() => GROUPS[Math.floor(u() * GROUPS.length)]!),
    0,
    'protected',
    50
  );
  columns[LABEL] = categoricalColumnProfile(
    tally(() => (u() < 0.2 ? POSITIVE : 'no')),
    0,
    'label',
    50
  );
  return {
    profileVersion: PROFILE_VERSION,
    createdAt: new Date(0).toISOString(),
    source: { name: 'synthetic', rows: shape.rows },
    options: { maxKnots: shape.maxKnots, maxCategories: 50 },
    target: {
      label: LABEL,
      positive: POSITIVE,
      score: SCORE,
      prediction: null,
      threshold: 0.5,
      performance: null,
      calibration: null,
    },
    protected: [GROUP],
    columns,
  };
}

/** Prediction inputs drawn from slightly shifted distributions, with 1% unseen categories. */
export function syntheticInputs(
  shape: Pick<SyntheticShape, 'numeric' | 'categorical' | 'categories'>,
  count: number,
  seed = 2
): PredictionRecord[] {
  const u = rng(seed);
  const out: PredictionRecord[] = [];
  for (let i = 0; i < count; i++) {
    const features: Record<string, number | string> = {};
    for (let j = 0; j < shape.numeric; j++) features[numericName(j)] = numericValue(j, u, j % 3 === 0 ? 0.3 : 0);
    for (let j = 0; j < shape.categorical; j++)
      features[categoricalName(j)] = u() < 0.01 ? 'k_unseen' : categoryValue(u, shape.categories);
    out.push({
      // As a service gets them from a request body: JSON.parse builds objects with fast properties, whereas
      // keys added one by one in a loop leave V8 with a slow dictionary object.
      features: JSON.parse(JSON.stringify(features)) as Record<string, number | string>,
      score: scoreValue(u, 0.2),
      durationSeconds: 0.02 * Math.exp(0.5 * normal(u)),
      attributes: { [GROUP]: GROUPS[Math.floor(u() * GROUPS.length)]! },
    });
  }
  return out;
}
