// Grafana's templateSrv for a dashboard with fixed variables: $name, ${name}, ${name:format} and [[name]] are
// replaced from the scoped variables first, then from the dashboard's.
import type { ScopedVars, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

const VARIABLE = /\$(\w+)|\$\{(\w+)(?::(\w+))?\}|\[\[(\w+)\]\]/g;

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class HarnessTemplateSrv implements TemplateSrv {
  constructor(private readonly variables: Record<string, string>) {}

  getVariables(): TypedVariableModel[] {
    return [];
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | ((value: string) => unknown)): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(VARIABLE, (match, a?: string, b?: string, inlineFormat?: string, c?: string) => {
      const name = (a ?? b ?? c)!;
      const scoped = scopedVars?.[name]?.value;
      const value = scoped !== undefined ? String(scoped) : this.variables[name];
      if (value === undefined) {
        return match;
      }
      const how = inlineFormat ?? format;
      if (typeof how === 'function') {
        return String(how(value));
      }
      return how === 'regex' ? escapeRegex(value) : value;
    });
  }

  containsTemplate(target?: string): boolean {
    return target !== undefined && new RegExp(VARIABLE.source).test(target);
  }

  updateTimeRange(): void {}
}
