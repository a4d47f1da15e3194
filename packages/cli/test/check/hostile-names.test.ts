import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, scratchDir } from '../run-cli';

// Column, class and group names that are also members of every JavaScript object are reported like any other,
// in the table as in the JSON report (bad-input.test.ts checks the JSON).
const dir = scratchDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csv(name: string, shift: number): string {
  const rows = Array.from({ length: 120 }, (_, i) => {
    const group = ['__proto__', 'toString', 'constructor'][i % 3];
    return `${(i % 10) + shift},${i % 2 ? 'valueOf' : 'hasOwnProperty'},${group},${i % 4 ? 'toString' : '__proto__'},${(i % 7) / 7}`;
  });
  const file = join(dir, name);
  writeFileSync(file, ['__proto__,constructor,grp,label,score', ...rows].join('\n'));
  return file;
}

it('the table lists every column, every group and the violations on them', () => {
  const args = ['--label', 'label', '--positive', '__proto__', '--score', 'score', '--protected', 'grp'];
  const r = cli([
    'check',
    '--reference',
    csv('ref.csv', 0),
    '--current',
    csv('cur.csv', 5),
    ...args,
    '--format',
    'table',
  ]);
  expect(r.stderr).toBe('');
  const lines = r.stdout.split('\n');
  const drift = lines.slice(lines.indexOf('Drift'));
  for (const column of ['__proto__ ', 'constructor ', 'grp (protected) ', 'label (label) '])
    expect(drift.some((l) => l.startsWith(column))).toBe(true);
  const fairness = lines.slice(lines.indexOf('Fairness by grp'));
  for (const group of ['__proto__ ', 'toString ', 'constructor '])
    expect(fairness.some((l) => l.startsWith(group) && /\d+\s+\d/.test(l))).toBe(true);
  expect(r.stdout).toMatch(/drift\.psi\s+PSI of '__proto__'/);
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('drifted');
});
