import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectOneLineError, ROOT, scratchDir } from '../run-cli';

// Bad input to `modelwatch dashboards`: exit code 2, one line naming the problem and the fix, nothing written.
const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LENDING = join(ROOT, 'examples/lending/modelwatch.yaml');

describe('modelwatch dashboards rejects bad input with one line', () => {
  it('neither --config nor --plugin', () => {
    const out = join(dir, 'none');
    expectOneLineError(['dashboards', '--out', out], 'say what to build', '--config modelwatch.yaml', '--plugin');
    expect(existsSync(out)).toBe(false);
  });

  it('both --config and --plugin', () => {
    const out = join(dir, 'both');
    expectOneLineError(
      ['dashboards', '--plugin', '--config', LENDING, '--out', out],
      '--plugin and --config exclude each other'
    );
    expect(existsSync(out)).toBe(false);
  });

  it('no --out', () => {
    expectOneLineError(['dashboards', '--config', LENDING], "required option '--out <dir>' not specified");
  });

  it('a config that does not exist, or that the rules would refuse too', () => {
    const out = join(dir, 'bad');
    expectOneLineError(['dashboards', '--config', join(dir, 'nope.yaml'), '--out', out], 'nope.yaml', 'no such file');
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, 'models:\n  - name: m\n    drfit: {}\n');
    expectOneLineError(['dashboards', '--config', file, '--out', out], file, 'unknown key models.0.drfit');
    expect(existsSync(out)).toBe(false);
  });

  it('an output directory that cannot be made', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    expectOneLineError(
      ['dashboards', '--plugin', '--out', join(blocker, 'sub')],
      join(blocker, 'sub'),
      'cannot write there'
    );
  });
});
