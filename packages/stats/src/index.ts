// The public surface of @modelwatch/stats. Everything a user, the instrumentation, the rule generator or the
// Grafana plugin may call is exported here. The building blocks under these statistics (special functions,
// per-row terms, accumulator limits) are at '@modelwatch/stats/internal', with no promise of stability.

export * from './types.js';

// Samples and reference profiles
export { EmpiricalDistribution } from './sample/empirical-distribution.js';
export { seededRandom } from './sample/seeded-random.js';
export { QuantileSummary, DEFAULT_SUMMARY_CAPACITY } from './sample/quantile-summary.js';
export {
  PROFILE_VERSION,
  DEFAULT_MAX_KNOTS,
  DEFAULT_MAX_CATEGORIES,
  OTHER_CATEGORY,
  MISSING_CATEGORY,
} from './profile/types.js';
export type { AttributionProfile } from './profile/types.js';
export { parseProfile, ProfileError } from './profile/validate.js';
export {
  numericColumnProfile,
  categoricalColumnProfile,
  referenceDistribution,
  referenceCategoryCounts,
  alignCategories,
} from './profile/column.js';
export { ColumnAccumulator, FloatBuffer } from './profile/accumulator.js';

// Reference chunks: the reference's own variability, and levels learned from it
export { chunkRows, MIN_CHUNKS, type ChunkPlan } from './chunks/chunking.js';
export { ChunkStatisticsCollector, type ChunkValues } from './chunks/chunk-statistics.js';
export { chunkLevel, learnedLevels, DEFAULT_STD_MULTIPLIER, type ChunkLevel } from './chunks/levels.js';
export { isMissing, parseNumber } from './profile/missing.js';

// Drift
export { ReferenceBinning, DEFAULT_BINS } from './drift/binning.js';
export { CompiledBinning } from './drift/compiled-binning.js';
export {
  psi,
  jensenShannon,
  hellinger,
  toShares,
  psiZeroReplacement,
  PSI_EPSILON,
  PSI_ZERO_SHARES,
  type PsiZeroShare,
} from './drift/divergence.js';
export { ksStatistic, ksPValue, ksTwoSample, KS_MAX_AUTO_EXACT_N } from './drift/ks.js';
export { wasserstein1, normalizedWasserstein, WASSERSTEIN_STD_FLOOR } from './drift/wasserstein.js';
export { chiSquareGoodnessOfFit, chiSquareQuantile, chiSquareUpperQuantile } from './drift/chi-square.js';
export {
  driftNoiseFloor,
  simulatedNoiseFloor,
  noiseVariance,
  noiseCorrection,
  psiFloorOf,
  jensenShannonFloorOf,
  normalUpperQuantile,
  wilsonHilfertyUpperQuantile,
  type NoiseFloor,
  type NoiseFloorInput,
  type NoiseFloorStatistic,
  type SimulatedNoiseFloorInput,
} from './drift/noise-floor.js';
export { numericDrift, binnedDrift, binnedKsDistance } from './drift/numeric.js';
export { categoricalDrift } from './drift/categorical.js';
export {
  StreamingNumericColumn,
  summaryNumericDrift,
  type SummaryNumericDrift,
  type SummaryDriftBounds,
} from './drift/summary-drift.js';

// Performance
export { binaryConfusion, rates } from './performance/confusion.js';
export {
  binaryClassificationReport,
  binaryClassificationFromCounts,
  predictAtThreshold,
  DEFAULT_THRESHOLD,
} from './performance/classification.js';
export { rocAuc, rocAucFromCounts, rankCounts, type RankCounts, type ScoreCounts } from './performance/roc-auc.js';
// The summaries binaryClassificationFromCounts takes, so callers can build them.
export { scoreSums, type ScoreSums } from './performance/probabilistic.js';
export {
  logLoss,
  brierScore,
  expectedCalibrationError,
  LOG_LOSS_EPSILON,
  ECE_BINS,
} from './performance/probabilistic.js';
export { multiclassReport, multiclassMatrix, multiclassFromMatrix } from './performance/multiclass.js';
export { regressionReport, regressionSums, regressionFromSums, MAPE_EPSILON } from './performance/regression.js';

// Label-free estimation
export { expectedConfusion, estimatePerformance, estimatePerformanceFromCounts } from './estimation/cbpe.js';
export { fitCalibrator, calibratorFromJSON, DEFAULT_CALIBRATION_BINS } from './estimation/calibration.js';

// Fairness
export {
  fairnessReport,
  fairnessFromCounts,
  groupCounts,
  selectionRate,
  DEFAULT_MIN_GROUP_SIZE,
} from './fairness/fairness.js';
export { wilsonInterval } from './fairness/wilson.js';

// Policy packs
export { fourFifths, DEFAULT_ALPHA, MIN_EXPECTED_FOR_Z } from './policy/four-fifths.js';
export { nycLl144, DEFAULT_EXCLUDE_BELOW } from './policy/nyc-ll144.js';
export { impactRatios, DEFAULT_IMPACT_THRESHOLD } from './policy/impact.js';
export { attributeCounts, intersectionValues } from './policy/counts.js';
export { median, medianOfCounts, scoringSelections } from './policy/scoring.js';
export { twoProportionZTest, fisherExactTest } from './policy/tests.js';

// Streaming drift detectors
export { createDetector, DETECTOR_KINDS, DETECTOR_DEFAULTS, isDetectorKind } from './detectors/create.js';
export { Adwin } from './detectors/adwin.js';
export { Ddm } from './detectors/ddm.js';
export { Eddm } from './detectors/eddm.js';
export { PageHinkley } from './detectors/page-hinkley.js';
export { Kswin } from './detectors/kswin.js';
export { DETECTOR_PARAMETERS } from './detectors/params.js';
export { runDetector } from './detectors/run.js';

// Maps keyed by user data
export { emptyRecord } from './records/empty-record.js';

// Explanation drift: global importance of feature attributions and the nDCG of its ranking
export { importanceNdcg, tieAveragedDcg } from './attribution/ndcg.js';
export {
  importanceOf,
  importanceSums,
  mergeImportance,
  importanceVectors,
  type ImportanceSums,
} from './attribution/importance.js';
export { attributionProfile, attributionDrift } from './attribution/drift.js';
export {
  TreeCounter,
  treeLevels,
  dyadicCover,
  popcount,
  laplace,
  treeCounterStdDev,
  treeCounterMaxStdDev,
  privateRateStdDev,
  type TreeCounterOptions,
} from './privacy/tree-counter.js';
