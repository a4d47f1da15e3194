import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fleetConfig } from '../../bench/fleet-config';
import { cli, scratchDir } from '../run-cli';
import { promtool, RULES_TEST_DIR } from './tools';

// What `rules`, `alerts` and `dashboards` write for two varied fleets (bench/fleet-config.ts: every area on and
// off, version entries, regression models, names that need hashed uids, `{{`, `$` and `__proto__` in the config)
// must stay byte for byte what the generator wrote before it was made to scale: the files are too many to commit,
// so their sha256 is. A change to what the rules say changes the hashes: review the lending and options golden
// files (golden.test.ts), then accept with `npm run build && UPDATE_GOLDEN=1 npx jest packages/cli/test/rules/fleet-golden.test.ts`.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const MANIFEST = join(RULES_TEST_DIR, 'golden/fleet.sha256.json');
const FLEETS = [
  { name: 'fleet-60', text: fleetConfig(60) },
  { name: 'fleet-otlp-25', text: fleetConfig(25, 'otlp') },
];
const RUNS: Record<string, string[]> = {
  rules: ['rules'],
  recording: ['rules', '--recording-only'],
  alerts: ['alerts'],
  tree: ['alerts', '--grafana', '--replace-policy-tree'],
  dashboards: ['dashboards'],
};

type Digest = Record<string, { files: number; sha256: string }>;

const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One hash over the names and bytes of a directory's files, in name order. */
function digest(dir: string): { files: number; sha256: string } {
  const files = readdirSync(dir).sort();
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(dir, file)))
      .update('\0');
  return { files: files.length, sha256: hash.digest('hex') };
}

const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Digest | string>;
const generated: Record<string, Digest> = {};

describe.each(FLEETS)('$name', ({ name, text }) => {
  const dir = join(scratch, name);
  beforeAll(() => {
    const config = join(scratch, `${name}.yaml`);
    writeFileSync(config, text);
    generated[name] = {};
    for (const [out, args] of Object.entries(RUNS)) {
      const r = cli([...args, '--config', config, '--out', join(dir, out)]);
      if (r.code !== 0) throw new Error(`modelwatch ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      generated[name]![out] = digest(join(dir, out));
    }
  });

  it('writes exactly the bytes it wrote before', () => {
    if (UPDATE) {
      manifest[name] = generated[name]!;
      writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
      return;
    }
    expect(generated[name]).toEqual(manifest[name]);
  });

  it('writes rule files promtool accepts', () => {
    const rules = join(dir, 'rules');
    const files = readdirSync(rules).map((f) => join(rules, f));
    expect(files.length).toBeGreaterThan(20);
    const r = promtool(['check', 'rules', ...files]);
    if (r.code !== 0) throw new Error(`promtool check rules exited ${r.code}:\n${r.output.slice(0, 2000)}`);
  });
});
