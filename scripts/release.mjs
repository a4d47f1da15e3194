// Builds the installable artifacts into release/: one npm tarball per published package, the Grafana app
// as a zip Grafana's installer accepts, and SHA256SUMS. `--check` only verifies versions (for CI).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'release');
const published = ['semconv', 'stats', 'promql', 'otel', 'cli'];
const checkOnly = process.argv.includes('--check');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
// The root package.json is the single version source; every workspace and internal range follows it.
const version = readJson(join(root, 'package.json')).version;
const workspaces = [...published.map((p) => `packages/${p}`), 'packages/local-prometheus', 'packages/live-traffic'];
const mismatches = [];
for (const dir of workspaces) {
  const file = join(root, dir, 'package.json');
  const pkg = readJson(file);
  let changed = false;
  const expect = (where, actual, set) => {
    if (actual === version) return;
    mismatches.push(`${dir}: ${where} is ${actual}, expected ${version}`);
    set();
    changed = true;
  };
  expect('version', pkg.version, () => (pkg.version = version));
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    for (const name of Object.keys(pkg[field] ?? {})) {
      if (!name.startsWith('@modelwatch/')) continue;
      expect(`${field}.${name}`, pkg[field][name], () => (pkg[field][name] = version));
    }
  }
  if (changed && !checkOnly) writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}
if (checkOnly) {
  if (mismatches.length > 0) {
    console.error(mismatches.join('\n'));
    process.exit(1);
  }
  console.log(`all workspaces at ${version}`);
  process.exit(0);
}
if (mismatches.length > 0) console.log(`set to ${version}:\n  ${mismatches.join('\n  ')}`);

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
run('npm', ['run', 'build']);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const artifacts = [];
for (const p of published) {
  const dir = join(root, 'packages', p);
  copyFileSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', out, dir]));
  artifacts.push(packed.filename);
}

// Grafana's installer and GF_INSTALL_PLUGINS look for <plugin-id>/plugin.json at the top of the archive.
const pluginId = readJson(join(root, 'packages/grafana-app/src/plugin.json')).id;
const dist = join(root, 'packages/grafana-app/dist');
const entries = {};
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else entries[`${pluginId}/${relative(dist, path).split('\\').join('/')}`] = readFileSync(path);
  }
};
walk(dist);
if (!entries[`${pluginId}/plugin.json`]) throw new Error(`${dist} has no plugin.json: build the Grafana app first`);
const zipName = `${pluginId}-${version}.zip`;
writeFileSync(join(out, zipName), zipSync(entries, { level: 9 }));
artifacts.push(zipName);

const sums = artifacts
  .map(
    (name) =>
      `${createHash('sha256')
        .update(readFileSync(join(out, name)))
        .digest('hex')}  ${name}\n`
  )
  .join('');
writeFileSync(join(out, 'SHA256SUMS'), sums);
console.log(`release/ (${version}):\n  ${artifacts.join('\n  ')}\n  SHA256SUMS`);
