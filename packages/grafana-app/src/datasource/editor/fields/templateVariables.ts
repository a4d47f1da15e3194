import { getTemplateSrv } from '@grafana/runtime';

/** `$name` of every dashboard variable, offered first in the pickers (none outside a dashboard). */
export function templateVariableNames(): string[] {
  try {
    return getTemplateSrv()
      .getVariables()
      .map((v) => `$${v.name}`);
  } catch {
    return [];
  }
}
