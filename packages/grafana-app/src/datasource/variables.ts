import type { MetricFindValue } from '@grafana/data';
import type { CatalogSource, SecondsRange } from './catalog';
import { ModelwatchError } from './errors';

/** The variable queries, with the arguments each takes. */
const FUNCTIONS: Record<
  string,
  { args: string[]; run: (catalog: CatalogSource, args: string[], range?: SecondsRange) => Promise<string[]> }
> = {
  models: { args: [], run: (c, _, r) => c.models(r) },
  versions: { args: ['model'], run: (c, [m], r) => c.versions(m!, r) },
  features: { args: ['model'], run: (c, [m], r) => c.features(m!, r) },
  classes: { args: ['model'], run: (c, [m], r) => c.classes(m!, r) },
  attributes: { args: ['model'], run: (c, [m], r) => c.attributes(m!, r) },
  groups: { args: ['model', 'attribute'], run: (c, [m, a], r) => c.groups(m!, a!, r) },
  segments: { args: ['model'], run: (c, [m], r) => c.segments(m!, r) },
  segmentValues: { args: ['model', 'segment'], run: (c, [m, s], r) => c.segmentValues(m!, s!, r) },
  boundaries: { args: ['model'], run: (c, [m], r) => c.boundaries(m!, r) },
};

export const VARIABLE_QUERIES = Object.entries(FUNCTIONS).map(
  ([name, f]) => `${name}(${f.args.map((a) => `<${a}>`).join(', ')})`
);

export interface VariableQuery {
  name: string;
  args: string[];
}

/** Parses `name(arg, …)`; arguments may be quoted. Throws a one-line error listing the supported queries. */
export function parseVariableQuery(text: string): VariableQuery {
  const match = /^\s*([A-Za-z]+)\s*\(\s*(.*?)\s*\)\s*$/.exec(text);
  const f = match ? FUNCTIONS[match[1]!] : undefined;
  if (!match || !f) {
    throw new ModelwatchError(`Variable query '${text.trim()}' is not one of ${VARIABLE_QUERIES.join(', ')}`);
  }
  const args = match[2] === '' ? [] : match[2]!.split(',').map((a) => a.trim().replace(/^(["'])(.*)\1$/, '$2'));
  if (args.length !== f.args.length || args.some((a) => a === '')) {
    throw new ModelwatchError(
      `Variable query ${match[1]}() takes ${f.args.length ? f.args.map((a) => `<${a}>`).join(', ') : 'no arguments'}, e.g. ${match[1]}(${f.args.map((a) => (a === 'model' ? '$model' : `$${a}`)).join(', ')})`
    );
  }
  return { name: match[1]!, args };
}

/** Runs a parsed variable query against the catalog. */
export async function runVariableQuery(
  catalog: CatalogSource,
  query: VariableQuery,
  range?: SecondsRange
): Promise<MetricFindValue[]> {
  const values = await FUNCTIONS[query.name]!.run(catalog, query.args, range);
  return values.map((text) => ({ text, value: text }));
}
