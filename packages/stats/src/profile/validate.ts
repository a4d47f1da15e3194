import {
  PROFILE_VERSION,
  type CategoricalColumnProfile,
  type ColumnProfile,
  type ColumnRole,
  type NumericColumnProfile,
  type ReferenceChunks,
  type ReferenceProfile,
  type AttributionProfile,
  type TargetProfile,
} from './types.js';
import { calibratorFromJSON } from '../estimation/calibration.js';

/** A profile that cannot be used; the message names the JSON path and what is wrong. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(
    readonly path: string,
    problem: string
  ) {
    super(`${path}: ${problem}`);
  }
}

const ROLES: readonly ColumnRole[] = ['feature', 'label', 'score', 'prediction', 'protected'];

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: unknown, path: string): Json {
  if (!isObject(v)) throw new ProfileError(path, 'must be an object');
  return v;
}

function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ProfileError(path, 'must be a finite number');
  return v;
}

function count(v: unknown, path: string): number {
  const x = finite(v, path);
  if (x < 0 || !Number.isInteger(x)) throw new ProfileError(path, 'must be a whole number >= 0');
  return x;
}

function string(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new ProfileError(path, 'must be a string');
  return v;
}

function nullableString(v: unknown, path: string): string | null {
  return v === null || v === undefined ? null : string(v, path);
}

function numberArray(v: unknown, path: string): number[] {
  if (!Array.isArray(v)) throw new ProfileError(path, 'must be an array of numbers');
  v.forEach((x, i) => finite(x, `${path}[${i}]`));
  return v as number[];
}

function numericColumn(
  c: Json,
  path: string,
  base: { role: ColumnRole; rows: number; missing: number }
): NumericColumnProfile {
  const knots = object(c.knots, `${path}.knots`);
  const values = numberArray(knots.values, `${path}.knots.values`);
  const counts = numberArray(knots.counts, `${path}.knots.counts`);
  if (values.length === 0) throw new ProfileError(`${path}.knots.values`, 'must not be empty');
  if (values.length !== counts.length) throw new ProfileError(`${path}.knots`, 'values and counts differ in length');
  for (let i = 0; i < values.length; i++) {
    if (i > 0 && !(values[i]! > values[i - 1]!))
      throw new ProfileError(`${path}.knots.values[${i}]`, 'must be above the previous knot');
    if (!(counts[i]! > 0)) throw new ProfileError(`${path}.knots.counts[${i}]`, 'must be positive');
  }
  const n = count(c.count, `${path}.count`);
  const total = counts.reduce((a, b) => a + b, 0);
  if (Math.abs(total - n) > 1e-9 * Math.max(1, n))
    throw new ProfileError(`${path}.knots.counts`, `sum to ${total}, but count is ${n}`);
  const summary = {
    min: finite(c.min, `${path}.min`),
    max: finite(c.max, `${path}.max`),
    mean: finite(c.mean, `${path}.mean`),
    std: finite(c.std, `${path}.std`),
    distinct: count(c.distinct, `${path}.distinct`),
  };
  checkSummary(summary, values, n, path);
  checkRows(base, n, path);
  return { type: 'numeric', ...base, count: n, ...summary, exact: c.exact === true, knots: { values, counts } };
}

/**
 * The summary must describe the knots it came with: a hand-edited or truncated profile that does not would give
 * silently wrong drift and ranges rather than an error.
 */
function checkSummary(
  s: { min: number; max: number; mean: number; std: number; distinct: number },
  knots: readonly number[],
  n: number,
  path: string
): void {
  if (s.min > s.max) throw new ProfileError(`${path}.min`, `is ${s.min}, above max ${s.max}`);
  // Knots are values or means of runs of values, so they lie within [min, max]; means are rounded to doubles.
  const slack = 1e-9 * Math.max(1, Math.abs(s.min), Math.abs(s.max));
  const outside = knots.findIndex((x) => x < s.min - slack || x > s.max + slack);
  if (outside >= 0)
    throw new ProfileError(`${path}.knots.values[${outside}]`, `is ${knots[outside]}, outside [min, max]`);
  if (s.mean < s.min - slack || s.mean > s.max + slack)
    throw new ProfileError(`${path}.mean`, `is ${s.mean}, outside [min ${s.min}, max ${s.max}]`);
  if (s.std < 0) throw new ProfileError(`${path}.std`, `is ${s.std}; a spread cannot be negative`);
  if (s.distinct > n) throw new ProfileError(`${path}.distinct`, `is ${s.distinct}, above count ${n}`);
  if (n > 0 && s.distinct === 0) throw new ProfileError(`${path}.distinct`, `is 0 for ${n} values`);
}

/** Rows are the values plus the missing ones, as profiles are written. */
function checkRows(base: { rows: number; missing: number }, n: number, path: string): void {
  if (n + base.missing !== base.rows)
    throw new ProfileError(
      `${path}.rows`,
      `is ${base.rows}, but count ${n} and missing ${base.missing} add up to ${n + base.missing}`
    );
}

function categoricalColumn(
  c: Json,
  path: string,
  base: { role: ColumnRole; rows: number; missing: number }
): CategoricalColumnProfile {
  const cats = object(c.categories, `${path}.categories`);
  const categories = Object.create(null) as Record<string, number>;
  let counted = 0;
  for (const [name, value] of Object.entries(cats)) {
    categories[name] = count(value, `${path}.categories.${name}`);
    counted += categories[name];
  }
  const n = count(c.count, `${path}.count`);
  const otherCount = count(c.otherCount ?? 0, `${path}.otherCount`);
  if (counted + otherCount !== n)
    throw new ProfileError(
      `${path}.categories`,
      `count ${counted + otherCount} values with otherCount, but count is ${n}`
    );
  const distinct = count(c.distinct, `${path}.distinct`);
  if (distinct > n) throw new ProfileError(`${path}.distinct`, `is ${distinct}, above count ${n}`);
  checkRows(base, n, path);
  return { type: 'categorical', ...base, count: n, categories, otherCount, distinct };
}

function column(v: unknown, path: string): ColumnProfile {
  const c = object(v, path);
  const role = c.role ?? 'feature';
  if (!ROLES.includes(role as ColumnRole)) throw new ProfileError(`${path}.role`, `must be one of ${ROLES.join(', ')}`);
  const base = {
    role: role as ColumnRole,
    rows: count(c.rows, `${path}.rows`),
    missing: count(c.missing, `${path}.missing`),
  };
  if (c.type === 'numeric') return numericColumn(c, path, base);
  if (c.type === 'categorical') return categoricalColumn(c, path, base);
  throw new ProfileError(`${path}.type`, "must be 'numeric' or 'categorical'");
}

function target(v: unknown): TargetProfile {
  const t = object(v ?? {}, 'target');
  const threshold = t.threshold === undefined ? 0.5 : finite(t.threshold, 'target.threshold');
  if (threshold < 0 || threshold > 1)
    throw new ProfileError('target.threshold', `is ${threshold}; a score threshold is a probability in [0, 1]`);
  const calibration = t.calibration ?? null;
  if (calibration !== null) {
    try {
      calibratorFromJSON(calibration);
    } catch (e) {
      throw new ProfileError('target.calibration', e instanceof Error ? e.message : 'is not a saved calibrator');
    }
  }
  const performance =
    t.performance === undefined || t.performance === null ? null : object(t.performance, 'target.performance');
  if (performance) {
    for (const [k, x] of Object.entries(performance)) if (x !== null) finite(x, `target.performance.${k}`);
  }
  return {
    label: nullableString(t.label, 'target.label'),
    positive: nullableString(t.positive, 'target.positive'),
    score: nullableString(t.score, 'target.score'),
    prediction: nullableString(t.prediction, 'target.prediction'),
    threshold,
    performance: performance as Record<string, number | null> | null,
    calibration,
  };
}

const CHUNK_VIEWS = {
  rules: ['psi', 'jensenShannon', 'ks'],
  check: ['psi', 'jensenShannon', 'ks', 'wasserstein'],
} as const;

/** One statistic over the chunks: a value (or null, a chunk without values) per chunk. */
function chunkValues(v: unknown, path: string, chunks: number): (number | null)[] {
  if (!Array.isArray(v) || v.length !== chunks)
    throw new ProfileError(path, `must be an array with one value (or null) per chunk (${chunks})`);
  return v.map((x, i) => (x === null ? null : finite(x, `${path}[${i}]`)));
}

/** The optional chunk statistics; every column they name must be a profiled column. */
function referenceChunks(v: unknown, columns: Record<string, ColumnProfile>): ReferenceChunks {
  const c = object(v, 'chunks');
  if (c.by !== 'count' && c.by !== 'size') throw new ProfileError('chunks.by', "must be 'count' or 'size'");
  const rows = numberArray(c.rows, 'chunks.rows').map((x, i) => count(x, `chunks.rows[${i}]`));
  if (rows.length < 2) throw new ProfileError('chunks.rows', 'must list at least 2 chunks');
  const bins = count(c.bins, 'chunks.bins');
  if (bins < 2) throw new ProfileError('chunks.bins', 'must be at least 2');
  const out = Object.create(null) as ReferenceChunks['columns'];
  for (const [name, statsJson] of Object.entries(object(c.columns, 'chunks.columns'))) {
    const at = `chunks.columns.${name}`;
    if (!columns[name]) throw new ProfileError(at, 'names a column the profile does not describe');
    const s = object(statsJson, at);
    const entry: ReferenceChunks['columns'][string] = { rules: {}, check: {} };
    for (const view of ['rules', 'check'] as const) {
      const viewJson = object(s[view] ?? {}, `${at}.${view}`);
      for (const [key, values] of Object.entries(viewJson)) {
        if (!(CHUNK_VIEWS[view] as readonly string[]).includes(key))
          throw new ProfileError(`${at}.${view}.${key}`, `is not a chunk statistic (${CHUNK_VIEWS[view].join(', ')})`);
        (entry[view] as Record<string, (number | null)[]>)[key] = chunkValues(
          values,
          `${at}.${view}.${key}`,
          rows.length
        );
      }
    }
    out[name] = entry;
  }
  return { by: c.by, rows, bins, columns: out };
}

/**
 * Checks a parsed JSON value against the profile format and returns it typed. Anything else (another
 * tool's JSON, a newer format, a hand-edited file with a broken knot) throws a ProfileError naming the
 * path, so a bad profile fails where it is loaded, never later on a hot path.
 */
export function parseProfile(json: unknown): ReferenceProfile {
  if (!isObject(json) || !('profileVersion' in json)) {
    throw new ProfileError('profileVersion', 'missing: this is not a Modelwatch reference profile');
  }
  if (json.profileVersion !== PROFILE_VERSION) {
    throw new ProfileError(
      'profileVersion',
      `is ${JSON.stringify(json.profileVersion)}; this version reads profileVersion ${PROFILE_VERSION}`
    );
  }
  const columnsJson = object(json.columns, 'columns');
  const columns: Record<string, ColumnProfile> = Object.create(null) as Record<string, ColumnProfile>;
  for (const [name, c] of Object.entries(columnsJson)) columns[name] = column(c, `columns.${name}`);
  if (Object.keys(columns).length === 0) throw new ProfileError('columns', 'must describe at least one column');

  const source = object(json.source ?? { name: 'unknown', rows: 0 }, 'source');
  const options = object(json.options ?? {}, 'options');
  const protectedJson = json.protected ?? [];
  if (!Array.isArray(protectedJson)) throw new ProfileError('protected', 'must be an array of column names');
  const protectedColumns = protectedJson.map((p, i) => string(p, `protected[${i}]`));
  for (const p of protectedColumns) {
    if (!columns[p]) throw new ProfileError('protected', `names '${p}', which is not among the columns`);
  }
  const t = target(json.target);
  for (const key of ['label', 'score', 'prediction'] as const) {
    const name = t[key];
    if (name !== null && !columns[name])
      throw new ProfileError(`target.${key}`, `names '${name}', which is not among the columns`);
  }
  return {
    profileVersion: PROFILE_VERSION,
    createdAt: typeof json.createdAt === 'string' ? json.createdAt : '',
    source: { name: string(source.name ?? 'unknown', 'source.name'), rows: count(source.rows ?? 0, 'source.rows') },
    options: {
      maxKnots: options.maxKnots == null ? null : count(options.maxKnots, 'options.maxKnots'),
      maxCategories: options.maxCategories == null ? null : count(options.maxCategories, 'options.maxCategories'),
    },
    target: t,
    protected: protectedColumns,
    columns,
    // Profiles written before chunk statistics existed have none, and load as before.
    ...(json.chunks === undefined || json.chunks === null ? {} : { chunks: referenceChunks(json.chunks, columns) }),
    ...(json.attributions === undefined || json.attributions === null
      ? {}
      : { attributions: attributionProfiles(json.attributions) }),
  };
}

/** Attribution columns: numeric, each with a non-negative importance no larger than its largest |value|. */
function attributionProfiles(v: unknown): Record<string, AttributionProfile> {
  const out = Object.create(null) as Record<string, AttributionProfile>;
  for (const [name, a] of Object.entries(object(v, 'attributions'))) {
    const path = `attributions.${name}`;
    const c = column(a, path);
    if (c.type !== 'numeric') throw new ProfileError(`${path}.type`, "must be 'numeric': attributions are numbers");
    const importance = finite((a as Json).importance, `${path}.importance`);
    const bound = Math.max(Math.abs(c.min), Math.abs(c.max));
    if (importance < 0 || importance > bound * (1 + 1e-9))
      throw new ProfileError(`${path}.importance`, `is ${importance}, outside [0, max |attribution| ${bound}]`);
    out[name] = { ...c, importance };
  }
  return out;
}
