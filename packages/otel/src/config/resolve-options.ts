import {
  DEFAULT_ATTRIBUTE_VALUE_CAP,
  DEFAULT_CARDINALITY_LIMIT,
  DEFAULT_DRIFT_BINS,
  DEFAULT_DURATION_BUCKETS,
  DEFAULTS,
  bucketProblem,
} from '@modelwatch/semconv';
import {
  DETECTOR_KINDS,
  OTHER_CATEGORY,
  ProfileError,
  createDetector,
  isDetectorKind,
  parseProfile,
  type DetectorKind,
  type ReferenceProfile,
} from '@modelwatch/stats';
import type { DetectorConfig, ModelMonitorOptions } from '../types.js';

/** A configuration mistake: thrown from the constructor only, never from a recording call. */
export class ModelMonitorConfigError extends Error {
  override readonly name = 'ModelMonitorConfigError';
  constructor(key: string, problem: string) {
    super(`ModelMonitor: option '${key}' ${problem}`);
  }
}

const KNOWN_KEYS = new Set<string>([
  'model',
  'profile',
  'meterProvider',
  'meter',
  'task',
  'positiveClass',
  'classes',
  'threshold',
  'protectedAttributes',
  'segments',
  'minGroupSize',
  'attributeValueCap',
  'errorTypes',
  'durationBuckets',
  'bins',
  'outcomes',
  'detectors',
  'calibrate',
  'onEvent',
  'cardinalityLimit',
]);

export interface ResolvedOptions {
  model: { name: string; version: string };
  /** The profile; its columns are released once the monitor is built (only start-up reads them). */
  profile: ReferenceProfile;
  task: 'classification' | 'regression';
  /** Class labels (classification); the positive class is classes[positive] for binary models. */
  classes: string[];
  positive: number;
  threshold: number;
  protectedAttributes: string[];
  segments: string[];
  errorTypes: string[];
  minGroupSize: number;
  attributeValueCap: number;
  durationBuckets: number[];
  bins: number;
  maxPending: number;
  ttlMs: number;
  detectors: DetectorConfig[];
  calibrate: boolean;
  cardinalityLimit: number;
}

function nameList(key: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new ModelMonitorConfigError(key, 'must be an array of non-empty attribute names');
  }
  const list = value as string[];
  const dup = list.find((v, i) => list.indexOf(v) !== i);
  if (dup !== undefined) throw new ModelMonitorConfigError(key, `lists '${dup}' twice`);
  return list;
}

function positiveInteger(key: string, value: unknown, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ModelMonitorConfigError(key, `must be a whole number >= ${min} (got ${JSON.stringify(value)})`);
  }
  return value;
}

function loadProfile(value: unknown): ReferenceProfile {
  if (value === undefined || value === null) {
    throw new ModelMonitorConfigError('profile', 'is required: pass the JSON written by `modelwatch profile`');
  }
  let json = value;
  if (typeof value === 'string') {
    try {
      json = JSON.parse(value);
    } catch {
      throw new ModelMonitorConfigError(
        'profile',
        'is a string but not JSON; pass the parsed profile or its JSON text'
      );
    }
  }
  try {
    return parseProfile(json);
  } catch (e) {
    if (e instanceof ProfileError)
      throw new ModelMonitorConfigError('profile', `is not a usable Modelwatch profile: ${e.message}`);
    throw e;
  }
}

function resolveClasses(
  options: ModelMonitorOptions,
  profile: ReferenceProfile
): { classes: string[]; positive: number } {
  const labelColumn = profile.target.label ? profile.columns[profile.target.label] : undefined;
  const fromProfile = labelColumn?.type === 'categorical' ? Object.keys(labelColumn.categories).sort() : [];
  const classes = options.classes ? [...options.classes] : fromProfile;
  if (options.classes !== undefined) {
    if (
      !Array.isArray(options.classes) ||
      options.classes.length < 2 ||
      options.classes.some((c) => typeof c !== 'string' || c === '')
    ) {
      throw new ModelMonitorConfigError('classes', 'must list at least two class labels');
    }
    if (new Set(classes).size !== classes.length) throw new ModelMonitorConfigError('classes', 'lists a class twice');
  }
  if (classes.includes(OTHER_CATEGORY))
    throw new ModelMonitorConfigError('classes', `must not contain the reserved value '${OTHER_CATEGORY}'`);
  const positiveClass = options.positiveClass ?? profile.target.positive ?? undefined;
  if (positiveClass !== undefined && typeof positiveClass !== 'string') {
    throw new ModelMonitorConfigError('positiveClass', 'must be a string (the label value of the positive class)');
  }
  if (positiveClass !== undefined && !classes.includes(positiveClass)) {
    if (classes.length === 0 || (classes.length === 1 && options.classes === undefined)) {
      classes.push(positiveClass);
    } else {
      throw new ModelMonitorConfigError(
        'positiveClass',
        `'${positiveClass}' is not one of the classes (${classes.join(', ')})`
      );
    }
  }
  if (classes.length < 2) {
    throw new ModelMonitorConfigError(
      'classes',
      "could not be taken from the profile (it has no label column): pass classes, e.g. ['no', 'yes'], and positiveClass"
    );
  }
  if (classes.length === 2 && positiveClass === undefined) {
    throw new ModelMonitorConfigError('positiveClass', `is required for a binary model: one of ${classes.join(', ')}`);
  }
  return { classes, positive: positiveClass === undefined ? -1 : classes.indexOf(positiveClass) };
}

function resolveDetectors(value: unknown, task: 'classification' | 'regression'): DetectorConfig[] {
  if (value === undefined) {
    return task === 'classification'
      ? [{ kind: 'ddm' }, { kind: 'adwin' }]
      : [{ kind: 'adwin' }, { kind: 'page-hinkley' }];
  }
  if (!Array.isArray(value))
    throw new ModelMonitorConfigError('detectors', `must be an array of ${DETECTOR_KINDS.join(', ')}`);
  return value.map((d: unknown, i: number) => {
    const config: DetectorConfig = typeof d === 'string' ? { kind: d as DetectorKind } : (d as DetectorConfig);
    if (
      typeof config !== 'object' ||
      config === null ||
      typeof config.kind !== 'string' ||
      !isDetectorKind(config.kind)
    ) {
      throw new ModelMonitorConfigError(
        `detectors[${i}]`,
        `must be one of ${DETECTOR_KINDS.join(', ')} (or { kind, params })`
      );
    }
    if (task === 'regression' && (config.kind === 'ddm' || config.kind === 'eddm')) {
      throw new ModelMonitorConfigError(
        `detectors[${i}]`,
        `'${config.kind}' watches a binary error stream; use adwin, page-hinkley or kswin for regression`
      );
    }
    try {
      createDetector(config.kind, config.params ?? {});
    } catch (e) {
      throw new ModelMonitorConfigError(
        `detectors[${i}].params`,
        `are invalid: ${e instanceof Error ? e.message : String(e)}`
      );
    }
    return config;
  });
}

function checkKeys(options: ModelMonitorOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new ModelMonitorConfigError('(options)', 'must be an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key))
      throw new ModelMonitorConfigError(key, `is not an option (known: ${[...KNOWN_KEYS].join(', ')})`);
  }
}

function resolveModel(options: ModelMonitorOptions): ResolvedOptions['model'] {
  const model = options.model as unknown;
  if (typeof model !== 'object' || model === null)
    throw new ModelMonitorConfigError('model', "is required: { name: 'my-model', version: '1.0.0' }");
  const { name, version } = model as { name?: unknown; version?: unknown };
  if (typeof name !== 'string' || name.trim() === '')
    throw new ModelMonitorConfigError('model.name', 'must be a non-empty string');
  if (typeof version !== 'string' || version.trim() === '')
    throw new ModelMonitorConfigError('model.version', "must be a non-empty string, e.g. '2.3.0'");
  return { name, version };
}

// A wrong object here (a Meter passed as the provider, a provider as the meter) would otherwise only show as
// missing metrics; a provider or meter that throws once called is contained at run time instead.
function checkMeterObjects(options: ModelMonitorOptions): void {
  const provider = options.meterProvider as unknown;
  if (provider != null && typeof (provider as { getMeter?: unknown }).getMeter !== 'function') {
    throw new ModelMonitorConfigError(
      'meterProvider',
      'must be an OpenTelemetry MeterProvider (an object with getMeter)'
    );
  }
  const meter = options.meter as unknown;
  if (meter != null && typeof (meter as { createHistogram?: unknown }).createHistogram !== 'function') {
    throw new ModelMonitorConfigError(
      'meter',
      'must be an OpenTelemetry Meter (an object with createHistogram and createObservableCounter)'
    );
  }
}

function resolveTask(options: ModelMonitorOptions): ResolvedOptions['task'] {
  const task = options.task ?? 'classification';
  if (task !== 'classification' && task !== 'regression')
    throw new ModelMonitorConfigError('task', "must be 'classification' or 'regression'");
  return task;
}

function resolveThreshold(options: ModelMonitorOptions, profile: ReferenceProfile): number {
  const threshold = options.threshold ?? profile.target.threshold ?? DEFAULTS.threshold;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new ModelMonitorConfigError(
      'threshold',
      `must be a number in [0, 1] (got ${JSON.stringify(options.threshold)})`
    );
  }
  return threshold;
}

function resolveAttributes(
  options: ModelMonitorOptions,
  profile: ReferenceProfile
): Pick<ResolvedOptions, 'protectedAttributes' | 'segments'> {
  const protectedAttributes = nameList('protectedAttributes', options.protectedAttributes ?? profile.protected);
  const segments = nameList('segments', options.segments);
  const overlap = segments.find((s) => protectedAttributes.includes(s));
  if (overlap !== undefined)
    throw new ModelMonitorConfigError(
      'segments',
      `repeats the protected attribute '${overlap}'; list it in one of the two`
    );
  return { protectedAttributes, segments };
}

function resolveDurationBuckets(options: ModelMonitorOptions): number[] {
  // Checked before copying: spreading a non-iterable would throw a bare TypeError.
  const bucketsOption: unknown = options.durationBuckets;
  if (bucketsOption !== undefined && !Array.isArray(bucketsOption))
    throw new ModelMonitorConfigError('durationBuckets', 'must be an array of seconds');
  const durationBuckets = bucketsOption ? [...(bucketsOption as number[])] : [...DEFAULT_DURATION_BUCKETS];
  const problem = bucketProblem(durationBuckets);
  if (problem) throw new ModelMonitorConfigError('durationBuckets', problem);
  return durationBuckets;
}

type OutcomesOption = NonNullable<ModelMonitorOptions['outcomes']>;

function resolveOutcomes(options: ModelMonitorOptions): { outcomes: OutcomesOption; ttlSeconds: number } {
  const outcomes = options.outcomes ?? {};
  if (typeof outcomes !== 'object' || outcomes === null)
    throw new ModelMonitorConfigError('outcomes', 'must be an object { maxPending, ttlSeconds }');
  const ttlSeconds = outcomes.ttlSeconds ?? 86_400;
  if (typeof ttlSeconds !== 'number' || !(ttlSeconds > 0) || !Number.isFinite(ttlSeconds)) {
    throw new ModelMonitorConfigError('outcomes.ttlSeconds', 'must be a positive number of seconds');
  }
  return { outcomes, ttlSeconds };
}

function checkCallbackAndCalibrate(options: ModelMonitorOptions, profile: ReferenceProfile): void {
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function')
    throw new ModelMonitorConfigError('onEvent', 'must be a function');
  if (options.calibrate !== undefined && typeof options.calibrate !== 'boolean')
    throw new ModelMonitorConfigError('calibrate', 'must be true or false');
  if (options.calibrate === true && profile.target.calibration === null) {
    throw new ModelMonitorConfigError(
      'calibrate',
      'is true but the profile has no calibration (build it with --label and --score)'
    );
  }
}

/** Validates options and fills defaults; every mistake names the option and how to fix it. */
export function resolveOptions(options: ModelMonitorOptions): ResolvedOptions {
  // The checks run in this order so that, of several mistakes, the same one is always reported.
  checkKeys(options);
  const model = resolveModel(options);
  checkMeterObjects(options);
  const profile = loadProfile(options.profile);
  const task = resolveTask(options);
  const { classes, positive } =
    task === 'classification' ? resolveClasses(options, profile) : { classes: [], positive: -1 };
  const threshold = resolveThreshold(options, profile);
  const { protectedAttributes, segments } = resolveAttributes(options, profile);
  const durationBuckets = resolveDurationBuckets(options);
  const { outcomes, ttlSeconds } = resolveOutcomes(options);
  checkCallbackAndCalibrate(options, profile);

  return {
    model,
    profile,
    task,
    classes,
    positive,
    threshold,
    protectedAttributes,
    segments,
    errorTypes: options.errorTypes === undefined ? ['error'] : nameList('errorTypes', options.errorTypes),
    minGroupSize: positiveInteger('minGroupSize', options.minGroupSize, DEFAULTS.minGroupSize),
    attributeValueCap: positiveInteger('attributeValueCap', options.attributeValueCap, DEFAULT_ATTRIBUTE_VALUE_CAP),
    durationBuckets,
    bins: positiveInteger('bins', options.bins, DEFAULT_DRIFT_BINS, 2),
    maxPending: positiveInteger('outcomes.maxPending', outcomes.maxPending, 100_000),
    ttlMs: ttlSeconds * 1000,
    detectors: resolveDetectors(options.detectors, task),
    calibrate: options.calibrate ?? false,
    cardinalityLimit: positiveInteger('cardinalityLimit', options.cardinalityLimit, DEFAULT_CARDINALITY_LIMIT),
  };
}
