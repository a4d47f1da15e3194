// Synthetic features with a known reference: each feature's reference is a sample of m values from a named
// shape, profiled as `modelwatch profile` does; live traffic resamples those m values (the reference profile's
// own distribution: no drift by construction) or shifts them by a known effect size.
import {
  PROFILE_VERSION,
  categoricalColumnProfile,
  numericColumnProfile,
  seededRandom,
  type ColumnProfile,
  type ReferenceProfile,
} from '@modelwatch/stats';
import { pick, type SimRow, type TrafficSource } from './traffic.js';

/** Shapes numeric features take in turn: smooth, skewed, bounded, tied (rounded) and integer-valued. */
export const NUMERIC_SHAPES = ['normal', 'lognormal', 'uniform', 'exponential-rounded', 'poisson', 'bimodal'] as const;
export type NumericShape = (typeof NUMERIC_SHAPES)[number];

/** Category counts and how the shares fall: Zipf-like, or even with one rare category. */
const CATEGORICAL_SHAPES = [
  { categories: 2, rare: false },
  { categories: 3, rare: false },
  { categories: 5, rare: true },
  { categories: 8, rare: false },
  { categories: 12, rare: true },
] as const;

export interface SyntheticDesign {
  numeric: number;
  categorical: number;
  /** Reference values per feature. */
  referenceSize: number;
  seed: number;
  /** Shapes the numeric features take in turn (default: every shape). */
  shapes?: readonly NumericShape[];
}

interface NumericFeature {
  name: string;
  shape: NumericShape;
  values: Float64Array;
  sd: number;
}

interface CategoricalFeature {
  name: string;
  shares: number[];
  values: string[];
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

function poisson(u: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = u(); p > limit; p *= u()) k++;
  return k;
}

function draw(shape: NumericShape, u: () => number): number {
  switch (shape) {
    case 'normal':
      return 50 + 10 * normal(u);
    case 'lognormal':
      return Math.exp(1 + 0.75 * normal(u));
    case 'uniform':
      return 100 * u();
    case 'exponential-rounded':
      return Math.round(-Math.log(1 - u()) * 5 * 10) / 10;
    case 'poisson':
      return poisson(u, 4);
    case 'bimodal':
      return u() < 0.3 ? 20 + 3 * normal(u) : 35 + 5 * normal(u);
  }
}

/** Shares of a categorical shape: Zipf-like 1/(k+1), or even with the last category at 0.3%. */
function categoryShares(categories: number, rare: boolean): number[] {
  const weights = Array.from({ length: categories }, (_, k) =>
    rare ? (k === categories - 1 ? 0.003 : 0.997 / (categories - 1)) : 1 / (k + 1)
  );
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

function drawCategory(shares: readonly number[], u: () => number): string {
  let x = u();
  for (let k = 0; k < shares.length; k++) {
    x -= shares[k]!;
    if (x < 0) return `c${k}`;
  }
  return `c${shares.length - 1}`;
}

export const numericFeatureName = (j: number, shape: NumericShape): string =>
  `x${String(j).padStart(2, '0')}_${shape.replace('-', '_')}`;

export class SyntheticFeatures {
  readonly numeric: NumericFeature[] = [];
  readonly categorical: CategoricalFeature[] = [];
  readonly profile: ReferenceProfile;

  constructor(readonly design: SyntheticDesign) {
    const u = seededRandom(design.seed);
    const m = design.referenceSize;
    const columns: Record<string, ColumnProfile> = {};
    for (let j = 0; j < design.numeric; j++) {
      const shapes = design.shapes ?? NUMERIC_SHAPES;
      const shape = shapes[j % shapes.length]!;
      const values = new Float64Array(m);
      for (let i = 0; i < m; i++) values[i] = draw(shape, u);
      let sum = 0;
      let squares = 0;
      for (const v of values) {
        sum += v;
        squares += v * v;
      }
      const mean = sum / m;
      const name = numericFeatureName(j, shape);
      this.numeric.push({ name, shape, values, sd: Math.sqrt(squares / m - mean * mean) });
      // Every value kept as a knot (m is below maxKnots), so the profile is the sample itself.
      columns[name] = numericColumnProfile(values, 0, 'feature', m);
    }
    for (let j = 0; j < design.categorical; j++) {
      const { categories, rare } = CATEGORICAL_SHAPES[j % CATEGORICAL_SHAPES.length]!;
      const shares = categoryShares(categories, rare);
      const values = Array.from({ length: m }, () => drawCategory(shares, u));
      const counts = new Map<string, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      const name = `k${String(j).padStart(2, '0')}_${categories}${rare ? '_rare' : ''}`;
      this.categorical.push({ name, shares, values });
      columns[name] = categoricalColumnProfile(counts, 0, 'feature', 50);
    }
    this.profile = {
      profileVersion: PROFILE_VERSION,
      createdAt: new Date(0).toISOString(),
      source: { name: 'synthetic drift-alarm simulation', rows: m },
      options: { maxKnots: m, maxCategories: 50 },
      target: {
        label: null,
        positive: null,
        score: null,
        prediction: null,
        threshold: 0.5,
        performance: null,
        calibration: null,
      },
      protected: [],
      columns,
    };
  }

  get featureNames(): string[] {
    return [...this.numeric.map((f) => f.name), ...this.categorical.map((f) => f.name)];
  }

  /** Names of the features a shift moves (the normal-shaped ones). */
  get shiftedNames(): string[] {
    return this.numeric.filter((f) => f.shape === 'normal').map((f) => f.name);
  }

  /**
   * Live traffic resampled from each feature's reference values (independently per feature); with `shift` > 0
   * the normal-shaped features move by shift reference standard deviations.
   */
  source(shift = 0): TrafficSource {
    return {
      profile: this.profile,
      protectedAttributes: [],
      row: (random: () => number): SimRow => {
        const features: SimRow['features'] = {};
        for (const f of this.numeric) {
          const v = f.values[pick(random, f.values.length)]!;
          features[f.name] = f.shape === 'normal' ? v + shift * f.sd : v;
        }
        for (const f of this.categorical) features[f.name] = f.values[pick(random, f.values.length)]!;
        return { features, attributes: {} };
      },
    };
  }

  /**
   * Live traffic drawn afresh from the shapes the reference values were drawn from: no drift in the population,
   * but the reference is itself a sample of m, so its shares miss the population's by as much as a window of m.
   */
  populationSource(): TrafficSource {
    return {
      profile: this.profile,
      protectedAttributes: [],
      row: (random: () => number): SimRow => {
        const features: SimRow['features'] = {};
        for (const f of this.numeric) features[f.name] = draw(f.shape, random);
        for (const f of this.categorical) features[f.name] = drawCategory(f.shares, random);
        return { features, attributes: {} };
      },
    };
  }
}
