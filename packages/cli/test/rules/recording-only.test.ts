// Teams that alert from Grafana still need the recorded series in Prometheus, without Prometheus' own alerts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cli, EXAMPLE, scratchDir } from '../run-cli';
import { expectValidRules, generateRules } from './tools';

interface RuleFile {
  groups: { name: string; rules: ({ record: string } | { alert: string })[] }[];
}

const CONFIG = join(EXAMPLE, '..', 'modelwatch.yaml');

describe('modelwatch rules --recording-only', () => {
  const out = scratchDir();
  const r = cli(['rules', '--config', CONFIG, '--out', out, '--recording-only']);
  const all = generateRules(CONFIG, scratchDir());

  it('writes every recording rule and no alerting rule, in valid files', () => {
    expect(r.code).toBe(0);
    const file = join(out, 'mortgage-approval.rules.yml');
    const recordingOnly = parse(readFileSync(file, 'utf8')) as RuleFile;
    const full = parse(readFileSync(all[0]!, 'utf8')) as RuleFile;
    const records = (f: RuleFile): string[] =>
      f.groups.flatMap((g) => g.rules.filter((x) => 'record' in x).map((x) => JSON.stringify(x)));
    expect(recordingOnly.groups.flatMap((g) => g.rules).filter((x) => 'alert' in x)).toEqual([]);
    expect(records(recordingOnly)).toEqual(records(full));
    expect(full.groups.flatMap((g) => g.rules).some((x) => 'alert' in x)).toBe(true);
    expectValidRules([file]);
  });
});
