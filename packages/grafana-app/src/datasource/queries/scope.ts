import type { Scope } from '@modelwatch/promql';
import type { Naming } from '@modelwatch/semconv';

/** The series one query reads: one model, optionally a version regex, in the datasource's naming. */
export function scopeOf(o: { model: string; version?: string; naming: Naming }): Scope {
  return o.version === undefined
    ? { model: o.model, naming: o.naming }
    : { model: o.model, version: o.version, naming: o.naming };
}
