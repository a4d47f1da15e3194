// Regenerates every file the repository ships that `modelwatch` generates: the lending example's dashboards,
// the app's bundled dashboards, the stack's Prometheus rules, Grafana alert rules and dashboards (from the demo's
// config, whose windows are a minute long), and the JSON Schema and reference page of modelwatch.yaml. Run after `npm run build`:  node deploy/generate.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/bin.js');
const LENDING = 'examples/lending/modelwatch.yaml';
const DEMO = 'examples/lending/demo/modelwatch.yaml';

function modelwatch(args, out) {
  const r = spawnSync(process.execPath, [cli, ...args, '--out', out], { cwd: root, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    process.stderr.write(
      `modelwatch ${args.join(' ')}: ${(r.stderr || r.error?.message || '').trim() || 'failed'} (run "npm run build" first)\n`
    );
    process.exit(r.status || 1);
  }
}

/** Replaces the generated files of a directory (files named like the generator's output), keeping the others. */
function replace(args, dir, { drop = [] } = {}) {
  const out = mkdtempSync(join(tmpdir(), 'modelwatch-generate-'));
  modelwatch(args, out);
  const fresh = readdirSync(out).filter((f) => !drop.includes(f));
  const target = join(root, dir);
  for (const f of readdirSync(target))
    if (/\.(json|rules\.yml)$/.test(f) && !fresh.includes(f)) rmSync(join(target, f));
  for (const f of fresh) copyFileSync(join(out, f), join(target, f));
  rmSync(out, { recursive: true, force: true });
  process.stderr.write(`${dir}: ${fresh.join(', ')}\n`);
}

replace(['dashboards', '--config', LENDING], 'dashboards');
replace(['dashboards', '--plugin'], 'packages/grafana-app/src/dashboards');
replace(['rules', '--config', DEMO], 'deploy/prometheus/rules');
// The stack's Grafana alerts are Modelwatch's alone, so it takes the whole policy tree. It has its own contact
// points (contact-points.yaml): the generator's example ones are left out, and so is the routes snippet, which
// is for pasting into an existing tree, not a provisioning file.
replace(['alerts', '--grafana', '--replace-policy-tree', '--config', DEMO], 'provisioning/alerting', {
  drop: ['modelwatch-contact-points.yaml', 'modelwatch-notification-routes.snippet.yaml'],
});
replace(['dashboards', '--config', DEMO], 'deploy/grafana/dashboards');
// The config's JSON Schema (editor completion) and its reference page, both from the zod schema.
modelwatch(['schema'], join(root, 'schemas/modelwatch.schema.json'));
modelwatch(['schema', '--markdown', '--example', LENDING], join(root, 'docs/configuration.md'));
process.stderr.write('schemas/modelwatch.schema.json, docs/configuration.md\n');
