import type { ScopedVars } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import type { BurnWindow, MlQuery } from './types';

export type Replace = (text: string, scopedVars?: ScopedVars, format?: string) => string;

/** Grafana's template service, or no replacement where none is registered (a processor test, say). */
export function templateReplace(): Replace {
  const srv = getTemplateSrv() as ReturnType<typeof getTemplateSrv> | undefined;
  return srv ? (text, scopedVars, format) => srv.replace(text, scopedVars, format) : (text) => text;
}

/** Fields that are not query options. */
const NOT_OPTIONS = new Set(['refId', 'datasource', 'key', 'hide', 'levels']);

/**
 * Replaces template variables in every string of a query. `version` is a regex over model_version, so
 * multi-value variables become `(a|b)` there; lists (metrics) take each value of a multi-value variable.
 */
export function interpolateQuery(query: MlQuery, replace: Replace, scopedVars?: ScopedVars): MlQuery {
  const out: Record<string, unknown> = { ...query };
  for (const [key, value] of Object.entries(query)) {
    if (NOT_OPTIONS.has(key)) {
      continue;
    }
    if (typeof value === 'string') {
      out[key] = replace(value, scopedVars, key === 'version' ? 'regex' : undefined);
    } else if (key === 'burnWindows' && Array.isArray(value)) {
      out[key] = (value as BurnWindow[]).map((w) => ({
        ...w,
        long: replace(w.long, scopedVars),
        short: replace(w.short, scopedVars),
        burnRate: typeof w.burnRate === 'string' ? Number(replace(w.burnRate, scopedVars)) : w.burnRate,
      }));
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      out[key] = (value as string[])
        .flatMap((v) => replace(v, scopedVars, 'csv').split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '');
    }
  }
  return out as unknown as MlQuery;
}

/** Whether a query uses template variables (Grafana asks, to know when a dashboard change reruns it). */
export function hasTemplateVariables(query: MlQuery): boolean {
  return JSON.stringify({ ...query, refId: '', datasource: undefined }).includes('$');
}
