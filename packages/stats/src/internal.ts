// @modelwatch/stats/internal: the building blocks under the public statistics, for this package's own tests and
// for readers checking a number step by step. They may change in any release; depend on '@modelwatch/stats'.

// Distributions behind the p-values and intervals
export { kolmogorovSf, kolmogorovCdf, smirnovSf } from './special/kolmogorov.js';
export { lnGamma, regularizedGammaP, regularizedGammaQ } from './special/gamma.js';
export { inverseRegularizedGamma } from './special/inverse-gamma.js';
export { chiSquareSurvival } from './drift/chi-square.js';
export { normalQuantile } from './fairness/normal-quantile.js';

// Per-row terms and totals the probabilistic metrics and ROC AUC are built from
export { eceFromBins, calibrationBinIndex, logLossTerm, type CalibrationBin } from './performance/probabilistic.js';

// Limits of column type inference and category tracking while profiling
export { NUMERIC_MIN_DISTINCT, CATEGORY_TRACKING_CAP } from './profile/accumulator.js';
