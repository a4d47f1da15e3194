import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../run-cli';
import { promtool } from '../rules/tools';

export const DASHBOARDS_TEST_DIR = __dirname;

export interface Target {
  refId: string;
  datasource?: { type: string; uid: string };
  expr?: string;
  instant?: boolean;
  [field: string]: unknown;
}
export interface Threshold {
  value: number | null;
  color: string;
}
export interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource?: { type: string; uid: string };
  targets?: Target[];
  panels?: Panel[];
  repeat?: string;
  links?: { title: string; url: string }[];
  gridPos: { x: number; y: number; w: number; h: number };
  fieldConfig?: {
    defaults: { thresholds?: { steps: Threshold[] }; links?: unknown[]; unit?: string; min?: number };
    overrides: { matcher: { id: string; options: string }; properties: { id: string; value: unknown }[] }[];
  };
}
export interface Variable {
  name: string;
  type: string;
  query?: string;
  datasource?: { type: string; uid: string };
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
}
export interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  id?: unknown;
  tags: string[];
  panels: Panel[];
  templating: { list: Variable[] };
  annotations: { list: { name: string; expr?: string; datasource?: { type: string; uid: string } }[] };
  links: { title: string; type: string; url?: string; tags?: string[]; includeVars?: boolean; keepTime?: boolean }[];
}

/** `modelwatch dashboards` into `out`; fails with the CLI's own message. Returns file name → parsed dashboard. */
export function generateDashboards(args: string[], out: string): Map<string, Dashboard> {
  const r = cli(['dashboards', ...args, '--out', out]);
  if (r.code !== 0) throw new Error(`modelwatch dashboards ${args.join(' ')} exited ${r.code}:\n${r.stderr}`);
  return readDashboards(out);
}

export function readDashboards(dir: string): Map<string, Dashboard> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return new Map(files.map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Dashboard]));
}

/** Every panel but rows, including those a collapsed row holds. */
export function panelsOf(d: Dashboard): Panel[] {
  return d.panels.flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
}

export function panelTitled(d: Dashboard, title: string): Panel {
  const panel = panelsOf(d).find((p) => p.title === title);
  if (!panel)
    throw new Error(
      `${d.uid} has no panel '${title}'; it has: ${panelsOf(d)
        .map((p) => p.title)
        .join(', ')}`
    );
  return panel;
}

/** Every PromQL text of a dashboard: Prometheus targets, annotation queries, and the selectors of label_values() variables. */
export function promExpressions(d: Dashboard): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  for (const p of panelsOf(d)) {
    for (const t of p.targets ?? [])
      if (t.datasource?.type === 'prometheus' && typeof t.expr === 'string')
        out.push({ where: `${d.uid} panel '${p.title}' ${t.refId}`, expr: t.expr });
  }
  for (const a of d.annotations.list) if (a.expr) out.push({ where: `${d.uid} annotation '${a.name}'`, expr: a.expr });
  for (const v of d.templating.list) {
    const m =
      v.type === 'query' && typeof v.query === 'string' ? /^label_values\((.+), *[a-zA-Z_]+\)$/.exec(v.query) : null;
    if (m) out.push({ where: `${d.uid} variable ${v.name}`, expr: m[1]! });
  }
  return out;
}

/**
 * A dashboard query as Prometheus would receive it: Grafana's range variables become a duration and template
 * variables a value (`values` by name, else `x`), as Grafana interpolates them before sending the query.
 */
export function interpolate(expr: string, values: Record<string, string> = {}): string {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b/g, '5m')
    .replace(
      /\$\{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-z]+)?\}|\$([a-zA-Z_][a-zA-Z0-9_]*)/g,
      (_, a: string | undefined, _f, b: string | undefined) => values[(a ?? b)!] ?? 'x'
    );
}

/** Names of recorded series (`modelwatch:…`) a PromQL text reads. */
export function recordedNames(expr: string): string[] {
  return [...expr.matchAll(/\bmodelwatch:[a-zA-Z0-9_:]+/g)].map((m) => m[0]);
}

/**
 * Checks that every expression parses, through promtool: each becomes a recording rule of one file, and
 * `promtool check rules` parses them all. The failure names the dashboard, panel and query.
 */
export function expectPromQLParses(exprs: { where: string; expr: string }[], scratch: string): void {
  expect(exprs.length).toBeGreaterThan(0);
  const unique = [...new Map(exprs.map((e) => [interpolate(e.expr), e.where])).entries()];
  const file = join(scratch, 'dashboard-queries.rules.yml');
  const rules = unique.map(([expr], i) => ({ record: `dashboard:query_${i}:check`, expr }));
  writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboard-queries', rules }] }));
  const r = promtool(['check', 'rules', file]);
  if (r.code !== 0) {
    const bad = unique.filter(([expr]) => {
      writeFileSync(
        file,
        JSON.stringify({ groups: [{ name: 'one', rules: [{ record: 'dashboard:query:check', expr }] }] })
      );
      return promtool(['check', 'rules', file]).code !== 0;
    });
    throw new Error(
      `promtool rejects ${bad.length} dashboard queries:\n${bad.map(([expr, where]) => `${where}: ${expr}`).join('\n')}\n${r.output}`
    );
  }
  expect(r.output).toMatch(new RegExp(`SUCCESS: ${unique.length} rules found`));
}
