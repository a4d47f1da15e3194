import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';

/**
 * A copy with object keys in code-point order and undefined members left out, so the written file depends on
 * the content only (not on the order in which builders happened to set keys) and diffs between two
 * generations show real changes.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && typeof v !== 'function') out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** Panel ids in reading order: Grafana needs them unique per dashboard, and stable ids keep links to panels working. */
function numberPanels(panels: readonly (Panel | RowPanel)[]): void {
  let id = 1;
  for (const panel of panels) {
    panel.id = id++;
    if (panel.type === 'row') for (const inner of (panel as RowPanel).panels) inner.id = id++;
  }
}

/** The file text of a dashboard: numbered panels, canonical key order, two-space indentation, final newline. */
export function dashboardJson(dashboard: Dashboard): string {
  numberPanels(dashboard.panels ?? []);
  return `${JSON.stringify(canonical(dashboard), null, 2)}\n`;
}
