// Grafana's template service reduced to what a datasource asks of it: `$name` and `${name}` replaced from the
// scoped variables and from dashboard variables given here, with the `regex` and `csv` formats for lists.
import type { ScopedVars, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

const escapeRegex = (v: string): string => v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function scopedTemplateSrv(variables: Record<string, string | string[]> = {}): TemplateSrv {
  const replace = (text?: string, scopedVars?: ScopedVars, format?: string | ((value: unknown) => unknown)): string =>
    (text ?? '').replace(/\$\{(\w+)\}|\$(\w+)/g, (match, braced: string | undefined, plain: string | undefined) => {
      const name = (braced ?? plain)!;
      const value = scopedVars?.[name]?.value ?? variables[name];
      if (value === undefined) {
        return match;
      }
      const list = (Array.isArray(value) ? value : [value]).map(String);
      if (format === 'regex') {
        return list.length === 1 ? escapeRegex(list[0]!) : `(${list.map(escapeRegex).join('|')})`;
      }
      if (format === 'csv' || list.length === 1) {
        return list.join(',');
      }
      return `{${list.join(',')}}`;
    });
  return {
    replace,
    getVariables: () =>
      Object.keys(variables).map((name) => ({ name, type: 'custom' }) as unknown as TypedVariableModel),
    containsTemplate: (target?: string) => /\$\w+|\$\{\w+\}/.test(target ?? ''),
    updateTimeRange: () => {},
  } as TemplateSrv;
}
