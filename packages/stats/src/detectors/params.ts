import type { DetectorKind } from './types.js';

interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

export interface NumericParameterSpec {
  readonly type: 'integer' | 'real';
  readonly default: number;
  readonly min?: Bound;
  readonly max?: Bound;
}

export interface ChoiceParameterSpec {
  readonly type: 'choice';
  readonly default: string;
  readonly choices: readonly string[];
}

export type ParameterSpec = NumericParameterSpec | ChoiceParameterSpec;

const incl = (value: number): Bound => ({ value, inclusive: true });
const excl = (value: number): Bound => ({ value, inclusive: false });

// A window this long is already far beyond what KSWIN is meant for; the bound keeps a typo from
// allocating gigabytes.
const MAX_KSWIN_WINDOW = 1_000_000;

/** Parameter names, defaults and ranges of every detector, keyed by River's snake_case names. */
export const DETECTOR_PARAMETERS = {
  adwin: {
    delta: { type: 'real', default: 0.002, min: excl(0), max: excl(1) },
    clock: { type: 'integer', default: 32, min: incl(1) },
    max_buckets: { type: 'integer', default: 5, min: incl(1) },
    min_window_length: { type: 'integer', default: 5, min: incl(1) },
    grace_period: { type: 'integer', default: 10, min: incl(0) },
  },
  ddm: {
    warm_start: { type: 'integer', default: 30, min: incl(0) },
    warning_threshold: { type: 'real', default: 2, min: excl(0) },
    drift_threshold: { type: 'real', default: 3, min: excl(0) },
  },
  eddm: {
    warm_start: { type: 'integer', default: 30, min: incl(0) },
    alpha: { type: 'real', default: 0.95, min: excl(0), max: incl(1) },
    beta: { type: 'real', default: 0.9, min: excl(0), max: incl(1) },
  },
  'page-hinkley': {
    min_instances: { type: 'integer', default: 30, min: incl(1) },
    delta: { type: 'real', default: 0.005, min: incl(0) },
    threshold: { type: 'real', default: 50, min: excl(0) },
    alpha: { type: 'real', default: 1 - 0.0001, min: excl(0), max: incl(1) },
    mode: { type: 'choice', default: 'both', choices: ['up', 'down', 'both'] },
  },
  kswin: {
    alpha: { type: 'real', default: 0.005, min: excl(0), max: excl(1) },
    window_size: { type: 'integer', default: 100, min: incl(2), max: incl(MAX_KSWIN_WINDOW) },
    stat_size: { type: 'integer', default: 30, min: incl(1) },
    seed: { type: 'integer', default: 0, min: incl(0), max: incl(Number.MAX_SAFE_INTEGER) },
  },
} as const satisfies Record<DetectorKind, Record<string, ParameterSpec>>;

type SpecValue<S> = S extends { readonly type: 'choice'; readonly choices: readonly (infer C)[] } ? C : number;
export type ParametersOf<K extends DetectorKind> = {
  -readonly [P in keyof (typeof DETECTOR_PARAMETERS)[K]]: SpecValue<(typeof DETECTOR_PARAMETERS)[K][P]>;
};

export type AdwinParameters = ParametersOf<'adwin'>;
export type DdmParameters = ParametersOf<'ddm'>;
export type EddmParameters = ParametersOf<'eddm'>;
export type PageHinkleyParameters = ParametersOf<'page-hinkley'>;
export type KswinParameters = ParametersOf<'kswin'>;

function specsOf(kind: DetectorKind): Readonly<Record<string, ParameterSpec>> {
  return DETECTOR_PARAMETERS[kind];
}

/** "a real number in (0, 1)", "an integer >= 1", … for error messages. */
export function describeSpec(spec: ParameterSpec): string {
  if (spec.type === 'choice') return `one of ${spec.choices.map((c) => `"${c}"`).join(', ')}`;
  const what = spec.type === 'integer' ? 'an integer' : 'a real number';
  const { min, max } = spec;
  if (min && max) {
    return `${what} in ${min.inclusive ? '[' : '('}${min.value}, ${max.value}${max.inclusive ? ']' : ')'}`;
  }
  if (min) return `${what} ${min.inclusive ? '>=' : '>'} ${min.value}`;
  if (max) return `${what} ${max.inclusive ? '<=' : '<'} ${max.value}`;
  return what;
}

function acceptsNumber(spec: NumericParameterSpec, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (spec.type === 'integer' && !Number.isSafeInteger(v)) return false;
  if (spec.min && !(spec.min.inclusive ? v >= spec.min.value : v > spec.min.value)) return false;
  if (spec.max && !(spec.max.inclusive ? v <= spec.max.value : v < spec.max.value)) return false;
  return true;
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/**
 * Checks a partial parameter object against the kind's specs and fills in the defaults.
 * Numeric parameters also accept numeric strings, so `--param delta=0.01` can be passed straight through.
 */
export function resolveParameters<K extends DetectorKind>(
  kind: K,
  given: Readonly<Record<string, unknown>> = {}
): ParametersOf<K> {
  const specs = specsOf(kind);
  const names = Object.keys(specs);
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(specs, name)) {
      throw new TypeError(
        `unknown ${kind} parameter "${name}"; the ${kind} parameters (River's snake_case names) are ${names.join(', ')}`
      );
    }
  }
  const out: Record<string, number | string> = {};
  for (const name of names) {
    const spec = specs[name]!;
    const raw = given[name];
    if (raw === undefined) {
      out[name] = spec.default;
      continue;
    }
    const bad = (): RangeError =>
      new RangeError(
        `${kind} parameter "${name}" must be ${describeSpec(spec)} (default ${formatValue(spec.default)}), got ${formatValue(raw)}`
      );
    if (spec.type === 'choice') {
      if (typeof raw !== 'string' || !spec.choices.includes(raw)) throw bad();
      out[name] = raw;
    } else {
      const v = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!acceptsNumber(spec, v)) throw bad();
      out[name] = v;
    }
  }
  checkCrossConstraints(kind, out);
  return out as ParametersOf<K>;
}

function checkCrossConstraints(kind: DetectorKind, p: Record<string, number | string>): void {
  if (kind === 'eddm' && (p.beta as number) > (p.alpha as number)) {
    throw new RangeError(
      `eddm parameter "beta" (drift level, ${p.beta}) must not exceed "alpha" (warning level, ${p.alpha})`
    );
  }
  if (kind === 'kswin' && 2 * (p.stat_size as number) > (p.window_size as number)) {
    throw new RangeError(
      `kswin parameter "stat_size" (${p.stat_size}) must be at most half of "window_size" (${p.window_size}), because the reference sample is drawn without replacement from the older window_size - stat_size values`
    );
  }
}
