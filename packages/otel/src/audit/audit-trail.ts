import { ROOT_CONTEXT, context as contextApi, trace, type Context, type SpanContext } from '@opentelemetry/api';
import { AUDIT_ATTR, AUDIT_DEFAULTS, AUDIT_EVENT, BIN } from '@modelwatch/semconv';
import type { ReferenceProfile } from '@modelwatch/stats';
import { ownValue, recordObject } from '../attributes/own-property.js';
import type { ResolvedOptions } from '../config/resolve-options.js';
import type { AttributeCounts } from '../counts.js';
import type { Containment } from '../safety/containment.js';
import { logsApi, nodeCrypto, type LogsApi, type NodeCrypto } from './builtins.js';
import {
  resolveAudit,
  type AuditLogger,
  type AuditLoggerProvider,
  type AuditValue,
  type ResolvedAudit,
} from './options.js';
import { AuditSampler } from './sampler.js';

/** OpenTelemetry's SeverityNumber.INFO: a decision is a normal event, not a problem. */
const SEVERITY_INFO = 9;

type Primitive = string | number | boolean;

/** What a sampled decision leaves behind for its outcome event. */
interface Tracked {
  at: number;
  probability: number;
  rule: string;
  spanContext: SpanContext | undefined;
}

/**
 * The audit side of a monitor: samples predictions and emits the minimised `modelwatch.decision` and
 * `modelwatch.outcome` log events. Only names on the allowlists are read off a record; identifiers leave as keyed
 * hashes. Every method contains its own failures: auditing never costs the service a prediction.
 */
export class AuditTrail {
  private readonly audit: ResolvedAudit;
  private readonly crypto: NodeCrypto;
  private readonly sampler: AuditSampler;
  private readonly logs: LogsApi | null;
  private provider: AuditLoggerProvider | null = null;
  private logger: AuditLogger | null = null;
  /**
   * Sampled decisions awaiting their outcome: a ring of at most maxTracked entries, the newest overwriting the
   * oldest, and an index from id to ring slot. (Evicting through a Map's insertion order instead measured tens of
   * microseconds per event: V8's iterator walks past every deleted entry at the front.)
   */
  private readonly ringIds: (string | undefined)[] = [];
  private readonly ringEntries: (Tracked | undefined)[] = [];
  private ringNext = 0;
  private readonly trackedSlot = new Map<string, number>();
  private readonly labels: readonly string[];
  private readonly attributionAllowed: Set<string>;

  constructor(
    value: unknown,
    private readonly options: ResolvedOptions,
    profile: ReferenceProfile,
    slices: readonly AttributeCounts[],
    private readonly safety: Containment
  ) {
    this.crypto = nodeCrypto();
    this.audit = resolveAudit(value, options, profile, () => this.crypto);
    this.logs = this.audit.loggerProvider === null ? logsApi((import.meta as { url: string }).url) : null;
    const groups: { slice: number; offset: number }[] = [];
    let total = 0;
    slices.forEach((s, j) => {
      if (s.kind !== 'group') return;
      groups.push({ slice: j, offset: total });
      total += s.values.slots;
    });
    const seed = this.audit.seed ?? this.crypto.randomInt(2 ** 32 - 1);
    this.sampler = new AuditSampler(this.audit, options.classes.length + 1, options.threshold, groups, total, seed);
    this.labels = options.classes;
    this.attributionAllowed = new Set([...this.audit.features, ...this.audit.protectedAttributes]);
  }

  /**
   * Called by recordPrediction after counting: `predicted` is the class index (classification) or value
   * (regression), `slots[base + j]` the value slot of slice j.
   */
  decision(
    id: string,
    record: object,
    features: object | undefined,
    attributes: object | undefined,
    score: number | undefined,
    predicted: number,
    durationSeconds: unknown,
    slots: Int32Array,
    base: number,
    nowMs: number
  ): void {
    try {
      const classification = this.options.task === 'classification';
      if (!this.sampler.sample(nowMs, classification ? predicted : -1, score, slots, base)) return;
      const { probability, rule } = this.sampler.result;
      const a = this.audit;
      const attrs: Record<string, AuditValue> = this.common(id, probability, rule);
      if (score !== undefined && score === score) attrs[AUDIT_ATTR.score] = score;
      if (classification) {
        attrs[AUDIT_ATTR.prediction] = this.labels[predicted] ?? BIN.other;
        if (this.labels.length === 2) attrs[AUDIT_ATTR.threshold] = this.options.threshold;
      } else if (predicted === predicted) {
        attrs[AUDIT_ATTR.prediction] = predicted;
      }
      if (typeof durationSeconds === 'number' && durationSeconds >= 0 && durationSeconds < Infinity)
        attrs[AUDIT_ATTR.duration] = durationSeconds;
      if (a.features.length > 0 && features !== undefined) {
        const out = this.pick(a.features, (n) => ownValue(features, n));
        if (out !== null) attrs[AUDIT_ATTR.features] = out;
      }
      if (a.protectedAttributes.length > 0) {
        const out = this.pick(a.protectedAttributes, (n) => this.fieldOf(attributes, features, n));
        if (out !== null) attrs[AUDIT_ATTR.protected] = out;
      }
      if (a.identifiers.length > 0) {
        let subject: Record<string, string> | null = null;
        for (const n of a.identifiers) {
          const v = this.fieldOf(attributes, features, n);
          if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint') continue;
          (subject ??= {})[n] = this.pseudonym(String(v));
        }
        if (subject !== null) attrs[AUDIT_ATTR.subject] = subject;
      }
      const reasons = this.reasons(ownValue(record, 'reasons'));
      if (reasons !== null) attrs[AUDIT_ATTR.reasons] = reasons;
      if (a.topAttributions > 0) {
        const top = this.topAttributions(ownValue(record, 'attributions'));
        if (top !== null) attrs[AUDIT_ATTR.attributions] = top;
      }
      const active = contextApi.active();
      this.emit(AUDIT_EVENT.decision, attrs, active);
      if (a.maxTracked > 0) this.track(id, { at: nowMs, probability, rule, spanContext: trace.getSpanContext(active) });
    } catch (e) {
      this.safety.contain('record', e);
    }
  }

  /** Called when an outcome joins prediction `id`: emits its event if that decision was sampled. */
  outcome(id: string, actual: unknown, nowMs: number): void {
    try {
      const slot = this.trackedSlot.get(id);
      if (slot === undefined) return;
      this.trackedSlot.delete(id);
      const t = this.ringEntries[slot]!;
      this.ringIds[slot] = undefined;
      this.ringEntries[slot] = undefined;
      if (nowMs - t.at > this.options.ttlMs) return;
      const attrs = this.common(id, t.probability, t.rule);
      if (typeof actual === 'string') attrs[AUDIT_ATTR.actual] = this.cut(actual, AUDIT_DEFAULTS.maxValueLength);
      else if (typeof actual === 'number' || typeof actual === 'boolean') attrs[AUDIT_ATTR.actual] = actual;
      // In the decision's trace, so the outcome sits next to the decision it settles.
      const ctx = t.spanContext === undefined ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, t.spanContext);
      this.emit(AUDIT_EVENT.outcome, attrs, ctx);
    } catch (e) {
      this.safety.contain('record', e);
    }
  }

  private common(id: string, probability: number, rule: string): Record<string, AuditValue> {
    const attrs: Record<string, AuditValue> = {
      [AUDIT_ATTR.modelName]: this.options.model.name,
      [AUDIT_ATTR.modelVersion]: this.options.model.version,
      [AUDIT_ATTR.predictionId]: this.audit.hashPredictionId ? this.pseudonym(id) : id,
      [AUDIT_ATTR.samplingProbability]: probability,
      [AUDIT_ATTR.samplingRule]: rule,
    };
    if (this.audit.keyId !== null) attrs[AUDIT_ATTR.keyId] = this.audit.keyId;
    return attrs;
  }

  private emit(eventName: string, attributes: Record<string, AuditValue>, ctx: Context): void {
    this.currentLogger().emit({
      eventName,
      timestamp: Date.now(),
      severityNumber: SEVERITY_INFO,
      severityText: 'INFO',
      attributes,
      context: ctx,
    });
  }

  /**
   * The logger of the configured provider, or of the global one as it is now: looked up per event (events are
   * sampled, so this is rare) so a provider registered after the monitor was built is followed.
   */
  private currentLogger(): AuditLogger {
    const provider = this.audit.loggerProvider ?? this.logs!.getLoggerProvider();
    if (provider !== this.provider || this.logger === null) {
      this.logger = provider.getLogger(AUDIT_DEFAULTS.loggerName);
      this.provider = provider;
    }
    return this.logger;
  }

  private track(id: string, t: Tracked): void {
    const slot = this.ringNext;
    this.ringNext = slot + 1 === this.audit.maxTracked ? 0 : slot + 1;
    const evicted = this.ringIds[slot];
    // The id may have been tracked again since (a service reusing its ids): then its newer slot stays.
    if (evicted !== undefined && this.trackedSlot.get(evicted) === slot) this.trackedSlot.delete(evicted);
    const previous = this.trackedSlot.get(id);
    if (previous !== undefined) {
      this.ringIds[previous] = undefined;
      this.ringEntries[previous] = undefined;
    }
    this.ringIds[slot] = id;
    this.ringEntries[slot] = t;
    this.trackedSlot.set(id, slot);
  }

  /** HMAC-SHA-256 of the value's UTF-8 under the audit key, as lowercase hex. */
  private pseudonym(value: string): string {
    return this.crypto.createHmac('sha256', this.audit.key!).update(value, 'utf8').digest('hex');
  }

  /** A protected attribute or identifier: from the record's attributes, else its features (as the monitor reads them). */
  private fieldOf(attributes: object | undefined, features: object | undefined, name: string): unknown {
    const v = attributes === undefined ? undefined : ownValue(attributes, name);
    return v === undefined && features !== undefined ? ownValue(features, name) : v;
  }

  /** The allowlisted names' primitive values; anything else (objects, functions, missing) is left out. */
  private pick(names: readonly string[], read: (name: string) => unknown): Record<string, Primitive> | null {
    let out: Record<string, Primitive> | null = null;
    for (const n of names) {
      const v = read(n);
      let value: Primitive;
      if (typeof v === 'string') value = this.cut(v, AUDIT_DEFAULTS.maxValueLength);
      // JSON has no NaN or Infinity: non-finite numbers travel as their names.
      else if (typeof v === 'number') value = v - v === 0 ? v : String(v);
      else if (typeof v === 'boolean') value = v;
      else continue;
      (out ??= {})[n] = value;
    }
    return out;
  }

  private reasons(value: unknown): string[] | null {
    if (!Array.isArray(value) || value.length === 0) return null;
    const out: string[] = [];
    const n = Math.min(value.length, AUDIT_DEFAULTS.maxReasons);
    for (let i = 0; i < n; i++) {
      const v: unknown = value[i];
      if (typeof v === 'string' && v !== '') out.push(this.cut(v, AUDIT_DEFAULTS.maxReasonLength));
    }
    return out.length > 0 ? out : null;
  }

  /** The k attributions of largest magnitude among allowlisted names, as name -> value. */
  private topAttributions(value: unknown): Record<string, number> | null {
    const given = recordObject(value);
    if (given === undefined) return null;
    const entries: [string, number][] = [];
    for (const name of this.attributionAllowed) {
      const v = ownValue(given, name);
      if (typeof v === 'number' && v - v === 0) entries.push([name, v]);
    }
    if (entries.length === 0) return null;
    entries.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]) || (x[0] < y[0] ? -1 : 1));
    const out: Record<string, number> = {};
    for (const [name, v] of entries.slice(0, this.audit.topAttributions)) out[name] = v;
    return out;
  }

  private cut(text: string, max: number): string {
    return text.length > max ? text.slice(0, max) : text;
  }
}
