// Installs the release artifacts into a project outside the repository, the way a user would, so a missing
// file in a tarball, a wrong exports map or a README example that no longer runs fails here rather than for them.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import ts from 'typescript';

const root = join(__dirname, '..', '..');
const release = join(root, 'release');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const version = rootPkg.version;
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};
const locked = (name: string): string => {
  const v = lock.packages[`node_modules/${name}`]?.version;
  if (!v) throw new Error(`${name} is not in package-lock.json`);
  return `${name}@${v}`;
};
const pluginId = (
  JSON.parse(readFileSync(join(root, 'packages/grafana-app/src/plugin.json'), 'utf8')) as { id: string }
).id;

let project: string;
let service: ChildProcess | undefined;

beforeAll(() => {
  execFileSync('node', [join(root, 'scripts/release.mjs')], { cwd: root, stdio: 'pipe' });
  project = mkdtempSync(join(tmpdir(), 'modelwatch-install-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  const tarballs = ['semconv', 'stats', 'promql', 'otel', 'cli'].map((p) =>
    join(release, `modelwatch-${p}-${version}.tgz`)
  );
  const otel = [
    '@opentelemetry/api',
    '@opentelemetry/sdk-metrics',
    '@opentelemetry/exporter-prometheus',
    '@opentelemetry/resources',
  ].map(locked);
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs, ...otel], {
    cwd: project,
    stdio: 'pipe',
  });
}, 110_000);

afterAll(() => {
  service?.kill();
  if (project) rmSync(project, { recursive: true, force: true });
});

const modelwatch = (args: string[]): { status: number; stdout: string } => {
  try {
    const stdout = execFileSync(join(project, 'node_modules/.bin/modelwatch'), args, { cwd: project, stdio: 'pipe' });
    return { status: 0, stdout: stdout.toString() };
  } catch (error) {
    const e = error as { status: number; stdout: Buffer };
    return { status: e.status, stdout: e.stdout.toString() };
  }
};

test('the installed CLI runs: --help, profile and check', () => {
  expect(modelwatch(['--help']).stdout).toMatch(/profile/);
  const data = join(root, 'examples/lending/data');
  const target = ['--label', 'deny', '--positive', 'yes', '--score', 'score', '--protected', 'afam'];
  const profile = modelwatch([
    'profile',
    '--data',
    join(data, 'reference.csv'),
    ...target,
    '--out',
    join(project, 'profile.json'),
  ]);
  expect(profile.status).toBe(0);
  const check = modelwatch([
    'check',
    '--reference',
    join(data, 'reference.csv'),
    '--current',
    join(data, 'current-drifted.csv'),
    ...target,
  ]);
  // 1 = violations found: the drifted example data is meant to fail the gate; 2 would be bad input.
  expect([0, 1]).toContain(check.status);
});

// The exporter starts listening asynchronously, so the first scrape may come before its server is up.
const scrape = async (url: string): Promise<string> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await (await fetch(url)).text();
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

test('the otel README example runs as a service and exports drift, performance and fairness', async () => {
  const readme = readFileSync(join(root, 'packages/otel/README.md'), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const rows = readFileSync(join(root, 'examples/lending/data/reference.csv'), 'utf8').trim().split('\n');
  const header = rows[0]!.split(',');
  // The driver only calls what the README exports, so the example itself stays verbatim.
  const driver = `
const header = ${JSON.stringify(header)};
const rows = ${JSON.stringify(rows.slice(1, 301))};
for (const [i, line] of rows.entries()) {
  const values = line.split(',');
  const applicant: Applicant = { applicationId: 'a' + i, afam: '', channel: i % 2 ? 'web' : 'branch' };
  header.forEach((name, j) => { const n = Number(values[j]); applicant[name] = Number.isNaN(n) ? values[j]! : n; });
  await predict(applicant);
  onOutcome(applicant.applicationId, applicant.deny === 'yes' ? 'yes' : 'no');
}
console.log('ready');
// The exporter's server is unref'd; a real service's own server is what keeps it running.
setInterval(() => {}, 1000);
`;
  const js = ts.transpileModule(example! + driver, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  writeFileSync(join(project, 'service.mjs'), js);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn('node', ['service.mjs'], { cwd: project, env: { ...process.env, PORT: String(port) } });
  service = child;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`service exited with ${code}: ${stderr}`)));
  });
  const metrics = await scrape(`http://127.0.0.1:${port}/metrics`);
  expect(metrics).toMatch(/^modelwatch_feature_values_total\{[^}]*\} [1-9]/m);
  expect(metrics).toMatch(/^modelwatch_outcomes_total\{[^}]*\} [1-9]/m);
  expect(metrics).toMatch(/^modelwatch_group_outcomes_total\{[^}]*afam[^}]*\} [1-9]/m);
}, 30_000);

test('the Grafana app zip has the plugin id as its only top-level folder and valid nested plugin.json files', () => {
  const files = unzipSync(readFileSync(join(release, `${pluginId}-${version}.zip`)));
  const names = Object.keys(files);
  expect(new Set(names.map((n) => n.split('/')[0]))).toEqual(new Set([pluginId]));
  const manifests = names.filter((n) => n.endsWith('/plugin.json'));
  expect(manifests).toContain(`${pluginId}/plugin.json`);
  expect(manifests.length).toBeGreaterThan(1);
  for (const name of manifests) {
    const manifest = JSON.parse(Buffer.from(files[name]!).toString('utf8')) as { id?: unknown };
    expect(typeof manifest.id).toBe('string');
  }
});
