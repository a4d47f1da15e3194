// The README's lending follow-up is what a newcomer types first after `npm ci && npm run demo`; it is run here
// exactly as printed, so a change that breaks it (an unlinked bin, a renamed flag) fails the suite.
// The commands run the built CLI, so the build must come first (`npm test` does it).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const PROFILE = resolve(ROOT, 'profile.json');

function lendingCommands(): string {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  const lending = blocks.filter((block) => block.includes('modelwatch profile --data examples/lending'));
  expect(lending).toHaveLength(1);
  return lending[0]!;
}

describe('the README lending commands', () => {
  // The profile command writes profile.json to the working directory, as printed; a user's own copy survives.
  const previous = existsSync(PROFILE) ? readFileSync(PROFILE) : undefined;
  afterAll(() => {
    if (previous === undefined) rmSync(PROFILE, { force: true });
    else writeFileSync(PROFILE, previous);
  });

  it('profile the reference data and check the undrifted half, as printed', () => {
    const commands = lendingCommands();
    expect(commands).toContain('npx modelwatch check --reference profile.json');
    // errexit so a failing profile command is not hidden by the check that follows.
    const run = spawnSync('bash', ['-e', '-c', commands], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).not.toContain('could not determine executable');
    expect(run.stderr).toContain('wrote profile.json: 15 columns from 1190 rows');
    expect(run.stdout).toContain('Modelwatch check — reference 1190 rows, current 1190 rows');
    // Exit 1 is a violation, the disparity the README describes, not a failure to run.
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^2 violations:$/m);
    expect(run.stdout).toMatch(/WARNING +performance\.f1\.drop/);
    expect(run.stdout).toMatch(/WARNING +fairness\.disparateImpact .* 0\.2778 < warning level 0\.8/);
    // No drift on the undrifted half, as the README says.
    expect(run.stdout).not.toMatch(/(WARNING|CRITICAL) +drift\./);
  });
});
