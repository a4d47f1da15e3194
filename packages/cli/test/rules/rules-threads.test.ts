import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fleetConfig } from '../../bench/fleet-config';
import { ruleThreads, runRules } from '../../src/commands/rules';
import { cli, scratchDir } from '../run-cli';

// A fleet large enough for `modelwatch rules` to share among threads must get the very files one thread
// writes: same names, same bytes.
const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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

it('shares a fleet among threads only when each thread gets enough of it', () => {
  expect(ruleThreads(100_000, 8)).toBe(1);
  expect(ruleThreads(600_000, 1)).toBe(1);
  expect(ruleThreads(600_000, 8)).toBe(2);
  expect(ruleThreads(50_000_000, 8)).toBe(4);
});

it.each([[[]], [['--recording-only']]])('writes with threads what one thread writes (%j)', (flags: string[]) => {
  const config = join(scratch, 'fleet.yaml');
  writeFileSync(config, fleetConfig(720));
  expect(ruleThreads(statSync(config).size, 2)).toBe(2);
  const one = join(scratch, `one${flags.length}`);
  const shared = join(scratch, `shared${flags.length}`);
  const paths = runRules({ config, out: one, recordingOnly: flags.length > 0 });
  const r = cli(['rules', ...flags, '--config', config, '--out', shared]);
  expect(r.code).toBe(0);
  expect(digest(shared)).toEqual(digest(one));
  expect(digest(one).files).toBe(paths.length);
  expect(r.stderr.trim().split('\n')).toEqual(paths.map((p) => `wrote ${p.replace(one, shared)}`));
});
