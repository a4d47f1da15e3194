/**
 * Grafana expands environment variables (`$NAME`, `${NAME}`) and its `$__file{…}`/`$__env{…}` providers in the
 * string fields of provisioning files, with `$$` for a literal `$`; a query's `model` and a rule's `annotations`
 * are read raw. So every `$` of another field is doubled, or a `$` in a model name or label would be replaced by
 * an environment variable's value (or a file's content) when Grafana loads the file.
 */
const RAW = new Set(['model', 'annotations']);

export function escapeProvisioningVariables<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\$/g, '$$$$') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => escapeProvisioningVariables(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) out[k] = RAW.has(k) ? v : escapeProvisioningVariables(v);
    return out as T;
  }
  return value;
}
