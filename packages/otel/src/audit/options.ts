import type { Context } from '@opentelemetry/api';
import { AUDIT_DEFAULTS } from '@modelwatch/semconv';
import type { ReferenceProfile } from '@modelwatch/stats';
import { ModelMonitorConfigError } from '../config/resolve-options.js';
import type { ResolvedOptions } from '../config/resolve-options.js';
import { keyBytes, type NodeCrypto } from './builtins.js';

/** An attribute value the audit events carry (the subset of OpenTelemetry's AnyValue they use). */
export type AuditValue = string | number | boolean | string[] | Record<string, string | number | boolean>;

/**
 * The part of an OpenTelemetry log record the audit trail fills in. Typed here rather than imported, so the types
 * of @opentelemetry/api-logs are needed only by applications that turn auditing on.
 */
export interface AuditLogRecord {
  eventName?: string;
  timestamp?: number;
  severityNumber?: number;
  severityText?: string;
  attributes?: Record<string, AuditValue>;
  /** The context carrying the decision's span. */
  context?: Context;
}

/** What the audit trail needs of an OpenTelemetry Logger: an @opentelemetry/api-logs Logger is one. */
export interface AuditLogger {
  emit(record: AuditLogRecord): void;
}

/** What the audit trail needs of an OpenTelemetry LoggerProvider: an @opentelemetry/sdk-logs LoggerProvider is one. */
export interface AuditLoggerProvider {
  getLogger(name: string, version?: string): AuditLogger;
}

/** Which decisions become events. See "Sampling" in the README. */
export interface AuditSamplingOptions {
  /** Probability with which a decision no rule keeps is kept, in [0, 1] (default 0.01). */
  rate?: number;
  /** Classes whose predictions are always kept, e.g. the denial class (classification only). */
  keepClasses?: readonly string[];
  /** Always keep a binary model's decisions whose score is within this distance of the threshold, in [0, 1]. */
  nearThreshold?: number;
  /** Always keep the first this many predictions of each protected group (and intersection) per interval. */
  minPerGroup?: number;
  /** The interval of minPerGroup, in seconds (default 60). */
  intervalSeconds?: number;
  /** Seed of the sampling randomness (a whole number), for reproducible tests; random by default. */
  seed?: number;
}

/** The `audit` option of ModelMonitor: a minimised decision audit trail as OpenTelemetry log events. */
export interface AuditOptions {
  /** Profile features whose values go into decision events: the allowlist. No other feature is ever emitted. */
  features?: readonly string[];
  /** Protected attributes (of protectedAttributes) whose values may go into events; none unless listed here. */
  protectedAttributes?: readonly string[];
  /** Identifier fields (read from a record's attributes, then its features), emitted only as keyed hashes. */
  identifiers?: readonly string[];
  /** Emit the prediction id as its keyed hash too (when the service's own ids carry personal data). */
  hashPredictionId?: boolean;
  /** The HMAC-SHA-256 key, at least 32 bytes (a string counts its UTF-8 bytes); required with identifiers. */
  key?: string | Uint8Array;
  /** Names the key on every event (see key rotation); defaults to a fingerprint of the key. */
  keyId?: string;
  sampling?: AuditSamplingOptions;
  /** Attributions kept per decision, largest magnitude first, among allowlisted features (default 5; 0: none). */
  topAttributions?: number;
  /** Sampled decisions remembered so their outcome can be emitted (default 10,000; older ones are forgotten). */
  maxTracked?: number;
  /** Where events go; defaults to the global LoggerProvider of @opentelemetry/api-logs. */
  loggerProvider?: AuditLoggerProvider;
}

export interface ResolvedAudit {
  features: string[];
  protectedAttributes: string[];
  identifiers: string[];
  hashPredictionId: boolean;
  key: Uint8Array | null;
  keyId: string | null;
  rate: number;
  keepClasses: number[];
  nearThreshold: number;
  minPerGroup: number;
  intervalMs: number;
  seed: number | null;
  topAttributions: number;
  maxTracked: number;
  loggerProvider: AuditLoggerProvider | null;
}

const KEYS = new Set([
  'features',
  'protectedAttributes',
  'identifiers',
  'hashPredictionId',
  'key',
  'keyId',
  'sampling',
  'topAttributions',
  'maxTracked',
  'loggerProvider',
]);
const SAMPLING_KEYS = new Set(['rate', 'keepClasses', 'nearThreshold', 'minPerGroup', 'intervalSeconds', 'seed']);

const fail = (key: string, problem: string): never => {
  throw new ModelMonitorConfigError(`audit.${key}`, problem);
};

function names(key: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === ''))
    fail(key, "must be an array of non-empty names, e.g. ['income', 'term']");
  const list = value as string[];
  const dup = list.find((v, i) => list.indexOf(v) !== i);
  if (dup !== undefined) fail(key, `lists '${dup}' twice; list each once`);
  return list;
}

function fraction(key: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    fail(key, `must be a number in [0, 1] (got ${JSON.stringify(value) ?? typeof value}), e.g. 0.01`);
  return value as number;
}

function whole(key: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    fail(key, `must be a whole number from ${min} to ${max} (got ${JSON.stringify(value) ?? typeof value})`);
  return value as number;
}

function checkKeys(key: string, value: object, known: Set<string>): void {
  const extra = Object.keys(value).find((k) => !known.has(k));
  if (extra !== undefined) fail(`${key}${extra}`, `is not an audit option (known: ${[...known].join(', ')})`);
}

/** Checks the `audit` option against the monitor's resolved options and profile; throws one line per mistake. */
export function resolveAudit(
  value: unknown,
  options: ResolvedOptions,
  profile: ReferenceProfile,
  crypto: () => NodeCrypto
): ResolvedAudit {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ModelMonitorConfigError(
      'audit',
      "must be an object, e.g. { features: ['income'], sampling: { rate: 0.01 } }"
    );
  checkKeys('', value, KEYS);
  const audit = value as AuditOptions;

  const features = names('features', audit.features);
  for (const name of features) {
    if (options.protectedAttributes.includes(name))
      fail(
        'features',
        `names the protected attribute '${name}': list it in audit.protectedAttributes to emit it on purpose`
      );
    if (profile.columns[name]?.role !== 'feature')
      fail('features', `names '${name}', which is not a feature column of the profile: list profiled features only`);
  }
  const protectedAttributes = names('protectedAttributes', audit.protectedAttributes);
  const notProtected = protectedAttributes.find((n) => !options.protectedAttributes.includes(n));
  if (notProtected !== undefined)
    fail(
      'protectedAttributes',
      `names '${notProtected}', which is not in protectedAttributes (${options.protectedAttributes.join(', ') || 'none configured'}): list only those`
    );
  const identifiers = names('identifiers', audit.identifiers);
  const emitted = identifiers.find((n) => features.includes(n) || protectedAttributes.includes(n));
  if (emitted !== undefined)
    fail('identifiers', `names '${emitted}', which is also emitted in clear: remove it from the allowlists`);
  if (audit.hashPredictionId !== undefined && typeof audit.hashPredictionId !== 'boolean')
    fail('hashPredictionId', 'must be true or false');
  const hashPredictionId = audit.hashPredictionId === true;

  let key: Uint8Array | null = null;
  if (audit.key !== undefined) {
    const bytes = keyBytes(audit.key);
    if (bytes === null) fail('key', 'must be a string or a Uint8Array (e.g. crypto.randomBytes(32))');
    if (bytes!.length < AUDIT_DEFAULTS.keyMinBytes)
      fail(
        'key',
        `is ${bytes!.length} bytes; use at least ${AUDIT_DEFAULTS.keyMinBytes} (e.g. crypto.randomBytes(32) from a secret store)`
      );
    key = bytes;
  }
  if (key === null && (identifiers.length > 0 || hashPredictionId))
    fail(
      'key',
      'is required when audit.identifiers or audit.hashPredictionId is set: pass a secret of at least 32 bytes'
    );
  if (audit.keyId !== undefined && (typeof audit.keyId !== 'string' || audit.keyId === '' || audit.keyId.length > 64))
    fail('keyId', "must be a non-empty string of at most 64 characters, e.g. '2026-q4'");
  // A fingerprint names the key without revealing it: SHA-256 is one-way and the key has at least 256 bits.
  const keyId =
    key === null ? null : (audit.keyId ?? crypto().createHash('sha256').update(key).digest('hex').slice(0, 16));

  const sampling: unknown = audit.sampling ?? {};
  if (typeof sampling !== 'object' || sampling === null || Array.isArray(sampling))
    fail('sampling', 'must be an object, e.g. { rate: 0.01, keepClasses: [...] }');
  checkKeys('sampling.', sampling as object, SAMPLING_KEYS);
  const s = sampling as AuditSamplingOptions;
  const rate = fraction('sampling.rate', s.rate, AUDIT_DEFAULTS.rate);
  const keepNames = names('sampling.keepClasses', s.keepClasses);
  if (keepNames.length > 0 && options.task !== 'classification')
    fail('sampling.keepClasses', 'applies to classification models only: remove it');
  const unknownClass = keepNames.find((n) => !options.classes.includes(n));
  if (unknownClass !== undefined)
    fail('sampling.keepClasses', `names '${unknownClass}', not a class (${options.classes.join(', ')})`);
  const nearThreshold = fraction('sampling.nearThreshold', s.nearThreshold, AUDIT_DEFAULTS.nearThreshold);
  if (nearThreshold > 0 && (options.task !== 'classification' || options.classes.length !== 2))
    fail('sampling.nearThreshold', 'applies to binary classification only: remove it');
  const minPerGroup = whole('sampling.minPerGroup', s.minPerGroup, AUDIT_DEFAULTS.minPerGroup, 0, 1_000_000);
  if (minPerGroup > 0 && options.protectedAttributes.length === 0)
    fail('sampling.minPerGroup', 'needs protectedAttributes to name the groups: configure them or remove it');
  const intervalSeconds = whole(
    'sampling.intervalSeconds',
    s.intervalSeconds,
    AUDIT_DEFAULTS.intervalSeconds,
    1,
    7 * 24 * 3600
  );
  const seed = s.seed === undefined ? null : whole('sampling.seed', s.seed, 0, 0, 2 ** 32 - 1);

  const topAttributions = whole('topAttributions', audit.topAttributions, AUDIT_DEFAULTS.topAttributions, 0, 100);
  const maxTracked = whole('maxTracked', audit.maxTracked, AUDIT_DEFAULTS.maxTracked, 0, 1_000_000);
  const provider = audit.loggerProvider as unknown;
  if (provider != null && typeof (provider as { getLogger?: unknown }).getLogger !== 'function')
    fail('loggerProvider', 'must be an OpenTelemetry LoggerProvider (an object with getLogger)');

  return {
    features,
    protectedAttributes,
    identifiers,
    hashPredictionId,
    key,
    keyId,
    rate,
    keepClasses: keepNames.map((n) => options.classes.indexOf(n)),
    nearThreshold,
    minPerGroup,
    intervalMs: intervalSeconds * 1000,
    seed,
    topAttributions,
    maxTracked,
    loggerProvider: (provider as AuditLoggerProvider | null | undefined) ?? null,
  };
}
