import {
  DEFAULT_ATTRIBUTE_VALUE_CAP,
  DEFAULT_CARDINALITY_LIMIT,
  DEFAULT_DRIFT_BINS,
  DEFAULT_DURATION_BUCKETS,
  DEFAULT_LABEL_VALUE_MAX_BYTES,
  DEFAULTS,
  INTERSECTION_SEPARATOR,
  bucketProblem,
} from '@modelwatch/semconv';
import {
  DETECTOR_KINDS,
  OTHER_CATEGORY,
  ProfileError,
  createDetector,
  medianOfCounts,
  isDetectorKind,
  parseProfile,
  type DetectorKind,
  type ReferenceProfile,
} from '@modelwatch/stats';
import { fitsLabel, utf8Bytes } from '../attributes/label-bytes.js';
import { describe } from '../safety/describe.js';
import type { DetectorConfig, ModelMonitorOptions } from '../types.js';
import { LIMITS, seriesBound } from './limits.js';
import { LEVELS_PER_COLUMN } from '../export/drift-levels.js';

/** A configuration mistake: thrown from the constructor only, never from a recording call. */
export class ModelMonitorConfigError extends Error {
  override readonly name = 'ModelMonitorConfigError';
  constructor(key: string, problem: string) {
    super(`ModelMonitor: option '${oneLine(key, 80)}' ${oneLine(problem, 600)}`);
  }
}

/** Messages quote values from options and profiles: control characters are escaped and long text cut short. */
function oneLine(text: string, max: number): string {
  const escaped = text.replace(
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
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
  'intersections',
  'scoringRate',
  'segments',
  'segmentDrift',
  'minGroupSize',
  'attributeValueCap',
  'labelValueMaxBytes',
  'errorTypes',
  'durationBuckets',
  'bins',
  'outcomes',
  'detectors',
  'calibrate',
  'onEvent',
  'cardinalityLimit',
  'audit',
  'privacy',
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
  /** Intersections of protected attributes, each a list of their names in the order the label joins them. */
  intersections: string[][];
  /** The score above which a prediction counts towards the scoring rate (the profile's median score), or null. */
  scoringCut: number | null;
  segments: string[];
  /** Features whose bins are also counted per value of these segments; null when segmentDrift is not set. */
  segmentDrift: { features: string[]; segments: string[] } | null;
  errorTypes: string[];
  minGroupSize: number;
  attributeValueCap: number;
  labelValueMaxBytes: number;
  durationBuckets: number[];
  bins: number;
  maxPending: number;
  ttlMs: number;
  detectors: DetectorConfig[];
  calibrate: boolean;
  cardinalityLimit: number;
  /** Small-cell suppression and differentially private group counters; null when `privacy` is not set. */
  privacy: ResolvedPrivacy | null;
}

export interface ResolvedPrivacy {
  minCellSize: number;
  /** Budget of each differentially private group counter; null: group counters are exact. */
  epsilon: number | null;
  horizon: number;
  /** Seed of the noise (tests only); null draws from crypto.getRandomValues. */
  seed: number | null;
}

const PRIVACY_KEYS = new Set(['minCellSize', 'epsilon', 'horizon', 'seed']);

function resolvePrivacy(options: ModelMonitorOptions): ResolvedPrivacy | null {
  const p = options.privacy as unknown;
  if (p === undefined) return null;
  if (typeof p !== 'object' || p === null || Array.isArray(p))
    throw new ModelMonitorConfigError('privacy', 'must be an object such as { minCellSize: 10 } or { epsilon: 1 }');
  const o = p as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (!PRIVACY_KEYS.has(key))
      throw new ModelMonitorConfigError(
        `privacy.${key}`,
        'is not an option: use minCellSize, epsilon, horizon or seed'
      );
  if (o.minCellSize !== undefined && !(typeof o.minCellSize === 'number' && o.minCellSize >= 1))
    throw new ModelMonitorConfigError(
      'privacy.minCellSize',
      `must be a whole number of at least 1 (got ${shortJSON(o.minCellSize)}): use ${DEFAULTS.minCellSize}, the default, or more`
    );
  const minCellSize = boundedInteger('privacy.minCellSize', o.minCellSize, DEFAULTS.minCellSize, 1, LIMITS.minCellSize);
  let epsilon: number | null = null;
  if (o.epsilon !== undefined) {
    if (typeof o.epsilon !== 'number' || !(o.epsilon > 0) || !Number.isFinite(o.epsilon))
      throw new ModelMonitorConfigError(
        'privacy.epsilon',
        `must be a finite number above 0 (got ${shortJSON(o.epsilon)}): use e.g. 1, or leave it out for exact counts`
      );
    epsilon = o.epsilon;
  }
  const horizon = boundedInteger('privacy.horizon', o.horizon, DEFAULTS.privacyHorizon, 1, 2 ** 40);
  const seed = o.seed === undefined ? null : boundedInteger('privacy.seed', o.seed, 0, 0, 0xffffffff);
  return { minCellSize, epsilon, horizon, seed };
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

/** A whole number in [min, max]; the bounds are in config/limits.ts. */
function boundedInteger(key: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ModelMonitorConfigError(key, `must be a whole number from ${min} to ${max} (got ${shortJSON(value)})`);
  }
  return value;
}

/** A value as it is shown in a message: JSON, cut short (an option may be anything, of any size). */
function shortJSON(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = typeof value;
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Every name a monitor exports as a label value must fit the byte cap; config names are refused, not folded. */
function checkLabel(key: string, what: string, value: string, maxBytes: number): void {
  if (fitsLabel(value, maxBytes)) return;
  throw new ModelMonitorConfigError(
    key,
    `${what} ${shortJSON(value)} is ${utf8Bytes(value)} bytes of UTF-8, longer than labelValueMaxBytes (${maxBytes}): shorten it or raise labelValueMaxBytes (at most ${LIMITS.labelValueMaxBytes.max})`
  );
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
    // A profile object whose properties throw when read (a Proxy, a getter): still a configuration mistake.
    throw new ModelMonitorConfigError('profile', `could not be read: ${describe(e)}`);
  }
}

function resolveClasses(
  options: ModelMonitorOptions,
  profile: ReferenceProfile
): { classes: string[]; positive: number } {
  const labelColumn = profile.target.label ? profile.columns[profile.target.label] : undefined;
  const fromProfile = labelColumn?.type === 'categorical' ? Object.keys(labelColumn.categories).sort() : [];
  // Checked before copying: spreading a non-iterable would throw a bare TypeError.
  if (options.classes !== undefined) {
    if (
      !Array.isArray(options.classes) ||
      options.classes.length < 2 ||
      options.classes.some((c) => typeof c !== 'string' || c === '')
    ) {
      throw new ModelMonitorConfigError('classes', 'must list at least two class labels');
    }
  }
  const classes = options.classes !== undefined ? [...options.classes] : fromProfile;
  if (new Set(classes).size !== classes.length) throw new ModelMonitorConfigError('classes', 'lists a class twice');
  if (classes.includes(OTHER_CATEGORY))
    throw new ModelMonitorConfigError('classes', `must not contain the reserved value '${OTHER_CATEGORY}'`);
  if (classes.length > LIMITS.classes)
    throw new ModelMonitorConfigError(
      'classes',
      `lists ${classes.length} classes; at most ${LIMITS.classes} (from the profile's label column unless given)`
    );
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
  if (value.length > LIMITS.detectors)
    throw new ModelMonitorConfigError('detectors', `lists ${value.length} detectors; at most ${LIMITS.detectors}`);
  const configs = value.map((d: unknown, i: number) => {
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
  // Two detectors of one kind would export two series with the same attributes.
  const kinds = configs.map((c) => c.kind);
  const twice = kinds.findIndex((k, i) => kinds.indexOf(k) !== i);
  if (twice >= 0)
    throw new ModelMonitorConfigError(`detectors[${twice}]`, `repeats '${kinds[twice]}'; list each kind once`);
  return configs;
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
  const maxBytes = resolveLabelBytes(options);
  checkLabel('model.name', 'the name', name, maxBytes);
  checkLabel('model.version', 'the version', version, maxBytes);
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
  if (protectedAttributes.length + segments.length > LIMITS.attributes)
    throw new ModelMonitorConfigError(
      'segments',
      `and protectedAttributes name ${protectedAttributes.length + segments.length} attributes; at most ${LIMITS.attributes} together`
    );
  const maxBytes = resolveLabelBytes(options);
  for (const name of protectedAttributes) checkLabel('protectedAttributes', 'the attribute', name, maxBytes);
  for (const name of segments) checkLabel('segments', 'the segment', name, maxBytes);
  const overlap = segments.find((s) => protectedAttributes.includes(s));
  if (overlap !== undefined)
    throw new ModelMonitorConfigError(
      'segments',
      `repeats the protected attribute '${overlap}'; list it in one of the two`
    );
  return { protectedAttributes, segments };
}

/**
 * Each intersection lists two or more configured protected attributes; its exported name (and the attribute of its
 * groups) is theirs joined with INTERSECTION_SEPARATOR, so it must fit the label byte cap like any attribute name.
 */
function resolveIntersections(options: ModelMonitorOptions, protectedAttributes: readonly string[]): string[][] {
  const value: unknown = options.intersections;
  if (value === undefined) return [];
  const { min, max } = LIMITS.intersectionParts;
  if (!Array.isArray(value))
    throw new ModelMonitorConfigError('intersections', "must be an array of attribute lists, e.g. [['sex', 'race']]");
  if (value.length > LIMITS.intersections)
    throw new ModelMonitorConfigError(
      'intersections',
      `lists ${value.length} intersections; at most ${LIMITS.intersections}`
    );
  const maxBytes = resolveLabelBytes(options);
  const seen: string[] = [];
  return value.map((parts: unknown, i: number) => {
    const key = `intersections[${i}]`;
    if (!Array.isArray(parts) || parts.length < min || parts.length > max)
      throw new ModelMonitorConfigError(key, `must list ${min} to ${max} protected attributes, e.g. ['sex', 'race']`);
    const names = nameList(key, parts);
    const unknown = names.find((n) => !protectedAttributes.includes(n));
    if (unknown !== undefined)
      throw new ModelMonitorConfigError(
        key,
        `names '${unknown}', which is not a protected attribute (${protectedAttributes.join(', ') || 'none configured'}): add it to protectedAttributes`
      );
    const same = [...names].sort().join('\u0000');
    if (seen.includes(same))
      throw new ModelMonitorConfigError(key, 'repeats an earlier intersection of the same attributes; list each once');
    seen.push(same);
    checkLabel(key, 'the intersection', names.join(INTERSECTION_SEPARATOR), maxBytes);
    return names;
  });
}

/**
 * segmentDrift lists profile features and configured segments: a name that is neither would export nothing, and
 * the series it adds are budgeted at construction like every other option's.
 */
function resolveSegmentDrift(
  options: ModelMonitorOptions,
  profile: ReferenceProfile,
  segments: readonly string[]
): ResolvedOptions['segmentDrift'] {
  const value: unknown = options.segmentDrift;
  if (value === undefined) return null;
  const shape = "must be { features: ['income', ...], segments: ['channel', ...] }";
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ModelMonitorConfigError('segmentDrift', shape);
  const extra = Object.keys(value).find((k) => k !== 'features' && k !== 'segments');
  if (extra !== undefined) throw new ModelMonitorConfigError(`segmentDrift.${extra}`, `is not an option; ${shape}`);
  const { features: f, segments: s } = value as { features?: unknown; segments?: unknown };
  const limits = LIMITS.segmentDrift;
  const list = (key: 'features' | 'segments', raw: unknown, max: number): string[] => {
    const names = nameList(`segmentDrift.${key}`, raw);
    if (names.length === 0 || names.length > max)
      throw new ModelMonitorConfigError(`segmentDrift.${key}`, `must list 1 to ${max} names; ${shape}`);
    return names;
  };
  const features = list('features', f, limits.features);
  const segmentNames = list('segments', s, limits.segments);
  const notFeature = features.find((name) => profile.columns[name]?.role !== 'feature');
  if (notFeature !== undefined)
    throw new ModelMonitorConfigError(
      'segmentDrift.features',
      `names ${shortJSON(notFeature)}, which is not a feature column of the profile: list profiled features only`
    );
  const notSegment = segmentNames.find((name) => !segments.includes(name));
  if (notSegment !== undefined)
    throw new ModelMonitorConfigError(
      'segmentDrift.segments',
      `names ${shortJSON(notSegment)}, which is not a segment (${segments.join(', ') || 'none configured'}): add it to segments`
    );
  return { features, segments: segmentNames };
}

/** The reference median score when scoringRate is on: the cut of the live scoring rate. */
function resolveScoringCut(
  options: ModelMonitorOptions,
  profile: ReferenceProfile,
  task: ResolvedOptions['task'],
  classes: readonly string[]
): number | null {
  const value: unknown = options.scoringRate;
  if (value === undefined || value === false) return null;
  if (value !== true) throw new ModelMonitorConfigError('scoringRate', 'must be true or false');
  if (task !== 'classification' || classes.length !== 2)
    throw new ModelMonitorConfigError('scoringRate', 'needs a binary classifier (scores are probabilities)');
  const name = profile.target.score;
  const column = name ? profile.columns[name] : undefined;
  if (column?.type !== 'numeric' || column.count === 0)
    throw new ModelMonitorConfigError(
      'scoringRate',
      'needs a profile with a score column (build it with --score): its median is the cut'
    );
  return medianOfCounts(column.knots.values, column.knots.counts);
}

function resolveDurationBuckets(options: ModelMonitorOptions): number[] {
  // Checked before copying: spreading a non-iterable would throw a bare TypeError.
  const bucketsOption: unknown = options.durationBuckets;
  if (bucketsOption !== undefined && !Array.isArray(bucketsOption))
    throw new ModelMonitorConfigError('durationBuckets', 'must be an array of seconds');
  if (Array.isArray(bucketsOption) && bucketsOption.length > LIMITS.durationBuckets)
    throw new ModelMonitorConfigError(
      'durationBuckets',
      `lists ${bucketsOption.length} boundaries; at most ${LIMITS.durationBuckets}`
    );
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
  if (typeof ttlSeconds !== 'number' || !(ttlSeconds > 0) || !(ttlSeconds <= LIMITS.ttlSeconds)) {
    throw new ModelMonitorConfigError(
      'outcomes.ttlSeconds',
      `must be a positive number of seconds, at most ${LIMITS.ttlSeconds} (366 days)`
    );
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

function resolveLabelBytes(options: ModelMonitorOptions): number {
  const { min, max } = LIMITS.labelValueMaxBytes;
  return boundedInteger('labelValueMaxBytes', options.labelValueMaxBytes, DEFAULT_LABEL_VALUE_MAX_BYTES, min, max);
}

function resolveErrorTypes(options: ModelMonitorOptions, cap: number, maxBytes: number): string[] {
  if (options.errorTypes === undefined) return ['error'];
  const types = nameList('errorTypes', options.errorTypes);
  if (types.length > cap)
    throw new ModelMonitorConfigError(
      'errorTypes',
      `lists ${types.length} types, more than attributeValueCap (${cap}) keeps: list fewer or raise attributeValueCap`
    );
  for (const type of types) checkLabel('errorTypes', 'the type', type, maxBytes);
  return types;
}

/**
 * The profile's tracked columns are exported by name and their categories by value: names must fit the byte
 * cap (categories that do not are exported as __other__, see features/feature-set.ts), and their number is
 * bounded. Returns the bins of each tracked column for the series budget.
 */
function checkProfileSize(profile: ReferenceProfile, bins: number, maxBytes: number): number[] {
  const columnBins: number[] = [];
  for (const [name, column] of Object.entries(profile.columns)) {
    if (column.role !== 'feature' && column.role !== 'protected' && column.role !== 'score') continue;
    checkLabel('profile', 'the column name', name, maxBytes);
    if (column.type === 'numeric') {
      columnBins.push(bins);
      continue;
    }
    const kept = Object.keys(column.categories).filter((c) => fitsLabel(c, maxBytes)).length;
    if (kept > LIMITS.categories)
      throw new ModelMonitorConfigError(
        'profile',
        `column ${shortJSON(name)} keeps ${kept} categories; at most ${LIMITS.categories} (profile it with a lower --max-categories)`
      );
    columnBins.push(kept + 2);
  }
  if (columnBins.length > LIMITS.columns)
    throw new ModelMonitorConfigError(
      'profile',
      `tracks ${columnBins.length} columns; at most ${LIMITS.columns}: profile fewer columns`
    );
  return columnBins;
}

/** Levels learned over B bins describe statistics over B bins only: numeric features must be binned alike. */
function checkChunkBins(profile: ReferenceProfile, bins: number): void {
  const chunks = profile.chunks;
  if (!chunks || chunks.bins === bins) return;
  if (!Object.values(profile.columns).some((c) => c.type === 'numeric')) return;
  throw new ModelMonitorConfigError(
    'bins',
    `is ${bins}, but the profile's chunk statistics were computed over ${chunks.bins} bins: pass bins: ${chunks.bins}, or profile again with --bins ${bins}`
  );
}

/** segmentDrift's segments times its features' bins (as checkProfileSize counts them), or 0 when it is off. */
function segmentDriftBins(resolved: ResolvedOptions): number {
  const d = resolved.segmentDrift;
  if (d === null) return 0;
  let bins = 0;
  for (const name of d.features) {
    const column = resolved.profile.columns[name]!;
    bins +=
      column.type === 'numeric'
        ? resolved.bins
        : Object.keys(column.categories).filter((c) => fitsLabel(c, resolved.labelValueMaxBytes)).length + 2;
  }
  return bins * d.segments.length;
}

/** The options and profile together may not let a monitor export more than LIMITS.series series. */
function checkSeriesBudget(resolved: ResolvedOptions, columnBins: number[]): void {
  const shape = {
    task: resolved.task,
    classes: resolved.classes.length,
    columnBins,
    attributes: resolved.protectedAttributes.length + resolved.intersections.length + resolved.segments.length,
    scoringGroups:
      resolved.scoringCut === null ? 0 : resolved.protectedAttributes.length + resolved.intersections.length,
    segmentDriftBins: segmentDriftBins(resolved),
    attributeValueCap: resolved.attributeValueCap,
    durationBuckets: resolved.durationBuckets.length,
    detectors: resolved.detectors.length,
    driftLevelsPerColumn: resolved.profile.chunks ? LEVELS_PER_COLUMN : 0,
  };
  const series = seriesBound(shape);
  if (series <= LIMITS.series) return;
  const withoutSegmentDrift = seriesBound({ ...shape, segmentDriftBins: 0 });
  if (withoutSegmentDrift <= LIMITS.series)
    throw new ModelMonitorConfigError(
      'segmentDrift',
      `could make the monitor export ${series} series, more than ${LIMITS.series} (${series - withoutSegmentDrift} of them per segment value, feature and bin): list fewer features or segments, or lower attributeValueCap or bins`
    );
  const withoutSlices = seriesBound({ ...shape, attributes: 0 });
  const key = series - withoutSlices > withoutSlices ? 'attributeValueCap' : 'bins';
  throw new ModelMonitorConfigError(
    key,
    `with these options and this profile the monitor could export ${series} series, more than ${LIMITS.series}: lower attributeValueCap, the number of protected attributes, intersections and segments, the classes or bins`
  );
}

/**
 * Validates options and fills defaults; every mistake names the option and how to fix it. Options whose
 * properties throw when read fail the same way, as a ModelMonitorConfigError, never as what they threw.
 */
export function resolveOptions(options: ModelMonitorOptions): ResolvedOptions {
  try {
    return resolve(options);
  } catch (e) {
    if (e instanceof ModelMonitorConfigError) throw e;
    throw new ModelMonitorConfigError('(options)', `could not be read: ${describe(e)}`);
  }
}

function resolve(options: ModelMonitorOptions): ResolvedOptions {
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
  const labelValueMaxBytes = resolveLabelBytes(options);
  for (const c of classes) checkLabel('classes', 'the class label', c, labelValueMaxBytes);
  const attributeValueCap = boundedInteger(
    'attributeValueCap',
    options.attributeValueCap,
    DEFAULT_ATTRIBUTE_VALUE_CAP,
    LIMITS.attributeValueCap.min,
    LIMITS.attributeValueCap.max
  );
  const bins = boundedInteger('bins', options.bins, DEFAULT_DRIFT_BINS, LIMITS.bins.min, LIMITS.bins.max);

  const resolved: ResolvedOptions = {
    model,
    profile,
    task,
    classes,
    positive,
    threshold,
    protectedAttributes,
    intersections: resolveIntersections(options, protectedAttributes),
    scoringCut: resolveScoringCut(options, profile, task, classes),
    segments,
    segmentDrift: resolveSegmentDrift(options, profile, segments),
    errorTypes: resolveErrorTypes(options, attributeValueCap, labelValueMaxBytes),
    minGroupSize: boundedInteger('minGroupSize', options.minGroupSize, DEFAULTS.minGroupSize, 1, LIMITS.minGroupSize),
    attributeValueCap,
    labelValueMaxBytes,
    durationBuckets,
    bins,
    maxPending: boundedInteger('outcomes.maxPending', outcomes.maxPending, 100_000, 1, LIMITS.maxPending),
    ttlMs: ttlSeconds * 1000,
    detectors: resolveDetectors(options.detectors, task),
    calibrate: options.calibrate ?? false,
    cardinalityLimit: boundedInteger(
      'cardinalityLimit',
      options.cardinalityLimit,
      DEFAULT_CARDINALITY_LIMIT,
      1,
      LIMITS.cardinalityLimit
    ),
    privacy: resolvePrivacy(options),
  };
  checkChunkBins(profile, bins);
  checkSeriesBudget(resolved, checkProfileSize(profile, bins, labelValueMaxBytes));
  return resolved;
}
