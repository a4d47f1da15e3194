import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from '../run-cli';

// Editors show the JSON Schema's descriptions as tooltips and docs/configuration.md is generated from the same
// schema: both must follow config.ts, and no key may be left without a description.
const HOW_TO_UPDATE = 'Run `npm run generate` and review `git diff docs/configuration.md schemas`.';

interface Node {
  description?: string;
  properties?: Record<string, Node>;
  items?: Node;
  additionalProperties?: Node | boolean;
  anyOf?: Node[];
}

/** Paths of the keys without a description, walking objects, list items, map values and nullable unions. */
function undescribed(node: Node, path: string): string[] {
  const missing: string[] = [];
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const at = path ? `${path}.${name}` : name;
    if (!child.description?.trim()) missing.push(at);
    missing.push(...undescribed(child, at));
  }
  if (node.items) missing.push(...undescribed(node.items, `${path}[]`));
  if (typeof node.additionalProperties === 'object')
    missing.push(...undescribed(node.additionalProperties, `${path}.<name>`));
  for (const branch of node.anyOf ?? []) missing.push(...undescribed(branch, path));
  return missing;
}

function firstDifference(a: string, b: string): string {
  const lines = [a.split('\n'), b.split('\n')];
  const i = lines[0]!.findIndex((line, k) => line !== lines[1]![k]);
  return `line ${(i < 0 ? lines[0]!.length : i) + 1}`;
}

it('docs/configuration.md is what `modelwatch schema --markdown` prints', () => {
  const r = cli(['schema', '--markdown', '--example', 'examples/lending/modelwatch.yaml']);
  expect(r.code).toBe(0);
  const committed = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');
  if (committed !== r.stdout)
    throw new Error(
      `docs/configuration.md is out of date, first at ${firstDifference(committed, r.stdout)}\n${HOW_TO_UPDATE}`
    );
});

// golden.test.ts checks that schemas/modelwatch.schema.json is what `modelwatch schema` prints.

it('every key of the JSON Schema has a description', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/modelwatch.schema.json'), 'utf8')) as Node;
  const missing = undescribed(schema, '');
  expect(missing).toEqual([]);
  // A walk that finds nothing would pass as well: make sure it reaches the nested keys.
  expect(Object.keys(schema.properties ?? {})).toContain('models');
});

it('the reference lists the deepest keys and shows the example', () => {
  const page = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');
  for (const key of ['models[].drift.psi.warning', 'models[].slos.alerts[].burnRate', 'interval'])
    expect(page).toContain(`| \`${key}\` |`);
  expect(page).toMatch(/do not edit/);
  expect(page).toContain('```yaml');
});
