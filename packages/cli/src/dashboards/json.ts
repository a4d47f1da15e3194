import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';

/**
 * A copy with object keys in code-point order and undefined members left out, so the written file depends on
 * the content only (not on the order in which builders happened to set keys) and diffs between two
 * generations show real changes.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (value !== null && typeof value === 'object') {
    // No prototype: a key such as __proto__ (a name from the config) stays an ordinary key.
    const out: Record<string, unknown> = Object.create(null);
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

const GRID_WIDTH = 24;

/**
 * Places panels left to right in the order added, starting a new line when the next one would not fit and
 * at every row. (The SDK's own cursor lets a panel run past the grid's 24 columns when a line is not full.)
 */
function flow(panels: readonly (Panel | RowPanel)[]): void {
  let x = 0;
  let y = 0;
  let lineHeight = 0;
  for (const panel of panels) {
    const pos = panel.gridPos ?? { x: 0, y: 0, w: GRID_WIDTH, h: 1 };
    const newLine = panel.type === 'row' || x + pos.w > GRID_WIDTH;
    if (newLine && x > 0) {
      y += lineHeight;
      x = 0;
      lineHeight = 0;
    }
    panel.gridPos = { ...pos, x, y };
    if (panel.type === 'row') {
      y += pos.h;
      continue;
    }
    x += pos.w;
    lineHeight = Math.max(lineHeight, pos.h);
  }
}

/** The file text of a dashboard: laid out, numbered panels, canonical key order, two-space indentation, final newline. */
export function dashboardJson(dashboard: Dashboard): string {
  flow(dashboard.panels ?? []);
  numberPanels(dashboard.panels ?? []);
  return `${canonicalJson(dashboard) ?? JSON.stringify(canonical(dashboard), null, 2)}\n`;
}

/**
 * `JSON.stringify(canonical(value), null, 2)` written in one pass, without the sorted copy: a fleet's thousands
 * of dashboards spent most of their time copying. Null for a value it does not write exactly as that (a symbol,
 * a bigint, a function in a list, an object with toJSON), which the caller then writes the copying way.
 */
export function canonicalJson(value: unknown, indent = ''): string | null {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return null;
  }
  if (value === null) return 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return null;
  const inner = `${indent}  `;
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      const text = item === undefined ? 'null' : canonicalJson(item, inner);
      if (text === null) return null;
      parts.push(text);
    }
    return parts.length === 0 ? '[]' : `[\n${inner}${parts.join(`,\n${inner}`)}\n${indent}]`;
  }
  for (const key of propertyOrder(Object.keys(value).sort())) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function') continue;
    const text = canonicalJson(v, inner);
    if (text === null) return null;
    parts.push(`${JSON.stringify(key)}: ${text}`);
  }
  return parts.length === 0 ? '{}' : `{\n${inner}${parts.join(`,\n${inner}`)}\n${indent}}`;
}

/** An array index as a property key: objects list these first, in numeric order, whatever the insertion order. */
const isIndex = (key: string): boolean => /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1;

/** The order in which an object built with these (sorted) keys lists them, as the canonical copy is. */
function propertyOrder(sorted: string[]): string[] {
  if (!sorted.some(isIndex)) return sorted;
  const indices = sorted.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...sorted.filter((k) => !isIndex(k))];
}
