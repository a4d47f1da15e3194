// Public types of @modelwatch/stats, gathered in one place.

export type {
  ReferenceProfile,
  ColumnProfile,
  NumericColumnProfile,
  CategoricalColumnProfile,
  TargetProfile,
  ColumnRole,
  ChunkingMethod,
  ReferenceChunks,
  ColumnChunkStatistics,
  RulesChunkStatistic,
  CheckChunkStatistic,
} from './profile/types.js';
export type { NumericDrift, NumericDriftOptions } from './drift/numeric.js';
export type { CategoricalDrift, CategoryCounts } from './drift/categorical.js';
export type { KsMethod } from './drift/ks.js';
export type { ConfusionCounts, ClassificationRates } from './performance/confusion.js';
export type {
  BinaryClassificationReport,
  BinaryClassificationOptions,
  BinaryClassificationCounts,
} from './performance/classification.js';
export type { MulticlassReport, ClassMetrics, AveragedMetrics } from './performance/multiclass.js';
export type { RegressionReport, RegressionSums } from './performance/regression.js';
export type { EstimatedPerformance } from './estimation/cbpe.js';
export type { Calibrator, CalibratorJSON, CalibrationMethod } from './estimation/calibration.js';
export type {
  FairnessReport,
  FairnessOptions,
  FairnessReportOptions,
  GroupFairness,
  GroupCounts,
  SelectionCounts,
  Disparities,
} from './fairness/fairness.js';
export type { Interval } from './fairness/wilson.js';
export type { DriftDetector, DetectorKind } from './detectors/types.js';
export type {
  ParameterSpec,
  AdwinParameters,
  DdmParameters,
  EddmParameters,
  PageHinkleyParameters,
  KswinParameters,
} from './detectors/params.js';
export type {
  AttributeCounts,
  ImpactOptions,
  CategoryImpact,
  ImpactTable,
  ComparisonTests,
  FourFifthsCategory,
  FourFifthsOptions,
  FourFifthsTable,
} from './policy/types.js';
