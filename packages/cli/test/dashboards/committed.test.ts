import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT, scratchDir } from '../run-cli';

// The repository ships generated dashboards: dashboards/ (the lending example's) and the app's bundled ones.
// They must be exactly what the generator writes now, or a change to the generator has not been applied.
const CASES = [
  {
    dir: 'dashboards',
    args: ['--config', 'examples/lending/modelwatch.yaml'],
  },
  {
    dir: 'packages/grafana-app/src/dashboards',
    args: ['--plugin'],
  },
];

const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(CASES)('$dir', ({ dir, args }) => {
  const out = join(scratch, dir.replaceAll('/', '_'));
  const run = (to: string) => {
    const r = cli(['dashboards', ...args, '--out', to]);
    if (r.code !== 0) throw new Error(`modelwatch dashboards exited ${r.code}: ${r.stderr}`);
    return readdirSync(to).sort();
  };

  it('holds exactly the files the generator writes, byte for byte', () => {
    const generated = run(out);
    const committed = readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.json'))
      .sort();
    const hint = 'Run `npm run build && node deploy/generate.mjs` and review the diff.';
    if (committed.join() !== generated.join())
      throw new Error(`${dir} has [${committed.join(', ')}], the generator writes [${generated.join(', ')}]. ${hint}`);
    for (const file of generated) {
      if (readFileSync(join(ROOT, dir, file), 'utf8') !== readFileSync(join(out, file), 'utf8'))
        throw new Error(`${dir}/${file} differs from what the generator writes. ${hint}`);
    }
  });

  it('is deterministic: a second run writes the same bytes, with no timestamp or version stamp', () => {
    const again = join(scratch, `${dir.replaceAll('/', '_')}-again`);
    const files = run(again);
    for (const file of files) {
      const text = readFileSync(join(again, file), 'utf8');
      expect(text).toBe(readFileSync(join(out, file), 'utf8'));
      expect(text).not.toMatch(/20[0-9]{2}-[01][0-9]-[0-3][0-9]/);
      const d = JSON.parse(text) as { id?: unknown; version?: unknown };
      // Provisioning and import assign these; a fixed one would clash with the target Grafana's.
      expect(d.id).toBeUndefined();
      expect(d.version).toBeUndefined();
    }
  });

  it('writes keys in sorted order at every depth', () => {
    for (const file of readdirSync(out)) {
      const check = (value: unknown, at: string): void => {
        if (Array.isArray(value)) value.forEach((v, i) => check(v, `${at}[${i}]`));
        else if (value !== null && typeof value === 'object') {
          const keys = Object.keys(value);
          expect({ at, keys }).toEqual({ at, keys: [...keys].sort() });
          for (const k of keys) check((value as Record<string, unknown>)[k], `${at}.${k}`);
        }
      };
      check(JSON.parse(readFileSync(join(out, file), 'utf8')), file);
    }
  });
});
